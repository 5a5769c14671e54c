"""Badges rendered by CairoSVG, a renderer with no per-glyph font fallback (as many image proxies):
Chinese words come out as glyphs, not empty boxes, and every status icon is drawn whatever the fonts."""

from __future__ import annotations

import io

import cairosvg
import pytest
from PIL import Image, ImageChops

from generator.outputs.badges import ICON_SHAPES, badge, favicon
from generator.site.page_helper import INDICATOR_ICON, STATUS_ICON

OLD_STACK = "Verdana,DejaVu Sans,Noto Sans CJK SC,sans-serif"
"""The stack badges named before: Latin fonts first."""


def render(svg: str) -> Image.Image:
    return Image.open(io.BytesIO(cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=4))).convert("RGB")


def label_region(image: Image.Image, svg: str) -> Image.Image:
    width = int(svg.split('<rect width="', 1)[1].split('"', 1)[0])  # the label's grey rectangle
    return image.crop((0, 0, width * 4, image.height))


def differs(first: Image.Image, second: Image.Image) -> bool:
    return ImageChops.difference(first, second).getbbox() is not None


@pytest.mark.parametrize("words", ["状态", "提币与充币", "登录与账户"])
def test_chinese_labels_render_as_glyphs_not_boxes(words: str) -> None:
    unknown = "\U0002fffd" * len(words)  # wide like the words but unassigned: no font has it, renderers draw a box
    ours, boxes = (badge(w, "正常运行", "#1a7f37", "✓") for w in (words, unknown))
    assert differs(label_region(render(ours), ours), label_region(render(boxes), boxes))
    # The test can fail: with Latin fonts first, CairoSVG draws the same boxes for the words as for unknown ones.
    old, old_boxes = (svg.replace("Noto Sans CJK SC,Source Han Sans SC,PingFang SC,Hiragino Sans GB,Microsoft "
                                  "YaHei,Noto Sans CJK TC,Noto Sans CJK JP,sans-serif", OLD_STACK)
                      for svg in (ours, boxes))
    assert old != ours and not differs(label_region(render(old), old), label_region(render(old_boxes), old_boxes))


def test_every_status_icon_has_a_shape_that_cairosvg_draws() -> None:
    icons = set(STATUS_ICON.values()) | set(INDICATOR_ICON.values())
    assert icons <= set(ICON_SHAPES)
    drawn = {}
    for icon in sorted(icons):
        svg = badge("", "x", "#1a7f37", icon)
        with_icon, without = render(svg), render(badge("", "x", "#1a7f37"))
        assert with_icon.width > without.width
        left = with_icon.crop((0, 0, 40 * 4 // 2 + 40, with_icon.height))
        assert (255, 255, 255) in {colour for _, colour in left.getcolors(1 << 20)}, icon  # white strokes on the colour
        drawn[icon] = left.tobytes()
    assert len(set(drawn.values())) == len(icons)  # each icon its own shape
    assert differs(render(favicon("critical", "x")), render(favicon("none", "x")))
