"""Site fixtures: the demo site built once, served on 127.0.0.1, opened in Debian's chromium.

Launch options follow ../shared/reference/browser-tests.md: the system browser at
/usr/bin/chromium (never a downloaded one) with background networking disabled.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

CHROMIUM = os.environ.get("HERALD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DEMO_NOW = "2026-11-21T18:00:00+08:00"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that does not log every request."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".atom": "application/atom+xml",
                      ".rss": "application/rss+xml", ".json": "application/json", ".mjs": "text/javascript"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the base class
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` on a free loopback port; return the server and its base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The repository's demo site, built with its pinned now."""
    target = tmp_path_factory.mktemp("demo") / "site"
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(REPO), "build", "--now",
                             DEMO_NOW, "--site-dir", str(target)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="session")
def demo_url(demo_site: Path) -> Iterator[str]:
    """Base URL of the served demo site."""
    server, url = serve(demo_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Debian chromium driven by playwright."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class RecordedPage:
    """A page plus every URL it requested."""

    def __init__(self, page, requests: list[str]) -> None:
        self.page, self.requests = page, requests

    def outside(self, base: str) -> list[str]:
        """Requests that left the local server."""
        return [url for url in self.requests if not url.startswith(base) and not url.startswith("data:")]


@pytest.fixture
def open_page(browser, demo_url: str):
    """Open a path of the demo site in a fresh context; returns a RecordedPage."""
    contexts = []

    def opener(path: str, javascript: bool = True, width: int = 1280) -> RecordedPage:
        context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        # Record every request but let none leave the machine: tests never touch the network.
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(demo_url)
                      else route.abort())
        page.goto(demo_url + path, wait_until="networkidle")
        return RecordedPage(page, requests)

    yield opener
    for context in contexts:
        context.close()
