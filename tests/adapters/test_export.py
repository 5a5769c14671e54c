"""``herald export`` writes a Markdown tree that plain MkDocs (no Herald plugin) builds into the same incidents."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.pipeline import build_site, load_project
from generator.content.clock import parse_now
from generator.adapters.export import export_files, write_export
from generator.adapters.write import MANIFEST, read_manifest
from tests.conftest import ProjectFactory, add_outage
from tests.authoring.test_authoring import herald

NOW = "2026-11-20T12:30:00+08:00"
INCIDENTS = ("2026-11-20-withdrawals-down", "2026-11-10-api-slow")
KB_PAGE = """---
title: Sample advice
---
Read [About](../about.md) first.

## Steps, *in order* {#steps}

1. Open the app
   - nested by three
2. Check the `address_bar` [twice]

!!! warning "Never share"
    Your seed phrase.

### A table

| What | Where |
| --- | :-: |
| *this* | ~~there~~ |

## Steps, *in order*
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """The outage site built by herald, and its export built by plain ``mkdocs build``."""
    root = tmp_path_factory.mktemp("export")
    project = add_outage(ProjectFactory(root))
    project.file("site_src/assets/diagram.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    project.file("site_src/about.md", "---\ntitle: About\n---\nAbout this status site.\n")
    project.file("site_src/kb/sample.md", KB_PAGE)  # no Chinese translation: zh shows it under a note
    built = run("-m", "generator", "--root", str(root), "build", "--now", NOW)
    assert built.returncode == 0, built.stderr
    exported = herald(root, "export", str(root.parent / "exported"), "--now", NOW)
    assert exported.exit_code == 0, exported.output
    plain = run("-m", "mkdocs", "build", "-f", str(root.parent / "exported" / "mkdocs.yml"))
    assert plain.returncode == 0, plain.stderr
    return root / "site", root.parent / "exported" / "site"


def titles(site: Path) -> dict[str, str]:
    """Incident id -> the page's h1, for every incident page of a built site (both languages)."""
    out = {}
    for page in site.glob("**/incidents/*/index.html"):
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
        out[page.relative_to(site).parent.as_posix()] = h1.group(1).strip() if h1 else ""
    return out


def test_plain_mkdocs_build_shows_the_same_incidents(sites: tuple[Path, Path]) -> None:
    herald_site, plain_site = sites
    assert titles(plain_site) == titles(herald_site)
    assert {f"incidents/{i}" for i in INCIDENTS} | {f"zh/incidents/{i}" for i in INCIDENTS} <= set(titles(plain_site))
    for site in sites:
        home = (site / "index.html").read_text(encoding="utf-8")
        assert "Withdrawals are down" in home and "Major service outage" in home
        page = (site / f"incidents/{INCIDENTS[0]}/index.html").read_text(encoding="utf-8")
        assert "Cause found." in page and "10 ETH" in page
        assert "提币中断" in (site / f"zh/incidents/{INCIDENTS[0]}/index.html").read_text(encoding="utf-8")


def test_export_holds_static_files_hand_written_pages_and_a_plain_config(sites: tuple[Path, Path]) -> None:
    exported = sites[1].parent
    assert (exported / "docs/assets/diagram.svg").is_file() and (sites[1] / "assets/diagram.svg").is_file()
    assert (exported / "docs/about.md").is_file() and (sites[1] / "about/index.html").is_file()
    manifest = read_manifest(exported)
    assert manifest is not None and manifest[1] == ("site",)  # what mkdocs builds from the export is replaced too
    assert "mkdocs.yml" in manifest[0] and "docs/assets/diagram.svg" in manifest[0]
    config = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == [{"search": {"lang": ["en", "zh"], "separator": "[\\s\\u200b\\-]"}}]
    assert config["docs_dir"] == "docs" and config["exclude_docs"] == "!.well-known/\n"
    assert config["hooks"] == ["herald_headers.py"] and (exported / "herald_headers.py").is_file()
    assert config["theme"]["custom_dir"] == "overrides" and (exported / "overrides/main.html").is_file()
    assert config["extra"]["herald"]["languages"] == ["en", "zh"] and config["extra"]["alternate"][1]["code"] == "zh"
    assert config["nav"][0]["English"][0] == "index.md" and "zh/index.md" in config["nav"][1]["简体中文"]


def article_and_toc(page: Path) -> tuple[tuple, list[str]]:
    """A built page's article as (tag, attributes, text, children), rel left out, and its table of contents."""
    import lxml.html

    def shape(element) -> tuple:
        children = []
        for child in element:
            children.append(shape(child))
            if (child.tail or "").strip():
                children.append(" ".join(child.tail.split()))
        attributes = tuple(sorted((k, v) for k, v in element.attrib.items() if k != "rel"))
        return element.tag, attributes, " ".join((element.text or "").split()), tuple(children)
    tree = lxml.html.fromstring(page.read_bytes())
    toc = [f"{' '.join(a.text_content().split())} {a.get('href')}"
           for a in tree.xpath('//nav[contains(@class, "md-nav--secondary")]//a')]
    return shape(tree.xpath("//article")[0]), toc


@pytest.mark.parametrize("page", ["kb/sample/index.html", "zh/kb/sample/index.html"])
def test_plain_mkdocs_shows_hand_written_pages_as_herald_does(sites: tuple[Path, Path], page: str) -> None:
    herald_site, plain_site = sites
    ours, toc = article_and_toc(herald_site / page)
    assert article_and_toc(plain_site / page) == (ours, toc)
    assert toc == ["Steps, in order #steps", "A table #a-table", "Steps, in order #steps-in-order"]
    text = (herald_site / page).read_text(encoding="utf-8")
    assert '<h2 id="steps">Steps, <em>in order</em><a class="headerlink" href="#steps"' in text
    assert re.search(r"<li>Open the app\s*<ul>\s*<li>nested by three</li>", text)
    assert 'href="../../about/"' in text  # the page in the same language


def test_export_replaces_only_its_own_folders(outage: ProjectFactory, tmp_path: Path) -> None:
    target = tmp_path / "out"
    assert herald(outage.root, "export", str(target), "--now", NOW).exit_code == 0
    (target / "docs" / "index.md").write_text("edited by hand", encoding="utf-8")  # Herald's file: replaced
    assert herald(outage.root, "export", str(target), "--now", NOW).exit_code == 0
    assert "edited by hand" not in (target / "docs" / "index.md").read_text(encoding="utf-8")
    (target / "site").mkdir()
    (target / "site" / "index.html").write_text("built from the export", encoding="utf-8")  # mkdocs build -f ...
    assert herald(outage.root, "export", str(target), "--now", NOW).exit_code == 0
    assert not (target / "site").exists()
    (target / "docs" / "notes.md").write_text("mine", encoding="utf-8")  # not Herald's: the export stops
    result = herald(outage.root, "export", str(target), "--now", NOW)
    assert result.exit_code == 1 and "docs/notes.md" in result.stderr and "--force" in result.stderr
    assert (target / "docs" / "notes.md").read_text(encoding="utf-8") == "mine"
    assert herald(outage.root, "export", str(target), "--now", NOW, "--force").exit_code == 0
    assert not (target / "docs" / "notes.md").exists()  # a fresh tree, as asked
    for refused in (outage.root, outage.root.parent):
        result = herald(outage.root, "export", str(refused), "--now", NOW, "--force")
        assert result.exit_code == 1 and "project folder or holds it" in result.stderr
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine", encoding="utf-8")
    result = herald(outage.root, "export", str(other), "--now", NOW)
    assert result.exit_code == 1 and "Herald did not write (keep.txt)" in result.stderr
    assert (other / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_export_stops_on_errors(outage: ProjectFactory, tmp_path: Path) -> None:
    outage.file("incidents/2026-11-10-api-slow/2026-11-10T1200.md", "---\nat: x\nstatus: resolved\n---\n")
    result = herald(outage.root, "export", str(tmp_path / "out"), "--now", NOW)
    assert result.exit_code == 1 and "nothing was written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_progress_is_reported_for_every_file(outage: ProjectFactory, tmp_path: Path) -> None:
    project = load_project(outage.root, lambda pinned: parse_now(NOW))
    files = export_files(project.settings, build_site(project))
    steps: list[int] = []
    write_export(files, tmp_path / "out", project.settings, advance=steps.append)
    assert sum(steps) == len(files) and all((tmp_path / "out" / p).is_file() for p in files)
