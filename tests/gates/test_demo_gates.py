"""The quality gates, run on the built demo site: HTML validity, links, self-containment,
accessibility (axe in Debian's chromium), and the site without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gates import checks
from tests.site_fixtures import REPO

OWN_URL = "https://status.larkspur.example/"
THEFT = "incidents/2026-11-20-hot-wallet-theft/"


def kb_article(site: Path) -> str:
    """The first knowledge-base article (a page of its own, not a section index), as a site path."""
    sources = sorted(p for p in (REPO / "site_src" / "kb").rglob("*.md")
                     if p.stem != "index" and not p.name.endswith(".zh.md"))
    assert sources, "the demo has no knowledge-base article"
    path = sources[0].relative_to(REPO / "site_src").with_suffix("").as_posix() + "/"
    assert (site / path / "index.html").is_file(), path
    return path


def representative_pages(site: Path) -> list[str]:
    """One page of every type, in both languages: home, incident (and a maintenance), history, component,
    uptime calendar, track record, FAQ, KB article."""
    pages = ["", THEFT, "incidents/2026-11-28-wallet-node-upgrade/", "history/", "components/withdrawals/",
             "uptime/", "track-record/", "faq/", kb_article(site)]
    return pages + ["zh/" + page for page in pages]


def test_the_page_set_reaches_the_faq_page_and_a_kb_article(demo_site: Path) -> None:
    pages = representative_pages(demo_site)
    assert "faq/" in pages and "zh/faq/" in pages
    faq = (demo_site / "faq" / "index.html").read_text(encoding="utf-8")
    assert '"FAQPage"' in faq and "<details" in faq  # the FAQ page itself, with its questions
    [article] = [p for p in pages if p.startswith("kb/")]
    assert article.count("/") >= 3, article  # kb/<section>/<article>/: below a section index
    assert not (REPO / "site_src" / article / "index.md").exists()  # built from an article, not an index


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
    assert checks.missing_without_javascript(open_page(path, javascript=False).page, words) == []


@pytest.mark.browser
def test_page_is_usable_by_keyboard(open_page) -> None:
    assert checks.keyboard_problems(open_page(THEFT).page, "#update-2026-11-20T1150") == []
