"""The quality gates, run on the built demo site: HTML validity, links, self-containment,
accessibility (axe in Debian's chromium), and the site without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gates import checks

OWN_URL = "https://status.larkspur.example/"
THEFT = "incidents/2026-11-20-hot-wallet-theft/"


def representative_pages(site: Path) -> list[str]:
    """One page of every type, in both languages (knowledge base and FAQ once they exist)."""
    pages = ["", THEFT, "history/", "components/withdrawals/"]
    for section in ("kb", "faq"):
        found = sorted(p for p in (site / section).rglob("index.html")) if (site / section).is_dir() else []
        articles = [p for p in found if p.parent != site / section]
        if articles:
            pages.append(articles[0].parent.relative_to(site).as_posix() + "/")
    return pages + ["zh/" + page for page in pages]


def test_every_page_passes_the_nu_html_checker(demo_site: Path) -> None:
    assert checks.vnu_errors(demo_site) == []


def test_every_internal_link_and_anchor_resolves(demo_site: Path) -> None:
    assert checks.broken_links(demo_site, OWN_URL) == []


def test_nothing_is_loaded_from_a_third_party_host(demo_site: Path) -> None:
    assert checks.third_party_loads(demo_site, OWN_URL) == []


@pytest.mark.browser
def test_axe_finds_no_serious_violation_and_no_request_leaves_localhost(open_page, demo_site, demo_url) -> None:
    problems = {}
    for path in representative_pages(demo_site):
        opened = open_page(path)
        found = checks.serious_axe_violations(opened.page) + [f"request to {u}" for u in opened.outside(demo_url)]
        if found:
            problems[path] = found
    assert problems == {}


@pytest.mark.browser
@pytest.mark.parametrize("path,words", [
    ("", ["Major service outage", "Withdrawals", "Partial outage", "Withdrawals paused after funds", "Monitoring"]),
    ("zh/", ["服务严重中断", "提币", "部分中断", "一个热钱包资金被盗", "观察中"]),
    (THEFT, ["Monitoring", "Key facts", "1,204 ETH", "Investigating", "Identified", "Next update promised by"]),
    ("zh/" + THEFT, ["观察中", "关键事实", "1,204 ETH", "调查中", "已查明原因"]),
])
def test_pages_work_without_javascript(open_page, path: str, words: list[str]) -> None:
    text = open_page(path, javascript=False).page.inner_text("body")
    assert [word for word in words if word not in text] == []


@pytest.mark.browser
def test_page_is_usable_by_keyboard(open_page) -> None:
    page = open_page(THEFT).page
    target = "#update-2026-11-20T1150"
    for _ in range(80):  # Tab alone reaches the timeline's permalinks
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.getAttribute('href')") == target:
            break
    else:
        raise AssertionError(f"{target} was never focused by Tab")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); "
                          "return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()")
    assert style[0] != "none" and style[1] != "0px" or style[2] != "none", style  # focus is visible
