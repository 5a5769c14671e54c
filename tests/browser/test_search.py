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


@pytest.mark.parametrize("path,question", [("faq/", "Are my funds safe?"), ("zh/faq/", "我的资产安全吗？")])
def test_faq_structured_data_parses_as_json_ld(open_page, path: str, question: str) -> None:
    import json

    page = open_page(path).page
    blocks = [json.loads(text) for text in page.locator('script[type="application/ld+json"]').all_text_contents()]
    [faq] = [block for block in blocks if block.get("@type") == "FAQPage"]
    assert faq["@context"] == "https://schema.org"
    names = [entry["name"] for entry in faq["mainEntity"]]
    assert question in names and len(names) >= 18
    assert all(entry["@type"] == "Question" and entry["acceptedAnswer"]["text"] for entry in faq["mainEntity"])
    assert page.locator("details.herald-faq").count() == len(names)  # every question on the page is in the data
