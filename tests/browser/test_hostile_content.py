"""A hostile update cannot run script in the reader's browser; the opt-out is explicit.

The browser test does not rely on triggering each handler (a hover at one spot misses most of them):
it reads the live DOM of each page for any ``on*`` attribute, ``javascript:`` URL, frame or injected
script, fires the common events at every element of Herald's content, and listens for dialogs.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ProjectFactory, update
from tests.site_fixtures import serve

HOSTILE = """Hello <script>window.__pwned = 'script'; alert('script')</script>
<img src="x.png" onerror="window.__pwned = 'onerror'; alert('onerror')">
<a id="bad" href="javascript:window.__pwned = 'link'; alert('link')">click me</a>
<iframe src="data:text/html,<script>parent.__pwned = 'iframe'</script>"></iframe>
<svg onload="window.__pwned = 'svg'; alert('svg')"><circle r="4"/></svg>
<p style="background:url(javascript:window.__pwned='css')" onmouseover="window.__pwned = 'hover'">text</p>
<p onclick="alert('click')" onfocus="alert('focus')" tabindex="0">paragraph</p>
<details open ontoggle="window.__pwned = 'toggle'; alert('toggle')"><summary>s</summary>x</details>
<div onload="alert('div')" onanimationstart="alert('animation')" onpointerenter="alert('pointer')">div</div>
<a href=" JaVaScRiPt:alert('spaced')">spaced</a> <form action="javascript:alert('form')"><button>go</button></form>
"""

# Every attribute named on*, every javascript: URL in any attribute, frames, and scripts carrying the payload.
DOM_PROBLEMS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (attr.name.toLowerCase().startsWith('on')) found.push(`${el.tagName.toLowerCase()}[${attr.name}]`);
      if (value.startsWith('javascript:') || value.startsWith('vbscript:') || value.includes('url(javascript:'))
        found.push(`${el.tagName.toLowerCase()}[${attr.name}="${attr.value}"]`);
    }
  }
  for (const el of document.querySelectorAll('iframe, frame, object, embed')) found.push(el.tagName.toLowerCase());
  for (const el of document.querySelectorAll('script')) if (el.textContent.includes('__pwned')) found.push('script');
  return found;
}"""

# Fire the events that handlers listen for at every element Herald renders (clicks on links excepted:
# they would navigate away; the javascript: link is clicked for real below).
FIRE_EVENTS = """() => {
  const types = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'pointerover', 'pointerenter',
                 'focus', 'focusin', 'blur', 'load', 'error', 'toggle', 'animationstart', 'keydown', 'input',
                 'change', 'wheel', 'touchstart'];
  let fired = 0;
  for (const el of document.querySelectorAll('.herald *')) {
    for (const type of types) {
      el.dispatchEvent(new Event(type, {bubbles: true}));
      fired++;
    }
    if (!el.closest('a, form')) el.dispatchEvent(new MouseEvent('click', {bubbles: true}));
  }
  return fired;
}"""


def build(project: ProjectFactory) -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build", "--now",
                             "2026-11-20T12:00:00+08:00"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def hostile(project: ProjectFactory) -> ProjectFactory:
    project.incident("2026-11-20-x", "title: <script>alert(1)</script> Title\nstarted_at: 2026-11-20T08:00:00+08:00",
                     body=HOSTILE, updates={"u": update("2026-11-20T09:00:00+08:00", "investigating", body=HOSTILE)})
    return project


@pytest.mark.browser
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
        for path in ("", "incidents/2026-11-20-x/", "zh/incidents/2026-11-20-x/", "history/"):
            page.goto(url + path, wait_until="networkidle")
            assert page.locator(".herald").count() > 0, path  # Herald's content is there to be probed
            assert page.evaluate(DOM_PROBLEMS) == [], path
            assert page.evaluate(FIRE_EVENTS) > 0, path
            for link in page.locator("a#bad").all():
                link.click()
            page.mouse.move(300, 300)
            page.wait_for_timeout(100)
            assert page.evaluate("window.__pwned") is None, path
        assert dialogs == []
        page.close()
    finally:
        server.shutdown()


@pytest.mark.browser
def test_the_probe_finds_every_kind_of_handler(browser) -> None:
    # The unsanitised payload, straight into a page: the probe must report each trap.
    page = browser.new_page()
    page.set_content(f"<div class='herald'>{HOSTILE}</div>".replace("<script>", "<script type='text/plain'>"))
    found = page.evaluate(DOM_PROBLEMS)
    page.close()
    for expected in ("img[onerror]", "svg[onload]", "p[onmouseover]", "p[onclick]", "p[onfocus]", "details[ontoggle]",
                     "div[onload]", "div[onanimationstart]", "div[onpointerenter]", "iframe", "script"):
        assert expected in found, (expected, found)
    assert any(f.startswith('a[href="javascript:') for f in found) and any("JaVaScRiPt" in f for f in found)
    assert any(f.startswith("form[action=") for f in found) and any(f.startswith("p[style=") for f in found)


def test_raw_html_is_kept_only_when_the_site_opts_out(hostile: ProjectFactory) -> None:
    # No browser needed: the built page either holds the handlers or not.
    config = hostile.root / "herald.yml"
    config.write_text(config.read_text() + "output:\n  allow_raw_html: true\n")
    build(hostile)
    page_html = (hostile.root / "site/incidents/2026-11-20-x/index.html").read_text()
    assert 'onerror="window.__pwned' in page_html
