"""End to end: a fixture project built by ``herald build`` (MkDocs + Material) in both languages."""

from __future__ import annotations

import filecmp
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ProjectFactory, add_outage, update

NOW = "2026-11-20T12:30:00+08:00"
INCIDENT = "2026-11-20-withdrawals-down"


def herald(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the herald command in ``root``."""
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The outage fixture, built once for this module."""
    root = tmp_path_factory.mktemp("site")
    add_outage(ProjectFactory(root))
    result = herald(root, "build", "--now", NOW)
    assert result.returncode == 0, result.stderr
    return root / "site"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_home_pages_show_status_in_both_languages(built: Path) -> None:
    en, zh = read(built, "index.html"), read(built, "zh/index.html")
    assert '<html lang="en"' in en and '<html lang="zh-Hans"' in zh
    assert "Major service outage" in en and "服务严重中断" in zh
    assert "Withdrawals are down" in en and "提币中断" in zh
    assert "Major outage" in en and "严重中断" in zh  # withdrawals' component status, in words


def test_incident_page_has_timeline_with_anchors_and_times(built: Path) -> None:
    page = read(built, f"incidents/{INCIDENT}/index.html")
    assert page.index('id="update-2026-11-20T1000"') < page.index('id="update-2026-11-20T0830"')  # newest first
    assert '<time datetime="2026-11-20T10:00:00+08:00" data-herald-local>20 Nov 2026, 10:00 UTC+08:00</time>' in page
    assert "Problem started" in page and "First disclosed" in page
    assert "10 ETH" in page and "Funds affected" in page


def test_missing_translation_falls_back_with_a_note(built: Path) -> None:
    page = read(built, f"zh/incidents/{INCIDENT}/index.html")
    assert "正在调查。" in page  # the translated update
    assert "此内容尚未翻译" in page and "本页尚未翻译" not in page  # the untranslated update carries a note...
    assert re.search(r'<div lang="en">\s*<p>Cause found.</p>', page)  # ...and its original text, marked English


def test_language_switcher_goes_to_the_same_page(built: Path) -> None:
    en = read(built, f"incidents/{INCIDENT}/index.html")
    zh = read(built, f"zh/incidents/{INCIDENT}/index.html")
    assert f'href="../../zh/incidents/{INCIDENT}/" hreflang="zh-Hans"' in en
    assert 'href="../../../incidents/' + INCIDENT + '/" hreflang="en"' in zh


def test_banner_links_active_critical_incident_on_every_page(built: Path) -> None:
    for path in ("history/index.html", "zh/components/index.html", "incidents/2026-11-10-api-slow/index.html"):
        page = read(built, path)
        assert "herald-banner--critical" in page and f"{INCIDENT}/" in page
    for path in ("index.html", "zh/index.html", f"incidents/{INCIDENT}/index.html"):  # the incident leads these
        page = read(built, path)
        assert "herald-banner" not in page and "md-banner" not in page, path
    assert f'href="incidents/{INCIDENT}/"' in read(built, "index.html")


def test_history_and_component_pages(built: Path) -> None:
    history = read(built, "history/index.html")
    assert "November 2026" in history and "API slow" in history
    component = read(built, "components/api/index.html")
    component = component[component.index('class="herald herald-component"'):]  # past the banner
    assert "API slow" in component and "Withdrawals are down" not in component


def test_no_third_party_hosts_in_built_pages(built: Path) -> None:
    for page in built.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loads = re.findall(r'<(?:script|img|iframe|source|link|video|audio|embed|object)\b[^>]*?'
                           r'(?:src|href|data)="((?:https?:)?//[^"]+)"', text)
        assert all(url.startswith("https://status.example.com/") for url in loads), (page, loads)
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_incident_pages_stay_out_of_the_navigation(built: Path) -> None:
    home = read(built, "index.html")
    nav = home[home.index('md-nav--primary'):home.index('</nav>', home.index('md-nav--primary'))]
    assert "incidents/" not in nav and "History" in nav


def test_failed_validation_leaves_previous_site(project: ProjectFactory) -> None:
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00",
                     updates={"u": update("2026-11-20T09:00:00+08:00", "investigating")})
    assert herald(project.root, "build", "--now", NOW).returncode == 0
    before = read(project.root / "site", "index.html")
    project.file("incidents/2026-11-20-x/v.md", update("2026-11-20T10:00:00+08:00", "resovled"))
    result = herald(project.root, "build", "--now", NOW)
    assert result.returncode == 1
    assert "v.md:3: error [bad-value] status" in result.stderr and "Traceback" not in result.stderr
    assert read(project.root / "site", "index.html") == before


def test_same_content_and_now_give_identical_trees(project: ProjectFactory) -> None:
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00",
                     updates={"u": update("2026-11-20T09:00:00+08:00", "investigating")})
    first, second = project.root / "one", project.root / "two"
    for target in (first, second):
        assert herald(project.root, "build", "--now", NOW, "--site-dir", str(target)).returncode == 0
    comparison = filecmp.dircmp(first, second)
    assert _identical(comparison), "builds differ"


def _identical(comparison: filecmp.dircmp) -> bool:
    """True if two trees hold the same files with the same bytes."""
    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
    return not mismatch and not errors and all(_identical(sub) for sub in comparison.subdirs.values())


def test_sub_path_site_uses_relative_links(built: Path) -> None:
    page = read(built, f"incidents/{INCIDENT}/index.html")
    assert 'href="/' not in page.replace('href="/"', "")  # nothing assumes the site is at the domain root
