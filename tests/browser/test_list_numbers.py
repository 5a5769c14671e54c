"""Ordered lists an author writes are numbered 1, 2, 3 in the browser, at both levels, wherever they are.

An update's list sits inside the timeline's own list (``ol.herald-updates``), and Material's stylesheet numbers
any list nested in a list a, b, c; Herald's stylesheet keeps 1, 2, 3 at every depth. The same Markdown is in an
FAQ answer and a knowledge-base page, rendered by the same engine (``tests/site/test_one_markdown_engine.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.three_places import INCIDENT, build_in_three_places
from tests.site_fixtures import serve

pytestmark = pytest.mark.browser

STEPS = """\
Do this now:

1. Open the app from your bookmark
2. Go to Settings → Security
   1. Sign out all other sessions
   2. Change your password
3. Turn on two-factor authentication

- Check your e-mail
   1. for a confirmation you did not ask for
"""
STYLE = "element => getComputedStyle(element).listStyleType"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The steps in an update, an FAQ answer and a knowledge-base page, built by the herald command."""
    return build_in_three_places(tmp_path_factory.mktemp("list-numbers"), STEPS, "accounts/steps", "steps")


@pytest.fixture(scope="module")
def url(site: Path):
    server, base = serve(site)
    yield base
    server.shutdown()


def open_at(browser, url: str, path: str, tmp_path: Path):
    """A page of the small site in a fresh context that reaches nothing but the local server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
    page = context.new_page()
    page.goto(url + path, wait_until="networkidle")
    page.screenshot(path=str(tmp_path / (path.strip("/").replace("/", "-") + ".png")), full_page=True)
    return context, page


def test_an_ordered_list_in_an_update_is_numbered_1_2_3_at_both_levels(browser, url: str, tmp_path: Path) -> None:
    context, page = open_at(browser, url, f"incidents/{INCIDENT}/", tmp_path)
    try:
        entry = page.locator("li.herald-update").first
        outer = entry.locator("ol").first
        inner = entry.locator("ol ol").first
        assert outer.locator(":scope > li").count() == 3 and inner.locator(":scope > li").count() == 2
        assert outer.evaluate(STYLE) == "decimal"
        assert inner.evaluate(STYLE) == "decimal"
        assert entry.locator("ul ol").first.evaluate(STYLE) == "decimal"  # a numbered list under a bullet
        assert page.locator("ol.herald-updates").evaluate(STYLE) == "none"  # the timeline itself: no numbers
        shown = page.locator(".herald-latest ol, li.herald-update ol").evaluate_all(
            "lists => lists.map(l => getComputedStyle(l).listStyleType)")
        assert shown and set(shown) == {"decimal"}  # the latest update at the top and its timeline entry
    finally:
        context.close()


@pytest.mark.parametrize("path", ["faq/", "kb/steps/"])
def test_the_same_list_elsewhere_is_numbered_too(browser, url: str, path: str, tmp_path: Path) -> None:
    context, page = open_at(browser, url, path, tmp_path)
    try:
        outer = page.locator("article ol").first
        assert outer.locator(":scope > li").count() == 3 and outer.evaluate(STYLE) == "decimal"
        nested = page.locator("article ol ol, article ul ol")
        assert nested.count() == 2  # Material would number these a, b (lists nested in a list)
        assert nested.evaluate_all("lists => lists.map(l => getComputedStyle(l).listStyleType)") == ["decimal"] * 2
    finally:
        context.close()
