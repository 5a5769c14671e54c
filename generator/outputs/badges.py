"""SVG status badges for the whole page and each component, in every language, built with ElementTree.

A badge is a label and the status in words with its icon (never colour alone), ``role="img"``
with a ``<title>`` and ``aria-label`` carrying the same text, and colours whose contrast with
the white text is at least 4.5:1 (WCAG AA for small text).
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

from generator.outputs.text import OutputText, clean
from generator.site.page_helper import INDICATOR_ICON, STATUS_ICON

SVG = "http://www.w3.org/2000/svg"
FAVICON = "badges/favicon.svg"
"""The site's icon, drawn in the overall status at the build's now (every page links it)."""
HEIGHT = 20
FONT_SIZE = 11
PAD = 6
LABEL_COLOUR = "#555555"
TEXT_COLOUR = "#ffffff"
STATUS_COLOURS = {
    "operational": "#1a7f37", "degraded_performance": "#8a5a00", "partial_outage": "#b1420a",
    "major_outage": "#c4202b", "under_maintenance": "#0b62c4",
}
"""Background per component status; each at least 4.5:1 against white text."""
INDICATOR_COLOURS = {"none": STATUS_COLOURS["operational"], "minor": STATUS_COLOURS["degraded_performance"],
                     "major": STATUS_COLOURS["partial_outage"], "critical": STATUS_COLOURS["major_outage"],
                     "maintenance": STATUS_COLOURS["under_maintenance"]}


def badge_path(p: str, name: str) -> str:
    """Path of a badge: ``badges/status.svg`` or ``badges/<component id>.svg``."""
    return f"{p}badges/{name}.svg"


def render_badges(text: OutputText) -> dict[str, str]:
    """The overall badge and one per component, in every language."""
    state = text.state
    out: dict[str, str] = {}
    for lang in text.settings.languages:
        p = text.prefix(lang)
        indicator = state.indicator
        out[badge_path(p, "status")] = badge(text.t(lang, "badge.status"), text.t(lang, "indicator." + indicator),
                                             INDICATOR_COLOURS[indicator], INDICATOR_ICON[indicator],
                                             text.t(lang, "punct.colon"))
        for component in text.settings.components:
            status = state.statuses[component.id].value
            out[badge_path(p, component.id)] = badge(text.component_name(component.id, lang),
                                                     text.t(lang, "component." + status), STATUS_COLOURS[status],
                                                     STATUS_ICON[status], text.t(lang, "punct.colon"))
    out[FAVICON] = favicon(state.indicator, text.t(text.settings.default_language, "indicator." + state.indicator))
    return out


def favicon(indicator: str, words: str) -> str:
    """The site's icon in the overall status: the indicator's colour and shape, its words as the title."""
    root = ET.Element("svg", {"xmlns": SVG, "viewBox": "0 0 24 24", "role": "img", "aria-label": clean(words)})
    ET.SubElement(root, "title").text = clean(words)
    ET.SubElement(root, "circle", {"cx": "12", "cy": "12", "r": "11", "fill": INDICATOR_COLOURS[indicator]})
    ET.SubElement(root, "text", {"x": "12", "y": "16.5", "fill": TEXT_COLOUR, "text-anchor": "middle",
                                 "font-size": "14", "font-weight": "700",
                                 "font-family": "Verdana,DejaVu Sans,sans-serif"}).text = INDICATOR_ICON[indicator]
    return ET.tostring(root, encoding="unicode") + "\n"


def badge(label: str, words: str, colour: str, icon: str = "", colon: str = ": ") -> str:
    """One badge as SVG text: grey label on the left, icon and status words on colour on the right."""
    label, words = clean(label), clean(words)
    value = f"{icon} {words}" if icon else words
    label_width, value_width = text_width(label) + 2 * PAD, text_width(value) + 2 * PAD
    width = label_width + value_width
    spoken = f"{label}{colon}{words}"  # the icon only repeats the words
    root = ET.Element("svg", {"xmlns": SVG, "width": str(width), "height": str(HEIGHT),
                              "viewBox": f"0 0 {width} {HEIGHT}", "role": "img", "aria-label": spoken})
    ET.SubElement(root, "title").text = spoken
    shapes = ET.SubElement(root, "g", {"shape-rendering": "crispEdges"})
    ET.SubElement(shapes, "rect", {"width": str(label_width), "height": str(HEIGHT), "fill": LABEL_COLOUR})
    ET.SubElement(shapes, "rect", {"x": str(label_width), "width": str(value_width), "height": str(HEIGHT),
                                   "fill": colour})
    words = ET.SubElement(root, "g", {"fill": TEXT_COLOUR, "text-anchor": "middle", "font-size": str(FONT_SIZE),
                                      "font-family": "Verdana,DejaVu Sans,Noto Sans CJK SC,sans-serif",
                                      "aria-hidden": "true"})
    for x, width_of, words_text in ((0, label_width, label), (label_width, value_width, value)):
        ET.SubElement(words, "text", {"x": str(x + width_of / 2), "y": "14", "textLength": str(width_of - 2 * PAD),
                                      "lengthAdjust": "spacingAndGlyphs"}).text = words_text
    return ET.tostring(root, encoding="unicode") + "\n"


def text_width(text: str) -> int:
    """Estimated width in pixels at 11 px: wide (CJK) characters take a full em, others about 0.62 em."""
    em = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.62 for ch in text)
    return max(1, round(em * FONT_SIZE))


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
