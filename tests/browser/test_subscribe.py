"""In the browser: the Subscribe page, feed autodiscovery links that resolve, and the _headers
Content-Security-Policy that the built site satisfies (served with those headers applied)."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest

from tests.helpers.output_helpers import headers_for, parse_headers_file
from tests.site_fixtures import QuietHandler

pytestmark = pytest.mark.browser
THEFT = "incidents/2026-11-20-hot-wallet-theft/"
FEED_TYPES = {"application/atom+xml", "application/rss+xml", "application/feed+json"}


@pytest.mark.parametrize("path,title,headings,addresses", [
    ("subscribe/", "Subscribe", ["Feeds", "Maintenance calendar", "Status badges", "Statuspage-compatible API"],
     ["https://status.larkspur.example/feed.atom", "https://status.larkspur.example/maintenance.ics",
      "https://status.larkspur.example/components/withdrawals/feed.rss",
      "https://status.larkspur.example/api/v2/summary.json", "https://status.larkspur.example/history.rss"]),
    ("zh/subscribe/", "订阅", ["订阅源", "维护日历", "状态徽章", "兼容 Statuspage 的 API"],
     ["https://status.larkspur.example/zh/feed.atom", "https://status.larkspur.example/zh/maintenance.ics",
      "https://status.larkspur.example/zh/components/withdrawals/feed.rss"]),
])
def test_subscribe_page_lists_every_feed_with_copyable_addresses(open_page, path: str, title: str,
                                                                 headings: list[str], addresses: list[str]) -> None:
    page = open_page(path).page
    assert page.locator("article h1").inner_text() == title
    shown = page.locator("article h2").all_inner_texts()
    assert [h for h in headings if h not in shown] == []
    codes = page.locator("code.herald-subscribe__url").all_inner_texts()
    assert [a for a in addresses if a not in codes] == []
    assert len(codes) == len(set(codes)) >= 3 * 2 + 3 * 3 + 1 + 4 + 8 + 2  # site, maintenance, components, ...
    assert page.locator("code.herald-subscribe__url").first.is_visible()
    badges = page.locator(".herald-subscribe__badges img")
    assert badges.count() == 9 and all(badges.nth(i).evaluate("i => i.complete && i.naturalWidth > 0")
                                       for i in range(badges.count()))
    home = open_page(path[: -len("subscribe/")]).page
    menu = home.locator('.md-nav a[href$="subscribe/"]')
    assert menu.count() == 1 and menu.inner_text().strip() == title  # in the navigation of the page's language


@pytest.mark.parametrize("path,count", [("", 3), (THEFT, 6), ("components/withdrawals/", 6), ("history/", 3),
                                        ("zh/", 3), ("zh/" + THEFT, 6), ("zh/components/api/", 6)])
def test_autodiscovery_links_resolve_to_parsable_feeds(open_page, path: str, count: int) -> None:
    page = open_page(path).page
    links = page.eval_on_selector_all('link[rel="alternate"][type]', "ls => ls.map(l => [l.type, l.href, l.title])")
    assert len(links) == count and {kind for kind, _, _ in links} == FEED_TYPES
    for kind, href, title in links:
        response = page.request.get(href)
        assert response.ok, href
        if kind == "application/feed+json":
            assert json.loads(response.body())["version"] == "https://jsonfeed.org/version/1.1"
        else:
            assert not feedparser.parse(response.body()).bozo, href
        assert title
    own = [href for _, href, _ in links][3:]
    assert all(href.startswith(page.url) for href in own)  # an incident's or component's own feeds
    if path.startswith("zh/"):
        assert all("/zh/" in href for _, href, _ in links)


# --- The Content-Security-Policy of _headers, applied by a local server ----------------------------

class HeadersHandler(QuietHandler):
    """Serves the site with the headers its _headers file gives each path, as Netlify or Cloudflare would."""

    rules: list = []

    def end_headers(self) -> None:
        for name, value in headers_for(self.rules, self.path.split("?", 1)[0]):
            self.send_header(name, value)
        super().end_headers()


@pytest.fixture(scope="module")
def headers_url(demo_site: Path) -> Iterator[str]:
    rules = parse_headers_file((demo_site / "_headers").read_text(encoding="utf-8"))
    handler = functools.partial(type("Handler", (HeadersHandler,), {"rules": rules}), directory=str(demo_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


RECORD = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
          "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));")


@pytest.mark.parametrize("path", ["", THEFT, "components/withdrawals/uptime/", "zh/subscribe/", "faq/", "404.html"])
def test_pages_run_under_the_content_security_policy_without_violation(browser, headers_url: str, path: str) -> None:
    context = browser.new_context()
    try:
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(headers_url)
                      else route.abort())
        context.add_init_script(RECORD)
        page = context.new_page()
        console = []
        page.on("console", lambda message: console.append(message.text))
        response = page.goto(headers_url + path, wait_until="networkidle")
        assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
        if path == "":  # use search: its worker and the lazily loaded index run under the policy too
            box = page.locator("input.md-search__input")
            box.click()
            box.press_sequentially("withdrawals", delay=20)
            box.press("End")
            page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__csp") == []
        assert [m for m in console if "Content Security Policy" in m] == []
        assert page.evaluate("typeof __md_get") == "function"  # Material's inline script ran
    finally:
        context.close()


# --- Cross-origin reads of the API, with the _headers rules applied ---------------------------------

class OtherOriginHandler(QuietHandler):
    """A page on a second loopback origin that reads the status site's summary.json with fetch()."""

    def do_GET(self) -> None:  # noqa: N802 - name from the base class
        body = b"<!doctype html><title>other origin</title><p>reader</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_a_page_on_another_origin_reads_the_api_with_fetch(browser, headers_url: str) -> None:
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), OtherOriginHandler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    other_url = f"http://127.0.0.1:{other.server_address[1]}/"
    context = browser.new_context()
    try:
        assert other_url != headers_url  # a different port: a different origin
        page = context.new_page()
        page.goto(other_url)
        read = ("url => fetch(url).then(r => r.json()).then(j => j.page.name)"
                ".catch(e => 'blocked: ' + e)")
        assert page.evaluate(read, headers_url + "api/v2/summary.json") == "Larkspur Wallet Status"
        version = "url => fetch(url).then(r => r.json()).then(j => j.version).catch(e => 'blocked')"
        assert page.evaluate(version, headers_url + "feed.json") == "https://jsonfeed.org/version/1.1"
        blocked = page.evaluate("url => fetch(url).then(r => 'read').catch(e => 'blocked')", headers_url + "faq/")
        assert blocked == "blocked"  # pages stay same-origin only
    finally:
        context.close()
        other.shutdown()
