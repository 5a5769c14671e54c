"""The channel checker: official addresses in every form match; each scammer's trick is named, never official;
impostors listed by scam warnings are named as such; a whole message is read address by address."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings, strategies as st

from generator.content.channel_check import candidates, check_text, distance, parse_candidate, skeleton
from generator.content.channel_rules import channel_rules, describe, interface_texts
from generator.content.settings import Channel
from generator.model import Kind
from tests.helpers.model_builders import at, make, upd

CHANNELS = (
    Channel("website", {"en": "Main website"}, "https://larkspur.example", {}),
    Channel("status", {"en": "Status"}, "https://status.larkspur.example", {}),
    Channel("support", {"en": "Support"}, "support@larkspur.example", {}),
    Channel("social", {"en": "X"}, "@LarkspurWallet", {}),
    Channel("chat", {"en": "Telegram"}, "t.me/larkspur_announcements", {}),
    Channel("chat", {"en": "Discord"}, "https://discord.gg/larkspur", {}),
    Channel("app", {"en": "App"}, "App Store and Google Play", {}, None, "Larkspur Labs Ltd"),
)
WARNING = make("2026-11-20-fake-support", at(20, 7), [upd("2026-11-20-fake-support", at(20, 7), "identified")],
               kind=Kind.NOTICE, title="Fake support on Telegram", scam_warning=True)
WARNING = type(WARNING)(**{**{f: getattr(WARNING, f) for f in WARNING.__slots__},
                           "impostors": (("domain", "larkspur-refund.example"), ("handle", "t.me/larkspur_refund_desk"),
                                         ("handle", "@LarkspurSupportDesk"), ("email", "refunds@larkspur-help.example"))})
RULES = channel_rules(CHANNELS, [WARNING], "en", "en")
TEXTS = interface_texts("en")


def verdict(text: str) -> tuple[str, str]:
    report = check_text(text, RULES)
    return report.verdict, report.items[0].reason


@pytest.mark.parametrize("text", [
    "https://larkspur.example", "larkspur.example", "www.larkspur.example", "https://www.larkspur.example/",
    "HTTPS://WWW.LARKSPUR.EXAMPLE/", "http://Larkspur.Example/support?x=1", "status.larkspur.example",
    "https://status.larkspur.example/incidents/", "<https://larkspur.example>.", "support@larkspur.example",
    "SUPPORT@Larkspur.Example", "mailto:support@larkspur.example", "@LarkspurWallet", "@larkspurwallet",
    "https://x.com/LarkspurWallet", "twitter.com/larkspurwallet", "t.me/larkspur_announcements",
    "https://t.me/Larkspur_Announcements/", "@larkspur_announcements", "discord.gg/larkspur",
    "https://discord.com/invite/larkspur", "Larkspur Labs Ltd", "larkspur labs ltd.",
])
def test_official_addresses_match_in_every_form(text: str) -> None:
    assert verdict(text) == ("official", "official")


@pytest.mark.parametrize(("text", "reason"), [
    ("lаrkspur.example", "lookalike"),                       # Cyrillic а
    ("https://LАRKSPUR.example/", "lookalike"),              # Cyrillic А, upper case
    ("xn--lrkspur-2fg.example", "punycode"),
    ("https://larkspur-support.example", "uses_name"),
    ("larkspur.example.verify-now.io", "extra_words"),
    ("https://larkspur.example@evil.io", "at_trick"),
    ("https://larkspur.example:443@evil.io/login", "at_trick"),
    ("larkspur.io", "other_tld"),
    ("https://larkspur.co", "other_tld"),
    ("larksupr.example", "near_miss"),
    ("@LarkspurWallett", "near_miss"),
    ("@LarkspurWa11et", "lookalike"),
    ("@LarkspurWaIlet", "lookalike"),
    ("t.me/larkspur_announcement", "near_miss"),
    ("@larkspur_help", "uses_name"),
    ("refunds@larkspur.example", "unlisted_address"),
    ("support@larkspur.io", "other_tld"),
    ("Larkspur Labs Limited", "uses_name"),
    ("Larkspur Lab Ltd", "near_miss"),
    ("https://larkspur\u200b.example", "hidden"),
    ("https://example.org", "not_ours"),
    ("@someone_else", "not_ours"),
])
def test_every_trick_is_named_and_never_official(text: str, reason: str) -> None:
    assert verdict(text) == ("not_ours", reason)


@pytest.mark.parametrize("text", ["https://larkspur-refund.example/claim", "sub.larkspur-refund.example",
                                  "t.me/larkspur_refund_desk", "https://t.me/LARKSPUR_REFUND_DESK",
                                  "@LarkspurSupportDesk", "refunds@larkspur-help.example",
                                  "anyone@larkspur-refund.example"])
def test_impostors_from_scam_warnings_are_named_with_their_warning(text: str) -> None:
    report = check_text(text, RULES)
    assert report.verdict == "impostor"
    item = report.items[0]
    assert item.params["notice"] == "2026-11-20-fake-support"
    assert item.params["url"] == "incidents/2026-11-20-fake-support/"
    assert "Fake support on Telegram" in describe(item, TEXTS)


def test_a_message_is_read_address_by_address_and_judged_by_its_worst() -> None:
    message = ("Dear customer, your refund is ready at https://larkspur-refund.example/claim. Questions? Write to "
               "support@larkspur.example or @LarkspurWallet (see larkspur.example).")
    report = check_text(message, RULES)
    assert [(i.shown, i.verdict) for i in report.items] == [
        ("https://larkspur-refund.example/claim", "impostor"), ("support@larkspur.example", "official"),
        ("@LarkspurWallet", "official"), ("larkspur.example", "official")]
    assert report.verdict == "impostor"
    assert check_text("Follow https://larkspur.example and @LarkspurWallet", RULES).verdict == "official"
    assert check_text("Visit lаrkspur.example now and @LarkspurWallet", RULES).verdict == "not_ours"


def test_nothing_to_check_is_not_official() -> None:
    assert verdict("   ") == ("not_ours", "nothing")
    assert verdict("word " * 40) == ("not_ours", "nothing")


def test_reasons_name_what_was_found() -> None:
    item = check_text("https://larkspur.example@evil.io", RULES).items[0]
    assert describe(item, TEXTS).startswith("This link goes to evil.io")
    item = check_text("@LarkspurWallett", RULES).items[0]
    assert describe(item, TEXTS) == "@LarkspurWallett differs from our @LarkspurWallet by 1 letter(s)."


def test_the_skeleton_folds_confusables_and_ascii_look_alikes() -> None:
    assert skeleton("lаrkspur", RULES) == "larkspur"          # Cyrillic а (Unicode confusables data)
    assert skeleton("ＬＡＲＫＳＰＵＲ", RULES) == "larkspur"   # full-width (NFKC)
    assert skeleton("rnoney", RULES) == "money"
    assert distance("kitten", "sitting") == 3


# ---- properties ----

DOMAINS = ("larkspur.example", "status.larkspur.example")
SEPARATORS = st.sampled_from(["", "/", "/support", "/incidents/x/?a=1#b"])


@settings(max_examples=200, deadline=None)
@given(domain=st.sampled_from(DOMAINS), scheme=st.sampled_from(["", "http://", "https://", "HTTPS://"]),
       www=st.booleans(), tail=SEPARATORS, upper=st.lists(st.booleans(), min_size=30, max_size=30))
def test_property_official_domains_match_in_any_spelling(domain, scheme, www, tail, upper) -> None:
    host = ("www." if www else "") + domain
    host = "".join(c.upper() if up else c for c, up in zip(host, upper + [False] * len(host)))
    assert check_text(scheme + host + tail, RULES).verdict == "official"


@settings(max_examples=300, deadline=None)
@given(handle=st.sampled_from(["LarkspurWallet", "larkspur_announcements"]), data=st.data())
def test_property_a_handle_one_character_apart_is_never_official(handle: str, data) -> None:
    position = data.draw(st.integers(0, len(handle) - 1))
    letter = data.draw(st.sampled_from(string.ascii_lowercase + string.digits + "_"))
    edit = data.draw(st.sampled_from(["replace", "insert", "delete"]))
    changed = {"replace": handle[:position] + letter + handle[position + 1:],
               "insert": handle[:position] + letter + handle[position:],
               "delete": handle[:position] + handle[position + 1:]}[edit]
    if changed.lower() == handle.lower():
        return
    report = check_text("@" + changed, RULES)
    assert report.verdict == "not_ours"
    assert report.items[0].reason in ("near_miss", "lookalike")


@settings(max_examples=200, deadline=None)
@given(domain=st.sampled_from(DOMAINS), data=st.data())
def test_property_a_lookalike_letter_anywhere_is_never_official(domain: str, data) -> None:
    swaps = {"a": "а", "e": "е", "o": "о", "p": "р", "s": "ѕ", "x": "х", "l": "ӏ"}
    positions = [i for i, c in enumerate(domain) if c in swaps]
    i = data.draw(st.sampled_from(positions))
    fake = domain[:i] + swaps[domain[i]] + domain[i + 1:]
    report = check_text("https://" + fake + "/", RULES)
    assert report.verdict == "not_ours"
    assert report.items[0].reason in ("lookalike", "lookalike_letters")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_property_any_text_gets_a_verdict_and_never_a_crash(text: str) -> None:
    report = check_text(text, RULES)
    assert report.verdict in ("official", "impostor", "not_ours") and report.items
    for item in report.items:
        describe(item, TEXTS)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60))
def test_property_only_an_official_address_is_official(text: str) -> None:
    for candidate in candidates(text):
        if check_text(candidate.shown, RULES).verdict == "official":
            assert candidate.value in {e["value"] for e in RULES["official"]} or any(
                candidate.host.endswith("." + d) for d in DOMAINS)


def test_parse_reads_each_kind() -> None:
    assert parse_candidate("HTTPS://www.Larkspur.Example:8443/a").value == "larkspur.example"
    assert parse_candidate("https://larkspur.example@evil.io").tricks == ("at",)
    assert parse_candidate("t.me/Name").platform == "telegram"
    assert parse_candidate("x.com/Name").value == "name"
    assert parse_candidate("Larkspur  Labs, Ltd.").value == "larkspur labs ltd"
