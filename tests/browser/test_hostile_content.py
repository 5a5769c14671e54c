"""A hostile update cannot run script in the reader's browser; the opt-out is explicit."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ProjectFactory, update
from tests.site_fixtures import serve

pytestmark = pytest.mark.browser

HOSTILE = """Hello <script>window.__pwned = 'script'</script>
<img src="x.png" onerror="window.__pwned = 'onerror'">
<a id="bad" href="javascript:window.__pwned = 'link'">click me</a>
<iframe src="data:text/html,<script>parent.__pwned = 'iframe'</script>"></iframe>
<svg onload="window.__pwned = 'svg'"><circle r="4"/></svg>
<p style="background:url(javascript:window.__pwned='css')" onmouseover="window.__pwned = 'hover'">text</p>
"""


def build(project: ProjectFactory) -> None:
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project.root), "build", "--now",
                             "2026-11-20T12:00:00+08:00"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def hostile(project: ProjectFactory) -> ProjectFactory:
    project.incident("2026-11-20-x", "title: <script>alert(1)</script> Title\nstarted_at: 2026-11-20T08:00:00+08:00",
                     body=HOSTILE, updates={"u": update("2026-11-20T09:00:00+08:00", "investigating", body=HOSTILE)})
    return project


def test_hostile_update_cannot_run_script(hostile: ProjectFactory, browser) -> None:
    build(hostile)
    page_html = (hostile.root / "site/incidents/2026-11-20-x/index.html").read_text()
    assert "onerror" not in page_html and "javascript:" not in page_html and "<iframe" not in page_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Title" in page_html  # the title is text, not markup
    server, url = serve(hostile.root / "site")
    try:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("", "incidents/2026-11-20-x/", "zh/incidents/2026-11-20-x/"):
            page.goto(url + path, wait_until="networkidle")
            for link in page.locator("a#bad").all():
                link.click()
            page.mouse.move(300, 300)
            assert page.evaluate("window.__pwned") is None
        assert dialogs == []
        page.close()
    finally:
        server.shutdown()


def test_raw_html_is_kept_only_when_the_site_opts_out(hostile: ProjectFactory) -> None:
    config = hostile.root / "herald.yml"
    config.write_text(config.read_text() + "output:\n  allow_raw_html: true\n")
    build(hostile)
    page_html = (hostile.root / "site/incidents/2026-11-20-x/index.html").read_text()
    assert 'onerror="window.__pwned' in page_html
