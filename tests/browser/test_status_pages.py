"""The built demo site in a real browser: status visible, both languages, nothing leaves localhost."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

THEFT = "incidents/2026-11-20-hot-wallet-theft/"
PAGES = [("", "Major service outage"), ("zh/", "服务严重中断"),
         (THEFT, "Withdrawals paused after funds were taken"), ("zh/" + THEFT, "一个热钱包资金被盗")]


@pytest.mark.parametrize("path,expected", PAGES)
def test_page_shows_status_and_stays_local(open_page, demo_url: str, path: str, expected: str, tmp_path) -> None:
    opened = open_page(path)
    text = opened.page.inner_text("main")
    assert expected in text
    assert ("Monitoring" in text) or ("观察中" in text)  # the theft incident's current status
    assert opened.outside(demo_url) == []
    opened.page.screenshot(path=str(tmp_path / "page.png"), full_page=True)


def test_status_is_not_colour_alone(open_page) -> None:
    badge = open_page("").page.locator(".herald-components__item .herald-status").first
    assert badge.inner_text().strip() not in ("", "✓")  # words, not only an icon or a colour


def test_language_switcher_reaches_the_same_incident(open_page, demo_url: str) -> None:
    page = open_page(THEFT).page
    href = page.locator('.herald-language-link[hreflang="zh-Hans"]').get_attribute("href")
    page.goto(page.url + href if not href.startswith("http") else href)
    assert page.url.rstrip("/").endswith("zh/" + THEFT.rstrip("/"))
    assert "一个热钱包资金被盗" in page.inner_text("main")


def test_local_time_script_adds_reader_time(browser, demo_url: str) -> None:
    context = browser.new_context(timezone_id="Europe/Berlin")
    page = context.new_page()
    page.goto(demo_url + THEFT)
    # once per time: the reader's own on hover and focus; one small line only under the latest update
    lines = page.locator(".herald-localtime").all_inner_texts()
    assert len(lines) == 1 and ("GMT+1" in lines[0] or "CET" in lines[0])
    assert page.locator(".herald-latest .herald-localtime").count() == 1
    titles = page.eval_on_selector_all("time[data-herald-local]", "nodes => nodes.map(n => n.title)")
    assert len(titles) > 5 and all(t.startswith("your time: ") for t in titles)
    context.close()
    same_zone = browser.new_context(timezone_id="Asia/Singapore")  # the site's own zone: nothing is added
    page = same_zone.new_page()
    page.goto(demo_url + THEFT)
    assert page.locator(".herald-localtime").count() == 0
    assert page.eval_on_selector_all("time[title]", "nodes => nodes.length") == 0
    same_zone.close()
