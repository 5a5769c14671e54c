"""Reader-first pages in a real browser, on a 390×844 phone and a 1280×800 desktop, in both languages: the
status, the latest word and what to do in the first screen; nothing wider than a phone; a colour, shape and
word for every state."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ProjectFactory, update
from tests.site_fixtures import serve

pytestmark = pytest.mark.browser
THEFT = "incidents/2026-11-20-hot-wallet-theft/"
SCREENS = [(390, 844), (1280, 800)]
STATUS_PAGES = ["", THEFT, "incidents/2026-11-09-slow-trading/", "incidents/2026-11-28-wallet-node-upgrade/",
                "history/", "components/", "components/withdrawals/", "components/withdrawals/uptime/", "uptime/",
                "track-record/"]


@pytest.fixture
def screen(browser, demo_url: str):
    """Open a demo page at a given screen size; returns the page."""
    contexts = []

    def opener(path: str, width: int, height: int):
        context = browser.new_context(viewport={"width": width, "height": height}, timezone_id="Europe/Berlin")
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(demo_url)
                      else route.abort())
        page = context.new_page()
        page.goto(demo_url + path, wait_until="load")
        return page

    yield opener
    for context in contexts:
        context.close()


def top_of(page, selector: str) -> float:
    """Where the element's first line ends, from the top of the page (CSS pixels)."""
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    line = page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 20")
    return box["y"] + min(box["height"], line)


@pytest.mark.parametrize("width,height", SCREENS)
@pytest.mark.parametrize("lang", ["", "zh/"])
def test_incident_page_shows_the_latest_update_and_its_promise_in_the_first_screen(screen, lang, width, height,
                                                                                    tmp_path) -> None:
    page = screen(lang + THEFT, width, height)
    first_line = ".herald-latest > p:not(.herald-latest__head):not(.herald-next):not(.herald-localtime)"
    assert top_of(page, first_line) <= height
    assert top_of(page, ".herald-latest .herald-next time") <= height
    assert page.locator(".herald-latest .herald-next").inner_text().strip() != ""
    page.screenshot(path=str(tmp_path / "incident.png"))


@pytest.mark.parametrize("width,height", SCREENS)
@pytest.mark.parametrize("lang", ["", "zh/"])
def test_home_page_shows_the_active_incident_in_the_first_screen(screen, lang, width, height) -> None:
    page = screen(lang, width, height)
    card = ".herald-active .herald-card"
    assert top_of(page, f"{card} .herald-card__title") <= height
    assert top_of(page, f"{card} .herald-card__meta .herald-phase") <= height
    assert top_of(page, f"{card} .herald-card__latest time") <= height
    assert top_of(page, f"{card} .herald-checklist li") <= 2 * height  # the first action in the second screen


@pytest.mark.parametrize("lang", ["", "zh/"])
@pytest.mark.parametrize("path", STATUS_PAGES)
def test_no_status_page_is_wider_than_a_phone(screen, lang, path) -> None:
    page = screen(lang + path, 390, 844)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, lang + path
    assert page.locator(".md-sidebar--primary[hidden]").count() == 1  # no documentation navigation column


def test_status_pages_are_one_column_without_the_docs_navigation(screen) -> None:
    page = screen(THEFT, 1280, 800)
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".herald-statusbar").inner_text().strip().startswith("✕")
    assert page.locator("header .herald-subscribe-link").get_attribute("href").endswith("subscribe/")
    kb = screen("kb/", 1280, 800)  # the knowledge base keeps its documentation layout
    assert kb.locator(".md-sidebar--primary").is_visible()


STATES = {"investigating": "Investigating", "identified": "Identified", "monitoring": "Monitoring",
          "resolved": "Resolved", "postmortem": "Postmortem", "scheduled": "Scheduled", "in_progress": "In progress",
          "verifying": "Verifying", "completed": "Completed"}


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def parse_rgb(css: str) -> tuple[float, float, float]:
    r, g, b = (float(part) for part in css[css.index("(") + 1: css.index(")")].split(",")[:3])
    return r, g, b


@pytest.fixture(scope="module")
def every_state_site(tmp_path_factory) -> Path:
    """A site with an incident in each incident state and a maintenance in each maintenance state."""
    root = tmp_path_factory.mktemp("states")
    project = ProjectFactory(root)
    for number, status in enumerate(["investigating", "identified", "monitoring", "resolved", "postmortem"]):
        project.incident(f"2026-11-1{number}-{status}", f"title: {status}\nimpact: minor\ncomponents: [api]\n"
                         f"started_at: 2026-11-1{number}T08:00:00+08:00",
                         updates={f"2026-11-1{number}T0900": update(f"2026-11-1{number}T09:00:00+08:00", status)})
    windows = {"scheduled": ("2026-11-25", "scheduled"), "in_progress": ("2026-11-20", "in_progress"),
               "verifying": ("2026-11-20", "verifying"), "completed": ("2026-11-18", "completed")}
    for status, (day, said) in windows.items():
        start, end = ("T10:00:00+08:00", "T16:00:00+08:00")
        project.incident(f"{day}-m-{status.replace('_', '-')}", f"title: m {status}\nkind: maintenance\n"
                         f"components: [api]\nstarted_at: {day}{start}\nscheduled_for: {day}{start}\n"
                         f"scheduled_until: {day}{end}",
                         updates={"2026-11-17T0800": update("2026-11-17T08:00:00+08:00", said)})
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build", "--now",
                             "2026-11-20T12:00:00+08:00"], capture_output=True, text=True, timeout=300,
                            env={"HOME": str(root / "home"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_each_state_has_its_own_colour_shape_and_word(browser, every_state_site: Path) -> None:
    server, url = serve(every_state_site)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "history/")
        found = {}
        for status, word in STATES.items():
            badge = page.locator(f".herald-phase--{status}").first
            assert badge.is_visible(), status
            text = badge.inner_text().strip()
            shape, _, shown = text.partition(" ")
            assert shown == word and shape and shape != word, (status, text)  # a shape and a word, never colour alone
            colour = badge.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
            fg, bg = parse_rgb(colour[0]), parse_rgb(colour[1])
            light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
            assert (light + 0.05) / (dark + 0.05) >= 4.5, (status, colour)
            found[status] = tuple(colour)
        assert len(set(found.values())) == len(STATES), found
    finally:
        context.close()
        server.shutdown()


def test_status_pages_load_materials_script_only_for_search(browser, demo_url: str, demo_site: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(demo_url)
                  else route.abort())
    requested: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url[len(demo_url):]))
    try:
        page.goto(demo_url, wait_until="networkidle")
        assert not [r for r in requested if "bundle" in r or "sitemap" in r or "search_index" in r], requested
        bundle = page.locator("#herald-material-scripts").evaluate(
            "t => t.content.querySelector(\"script[src*='javascripts/bundle.']\").getAttribute('src')")
        assert (demo_site / bundle).is_file()  # the loader finds Material's script as this build named it
        page.click(".md-search__input")
        page.fill(".md-search__input", "phishing")
        page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
        assert any("bundle" in r for r in requested)
    finally:
        context.close()
