"""One set of rules, two checkers: the /verify/ page's script (run in node) gives the same verdict, reason and
words as ``herald verify-channel``'s Python on a table of cases and on generated text."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.content.channel_check import check_text
from generator.content.channel_rules import describe, interface_texts
from tests.conftest import REPO
from tests.content.test_channel_check import RULES

NODE = shutil.which("node")
SCRIPT = REPO / "tests" / "helpers" / "verify_cases.mjs"
CASES = [
    "https://larkspur.example", "HTTPS://WWW.Larkspur.Example/", "status.larkspur.example/incidents/", "lаrkspur.example",
    "https://LАRKSPUR.example/", "xn--lrkspur-2fg.example", "https://larkspur-support.example",
    "larkspur.example.verify-now.io", "https://larkspur.example@evil.io", "larkspur.io", "larksupr.example",
    "@LarkspurWallet", "@LarkspurWallett", "@LarkspurWa11et", "@LarkspurWaIlet", "t.me/larkspur_announcement",
    "https://t.me/Larkspur_Announcements/", "discord.com/invite/larkspur", "@larkspur_help",
    "support@larkspur.example", "mailto:SUPPORT@larkspur.example", "refunds@larkspur.example", "support@larkspur.io",
    "Larkspur Labs Ltd", "Larkspur Labs Limited", "Larkspur Lab Ltd", "https://larkspur\u200b.example",
    "https://example.org", "@someone_else", "https://larkspur-refund.example/claim", "t.me/larkspur_refund_desk",
    "anyone@larkspur-refund.example", "   ", "word " * 40, "ＬＡＲＫＳＰＵＲ.example", "https://larkspur.example:443@evil.io/x",
    "Dear customer, your refund is ready at https://larkspur-refund.example/claim. Questions? Write to "
    "support@larkspur.example or @LarkspurWallet (see larkspur.example).",
    "Follow https://larkspur.example and @LarkspurWallet", "Visit lаrkspur.example now and @LarkspurWallet",
    "“https://larkspur.example/”。", "<larkspur.example>", "x.com/LarkspurWallet?lang=en", "https://x.com",
]


def python_reports(cases: list[str]) -> list[dict]:
    texts = interface_texts("en")
    return [{"verdict": report.verdict,
             "items": [[i.verdict, i.reason, i.kind, i.shown, describe(i, texts)] for i in report.items]}
            for report in (check_text(text, RULES) for text in cases)]


def node_reports(cases: list[str]) -> list[dict]:
    payload = json.dumps({"rules": RULES, "texts": interface_texts("en"), "cases": cases})
    run = subprocess.run([NODE, str(SCRIPT)], input=payload, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


pytestmark = pytest.mark.skipif(NODE is None, reason="node is needed to run the page's script")


def test_the_page_and_the_cli_agree_on_every_case() -> None:
    python, node = python_reports(CASES), node_reports(CASES)
    assert [(c, p) for c, p, n in zip(CASES, python, node) if p != n] == []
    assert {r["verdict"] for r in python} == {"official", "impostor", "not_ours"}


ADDRESS_PARTS = st.sampled_from(["https://", "http://", "www.", "larkspur", "lаrkspur", ".example", ".io", "@", "/",
                                 "-support", "t.me/", "x.com/", "LarkspurWallet", "support", "xn--", " ", ".", "rn",
                                 "I", "1", "Ltd", "Labs", "evil"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(ADDRESS_PARTS, min_size=1, max_size=8).map("".join), min_size=20, max_size=20))
def test_property_the_page_and_the_cli_agree_on_generated_addresses(cases: list[str]) -> None:
    assert node_reports(cases) == python_reports(cases)
