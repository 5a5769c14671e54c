"""The web editor in a build: /admin/ with Decap's script copied from where setup put it, or a page saying it is not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ProjectFactory, add_outage

NOW = "2026-11-20T12:30:00+08:00"


def _build(project: ProjectFactory, site: Path, dist: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HERALD_DECAP_DIST": str(dist), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build", "--now", NOW,
                           "--site-dir", str(site)], capture_output=True, text=True, timeout=600, env=env)


def _editor_project(project: ProjectFactory) -> ProjectFactory:
    add_outage(project)
    config = project.root / "herald.yml"
    config.write_text(config.read_text(encoding="utf-8") + "editor:\n  backend: github\n  repo: example/status\n",
                      encoding="utf-8")
    return project


def _fake_dist(folder: Path) -> Path:
    """A stand-in for decap-cms's dist/: the script, a chunk, WebAssembly, a licence, and what must stay behind."""
    dist = folder / "decap-cms" / "dist"
    dist.mkdir(parents=True)
    for name, text in {"decap-cms.js": "/* main */", "103.decap-cms.js": "/* chunk */", "x.wasm": "wasm",
                       "decap-cms.js.LICENSE.txt": "MIT", "decap-cms.js.map": "{}", "cms.js": "/* other build */",
                       "103.cms.js": "/* other chunk */"}.items():
        (dist / name).write_text(text, encoding="utf-8")
    (dist.parent / "package.json").write_text(json.dumps({"name": "decap-cms", "version": "9.9.9", "license": "MIT"}),
                                              encoding="utf-8")
    return dist


def test_the_build_publishes_the_editor_with_decaps_script(project: ProjectFactory, tmp_path: Path) -> None:
    _editor_project(project)
    result = _build(project, tmp_path / "site", _fake_dist(tmp_path / "npm"))
    assert result.returncode == 0, result.stdout + result.stderr
    admin = tmp_path / "site" / "admin"
    assert sorted(p.name for p in (admin / "vendor").iterdir()) == [
        "103.decap-cms.js", "ABOUT.txt", "decap-cms.js", "decap-cms.js.LICENSE.txt", "x.wasm"]
    assert (admin / "vendor" / "decap-cms.js").read_text(encoding="utf-8") == "/* main */"
    assert "decap-cms 9.9.9 (MIT licence)" in (admin / "vendor" / "ABOUT.txt").read_text(encoding="utf-8")
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="vendor/decap-cms.js"></script>' in page and (admin / "herald-editor.js").is_file()
    assert "name: github" in (admin / "config.yml").read_text(encoding="utf-8")


def test_without_decaps_script_the_build_says_so(project: ProjectFactory, tmp_path: Path) -> None:
    _editor_project(project)
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = _build(project, tmp_path / "site", empty)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Decap CMS" in result.stdout + result.stderr and ".ci/setup.sh" in result.stdout + result.stderr
    page = (tmp_path / "site" / "admin" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page and ".ci/setup.sh" in page
    assert not (tmp_path / "site" / "admin" / "vendor").exists()


def test_a_site_without_the_editor_section_has_no_admin(project: ProjectFactory, tmp_path: Path) -> None:
    add_outage(project)
    result = _build(project, tmp_path / "site", _fake_dist(tmp_path / "npm"))
    assert result.returncode == 0 and not (tmp_path / "site" / "admin").exists()
