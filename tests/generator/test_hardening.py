"""Hardening (issue 12): every input path is held to the rules incident files already meet.

One or more regression tests per numbered item of the issue; each failed on the code before its fix.
Builds run in temporary folders only (``tmp_path``, a temporary HOME); nothing touches the network.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree

from generator.build import build_site, load_project
from generator.errors import Severity
from tests.conftest import ProjectFactory, update

NOW = "2026-11-20T12:00:00+08:00"
INCIDENT = """
    title: Withdrawals are slow
    impact: minor
    components: [withdrawals]
    started_at: 2026-11-20T08:00:00+08:00
"""


def at(text: str) -> datetime:
    """An aware time from ISO 8601."""
    return datetime.fromisoformat(text)


def load(project: ProjectFactory, now: str = NOW):
    """Load a project at an explicit now."""
    return load_project(project.root, lambda pinned: at(now))


def errors(project: ProjectFactory, now: str = NOW) -> list:
    """The error diagnostics of a project."""
    return [d for d in load(project, now).diagnostics if d.severity is Severity.ERROR]


def codes(diagnostics) -> set[str]:
    """The codes of some diagnostics."""
    return {d.code for d in diagnostics}


def built(project: ProjectFactory, now: str = NOW):
    """Load and build without MkDocs; the project must have no errors."""
    loaded = load(project, now)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    return build_site(loaded)


def with_incident(project: ProjectFactory, incident: str = INCIDENT) -> ProjectFactory:
    """Add one minor incident with one update."""
    project.incident("2026-11-20-slow", incident,
                     updates={"2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating")})
    return project


def herald(project: ProjectFactory, *args: str, home: Path | None = None, env: dict[str, str] | None = None,
           timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the herald command on a project in a subprocess (temporary HOME unless given)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "HERALD_DEBUG")}
    environ["HOME"] = str(home or project.root.parent / "home")
    environ.update(env or {})
    Path(environ["HOME"]).mkdir(parents=True, exist_ok=True)
    return subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project.root), *args],
                          capture_output=True, text=True, timeout=timeout, env=environ)


# --- 5. Inline JSON (JSON-LD) cannot end its script element or open a comment ------------------------

def test_faq_json_ld_escapes_comment_and_tag_openers(project: ProjectFactory) -> None:
    project.file("site_src/faq/general/_topic.yml", "title: General\n")
    project.file("site_src/faq/general/tricky.md",
                 "---\nquestion: 'Is <!--<script> & </script> safe?'\n---\nAnswer with <b>x</b> & y.\n")
    output = built(with_incident(project))
    html = output.status_pages["faq/index.md"].html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blocks
    for block in blocks:
        assert "<" not in block and ">" not in block and "&" not in block
        data = json.loads(block)
        assert data["mainEntity"][0]["name"] == "Is <!--<script> & </script> safe?"


# --- 12. RSS channel descriptions are plain text -----------------------------------------------------

def test_rss_channel_description_is_plain_text(project: ProjectFactory) -> None:
    config = project.root / "herald.yml"
    config.write_text(config.read_text().replace(
        "name: {en: Example Status, zh: 示例状态}",
        "name: {en: 'Example <script>alert(1)</script> & Co', zh: '示例 <b>状态</b>'}\n"
        "  description: 'Live <img src=x onerror=alert(1)> status'"))
    output = built(with_incident(project))
    feeds = [path for path in output.files if path.endswith(".rss")]
    assert feeds
    for path in feeds:
        channel = etree.fromstring(output.files[path]).find("channel")
        for element in channel.iter():
            if element.tag == "description" and element.getparent() is channel:  # RSS readers take it as HTML
                assert "<" not in (element.text or ""), (path, element.tag, element.text)
    description = etree.fromstring(output.files["feed.rss"]).find("channel/description").text
    assert description == "Every update published on Example alert(1) & Co, newest first."


# --- 13. generated_at is UTC whatever spelling of the instant was given -------------------------------

def test_generated_at_is_the_same_for_every_spelling_of_one_instant(project: ProjectFactory) -> None:
    with_incident(project)
    outputs = [built(project, now) for now in ("2026-11-20T04:00:00Z", "2026-11-20T12:00:00+08:00",
                                              "2026-11-19T23:00:00-05:00")]
    epoch = str(int(at("2026-11-20T04:00:00+00:00").timestamp()))
    from generator.clock import resolve_now
    from_epoch = build_site(load_project(project.root, lambda pinned: resolve_now(None, {"SOURCE_DATE_EPOCH": epoch},
                                                                                  pinned)))
    for path in ("api/herald/record.json", "api/herald/uptime.json"):
        texts = {output.files[path] for output in [*outputs, from_epoch]}
        assert len(texts) == 1, path
        assert json.loads(texts.pop())["generated_at"] == "2026-11-20T04:00:00+00:00"


# --- 4. site.url is an absolute http(s) address that cannot break out of an attribute ----------------

def set_url(project: ProjectFactory, url: str) -> None:
    """Replace site.url in herald.yml (written as a YAML single-quoted string)."""
    config = project.root / "herald.yml"
    quoted = "'" + url.replace("'", "''") + "'"
    config.write_text(config.read_text().replace("url: https://status.example.com/", f"url: {quoted}"))


@pytest.mark.parametrize("url", ['https://status.example/"><script>alert(1)</script>', "https://status.example/?a=1",
                                 "https://status.example/#frag", "https://status.example/?a=1#frag",
                                 "https://user:secret@status.example/",
                                 "https://status.example/<x>", "https:///nohost", "https://status.example:99999/",
                                 "https://status.example/\u202e/moc.live"])
def test_site_url_that_is_not_a_plain_address_is_refused(project: ProjectFactory, url: str) -> None:
    set_url(project, url)
    found = errors(project)
    assert [(d.path, d.line, d.field, d.code) for d in found] == [("herald.yml", 3, "site.url", "bad-url")]
    assert found[0].hint


@pytest.mark.parametrize("url", ["https://status.example.com/", "http://127.0.0.1:8000/status/",
                                 "https://example.github.io/status", "https://xn--bcher-kva.example/"])
def test_plain_site_urls_are_accepted(project: ProjectFactory, url: str) -> None:
    set_url(project, url)
    assert errors(project) == []


# --- 9. Out-of-range values are diagnostics, never crashes ----------------------------------------------

@pytest.mark.parametrize("field,value", [("started_at", "0001-01-01T00:00:00+08:00"),
                                         ("started_at", "9999-12-31T23:59:59-12:00"),
                                         ("detected_at", "0001-01-01T00:00:00Z")])
def test_incident_times_out_of_range_are_diagnostics(project: ProjectFactory, field: str, value: str) -> None:
    front = INCIDENT + (f"    {field}: {value}\n" if field != "started_at" else "")
    if field == "started_at":
        front = front.replace("started_at: 2026-11-20T08:00:00+08:00", f"started_at: {value}")
    with_incident(project, front)
    found = errors(project)
    assert [(d.path, d.field, d.code) for d in found] == [("incidents/2026-11-20-slow/incident.md", field,
                                                           "time-out-of-range")]
    assert found[0].line > 1 and "1970" in found[0].message


def test_next_update_far_in_the_future_is_a_diagnostic(project: ProjectFactory) -> None:
    project.incident("2026-11-20-slow", INCIDENT, updates={"2026-11-20T0900": update(
        "2026-11-20T09:00:00+08:00", "investigating", "next_update: 9999-12-31T23:59:59-12:00")})
    found = errors(project)
    assert [(d.path, d.line, d.field, d.code) for d in found] == [
        ("incidents/2026-11-20-slow/2026-11-20T0900.md", 4, "next_update", "time-out-of-range")]


def run_cli(project: ProjectFactory, *args: str):
    """Run the click command in-process (exceptions are kept on the result, not printed)."""
    from click.testing import CliRunner
    from generator.cli import main
    return CliRunner().invoke(main, ["--root", str(project.root), *args])


@pytest.mark.parametrize("now", ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+08:00"])
def test_now_at_either_end_is_refused_cleanly(project: ProjectFactory, now: str) -> None:
    with_incident(project)
    for command in ("check", "build"):
        result = run_cli(project, command, "--now", now)
        assert result.exit_code == 2 and isinstance(result.exception, SystemExit), (command, result.output)
        assert "between the years 1970 and 2999" in result.output
    from generator.clock import NowError, resolve_now
    with pytest.raises(NowError):
        resolve_now(None, {"SOURCE_DATE_EPOCH": "99999999999999"}, None)
    with pytest.raises(NowError):
        resolve_now(None, {"SOURCE_DATE_EPOCH": "-99999"}, None)


@pytest.mark.parametrize("extra,field", [("checks:\n  stale_after_hours: 999999999999999\n", "checks.stale_after_hours"),
                                         ("output:\n  history_per_page: 99999999999999999999999\n",
                                          "output.history_per_page"),
                                         ("limits:\n  max_files: 99999999999999999999999\n", "limits.max_files")])
def test_huge_numbers_in_the_configuration_are_diagnostics(project: ProjectFactory, extra: str, field: str) -> None:
    config = project.root / "herald.yml"
    config.write_text(config.read_text() + extra)
    with_incident(project)
    found = errors(project)
    assert [(d.path, d.field) for d in found] == [("herald.yml", field)] and found[0].line >= 18
    result = run_cli(project, "check", "--now", NOW)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output


def test_empty_language_list_is_a_diagnostic(project: ProjectFactory) -> None:
    config = project.root / "herald.yml"
    config.write_text(config.read_text().replace("languages: [en, zh]", "languages: []"))
    found = errors(project)
    assert [(d.path, d.line, d.field, d.code) for d in found] == [("herald.yml", 5, "site.languages", "empty-value")]
    result = run_cli(project, "check", "--now", NOW)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
