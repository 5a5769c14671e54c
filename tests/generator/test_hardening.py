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
