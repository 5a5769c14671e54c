"""Each gate fails when its rule is broken: violations injected into a copy of the built demo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.gates import checks
from tests.site_fixtures import serve

OWN_URL = "https://status.larkspur.example/"


@pytest.fixture
def broken_site(demo_site: Path, tmp_path: Path) -> Path:
    """A copy of the demo site to break."""
    copy = tmp_path / "site"
    shutil.copytree(demo_site, copy)
    return copy


def inject(site: Path, page: str, snippet: str) -> None:
    """Insert ``snippet`` at the start of a page's main content."""
    path = site / page
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('<div class="herald', snippet + '<div class="herald', 1), encoding="utf-8")


def test_html_gate_catches_invalid_markup(broken_site: Path) -> None:
    inject(broken_site, "index.html", '<p id="dup">a</p><p id="dup">b</p><span><div>block in inline</div></span>')
    errors = checks.vnu_errors(broken_site)
    assert any("Duplicate ID" in e for e in errors)


def test_link_gate_catches_missing_page_and_anchor(broken_site: Path) -> None:
    inject(broken_site, "history/index.html", '<a href="../incidents/no-such-incident/">x</a><a href="../#nope">y</a>')
    problems = checks.broken_links(broken_site, OWN_URL)
    assert any("missing incidents/no-such-incident/index.html" in p for p in problems)
    assert any("no #nope in index.html" in p for p in problems)


def test_link_gate_checks_json_and_feeds(broken_site: Path) -> None:
    (broken_site / "api").mkdir(exist_ok=True)
    (broken_site / "api" / "extra.json").write_text('{"shortlink": "%sincidents/gone/"}' % OWN_URL)
    assert any("api/extra.json" in p for p in checks.broken_links(broken_site, OWN_URL))


def test_self_contained_gate_catches_cdn_script_and_web_font(broken_site: Path) -> None:
    inject(broken_site, "index.html", '<script src="https://cdn.example.net/lib.js"></script>')
    (broken_site / "assets" / "extra.css").write_text("@import url('https://fonts.googleapis.com/css?family=X');")
    found = checks.third_party_loads(broken_site, OWN_URL)
    assert any("cdn.example.net" in f for f in found) and any("fonts.googleapis.com" in f for f in found)


@pytest.mark.browser
def test_browser_gates_catch_axe_violation_and_outside_request(broken_site: Path, browser) -> None:
    inject(broken_site, "index.html", '<img src="https://cdn.example.net/x.png"><p style="color:#ccc">faint</p>')
    server, url = serve(broken_site)
    try:
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url, wait_until="networkidle")
        violations = checks.serious_axe_violations(page)
        assert any(v.startswith("image-alt") for v in violations)
        assert any(v.startswith("color-contrast") for v in violations)
        assert "https://cdn.example.net/x.png" in requests
        context.close()
    finally:
        server.shutdown()


def test_html_gate_fails_when_the_checker_says_nothing(broken_site: Path, tmp_path: Path) -> None:
    # "true" runs, prints nothing and exits 0: silence must not read as "no error".
    assert checks.vnu_errors(broken_site, java="true") == [
        "the Nu HTML Checker gave no report (exit 0): it printed nothing"]
    missing = checks.vnu_errors(broken_site, jar=tmp_path / "no-such.jar")
    assert len(missing) == 1 and missing[0].startswith("the Nu HTML Checker gave no report (exit 1)")
    assert checks.vnu_errors(tmp_path / "empty") == [f"{tmp_path / 'empty'}: no HTML page to check"]
    assert checks.vnu_errors(broken_site, java=str(tmp_path / "no-java"))[0].startswith("the Nu HTML Checker could "
                                                                                         "not start")


THEFT = "incidents/2026-11-20-hot-wallet-theft/"
PERMALINK = "#update-2026-11-20T1150"


def open_served(browser, site: Path, path: str, javascript: bool = True):
    """Serve ``site`` and open ``path``; returns (page, context, server)."""
    server, url = serve(site)
    context = browser.new_context(java_script_enabled=javascript)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
    page = context.new_page()
    page.goto(url + path, wait_until="networkidle")
    return page, context, server


@pytest.mark.browser
def test_keyboard_gate_catches_an_unreachable_permalink_and_an_invisible_focus(broken_site: Path, browser) -> None:
    page_file = broken_site / THEFT / "index.html"
    original = page_file.read_text(encoding="utf-8")
    assert original.count(f'href="{PERMALINK}"') >= 1
    page_file.write_text(original.replace(f'href="{PERMALINK}"', f'tabindex="-1" href="{PERMALINK}"'), encoding="utf-8")
    page, context, server = open_served(browser, broken_site, THEFT)
    try:
        assert checks.keyboard_problems(page, PERMALINK) == [f"{PERMALINK} was never focused by Tab (80 presses)"]
    finally:
        context.close()
        server.shutdown()
    page_file.write_text(original.replace("</head>", "<style>*:focus, *:focus-visible { outline: none !important; "
                                          "box-shadow: none !important; }</style></head>", 1), encoding="utf-8")
    page, context, server = open_served(browser, broken_site, THEFT)
    try:
        [problem] = checks.keyboard_problems(page, PERMALINK)
        assert problem.startswith(f"{PERMALINK} has no visible focus")
    finally:
        context.close()
        server.shutdown()


@pytest.mark.browser
def test_no_javascript_gate_catches_content_that_needs_script(broken_site: Path, browser) -> None:
    # Content hidden until a script reveals it: fine with JavaScript, invisible without.
    page_file = broken_site / "index.html"
    page_file.write_text(page_file.read_text(encoding="utf-8").replace(
        "</head>", "<style>.herald-home { display: none; } .js .herald-home { display: block; }</style>"
                   "<script>document.documentElement.classList.add('js')</script></head>", 1), encoding="utf-8")
    words = ["Withdrawals paused after funds", "Partial outage"]  # in the home content only (not the status bar)
    page, context, server = open_served(browser, broken_site, "", javascript=True)
    try:
        assert checks.missing_without_javascript(page, words) == []  # the injection only bites without script
    finally:
        context.close()
        server.shutdown()
    page, context, server = open_served(browser, broken_site, "", javascript=False)
    try:
        assert checks.missing_without_javascript(page, words) == words
    finally:
        context.close()
        server.shutdown()
