"""One Markdown engine: the same Markdown gives the same HTML in an update, an FAQ answer and a knowledge-base page.

The sample holds what the two engines Herald used to run disagreed on: sub-lists indented by 2, 3 and 4
spaces (Python-Markdown flattened all but 4), ordered lists, a table, emphasis and strikethrough. It is put
in the three places of one small project, built by the real ``herald build`` (MkDocs and the theme included),
and the three fragments are compared element by element.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.helpers.three_places import INCIDENT, build_in_three_places

PLACES = {"update": (f"incidents/{INCIDENT}/index.html", '//li[contains(@class, "herald-update")]'),
          "faq": ("faq/index.html", ""), "kb": ("kb/x/index.html", "")}
"""Where each copy of the sample is: the page, and the element it is in (the incident's timeline entry)."""
SAMPLE = """\
Sample begins.

1. First step
2. Second step, with *emphasis*, **strong** words and ~~a struck word~~
3. Third step

- Parent indented by two
  - nested by two
  - its sibling
- Parent indented by three
   - nested by three
- Parent indented by four
    - nested by four

1. Numbered parent
   - nested by three under a number
     1. and numbered again, five deep
2. Numbered parent
    - nested by four under a number

| Column | Value |
| --- | ---: |
| *slanted* | **bold** |
| plain | `code` |

Sample ends.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A project with the sample in an update, an FAQ answer and a knowledge-base page, built by herald."""
    return build_in_three_places(tmp_path_factory.mktemp("one-engine"), SAMPLE, "general/sample", "x")


def fragment(site: Path, place: str) -> list:
    """The elements between the sample's first and last paragraph in its place on a built page."""
    page, scope = PLACES[place]
    tree = lxml_html.fromstring((site / page).read_text(encoding="utf-8"))
    [start] = tree.xpath(f'{scope}//p[normalize-space(.)="Sample begins."]')
    [end] = tree.xpath(f'{scope}//p[normalize-space(.)="Sample ends."]')
    assert start.getparent() is end.getparent(), page
    siblings = list(start.getparent())
    return siblings[siblings.index(start) + 1:siblings.index(end)]


def shape(element) -> tuple:
    """An element as (tag, kept attributes, text, children), whitespace-only text left out."""
    kept = tuple(sorted((key, value) for key, value in element.attrib.items() if key in ("start", "style")))
    text = " ".join((element.text or "").split())
    children = []
    for child in element:
        children.append(shape(child))
        if (child.tail or "").strip():
            children.append(("#text", " ".join(child.tail.split())))
    return element.tag, kept, text, tuple(children)


def lists(elements) -> list:
    """The list structure of elements: each list as (tag, items), each item as (its own words, its sub-lists)."""
    out = []
    for element in elements:
        if element.tag in ("ol", "ul"):
            items = []
            for item in element.findall("li"):
                words = item.xpath("text()|*[not(self::ol or self::ul)]//text()")
                items.append((" ".join(" ".join(words).split()), lists(item)))
            out.append((element.tag, items))
        else:
            out += lists(element)
    return out




def test_the_sample_gives_the_same_lists_in_an_update_an_faq_answer_and_a_kb_page(site: Path) -> None:
    found = {place: lists(fragment(site, place)) for place in PLACES}
    expected = [
        ("ol", [("First step", []), ("Second step, with emphasis , strong words and a struck word", []),
                ("Third step", [])]),
        ("ul", [("Parent indented by two", [("ul", [("nested by two", []), ("its sibling", [])])]),
                ("Parent indented by three", [("ul", [("nested by three", [])])]),
                ("Parent indented by four", [("ul", [("nested by four", [])])])]),
        ("ol", [("Numbered parent", [("ul", [("nested by three under a number",
                                              [("ol", [("and numbered again, five deep", [])])])])]),
                ("Numbered parent", [("ul", [("nested by four under a number", [])])])]),
    ]
    assert found["kb"] == expected
    assert found["faq"] == expected
    assert found["update"] == expected


def test_the_sample_gives_the_same_html_in_all_three_places(site: Path) -> None:
    shapes = {place: [shape(element) for element in fragment(site, place)] for place in PLACES}
    assert [tag for tag, *_ in shapes["kb"]] == ["ol", "ul", "ol", "table"]
    assert shapes["kb"] == shapes["update"]
    assert shapes["faq"] == shapes["update"]
    table = fragment(site, "kb")[-1]
    assert [" ".join(cell.text_content().split()) for cell in table.iter("th", "td")] == [
        "Column", "Value", "slanted", "bold", "plain", "code"]
    assert table.xpath(".//td/em") and table.xpath(".//td/strong") and table.xpath(".//td/code")
