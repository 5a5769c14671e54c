"""The "Is this really us?" page of the demo, in English and Chinese, on a phone: an official link, a known
impostor, a look-alike and a pasted signed statement (good, then changed) each get the right verdict, with no
request leaving 127.0.0.1; axe passes; without JavaScript the page still lists the channels and how to check."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gates.checks import serious_axe_violations

pytestmark = pytest.mark.browser
STATEMENT = "statements/2026-11-20-hot-wallet-theft/2026-11-20T0620.{lang}.asc"
WORDS = {"en": {"official": "Official", "impostor": "Known impostor", "not_ours": "Not one of ours",
                "ok": "Authentic and unchanged", "bad": "Not authentic"},
         "zh": {"official": "官方", "impostor": "已知假冒", "not_ours": "不是我们的", "ok": "真实且未被改动",
                "bad": "不真实"}}


def check(page, text: str) -> tuple[str, str]:
    page.fill("#herald-verify-input", text)
    page.click("#herald-verify-form button")
    section = page.locator("#herald-verify-result")
    return section.get_attribute("data-verdict"), section.inner_text()


def check_signed(page, text: str) -> tuple[str, str]:
    page.evaluate("document.getElementById('herald-signed-result').hidden = true")
    page.fill("#herald-signed-input", text)
    page.click("#herald-signed-form button")
    result = page.locator("#herald-signed-result:not([hidden])")
    result.wait_for(timeout=20000)
    return result.get_attribute("data-state"), result.inner_text()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_verify_page_gives_each_verdict_offline(open_page, demo_site: Path, lang: str) -> None:
    prefix = "" if lang == "en" else "zh/"
    opened = open_page(f"{prefix}verify/", width=390)
    page, words = opened.page, WORDS[lang]
    verdict, shown = check(page, "HTTPS://www.larkspur.example/")
    assert verdict == "official" and words["official"] in shown
    verdict, shown = check(page, "Your refund: https://larkspur-refund.example/claim")
    assert verdict == "impostor" and words["impostor"] in shown
    warning = page.evaluate("document.querySelector('#herald-verify-result a').href")
    assert warning.endswith(f"/{prefix}incidents/2026-11-20-fake-support-telegram/")
    verdict, shown = check(page, "https://lаrkspur.example/login")  # Cyrillic а
    assert verdict == "not_ours" and words["not_ours"] in shown
    statement = (demo_site / STATEMENT.format(lang=lang)).read_text(encoding="utf-8")
    state, said = check_signed(page, statement)
    assert state == "ok" and words["ok"] in said
    state, said = check_signed(page, statement.replace("1,204", "1,024", 1))
    assert state == "bad" and words["bad"] in said
    assert opened.outside("http://127.0.0.1") == []
    assert serious_axe_violations(page) == []
    page.screenshot(path=str(demo_site.parent / f"verify-{lang}-phone.png"), full_page=True)


def test_verify_page_without_javascript_lists_channels_and_how_to_check(open_page) -> None:
    page = open_page("verify/", javascript=False, width=390).page
    assert not page.locator("#herald-verify-form").is_visible()
    text = " ".join(page.inner_text("article").split())
    assert "@LarkspurWallet" in text and "How to check by hand" in text
    assert "gpg --verify" in text and "130C 256F E2E5 F1F3 653C 25FD 0978 B273 883D 5CF8" in text
    assert "larkspur-refund.example" in text
