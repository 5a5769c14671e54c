"""SVG badges: one for the page and each component, in both languages, accessible and with enough contrast."""

from __future__ import annotations

from lxml import etree

from generator.outputs.badges import INDICATOR_COLOURS, LABEL_COLOUR, STATUS_COLOURS, TEXT_COLOUR, badge, contrast, text_width
from tests.conftest import ProjectFactory
from tests.helpers.output_helpers import build, bytes_of

NOW = "2026-11-20T12:30:00+08:00"
SVG = "{http://www.w3.org/2000/svg}"


def parse(output, path: str) -> etree._Element:
    return etree.fromstring(bytes_of(output, path))


def test_a_badge_for_the_page_and_each_component_in_both_languages(outage: ProjectFactory) -> None:
    output = build(outage.root, NOW)
    names = {"status", "withdrawals", "deposits", "api"}
    assert {p for p in output.files if p.endswith(".svg")} == {f"{p}badges/{n}.svg" for p in ("", "zh/") for n in names
                                                               } | {"badges/favicon.svg"}


def test_badges_say_the_status_in_words_with_role_title_and_label(outage: ProjectFactory) -> None:
    output = build(outage.root, NOW)
    status = parse(output, "badges/status.svg")
    assert status.tag == f"{SVG}svg" and status.get("role") == "img"
    assert status.get("aria-label") == status.findtext(f"{SVG}title") == "Status: Major service outage"
    assert [t.text for t in status.iter(f"{SVG}text")] == ["Status", "Major service outage"]
    assert status.find(f"{SVG}g/{SVG}path").get("d") == "M1 1 L8 8 M8 1 L1 8"  # the cross, drawn
    withdrawals = parse(output, "badges/withdrawals.svg")
    assert withdrawals.get("aria-label") == "Withdrawals: Major outage"
    assert withdrawals.findall(f"{SVG}g/{SVG}rect")[1].get("fill") == STATUS_COLOURS["major_outage"]
    assert parse(output, "badges/api.svg").get("aria-label") == "API: Operational"
    zh = parse(output, "zh/badges/withdrawals.svg")
    assert zh.get("aria-label") == "提币：严重中断" and [t.text for t in zh.iter(f"{SVG}text")] == ["提币", "严重中断"]
    assert {t.get("font-family").split(",")[0] for t in zh.iter(f"{SVG}text")} == {"Noto Sans CJK SC"}
    assert parse(output, "zh/badges/status.svg").findtext(f"{SVG}title") == "状态：服务严重中断"


def test_every_colour_has_at_least_4_5_to_1_contrast_with_the_text() -> None:
    for colour in [LABEL_COLOUR, *STATUS_COLOURS.values(), *INDICATOR_COLOURS.values()]:
        assert contrast(TEXT_COLOUR, colour) >= 4.5, colour
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0 and contrast("#777777", "#ffffff") < 4.5


def test_badges_are_small_and_sized_to_their_words() -> None:
    short, long = (etree.fromstring(badge("API", w, "#1a7f37", "✓").encode()) for w in ("OK", "Degraded performance"))
    assert int(short.get("height")) == 20 and int(short.get("width")) < int(long.get("width")) < 300
    assert text_width("严重中断") > text_width("abcd")  # wide characters take more room
    assert len(badge("API", "Operational", "#1a7f37", "✓")) < 1000


def test_badge_text_is_escaped_and_cleaned() -> None:
    svg = badge('<a href="x">&', "\x01ok\x1f", "#1a7f37")
    root = etree.fromstring(svg.encode())  # well-formed
    assert root.get("aria-label") == '<a href="x">&: ok' and root.findtext(f"{SVG}title") == '<a href="x">&: ok'
    assert "<a" not in svg.replace("&lt;a", "")  # no element made of the text


def test_the_favicon_follows_the_overall_status() -> None:
    import xml.etree.ElementTree as ET

    from generator.outputs.badges import favicon

    svg = ET.fromstring(favicon("critical", "Major service outage"))
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert svg.find("s:circle", ns).get("fill") == INDICATOR_COLOURS["critical"]
    assert svg.find("s:text", ns) is None and svg.find("s:title", ns).text == "Major service outage"
    assert svg.find("s:g/s:path", ns).get("d") == "M1 1 L8 8 M8 1 L1 8"
    calm = ET.fromstring(favicon("none", "All systems operational"))
    assert calm.find("s:circle", ns).get("fill") == INDICATOR_COLOURS["none"] != INDICATOR_COLOURS["critical"]
    assert calm.find("s:g/s:path", ns).get("d").startswith("M0.5 4.8")  # the tick
