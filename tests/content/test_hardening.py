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
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from generator.pipeline import build_site, load_project
from generator.errors import Severity
from generator.content.translation_report import ALL_CODES as TRANSLATION_CODES
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
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), *args],
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
    from generator.content.clock import resolve_now
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
    from generator.adapters.cli import main
    return CliRunner().invoke(main, ["--root", str(project.root), *args])


@pytest.mark.parametrize("now", ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+08:00"])
def test_now_at_either_end_is_refused_cleanly(project: ProjectFactory, now: str) -> None:
    with_incident(project)
    for command in ("check", "build"):
        result = run_cli(project, command, "--now", now)
        assert result.exit_code == 2 and isinstance(result.exception, SystemExit), (command, result.output)
        assert "between the years 1970 and 2999" in result.output
    from generator.content.clock import NowError, resolve_now
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


# --- 8. Look-alike and text-direction tricks in official channels and titles ---------------------------

def add_channels(project: ProjectFactory, *addresses: str) -> None:
    """Append official channels with these addresses to herald.yml (as YAML double-quoted strings)."""
    config = project.root / "herald.yml"
    entries = "".join(f"  - kind: website\n    name: Site {index}\n    address: {json.dumps(address)}\n"
                      for index, address in enumerate(addresses))
    config.write_text(config.read_text() + "channels:\n" + entries)


def test_channel_address_with_bidi_controls_is_refused(project: ProjectFactory) -> None:
    add_channels(project, "https://larkspur.example", "https://larkspur.example\u202e/moc.evil//:sptth")
    found = load(project).diagnostics
    assert [(d.path, d.line, d.field, d.code, d.severity) for d in found] == [
        ("herald.yml", 24, "channels[1].address", "bidi-control", Severity.ERROR)]
    assert "U+202E" in found[0].message


@pytest.mark.parametrize("address", ["https://l\u0430rkspur.example", "https://xn--lrkspur-6fg.example",
                                     "support@l\u0430rkspur.example"])
def test_look_alike_channel_addresses_are_warned_about(project: ProjectFactory, address: str) -> None:
    add_channels(project, "https://larkspur.example", "微信公众号 Larkspur", address)
    found = load(project).diagnostics
    assert [(d.path, d.line, d.field, d.code, d.severity) for d in found] == [
        ("herald.yml", 27, "channels[2].address", "look-alike-address", Severity.WARNING)]


# --- 1. Symlinks under the content folders are never followed, published or exported -------------------

@pytest.fixture
def linked_secrets(project: ProjectFactory, tmp_path_factory) -> ProjectFactory:
    """A project whose pages folder links to a secret outside it and to the checkout's .git/config."""
    with_incident(project)
    outside = tmp_path_factory.mktemp("outside")
    (outside / "environ").write_text("SECRET_TOKEN=s3cr3t-outside\n")
    (outside / "page.md").write_text("---\ntitle: Linked\n---\nSECRET_TOKEN=s3cr3t-page\n")
    project.file(".git/config", '[http]\n\textraheader = AUTHORIZATION: basic s3cr3t-git\n')
    project.file("site_src/kb/real.png", "not really a png")
    (project.root / "site_src/kb").mkdir(parents=True, exist_ok=True)
    (project.root / "site_src/kb/environ.txt").symlink_to(outside / "environ")
    (project.root / "site_src/kb/config.txt").symlink_to("../../.git/config")
    (project.root / "site_src/kb/linked.md").symlink_to(outside / "page.md")
    (project.root / "site_src/linked-folder").symlink_to(outside, target_is_directory=True)
    return project


LINKS = {"site_src/kb/environ.txt": "path-escapes", "site_src/kb/config.txt": "symlink",
         "site_src/kb/linked.md": "path-escapes", "site_src/linked-folder": "path-escapes"}


def secrets_in(folder: Path) -> list[str]:
    """Files under ``folder`` holding one of the planted secrets."""
    return [str(path) for path in folder.rglob("*") if path.is_file() and b"s3cr3t" in path.read_bytes()]


def test_check_names_every_symlink_in_the_content(linked_secrets: ProjectFactory) -> None:
    found = {d.path: d.code for d in errors(linked_secrets)}
    assert found == LINKS
    result = herald(linked_secrets, "check", "--now", NOW)
    assert result.returncode == 1
    for link in LINKS:
        assert link in result.stderr


def test_symlinked_secrets_are_neither_published_nor_exported(linked_secrets: ProjectFactory, tmp_path) -> None:
    site, export = tmp_path / "out-site", tmp_path / "out-export"
    assert herald(linked_secrets, "build", "--now", NOW, "--site-dir", str(site)).returncode == 1
    assert herald(linked_secrets, "export", str(export), "--now", NOW).returncode == 1
    assert not site.exists() or secrets_in(site) == []
    assert not export.exists() or secrets_in(export) == []
    from generator.content.files import static_files
    from generator.adapters.export import static_files as exported_static_files
    from generator.content.settings import load_settings
    assert sorted(static_files(linked_secrets.root / "site_src", allow_active=True)) == ["kb/real.png"]
    settings, _ = load_settings(linked_secrets.root)
    assert sorted(exported_static_files(settings)) == ["kb/real.png"]


def test_mkdocs_itself_publishes_no_link_even_if_the_content_were_accepted(linked_secrets: ProjectFactory,
                                                                          tmp_path) -> None:
    """The plugin's own filter: MkDocs follows links when it lists files; Herald drops them."""
    from mkdocs.structure.files import File, Files
    from generator.adapters.mkdocs_plugin import _keep_only_static_files
    docs = linked_secrets.root / "site_src"
    names = ["kb/environ.txt", "kb/config.txt", "kb/real.png", "linked-folder/environ"]
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names])
    _keep_only_static_files(files, docs, allow_raw_html=True)
    assert [file.src_uri for file in files] == ["kb/real.png"]


def test_a_symlink_loop_in_the_pages_folder_is_a_diagnostic(project: ProjectFactory) -> None:
    with_incident(project)
    pages = project.root / "site_src"
    (pages / "loop").symlink_to(pages / "loop")
    (pages / "a.md").symlink_to(pages / "b.md")
    (pages / "b.md").symlink_to(pages / "a.md")
    (pages / "up").symlink_to(pages, target_is_directory=True)
    assert {d.path: d.code for d in errors(project)} == {"site_src/loop": "path-escapes", "site_src/a.md":
                                                         "path-escapes", "site_src/b.md": "path-escapes",
                                                         "site_src/up": "symlink"}
    result = run_cli(project, "check", "--now", NOW)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output


# --- 10. Nothing is ignored without a word ------------------------------------------------------------

@pytest.mark.parametrize("name", ["2026-11-20T1000.MD", "2026-11-20T1000.markdown", "2026-11-20T1000.md.txt",
                                  "2026-11-20T1000.Md"])
def test_misnamed_update_files_are_reported(project: ProjectFactory, name: str) -> None:
    with_incident(project)
    project.file(f"incidents/2026-11-20-slow/{name}", update("2026-11-20T10:00:00+08:00", "resolved"))
    found = errors(project)
    assert [(d.path, d.code) for d in found] == [(f"incidents/2026-11-20-slow/{name}", "not-read")]
    assert "2026-11-20T1000.md" in found[0].hint


def test_misnamed_page_is_reported_and_not_published(project: ProjectFactory) -> None:
    with_incident(project)
    project.file("site_src/kb/notes.markdown", "# Notes\n<script>alert(1)</script>\n")
    assert [(d.path, d.code) for d in errors(project)] == [("site_src/kb/notes.markdown", "not-read")]
    from generator.content.files import static_files
    assert static_files(project.root / "site_src", allow_active=True) == {}


def test_other_files_in_an_incident_folder_are_warned_about(project: ProjectFactory) -> None:
    with_incident(project)
    project.file("incidents/2026-11-20-slow/notes.txt", "internal notes")
    found = [d for d in load(project).diagnostics if d.code not in TRANSLATION_CODES]  # untranslated: own tests
    assert [(d.path, d.code, d.severity) for d in found] == [("incidents/2026-11-20-slow/notes.txt", "not-read",
                                                               Severity.WARNING)]
    assert load(project).content.incidents  # a warning does not make the incident unreadable


def test_a_fifo_named_like_an_update_does_not_hang_check(project: ProjectFactory) -> None:
    with_incident(project)
    os.mkfifo(project.root / "incidents/2026-11-20-slow/2026-11-20T1000.md")
    os.mkfifo(project.root / "site_src/page.md")
    result = herald(project, "check", "--now", NOW, timeout=60)
    assert result.returncode == 1
    assert "incidents/2026-11-20-slow/2026-11-20T1000.md: error [not-a-file]" in result.stderr
    assert "site_src/page.md: error [not-a-file]" in result.stderr


@pytest.mark.parametrize("name", ["page.html", "tool.js", "logo.svg", "feed.xml", "Page.HTM"])
def test_files_that_run_as_code_are_not_published_unless_trusted(project: ProjectFactory, name: str) -> None:
    with_incident(project)
    project.file(f"site_src/kb/{name}", "<script>alert(1)</script>")
    assert [(d.path, d.code) for d in errors(project)] == [(f"site_src/kb/{name}", "active-content")]
    from generator.content.files import static_files
    assert static_files(project.root / "site_src", allow_active=False) == {}
    config = project.root / "herald.yml"
    config.write_text(config.read_text() + "output:\n  allow_raw_html: true\n")
    assert errors(project) == []
    assert list(static_files(project.root / "site_src", allow_active=True)) == [f"kb/{name}"]


def test_an_svg_image_without_code_is_published(project: ProjectFactory) -> None:
    with_incident(project)
    project.file("site_src/kb/ok.svg", "<?xml version='1.0'?>\n<!-- drawn by hand -->\n"
                                       "<svg xmlns='http://www.w3.org/2000/svg'><circle r='4'/><a href='#x'/></svg>")
    project.file("site_src/kb/link.svg", "<svg xmlns='http://www.w3.org/2000/svg' xmlns:x='http://www.w3.org/1999/xlink'>"
                                         "<a x:href=' javascript:alert(1)'><text>x</text></a></svg>")
    project.file("site_src/kb/xslt.svg", "<?xml-stylesheet href='x.xsl' type='text/xsl'?>"
                                         "<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert [(d.path, d.code) for d in errors(project)] == [("site_src/kb/link.svg", "active-content"),
                                                           ("site_src/kb/xslt.svg", "active-content")]
    from generator.content.files import static_files
    assert list(static_files(project.root / "site_src", allow_active=False)) == ["kb/ok.svg"]


# --- 2 and 3. Hand-written pages are sanitised; the CSP allows only the theme's own scripts ---------------

HOSTILE_PAGE = """---
title: '<img src=x onerror="window.__pwned=1">Guide & more'
description: '"><script>window.__pwned=2</script>'
subtitle: '<img src=x onerror="window.__pwned=3">'
tags: [phishing]
---
# Hostile page

<script>window.__pwned = 'script'</script>
<img src="x.png" onerror="window.__pwned = 'onerror'">
<iframe src="javascript:window.__pwned = 'iframe'"></iframe>
<svg><script>window.__pwned = 'svg'</script></svg>
<style>body { background: url(https://evil.example/track.png) }</style>
<a id="bad" href="javascript:window.__pwned = 'link'">click me</a>
<p onmouseover="window.__pwned = 'hover'">hover me</p>
<div id="__config" class="md-banner herald-banner">{"search": "evil.js"}</div>

Text with an attribute list
{: onclick="window.__pwned = 'attr'" }

## A heading `<script>` with code {: #anchor }
"""


def hostile_site_src(project: ProjectFactory, raw_html: bool = False) -> ProjectFactory:
    """A project with one hostile knowledge-base page listed in the navigation."""
    with_incident(project)
    project.file("site_src/kb/hostile.md", HOSTILE_PAGE)
    mkdocs = project.root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("      - Components: components/index.md\n",
                                                 "      - Components: components/index.md\n      - kb/hostile.md\n", 1))
    if raw_html:
        config = project.root / "herald.yml"
        config.write_text(config.read_text() + "output:\n  allow_raw_html: true\n")
    return project


def build_cli(project: ProjectFactory) -> Path:
    """Build with the herald command (MkDocs included) into the project's site/ folder."""
    result = herald(project, "build", "--now", NOW)
    assert result.returncode == 0, result.stderr
    return project.root / "site"


def test_hostile_page_content_is_sanitised(project: ProjectFactory) -> None:
    import lxml.html
    site = build_cli(hostile_site_src(project))
    page = (site / "kb/hostile/index.html").read_text()
    article = page[page.index("<article"):page.index("</article>")]
    assert "<script" not in article and "<iframe" not in article and "<style" not in article
    assert "javascript:" not in page and "evil.example" not in page and "__pwned" not in article
    assert 'id="__config"' not in article and "herald-banner" not in article
    assert "hover me" in article and "click me" in article and 'id="anchor"' in article
    for path in [site / "index.html", site / "kb/hostile/index.html", site / "zh/kb/hostile/index.html"]:
        tree = lxml.html.fromstring(path.read_bytes())
        assert not [name for element in tree.iter() if isinstance(element.tag, str)
                    for name in element.attrib if name.lower().startswith("on")], path
        scripts = [s.text or "" for s in tree.iter("script") if not s.get("src") and s.get("type") is None]
        assert not [s for s in scripts if "__pwned" in s], path


def test_page_title_and_description_are_text(project: ProjectFactory) -> None:
    import lxml.html
    site = build_cli(hostile_site_src(project))
    home = lxml.html.fromstring((site / "index.html").read_bytes())
    nav_titles = [" ".join(a.text_content().split()) for a in home.iter("a") if "kb/hostile/" in (a.get("href") or "")]
    assert nav_titles and nav_titles[0] == '<img src=x onerror="window.__pwned=1">Guide & more ' \
                                          '<img src=x onerror="window.__pwned=3">'  # title and subtitle, as text
    page = lxml.html.fromstring((site / "kb/hostile/index.html").read_bytes())
    assert page.find(".//title").text.startswith('<img src=x onerror="window.__pwned=1">Guide & more')
    assert page.xpath("string(//meta[@name='description']/@content)") == '"><script>window.__pwned=2</script>'
    assert not page.xpath("//img[@onerror]")


def test_headers_hash_only_the_themes_own_scripts(project: ProjectFactory) -> None:
    from generator.outputs.theme_scripts import inline_scripts, script_hash
    site = build_cli(hostile_site_src(project, raw_html=True))
    page = (site / "kb/hostile/index.html").read_text()
    assert "<script>window.__pwned = 'script'</script>" in page  # trusted raw HTML is kept as written ...
    allowed = set(re.findall(r"'(sha256-[^']+)'", (site / "_headers").read_text()))
    injected = {script_hash(body) for body in inline_scripts(page) if "__pwned" in body}
    assert injected and not injected & allowed  # ... but its scripts are not allowed by the policy
    theme = {script_hash(body) for body in inline_scripts((site / "index.html").read_text())}
    assert theme and theme <= allowed


def test_herald_templates_have_no_inline_scripts() -> None:
    """Generated pages go into the content area: a script there would need a hash the CSP does not give."""
    from generator.outputs.theme_scripts import inline_scripts
    templates = Path(__file__).resolve().parents[2] / "generator" / "templates"
    assert [path.name for path in templates.glob("*.html") if inline_scripts(path.read_text())] == []


# --- 10 (cont.). Control characters never reach a page; a title of nothing but controls is refused -------

def test_title_of_only_control_characters_is_refused(project: ProjectFactory) -> None:
    with_incident(project, INCIDENT.replace("title: Withdrawals are slow", 'title: "\\e\\a\\x01"'))
    found = load(project).diagnostics
    assert ("incidents/2026-11-20-slow/incident.md", 2, "title", "empty-value", Severity.ERROR) in \
        [(d.path, d.line, d.field, d.code, d.severity) for d in found]


def test_escape_and_bell_never_reach_the_pages(project: ProjectFactory) -> None:
    project.incident("2026-11-20-slow", INCIDENT.replace("title: Withdrawals are slow",
                                                         'title: "Slow \\e]0;owned\\a withdrawals"'),
                     body="Summary \x1b[31mred\x07.", updates={"2026-11-20T0900": update(
                         "2026-11-20T09:00:00+08:00", "investigating", body="Text \x1b]8;;https://evil.example\x07x")})
    found = sorted((d.path, d.line, d.field, d.code, d.severity) for d in load(project).diagnostics
                   if d.code not in TRANSLATION_CODES)
    assert found == [("incidents/2026-11-20-slow/2026-11-20T0900.md", 6, "", "control-character", Severity.WARNING),
                     ("incidents/2026-11-20-slow/incident.md", 2, "title", "control-character", Severity.WARNING),
                     ("incidents/2026-11-20-slow/incident.md", 7, "", "control-character", Severity.WARNING)]
    output = built(project)
    pages = [page.html for page in output.status_pages.values()] + \
            [content if isinstance(content, str) else content.decode() for content in output.files.values()]
    assert not [page for page in pages if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page)]
    assert "Slow ]0;owned withdrawals" in output.status_pages["incidents/2026-11-20-slow/index.md"].html


# --- 6. Nesting depth is bounded before the sanitiser runs ------------------------------------------------

def test_deeply_nested_html_is_refused_before_sanitising(project: ProjectFactory, monkeypatch) -> None:
    import nh3
    calls: list[int] = []
    real_clean = nh3.clean
    monkeypatch.setattr(nh3, "clean", lambda html, **options: calls.append(len(html)) or real_clean(html, **options))
    deep = "<div>" * 5000 + "x" + "</div>" * 5000
    project.incident("2026-11-20-slow", INCIDENT, body="Fine.\n\n" + deep, updates={
        "2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating")})
    project.file("site_src/kb/deep.md", "# Deep\n\n" + "> " * 3000 + "quote\n")
    loaded = load(project)
    assert [(d.path, d.line, d.code) for d in loaded.diagnostics if d.severity is Severity.ERROR] == [
        ("incidents/2026-11-20-slow/incident.md", 9, "too-deep"), ("site_src/kb/deep.md", 3, "too-deep")]
    assert not loaded.ok and calls == []  # refused by a linear check: nh3 never saw it
    from generator.text.markup import TooDeep, clean_html, clean_page_html
    for clean in (clean_html, clean_page_html):
        with pytest.raises(TooDeep):
            clean(deep)
    assert calls == []
    assert clean_html("<div>" * 50 + "ok" + "</div>" * 50).count("<div>") == 50  # real nesting is kept


def test_nesting_check_is_linear_and_exact_at_the_limit() -> None:
    from generator.text.safetext import MAX_NESTING, too_deep
    assert too_deep("<div>" * MAX_NESTING + "</div>" * MAX_NESTING) is None
    assert too_deep("<p>a</p>\n" * 10_000 + "<br><img src=x><hr/>" * 10_000) is None  # siblings and void tags
    assert too_deep("x\n" + "<span>" * (MAX_NESTING + 1)) == 2
    assert too_deep("> " * (MAX_NESTING + 1) + "q") == 1


def test_titles_and_names_are_isolated_from_the_text_around_them(project: ProjectFactory) -> None:
    config = project.root / "herald.yml"
    config.write_text(config.read_text().replace("name: {en: API, zh: 接口}", 'name: "API \\u202eipa"'))
    project.incident("2026-11-20-slow", INCIDENT.replace("title: Withdrawals are slow",
                                                         'title: "Slow \\u202ewithdrawals"').replace(
                                                             "[withdrawals]", "[withdrawals, api]"),
                     body='Text <p dir="rtl">reversed</p> <span dir="rtl">x</span>',
                     updates={"2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating")})
    output = built(project)
    page = output.status_pages["incidents/2026-11-20-slow/index.md"]
    assert "<h1><bdi>Slow \u202ewithdrawals</bdi></h1>" in page.html
    assert "<bdi>API \u202eipa</bdi>" in page.html
    assert page.meta["title"] == "\u2068Slow \u202ewithdrawals\u2069"  # <title> takes no markup: FSI ... PDI
    assert " dir=" not in page.html  # content cannot set the direction of the page
    home = output.status_pages["index.md"].html
    assert "\u202e" not in home.replace("<bdi>Slow \u202ewithdrawals</bdi>", "").replace("<bdi>API \u202eipa</bdi>",
                                                                                        "")
    assert "<bdi>" not in output.status_pages["components/deposits/index.md"].html  # plain names stay as they are


# --- 11. Nothing printed to a terminal can drive it ------------------------------------------------------

TERMINAL_TRICKS = "\r\x1b]0;owned\x07\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\x1b[2J\u202e"


def test_herald_list_prints_no_control_sequences(project: ProjectFactory) -> None:
    title = 'title: "Slow\\r\\e]0;owned\\a \\e]8;;https://evil.example\\aclick\\e]8;;\\a"'
    project.incident("2026-11-20-slow", INCIDENT.replace("title: Withdrawals are slow", title),
                     updates={"2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating",
                                                        body="Last words\r\x1b[2J\x1b]0;x\x07 here")})
    result = run_cli(project, "list", "--now", NOW)
    assert result.exit_code == 0, result.output
    assert "Slow" in result.output and "Last words" in result.output
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", result.output), repr(result.output)


def test_terminal_lines_are_clean_whatever_the_model_holds() -> None:
    from generator.errors import Diagnostic
    from generator.authoring.listing import Row, describe
    row = Row("2026-11-20-slow", "Slow" + TERMINAL_TRICKS, "incident", "minor", "investigating",
              at("2026-11-20T09:00:00+08:00"), "said" + TERMINAL_TRICKS, None, False, False, None, 0)
    from zoneinfo import ZoneInfo
    lines = [text for text, _, _ in describe(row, at(NOW), ZoneInfo("UTC"))]
    diagnostic = Diagnostic("x.md", 3, "title", "bad-value", "unknown value 'a" + TERMINAL_TRICKS + "'",
                            "did you mean" + TERMINAL_TRICKS)
    for text in lines + diagnostic.format().split("\n"):
        assert not re.search("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]", text), repr(text)
    assert "]0;owned" in diagnostic.format()  # the text is kept, only the controls go


# --- 14. Other people's caches and code -----------------------------------------------------------------

def plant_jieba_cache(folder: Path) -> Path:
    """A jieba cache as someone with write access to the shared temp folder would plant it: no words at all."""
    import marshal
    folder.mkdir(parents=True, exist_ok=True)
    planted = folder / "jieba.cache"
    planted.write_bytes(marshal.dumps(({"planted": 1}, 1)))
    return planted


def test_jieba_cache_lives_in_a_private_folder(tmp_path, monkeypatch) -> None:
    import jieba
    from generator.adapters.search_cache import use_private_jieba_cache
    shared = tmp_path / "shared-tmp"
    plant_jieba_cache(shared)
    monkeypatch.setattr("tempfile.tempdir", str(shared))
    home = tmp_path / "home"
    tokenizer = jieba.Tokenizer()
    folder = use_private_jieba_cache({"HOME": str(home)}, tokenizer)
    assert folder == home / ".cache/herald/jieba" and (folder.stat().st_mode & 0o777) == 0o700
    tokenizer.initialize()
    assert "planted" not in tokenizer.FREQ and "服务" in tokenizer.FREQ
    assert (folder / "jieba.cache").is_file()


def test_a_cache_folder_others_can_write_is_not_used(tmp_path, monkeypatch) -> None:
    from generator.adapters.search_cache import private_cache_dir
    cache = tmp_path / "cache"
    (cache / "herald").mkdir(parents=True)
    (cache / "herald/jieba").symlink_to(tmp_path, target_is_directory=True)  # someone else's folder
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "fresh"))
    (tmp_path / "fresh").mkdir()
    folder = private_cache_dir({"XDG_CACHE_HOME": str(cache)})
    assert folder.parent == tmp_path / "fresh" and (folder.stat().st_mode & 0o777) == 0o700


def test_herald_build_segments_chinese_with_the_real_dictionary(project: ProjectFactory, tmp_path) -> None:
    with_incident(project)
    shared = tmp_path / "shared-tmp"
    plant_jieba_cache(shared)
    result = herald(project, "build", "--now", NOW, home=tmp_path / "home", env={"TMPDIR": str(shared)})
    assert result.returncode == 0, result.stderr
    index = json.loads((project.root / "site/search/search_index.json").read_text())
    titles = {doc["title"] for doc in index["docs"] if doc["location"].startswith("zh/")}
    assert "示例\u200b状态" in titles  # with the planted (empty) dictionary: 示\u200b例\u200b状\u200b态
    assert (tmp_path / "home/.cache/herald/jieba/jieba.cache").is_file()


PYTHON_TAG = "extra:\n  hook: !!python/object/apply:os.system ['touch {marker}']\n"


@pytest.mark.parametrize("command", ["check", "build"])
def test_python_tags_in_mkdocs_yml_are_refused(project: ProjectFactory, tmp_path, command: str) -> None:
    with_incident(project)
    marker = tmp_path / "code-ran"
    mkdocs = project.root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + PYTHON_TAG.format(marker=marker))
    line = mkdocs.read_text().splitlines().index("extra:") + 2
    result = herald(project, command, "--now", NOW)
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}: error [python-tag]" in result.stderr
    assert not marker.exists() and not (project.root / "site").exists()


# --- 9 (cont.). A repository template cannot run away with the machine ---------------------------------

def evil_template(project: ProjectFactory, tail: str) -> None:
    """A repository template ``evil``: the built-in service-outage one with ``tail`` added to incident.md."""
    source = Path(__file__).resolve().parents[2] / "generator/authoring/incident_templates/service-outage"
    for path in source.iterdir():
        project.file(f"templates/evil/{path.name}", path.read_text(encoding="utf-8"))
    incident = project.root / "templates/evil/incident.md"
    incident.write_text(incident.read_text(encoding="utf-8") + tail, encoding="utf-8")


@pytest.mark.parametrize("tail,message", [
    ("{% for i in range(10**9) %}x{% endfor %}", "templates may loop at most"),
    ("{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}", "loop iterations"),
    ('{{ "x" * 10**9 }}', "repetition"), ("{{ 1 / 0 }}", "division by zero"), ("{{ 10 ** 100000 }}", "power"),
])
def test_runaway_repository_templates_are_stopped_with_a_message(project: ProjectFactory, tail: str,
                                                                 message: str) -> None:
    evil_template(project, tail)
    result = run_cli(project, "new", "--template", "evil", "--title", "X", "--now", NOW)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "repository template 'evil', incident.md: the template cannot be rendered" in result.output
    assert message in result.output and not list((project.root / "incidents").iterdir())


def test_a_template_that_loops_without_calls_is_stopped_by_the_clock(project: ProjectFactory, monkeypatch) -> None:
    monkeypatch.setattr("generator.authoring.bounded_templates.MAX_SECONDS", 0.2)
    evil_template(project, '{% set s = "abcdefghij" * 1000 %}{% for a in s %}{% for b in s %}{% for c in s %}'
                           '{% endfor %}{% endfor %}{% endfor %}')
    result = run_cli(project, "new", "--template", "evil", "--title", "X", "--now", NOW)
    assert result.exit_code == 1 and "ran for more than 0.2 seconds" in result.output


def test_export_beside_planted_links_neither_follows_them_nor_crashes(project: ProjectFactory, tmp_path) -> None:
    with_incident(project)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("keep")
    for name in (".out.herald-new", ".out.herald-old", ".out.herald-new-planted"):
        (tmp_path / name).symlink_to(victim, target_is_directory=True)
    for _ in range(2):  # a first export, then one that replaces it
        result = run_cli(project, "export", str(tmp_path / "out"), "--now", NOW)
        assert result.exit_code == 0 and result.exception is None, result.output
    assert (tmp_path / "out/mkdocs.yml").is_file() and not (tmp_path / "out").is_symlink()
    assert sorted(path.name for path in victim.iterdir()) == ["keep.txt"]


# --- 10 (cont.). Pages at generated paths, look-alike titles, exports into the content -----------------

def test_a_hand_written_page_at_a_generated_path_is_reported(project: ProjectFactory) -> None:
    with_incident(project)
    project.file("site_src/history/index.md", "# My own history\n")
    project.file("site_src/index.zh.md", "# 我的首页\n")
    project.file("site_src/kb/index.md", "# Knowledge base\n")  # not generated: fine
    found = [(d.path, d.code) for d in errors(project)]
    assert found == [("site_src/history/index.md", "generated-path"), ("site_src/index.md", "generated-path")]


def test_generated_page_paths_match_what_is_generated(project: ProjectFactory) -> None:
    from generator.content.page_paths import generated_pages
    config = project.root / "herald.yml"
    config.write_text(config.read_text() + "output:\n  history_per_page: 5\n")
    for day in range(10, 22):
        project.incident(f"2026-11-{day}-x", INCIDENT.replace("2026-11-20T08", f"2026-11-{day}T08").replace(
            "Withdrawals are slow", f"Slow on the {day}th"), updates={"u": update(f"2026-11-{day}T09:00:00+08:00",
                                                                               "resolved")})
    loaded = load(project, "2026-11-22T12:00:00+08:00")
    assert set(build_site(loaded).status_pages) == generated_pages(loaded.content, loaded.settings)


def test_many_incidents_with_one_title_are_warned_about(project: ProjectFactory) -> None:
    for number in range(12):
        project.incident(f"2026-11-20-x{number:02d}", INCIDENT.replace("Withdrawals are slow",
                                                                      "Withdrawals  are SLOW" if number else
                                                                      "Withdrawals are slow"),
                         updates={"u": update("2026-11-20T09:00:00+08:00", "investigating")})
    warnings = [d for d in load(project).diagnostics if d.code == "duplicate-title"]
    assert [(d.path, d.severity) for d in warnings] == [("incidents/2026-11-20-x00/incident.md", Severity.WARNING)]
    assert "12 incidents" in warnings[0].message and "and 6 more" in warnings[0].message


def test_export_into_the_content_is_refused(project: ProjectFactory) -> None:
    with_incident(project)
    before = sorted(path.relative_to(project.root).as_posix() for path in (project.root / "incidents").rglob("*"))
    result = run_cli(project, "export", str(project.root / "incidents/zz"), "--now", NOW)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert sorted(path.relative_to(project.root).as_posix() for path in (project.root / "incidents").rglob("*")) \
        == before
    assert run_cli(project, "check", "--now", NOW).exit_code == 0


def test_mkdocs_hooks_are_refused_too(project: ProjectFactory) -> None:
    with_incident(project)
    mkdocs = project.root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + "hooks:\n  - evil_hook.py\n")
    found = [(d.path, d.field, d.code) for d in errors(project)]
    assert found == [("mkdocs.yml", "hooks", "python-hooks")]


# --- Properties of the text-safety helpers (hypothesis) ---------------------------------------------------

from hypothesis import given, settings as hypothesis_settings, strategies as st  # noqa: E402

JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=4), max_leaves=10)


@hypothesis_settings(max_examples=200, deadline=None)
@given(data=JSON_VALUES)
def test_inline_json_round_trips_and_never_holds_markup(data) -> None:
    from generator.text.safetext import inline_json
    text = inline_json(data)
    assert not set(text) & set("<>&\u2028\u2029") and json.loads(text) == data


@hypothesis_settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_terminal_text_never_holds_a_control_character(text: str) -> None:
    from generator.text.safetext import terminal_safe
    assert not re.search("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", terminal_safe(text))


@hypothesis_settings(max_examples=200, deadline=None)
@given(tail=st.text(max_size=40))
def test_any_accepted_site_url_is_safe_in_an_attribute(tail: str) -> None:
    from generator.content.addresses import site_url_problem
    url = "https://status.example/" + tail
    if site_url_problem(url) is None:
        assert not set(url) & set("\"'<> \t\n?#\\`") and not re.search("[\x00-\x1f\x7f-\x9f]", url)


def test_channel_addresses_are_shown_as_text(project: ProjectFactory) -> None:
    add_channels(project, "https://larkspur.example/login", "support@larkspur.example")
    page = built(with_incident(project)).status_pages["official-channels/index.md"].html
    assert "<code>https://larkspur.example/login</code>" in page and "<code>support@larkspur.example</code>" in page
    assert 'href="https://larkspur.example' not in page and "mailto:" not in page
