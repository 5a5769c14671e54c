"""``herald export`` built by builders without the Herald plugin: plain MkDocs (Material) and the pinned Zensical.

Each builder's site must keep what the plugin adds (security.txt, the language switcher, ``lang``, feed
autodiscovery, the status bar, the incident banner), run under its own ``_headers`` policy once the
exported hook (MkDocs) or ``herald_headers.py`` (Zensical) has finished it, and find Chinese words in search.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from tests.browser.test_subscribe import RECORD, HeadersHandler
from tests.helpers.output_helpers import parse_headers_file
from tests.site_fixtures import DEMO_NOW, REPO

pytestmark = pytest.mark.browser

TOOLS = Path(os.environ.get("HERALD_TOOLS", Path.home() / ".cache" / "herald-tools"))
ZENSICAL = TOOLS / "zensical" / "bin" / "zensical"
ZENSICAL_VERSION = "0.0.73"
"""Pinned in .ci/setup.sh: the newest Zensical the package index can install."""
THEFT = "incidents/2026-11-20-hot-wallet-theft/"
BUILDERS = ("mkdocs", "zensical")


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(cwd)}  # jieba's cache stays in the test folder
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """The demo exported at the demo's now."""
    target = tmp_path_factory.mktemp("export") / "tree"
    result = run([sys.executable, "-m", "generator", "--root", str(REPO), "export", str(target), "--now", DEMO_NOW],
                 REPO)
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def built(exported: Path, tmp_path_factory) -> dict[str, Path]:
    """The export built by plain ``mkdocs build`` and by ``zensical build`` (then ``herald_headers.py``)."""
    sites = {}
    for builder in BUILDERS:
        tree = tmp_path_factory.mktemp(builder) / "tree"
        shutil.copytree(exported, tree)
        if builder == "mkdocs":
            result = run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"], tree)
        else:
            assert ZENSICAL.is_file(), f"{ZENSICAL} missing: run bash .ci/setup.sh (installs Zensical {ZENSICAL_VERSION})"
            result = run([str(ZENSICAL), "build"], tree)
        assert result.returncode == 0, result.stdout + result.stderr
        if builder == "zensical":
            finished = run([sys.executable, "herald_headers.py", "site"], tree)
            assert finished.returncode == 0 and "inline script" in finished.stdout, finished.stderr
        sites[builder] = tree / "site"
    return sites


def test_the_pinned_zensical_is_the_one_installed() -> None:
    result = subprocess.run([str(ZENSICAL), "--version"], capture_output=True, text=True, timeout=60)
    assert ZENSICAL_VERSION in result.stdout + result.stderr


def page_tree(site: Path, path: str):
    return lxml.html.fromstring((site / path / "index.html").read_bytes())


SHADOW_TEXT = "[...document.querySelectorAll('*')].filter(e => e.shadowRoot).map(e => e.shadowRoot.textContent).join(' ')"

SEARCH_OPEN = ("() => [...document.querySelectorAll('*')].some(e => e.shadowRoot && e.shadowRoot.activeElement"
               " && e.shadowRoot.activeElement.tagName === 'INPUT')")


def search_results(page, builder: str, query: str) -> str:
    """Type ``query`` into the builder's search; the text of its results (Zensical draws them in a shadow root)."""
    if builder == "mkdocs":
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=30)
        box.press("End")  # characters typed through an input method send no key events; Material listens for keyup
        page.wait_for_selector(".md-search-result__item", timeout=20000)
        page.wait_for_timeout(300)
        return page.locator(".md-search-result").inner_text().replace("\u200b", "")
    page.click(".md-search__button")  # on a status page the first click also fetches the script, then is replayed
    page.wait_for_function(SEARCH_OPEN, timeout=20000)
    page.keyboard.type(query, delay=30)
    page.get_by_text(re.compile(r"^[1-9][0-9]* results?$")).wait_for(timeout=20000)
    return page.evaluate(SHADOW_TEXT)


@pytest.mark.parametrize("builder", BUILDERS)
def test_security_txt_lang_switcher_feeds_status_and_banner_survive(built: dict[str, Path], builder: str) -> None:
    site = built[builder]
    assert "Contact:" in (site / ".well-known/security.txt").read_text(encoding="utf-8")
    zh = page_tree(site, "zh/kb")
    assert zh.get("lang") == "zh-Hans"  # the script of the Chinese the site is written in
    assert page_tree(site, "kb").get("lang") == "en"
    [switch] = zh.xpath('//a[contains(@class, "herald-language-link")]')
    assert switch.get("hreflang") == "en" and switch.get("href").rstrip("/").endswith("kb")
    assert "服务严重中断" in zh.xpath('string(//*[contains(@class, "herald-statusbar")])')
    banner = zh.xpath('//p[contains(@class, "herald-banner")]/a')
    assert banner and "热钱包" in banner[0].text_content()
    incident = page_tree(site, THEFT)
    feeds = [link.get("href") for link in incident.xpath('//link[@type="application/atom+xml"]')]
    assert len(feeds) == 2 and feeds[1].endswith("feed.atom") and feeds[0].endswith("../../feed.atom")
    assert not incident.xpath('//p[contains(@class, "herald-banner")]')  # not on the incident's own page
    nav = " ".join(zh.xpath('string(//nav[contains(@class, "md-nav--primary")])').split())
    assert "常见问题" in nav and "Knowledge base" not in nav  # only the page's language section


@pytest.fixture(scope="module")
def served(built: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Each builder's site served with the headers its own finished ``_headers`` gives each path."""
    urls, servers = {}, []
    for builder, site in built.items():
        rules = parse_headers_file((site / "_headers").read_text(encoding="utf-8"))
        handler = functools.partial(type("Handler", (HeadersHandler,), {"rules": rules}), directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[builder] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield urls
    for server in servers:
        server.shutdown()


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("path,query,expected", [("zh/kb/", "提币", "提币"), ("zh/", "助记词", "助记词"),
                                                 ("kb/", "phishing", "phishing")])
def test_search_works_under_the_builders_own_policy(browser, served: dict[str, str], builder: str, path: str,
                                                    query: str, expected: str) -> None:
    base = served[builder]
    context = browser.new_context()
    try:
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                      else route.abort())
        context.add_init_script(RECORD)
        page = context.new_page()
        response = page.goto(base + path, wait_until="networkidle")
        assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
        results = search_results(page, builder, query)
        assert expected.lower() in results.lower()
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
