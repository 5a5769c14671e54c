"""Search finds knowledge-base articles in both languages, Chinese words included."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def search(open_page, path: str, query: str) -> str:
    """Type ``query`` into the search box of ``path``; return the text of the results."""
    page = open_page(path).page
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    box.press("End")  # characters typed through an input method send no key events; Material listens for keyup
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(300)
    return page.locator(".md-search-result").inner_text().replace("\u200b", "")  # jieba's word breaks


@pytest.mark.parametrize("path,query,expected", [
    ("", "authenticator", "Turning on two-factor authentication"),
    ("zh/", "钓鱼", "识别钓鱼网站、邮件和消息"),
    ("zh/", "助记词", "保管好助记词和私钥"),
])
def test_search_finds_the_article(open_page, path: str, query: str, expected: str) -> None:
    assert expected in search(open_page, path, query)
