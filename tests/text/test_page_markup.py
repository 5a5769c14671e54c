"""Hand-written pages through Herald's one Markdown engine: ids, permalinks and the table of contents as
Python-Markdown's toc made them (links into pages keep working), and a Markdown form that Python-Markdown
turns back into the same HTML (what ``herald export`` hands to plain MkDocs)."""

from __future__ import annotations

import re

import markdown
import nh3
import pytest

from generator.text.markup import MarkupRenderer
from generator.text.page_markup import PageMarkup, slugify

EXPORT_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc"]
"""What ``herald export`` writes into its mkdocs.yml (``adapters/export.py``)."""

HEADINGS = ["What makes a password strong", "Don't click: *links* & `code_like` [brackets]", "Ünïcödé  spaces",
            "What makes a password strong", "What makes a password strong", "中文标题", "hyphen - and_under",
            "ends with #", "A heading with_1", "A heading with", "A heading with"]

TRICKY = """\
# Title with *stars* and `x_y`

Intro with a [link](https://example.com/a_b) and \\*escaped\\* stars.

## Signs: *emphasis*, **strong**, `code {x}` and a \\# sign {#signs}

1. One
   - nested by three
2. Two

A paragraph.

    indented code

```
fenced

with a blank line and *stars*
```

!!! tip "Under *pressure*"
    The short version.

    ### Inside an admonition

| a | b |
| :- | -: |
| *x* | [y](https://example.com/) |

## Brackets [not a link] and ~tilde~ and under_score_word {: .wide }

Text with an attribute list
{: .note }

### Last one
"""


def python_markdown(text: str) -> markdown.Markdown:
    md = markdown.Markdown(extensions=EXPORT_EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    md.html = md.convert(text)
    return md


def normalised(html: str) -> str:
    """HTML as the sanitiser writes it (entities, quoting and rel made uniform), without blank lines."""
    cleaned = nh3.clean(html, tags=nh3.ALLOWED_TAGS | {"div", "h1", "pre", "table", "thead", "tbody", "tr", "th",
                                                        "td", "code", "p"},
                        attributes={"*": {"id", "class", "href", "title", "style", "lang"}}, link_rel=None)
    return re.sub(r">\n\s*\n<", ">\n<", cleaned)  # blank lines between blocks; those inside <pre> are kept


def test_heading_ids_are_the_ones_python_markdowns_toc_gave() -> None:
    text = "\n\n".join(f"## {heading}" for heading in HEADINGS) + "\n"
    expected = [token["id"] for token in python_markdown(text).toc_tokens]
    assert [entry.id for entry in PageMarkup().render(text).toc] == expected
    assert expected[:3] == ["what-makes-a-password-strong", "dont-click-links-code_like-brackets", "unicode-spaces"]
    assert slugify("  Several   Words  ") == "several-words"


def test_headings_carry_toc_permalinks_and_their_written_ids() -> None:
    body = PageMarkup().render("## Kinds of second factor {#kinds}\n\n## Turn it on {: #turn-it-on .wide }\n")
    assert ('<h2 id="kinds">Kinds of second factor<a class="headerlink" href="#kinds" title="Permanent link"'
            in body.html)
    assert 'class="wide"' in body.html and 'id="turn-it-on"' in body.html and "{" not in body.html


def test_the_table_of_contents_is_python_markdowns() -> None:
    md = python_markdown(TRICKY)
    ours = PageMarkup().render(TRICKY)

    def plain(tokens) -> list:
        return [(t["level"], t["id"], t["name"], plain(t["children"])) for t in tokens]
    assert plain([entry.token() for entry in ours.toc]) == plain(md.toc_tokens)
    assert ours.title == "Title with stars and x_y"


def test_the_markdown_form_gives_the_same_html_through_python_markdown() -> None:
    body = PageMarkup().render(TRICKY)
    assert normalised(python_markdown(body.markdown).html) == normalised(body.html)
    assert "<em>stars</em>" in body.html and "*escaped*" in body.html and "~tilde~" in body.html
    assert "fenced\n\nwith a blank line" in body.html and "<pre><code>indented code" in body.html


def test_page_lists_tables_and_emphasis_are_the_updates() -> None:
    sample = ("1. a\n2. b *c*\n\n- x\n  - by two\n- y\n   - by three\n- z\n    - by four\n\n"
              "| a | b |\n| - | :-: |\n| ~~c~~ | **d** |\n")
    assert PageMarkup().render(sample).html == MarkupRenderer().to_html(sample).strip()


@pytest.mark.parametrize("written", ['{: #__config }', '{: #md-header }', '{: onclick="x()" }', '{: .md-banner }'])
def test_attribute_lists_cannot_name_the_themes_ids_or_add_handlers(written: str) -> None:
    body = PageMarkup().render(f"## Heading {written}\n\nText\n{written}\n")
    for html in (body.html, body.markdown):
        assert not [name for name in ("__config", "md-header", "onclick", "md-banner") if name in html]
    assert [entry.id for entry in body.toc] == ["heading"]


def test_links_and_images_are_resolved_at_any_depth() -> None:
    body = PageMarkup().render("- [a](x.md)\n  > ![b](p.png)\n\n## [c](y.md#z)\n",
                               lambda href: "resolved/" + href)
    assert body.html.count('="resolved/') == 3 and 'href="resolved/y.md#z"' in body.markdown
