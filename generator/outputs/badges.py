"""SVG status badges for the whole page and each component, in every language, built with ElementTree.

A badge is a label and the status in words with its icon (never colour alone), ``role="img"``
with a ``<title>`` and ``aria-label`` carrying the same text, and colours whose contrast with
the white text is at least 4.5:1 (WCAG AA for small text).

Renderers without per-glyph font fallback (CairoSVG, many image proxies) draw every character
from the first font they find, so text with CJK characters names CJK fonts first (they carry Latin
letters too), and the status icon is drawn as a path, not as a character any font may lack.
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


LATIN_FONTS = "Verdana,DejaVu Sans,sans-serif"
CJK_FONTS = ("Noto Sans CJK SC,Source Han Sans SC,PingFang SC,Hiragino Sans GB,Microsoft YaHei,"
             "Noto Sans CJK TC,Noto Sans CJK JP,sans-serif")
"""For text with wide characters: CJK fonts first, as the first font found is the only one some renderers use."""
ICON = 9
"""Width and height of a status icon in pixels; a gap of 4 separates it from the words."""
ICON_GAP = 4
ICON_SHAPES: dict[str, list[tuple[str, dict[str, str]]]] = {
    "✓": [("path", {"d": "M0.5 4.8 L3.4 7.8 L8.5 1.2", "fill": "none", "stroke-width": "1.8"})],
    "✕": [("path", {"d": "M1 1 L8 8 M8 1 L1 8", "fill": "none", "stroke-width": "1.8"})],
    "▲": [("path", {"d": "M4.5 0.5 L8.8 8.5 L0.2 8.5 Z", "stroke": "none"})],
    "◆": [("path", {"d": "M4.5 0 L9 4.5 L4.5 9 L0 4.5 Z", "stroke": "none"})],
    "⚙": [("circle", {"cx": "4.5", "cy": "4.5", "r": "2.6", "fill": "none", "stroke-width": "1.6"}),
          ("path", {"d": "M4.5 0 V2 M4.5 7 V9 M0 4.5 H2 M7 4.5 H9 M1.3 1.3 L2.7 2.7 M6.3 6.3 L7.7 7.7 "
                         "M7.7 1.3 L6.3 2.7 M2.7 6.3 L1.3 7.7", "fill": "none", "stroke-width": "1.5"})],
}
"""The status icons (``page_helper``'s characters) as shapes in a 9 x 9 box, drawn in the text colour."""


def fonts_for(text: str) -> str:
    """The font stack for some badge text: CJK fonts first when it holds a wide character."""
    return CJK_FONTS if any(unicodedata.east_asian_width(ch) in "WF" for ch in text) else LATIN_FONTS


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
    _draw_icon(root, INDICATOR_ICON[indicator], "translate(6 6) scale(1.3333)")
    return ET.tostring(root, encoding="unicode") + "\n"


def badge(label: str, words: str, colour: str, icon: str = "", colon: str = ": ") -> str:
    """One badge as SVG text: grey label on the left, icon and status words on colour on the right."""
    label, words = clean(label), clean(words)
    shape = ICON_SHAPES.get(icon, [])
    icon_width = ICON + ICON_GAP if shape else 0
    label_width, value_width = text_width(label) + 2 * PAD, icon_width + text_width(words) + 2 * PAD
    width = label_width + value_width
    spoken = f"{label}{colon}{words}"  # the icon only repeats the words
    root = ET.Element("svg", {"xmlns": SVG, "width": str(width), "height": str(HEIGHT),
                              "viewBox": f"0 0 {width} {HEIGHT}", "role": "img", "aria-label": spoken})
    ET.SubElement(root, "title").text = spoken
    shapes = ET.SubElement(root, "g", {"shape-rendering": "crispEdges"})
    ET.SubElement(shapes, "rect", {"width": str(label_width), "height": str(HEIGHT), "fill": LABEL_COLOUR})
    ET.SubElement(shapes, "rect", {"x": str(label_width), "width": str(value_width), "height": str(HEIGHT),
                                   "fill": colour})
    if shape:
        _draw_icon(root, icon, f"translate({label_width + PAD} {(HEIGHT - ICON) / 2})")
    texts = ET.SubElement(root, "g", {"fill": TEXT_COLOUR, "font-size": str(FONT_SIZE), "aria-hidden": "true"})
    # The words start right after the icon: where a renderer ignores textLength, the slack goes to the right.
    for x, length, anchor, words_text in ((label_width / 2, label_width - 2 * PAD, "middle", label),
                                          (label_width + PAD + icon_width, value_width - icon_width - 2 * PAD,
                                           "start", words)):
        ET.SubElement(texts, "text", {"x": str(x), "y": "14", "text-anchor": anchor, "textLength": str(length),
                                      "lengthAdjust": "spacingAndGlyphs",
                                      "font-family": fonts_for(words_text)}).text = words_text
    return ET.tostring(root, encoding="unicode") + "\n"


def _draw_icon(parent: ET.Element, icon: str, transform: str) -> None:
    """A status icon's shapes, in the text colour, placed by ``transform``."""
    drawn = ET.SubElement(parent, "g", {"transform": transform, "fill": TEXT_COLOUR, "stroke": TEXT_COLOUR,
                                        "stroke-linecap": "round", "stroke-linejoin": "round", "aria-hidden": "true"})
    for tag, attributes in ICON_SHAPES.get(icon, []):
        ET.SubElement(drawn, tag, attributes)


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
