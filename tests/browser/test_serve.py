"""In the browser: ``herald serve`` shows a content error over the last good site, and recovers when it is fixed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ProjectFactory, add_outage, update
from tests.adapters.test_safe_publishing import free_port, wait_for

pytestmark = pytest.mark.browser
NOW = "2026-11-20T12:30:00+08:00"
DOWN = "incidents/2026-11-20-withdrawals-down"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[ProjectFactory, str]]:
    """``herald serve`` of the outage project on a free loopback port."""
    project = add_outage(ProjectFactory(tmp_path / "project"))
    port = free_port()
    env = {**os.environ, "HOME": str(tmp_path / "home"), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project.root), "serve",
                               "--dev-addr", f"127.0.0.1:{port}", "--now", NOW], cwd=project.root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url)
        yield project, url
    finally:
        server.terminate()
        server.communicate(timeout=30)


def local_page(browser, url: str, width: int, height: int):
    """A browser context that lets through only requests to the served site, and a page in it."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
    return context, context.new_page()


def test_serve_shows_a_content_error_and_recovers(browser, served, tmp_path: Path) -> None:
    project, url = served
    context, page = local_page(browser, url, 1280, 900)
    try:
        # "load", not "networkidle": the live-reload script keeps one request open for as long as the page lives
        page.goto(url + "incidents/2026-11-20-withdrawals-down/", wait_until="load")
        assert page.locator("article h1").inner_text() == "Withdrawals are down"
        assert page.locator(".herald-serve-errors").count() == 0
        broken = project.file(f"{DOWN}/2026-11-20T1100.md", update("2026-11-20T11:00:00+08:00", "resovled"))
        alert = page.locator(".herald-serve-errors")
        alert.wait_for(timeout=90_000)  # the live reload brings the rebuilt page by itself
        text = alert.inner_text()
        assert f"{DOWN}/2026-11-20T1100.md:3: error [bad-value]" in text and "did you mean 'resolved'?" in text
        assert page.locator("article h1").inner_text() == "Withdrawals are down"  # the last good site stays
        page.screenshot(path=str(tmp_path / "serve-error.png"))
        if os.environ.get("HERALD_SCREENSHOTS"):
            page.screenshot(path=os.environ["HERALD_SCREENSHOTS"] + "/serve-error.png")
        broken.write_text(update("2026-11-20T11:00:00+08:00", "monitoring", body="Fixed and watching."),
                          encoding="utf-8")
        page.get_by_text("Fixed and watching.").first.wait_for(timeout=90_000)
        assert page.locator(".herald-serve-errors").count() == 0
    finally:
        context.close()


def test_serve_shows_what_each_channel_will_say_beside_each_update(browser, served, tmp_path: Path) -> None:
    """With no announce: section, every channel format is previewed; on a phone nothing runs off the screen."""
    project, url = served
    context, page = local_page(browser, url, 390, 844)
    try:
        page.goto(url + "zh/incidents/2026-11-20-withdrawals-down/", wait_until="load")
        latest = page.locator("li#update-2026-11-20T1000 details.herald-previews")
        assert latest.get_attribute("open") is not None  # the newest update's previews are open
        channels = latest.locator(".herald-preview__channel").all_inner_texts()
        assert [c.split()[0] for c in channels] == ["email", "x", "bluesky", "mastodon", "telegram", "discord",
                                                    "slack", "matrix", "sms", "webhook"]
        sms = latest.locator(".herald-preview", has=page.locator("h4", has_text="sms"))
        text = sms.locator("pre").inner_text()
        assert text.splitlines()[0].startswith("【已查明原因】") and "/s/" in text.splitlines()[-1]
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        latest.screenshot(path=str(tmp_path / "previews-phone.png"))
    finally:
        context.close()
