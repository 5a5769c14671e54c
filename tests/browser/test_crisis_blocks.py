"""The theft incident's crisis blocks in a real browser, in English and Chinese: where to get help, compensation
and how to claim it, authorities told, on-chain evidence (a copy button that puts the whole address on the
clipboard under JavaScript; without it, no button and the address still there as selectable text), what is said
and what is true on the scam notice, and the feedback invitation; nothing wider than a phone. Screenshots of the
blocks at 1280×800 and 390×844 are written into the test's own temporary folder.

The demo is built from the repository's content with its pinned now, into a temporary folder, with a temporary
HOME, and served on 127.0.0.1; every request that is not to that server is refused and reported."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_fixtures import DEMO_NOW, REPO, serve

pytestmark = pytest.mark.browser
THEFT = "incidents/2026-11-20-hot-wallet-theft/"
NOTICE = "incidents/2026-11-20-fake-support-telegram/"
LANGS = ["", "zh/"]
# From the demo's incidents/2026-11-20-hot-wallet-theft/incident.md, by hand.
ATTACKER = "0x630017B6caC990483478639E452f984181F93223"
EVIDENCE = {"attacker-eth": ATTACKER,
            "theft-transaction": "0x2bd78cb076d24795c9488deac31fbe487e082b252e54c416c4630744e821864b",
            "attacker-tron": "TLvcdkipbM7guQX51RpYHFDLRyYW9kNiEZ",
            "frozen": "0x216fFced2be2c6F0FbA7ca7751D0110d5C7fa956",
            "reimbursement": "0xd7730307f88aeec65fecd06e025560a8bc5c8d7bb50f86509d46aab78b5e039d",
            "cold-storage": "bc1q9wfntadq9c3qql9kvnwcxlmr66snqzpc0q896e"}
HELP = {"": ["Network-fee refund form", "Support by e-mail"], "zh/": ["网络手续费退款表单", "客服邮箱"]}
REMEDY = {"": "Every customer with a withdrawal that failed", "zh/": "在 11 月 20 日 03:40 至 11 月 21 日 14:00"}
AUTHORITIES = {"": ["Singapore Police Force, Cybercrime Command", "Monetary Authority of Singapore"],
               "zh/": ["新加坡警察部队网络犯罪指挥部", "新加坡金融管理局（MAS）"]}
CLAIMS = {"": ('A "Larkspur Refund Desk" on Telegram', "No customer lost funds"),  # the scam notice's first claim
          "zh/": ('Telegram 上的"Larkspur 退款中心"', "没有任何用户损失资金")}
BLOCKS = ["section.herald-help", "section#remedies", "section.herald-claims", "section.herald-disclosures",
          "section#evidence", "aside.herald-feedback"]
SCREENS = [(1280, 800), (390, 844)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[str]:
    """The repository's demo, built at its pinned now into a temporary folder and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("crisis-demo")
    env = {"HOME": str(root / "home"), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(REPO), "build", "--now", DEMO_NOW,
                             "--site-dir", str(root / "site")], capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stderr
    server, url = serve(root / "site")
    yield url
    server.shutdown()


@pytest.fixture
def open_demo(browser, demo: str):
    """Open a demo page (JavaScript on or off, at a screen size); returns (page, requests that left 127.0.0.1)."""
    contexts = []

    def opener(path: str, javascript: bool = True, width: int = 1280, height: int = 800):
        context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": height},
                                      permissions=["clipboard-read", "clipboard-write"] if javascript else [])
        contexts.append(context)
        outside: list[str] = []

        def route(route) -> None:
            if route.request.url.startswith(demo):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.goto(demo + path, wait_until="load")
        return page, outside

    yield opener
    for context in contexts:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_every_crisis_block_is_visible_on_the_theft_incident(open_demo, lang: str) -> None:
    page, outside = open_demo(lang + THEFT)
    for block in BLOCKS:
        assert page.locator(block).is_visible(), block
    labels = page.locator("section.herald-help li.herald-help__item > strong").all_inner_texts()
    assert labels == HELP[lang]
    assert REMEDY[lang] in page.locator("section#remedies").inner_text()
    authorities = page.locator("section.herald-disclosures li > strong").all_inner_texts()
    assert authorities == AUTHORITIES[lang]
    for key, value in EVIDENCE.items():
        item = page.locator(f"#evidence-{key}")
        assert item.locator("code").inner_text() == value, key
        assert item.locator("code").is_visible() and item.locator("button.herald-copy").is_visible(), key
        assert item.locator(".herald-evidence__link a").is_visible(), key
    # The help comes right after what to do, before the facts.
    order = page.evaluate("""() => ['section.herald-actions', 'section.herald-help', 'section.herald-facts']
        .map(s => document.querySelector(s).getBoundingClientRect().top)""")
    assert order == sorted(order)
    feedback = page.locator("aside.herald-feedback a")
    assert feedback.get_attribute("href").startswith("mailto:questions@larkspur.example?subject=")
    assert outside == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_copy_button_puts_the_whole_address_on_the_clipboard(open_demo, lang: str) -> None:
    page, outside = open_demo(lang + THEFT)
    page.evaluate("navigator.clipboard.writeText('something else')")
    button = page.locator("#evidence-attacker-eth button.herald-copy")
    label = button.inner_text()
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == ATTACKER
    assert page.evaluate("window.getSelection().toString()") == ATTACKER  # and the address is selected
    assert button.inner_text() == button.get_attribute("data-herald-copied") != label  # it says it copied
    assert outside == []


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_address_is_selectable_text_and_no_copy_button_shows(open_demo, lang: str) -> None:
    page, outside = open_demo(lang + THEFT, javascript=False)
    assert page.locator("button.herald-copy").count() == len(EVIDENCE)
    assert [b.is_visible() for b in page.locator("button.herald-copy").all()] == [False] * len(EVIDENCE)
    code = page.locator("#evidence-attacker-eth code")
    assert code.is_visible() and code.inner_text() == ATTACKER
    code.click()  # one click selects the whole value, without scripts
    assert page.evaluate("window.getSelection().toString()") == ATTACKER
    for block in BLOCKS:
        assert page.locator(block).is_visible(), block
    assert outside == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_scam_notice_says_what_is_said_and_what_is_true(open_demo, lang: str) -> None:
    claim, fact = CLAIMS[lang]
    for path, heading in ((NOTICE, "h2"), ("", "h4")):  # the notice's page and its card on the home page
        page, outside = open_demo(lang + path)
        block = page.locator("section.herald-claims").first
        assert block.is_visible() and block.locator(heading).is_visible(), path
        said = block.locator(".herald-claim__said").first
        true = block.locator(".herald-claim__true").first
        assert said.is_visible() and claim in said.inner_text(), path
        assert true.is_visible() and fact in true.inner_text(), path
        assert said.bounding_box()["y"] < true.bounding_box()["y"]
        assert outside == []


@pytest.mark.parametrize("width,height", SCREENS)
@pytest.mark.parametrize("lang", LANGS)
def test_crisis_blocks_fit_the_screen_and_are_photographed(open_demo, lang: str, width: int, height: int,
                                                          tmp_path: Path) -> None:
    page, outside = open_demo(lang + THEFT, width=width, height=height)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for code in page.locator("#evidence code, section.herald-help a, section.herald-disclosures code").all():
        box = code.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, code.inner_text()
    for button in page.locator("#evidence button.herald-copy").all():
        box = button.bounding_box()
        assert box["x"] + box["width"] <= width
    # The items line up with their heading, and an address (42 characters at most) stays on one line, even on a
    # phone: a reader compares it whole, not with its last characters on a line of their own.
    heading = page.locator("section#evidence h2").bounding_box()["x"]
    assert {round(item.bounding_box()["x"]) for item in page.locator("#evidence li").all()} == {round(heading)}
    for key in ("attacker-eth", "attacker-tron", "frozen", "cold-storage"):
        lines = page.locator(f"#evidence-{key} code").evaluate("e => e.getClientRects().length")
        assert lines == 1, (key, lines)
    top = page.locator("section.herald-help").bounding_box()["y"]
    evidence = page.locator("section#evidence").bounding_box()
    scroll = page.evaluate("[window.scrollX, window.scrollY]")
    shot = tmp_path / f"crisis-blocks{'-zh' if lang else ''}-{width}x{height}.png"
    page.screenshot(path=str(shot), full_page=True,
                    clip={"x": 0, "y": top + scroll[1] - 8, "width": width,
                          "height": evidence["y"] + evidence["height"] - top + 16})
    assert shot.stat().st_size > 10_000
    assert outside == []
