"""Hostile content in the pages folder (site_src) is inert in the browser, with and without the _headers CSP.

The page is built by the real ``herald build`` (MkDocs and the theme included) and opened in Debian's
chromium from a loopback server; a dialog listener and a page-wide flag catch any script that runs.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import ProjectFactory, update
from tests.site_fixtures import QuietHandler

pytestmark = pytest.mark.browser

NOW = "2026-11-20T12:00:00+08:00"
HOSTILE = """---
title: '<img src=x onerror="alert(`title`)">Guide'
description: '"><script>alert("description")</script>'
subtitle: '<img src=x onerror="alert(`subtitle`)">'
---
# Hostile page

<script>alert('script'); window.__pwned = 'script'</script>
<img src="x.png" onerror="alert('onerror'); window.__pwned = 'onerror'">
<iframe src="javascript:alert('iframe')"></iframe>
<svg><script>alert('svg')</script></svg>
<svg onload="alert('svg-onload')"><circle r="4"/></svg>
<style>body { background: url(https://evil.example/track.png) }</style>
<a id="bad" href="javascript:alert('link'); window.__pwned = 'link'">click me</a>
<p id="hover" onmouseover="alert('hover'); window.__pwned = 'hover'">hover me</p>
<details open ontoggle="alert('toggle')"><summary>more</summary>text</details>
<div id="__config">{"base": "https://evil.example/", "search": "https://evil.example/worker.js"}</div>
<form action="javascript:alert('form')"><button id="submit">send</button></form>
<object data="javascript:alert('object')"></object>

Text with an attribute list
{: onclick="alert('attr')" }

## Heading <img src=x onerror="alert('heading')"> with code `<script>alert(1)</script>`
"""


def csp_of(site: Path) -> str:
    """The Content-Security-Policy that _headers sets for every path."""
    for line in (site / "_headers").read_text().splitlines():
        if line.strip().startswith("Content-Security-Policy:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError("_headers has no Content-Security-Policy")


def serve(site: Path, csp: str | None) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` on loopback, sending ``csp`` with every response when given (as a host reading _headers)."""
    class Handler(QuietHandler):
        def end_headers(self) -> None:
            if csp:
                self.send_header("Content-Security-Policy", csp)
            super().end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile page, in the navigation of every page, built with the herald command."""
    project = ProjectFactory(tmp_path_factory.mktemp("hostile"))
    project.incident("2026-11-20-slow", "title: Slow\nimpact: minor\ncomponents: [api]\n"
                     "started_at: 2026-11-20T08:00:00+08:00",
                     updates={"2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating")})
    project.file("site_src/kb/hostile.md", HOSTILE)
    mkdocs = project.root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("      - Components: components/index.md\n",
                                                 "      - Components: components/index.md\n      - kb/hostile.md\n", 1))
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environ["HOME"] = str(project.root.parent / "home")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build", "--now", NOW],
                            capture_output=True, text=True, timeout=300, env=environ)
    assert result.returncode == 0, result.stderr
    return project.root / "site"


@pytest.mark.parametrize("with_headers", [False, True], ids=["no-headers", "headers-csp"])
def test_hostile_site_src_page_is_inert(hostile_site: Path, browser, with_headers: bool) -> None:
    server, url = serve(hostile_site, csp_of(hostile_site) if with_headers else None)
    context = browser.new_context()
    violations: list[str] = []
    try:
        page = context.new_page()
        dialogs: list[str] = []
        requests: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: violations.append(message.text)
                if "Content Security Policy" in message.text else None)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
        for path in ("", "kb/hostile/", "zh/kb/hostile/", "zh/"):
            page.goto(url + path, wait_until="networkidle")
            for selector in ("a#bad", "#submit", "#hover"):
                for element in page.locator(selector).all():
                    element.hover()
                    element.click(no_wait_after=True)
            page.mouse.move(200, 300)
            page.wait_for_timeout(200)
            assert page.evaluate("window.__pwned") is None, path
            assert page.evaluate("typeof __md_get") == "function", path  # the theme's own scripts did run
        page.goto(url + "kb/hostile/", wait_until="networkidle")
        page.keyboard.press("/")  # Material's search: result titles come from the page's (escaped) title
        page.keyboard.type("hostile")
        page.wait_for_timeout(800)
        assert dialogs == []
        assert [r for r in requests if not r.startswith(url)] == []
        if with_headers:  # the policy blocked nothing of the theme's: the page needs no script it does not allow
            assert violations == []
    finally:
        context.close()
        server.shutdown()
