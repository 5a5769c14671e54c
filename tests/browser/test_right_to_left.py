"""A right-to-left language (Arabic, here without a catalog of its own: English interface text) renders
with dir="rtl", mirrored, readable on a phone, and passes axe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import ProjectFactory, update
from tests.gates.checks import serious_axe_violations
from tests.helpers.languages import mkdocs_yml
from tests.site_fixtures import serve

CONFIG = """\
site:
  name: {en: Example Status, ar: حالة المثال}
  url: https://status.example.com/
  time_zone: Asia/Dubai
  languages: [en, ar]
components:
  - id: withdrawals
    name: {en: Withdrawals, ar: السحب}
"""
PAGES = ["ar/", "ar/incidents/2026-11-20-outage/", "ar/history/"]


@pytest.fixture(scope="module")
def rtl_url(tmp_path_factory) -> Iterator[str]:
    project = ProjectFactory(tmp_path_factory.mktemp("rtl"))
    project.file("herald.yml", CONFIG)
    project.file("mkdocs.yml", mkdocs_yml({"English": ["index.md", "history/index.md"],
                                          "العربية": ["ar/index.md", "ar/history/index.md"]}))
    project.incident("2026-11-20-outage", "title: Withdrawals paused\nimpact: major\ncomponents: [withdrawals]\n"
                     "started_at: 2026-11-20T08:00:00+04:00", body="We paused withdrawals.", updates={
                         "2026-11-20T0830": update("2026-11-20T08:30:00+04:00", "investigating",
                                                   "components: {withdrawals: major_outage}\n"
                                                   "next_update: 2026-11-20T13:00:00+04:00", body="Looking into it.")})
    project.file("incidents/2026-11-20-outage/incident.ar.md", "---\ntitle: تم إيقاف السحب مؤقتاً\n---\nأوقفنا السحب.\n")
    project.file("incidents/2026-11-20-outage/2026-11-20T0830.ar.md", "---\n---\nنحن نتحقق من الأمر.\n")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build", "--now",
                             "2026-11-20T12:00:00+04:00"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "no-catalog" in result.stderr  # Arabic has no catalog yet: one warning, English interface text
    server, url = serve(project.root / "site")
    yield url
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_an_rtl_page_is_marked_mirrored_and_passes_axe(browser, rtl_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(rtl_url) else route.abort())
    page = context.new_page()
    page.goto(rtl_url + path, wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("document.body.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == "rtl"
    # Mirrored: the page's heading starts at the right edge of its column.
    box = page.evaluate("""() => { const h = document.querySelector('article h1'), a = h.closest('article');
        const r = h.getBoundingClientRect(), c = a.getBoundingClientRect(); const range = document.createRange();
        range.selectNodeContents(h); const t = range.getBoundingClientRect();
        return {textRight: t.right, columnRight: c.right - parseFloat(getComputedStyle(a).paddingRight),
                textLeft: t.left, columnLeft: c.left}; }""")
    assert abs(box["textRight"] - box["columnRight"]) < 4, box
    assert box["textLeft"] - box["columnLeft"] > 40, box  # not flush left
    assert serious_axe_violations(page) == []
    context.close()


@pytest.mark.browser
def test_an_rtl_page_fits_a_phone(browser, rtl_url: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(rtl_url) else route.abort())
    page = context.new_page()
    for path in PAGES:
        page.goto(rtl_url + path, wait_until="networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.goto(rtl_url + PAGES[1], wait_until="networkidle")
    page.screenshot(path=str(tmp_path / "rtl-incident-phone.png"), full_page=True)  # for a person to look at
    context.close()
