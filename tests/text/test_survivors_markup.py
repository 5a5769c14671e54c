"""The sanitiser (markup.py) drops every event handler, script, frame and javascript: URL, on any
tag, and the status pages use it; only ``output.allow_raw_html: true`` keeps raw HTML."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given, settings, strategies as st

from generator.text.markup import ALLOWED_TAGS, MarkupRenderer, clean_html
from tests.conftest import ProjectFactory, update
from tests.helpers.output_helpers import build

NOW = "2026-11-20T12:00:00+08:00"
HANDLERS = ("onerror", "onload", "onmouseover", "onclick", "onfocus", "onanimationstart", "ontoggle", "onpointerenter",
            "OnMouseOver", "ONLOAD")
HOSTILE = """Hello <script>window.__pwned = 'script'</script>
<img src="x.png" onerror="window.__pwned = 'onerror'">
<a id="bad" href="javascript:window.__pwned = 'link'">click me</a>
<iframe src="data:text/html,<script>parent.__pwned = 'iframe'</script>"></iframe>
<svg onload="window.__pwned = 'svg'"><circle r="4"/></svg>
<p style="background:url(javascript:window.__pwned='css')" onmouseover="window.__pwned = 'hover'">text</p>
<details open ontoggle="window.__pwned = 'toggle'"><summary>s</summary>x</details>
<div onload="x()" onclick="y()">div</div> <span onfocus="z()" tabindex="0">span</span>
"""


def attributes(html: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) of every element of an HTML fragment."""
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    return [(el.tag, name, value) for el in root.iter() if isinstance(el.tag, str) for name, value in el.attrib.items()]


def dangerous(html: str) -> list[str]:
    """Event handlers, inline styles, javascript: URLs and executable elements left in ``html``."""
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    found = [f"<{el.tag}>" for el in root.iter("script", "iframe", "object", "embed", "svg", "img", "style")]
    for tag, name, value in attributes(html):
        if name.lower().startswith("on") or name.lower() == "style":
            found.append(f"{tag}[{name}]")
        if "javascript:" in value.lower().replace(" ", ""):
            found.append(f"{tag}[{name}={value}]")
    return found


def test_every_event_handler_script_and_javascript_url_is_removed() -> None:
    html = MarkupRenderer().to_html(HOSTILE)
    assert dangerous(html) == []
    assert "onerror" not in html and "onmouseover" not in html and "onload" not in html
    # What is safe stays: the link's text, the paragraph, the details element.
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [a.text_content() for a in root.iter("a")] == ["click me"]
    assert root.xpath("//a/@href") == []  # a javascript: target is dropped, not kept as text
    assert root.xpath("//details/summary/text()") == ["s"]


@pytest.mark.parametrize("handler", HANDLERS)
@pytest.mark.parametrize("tag", ["p", "a", "div", "span", "details", "td", "time", "img", "svg", "body"])
def test_no_handler_survives_on_any_tag(tag: str, handler: str) -> None:
    cleaned = clean_html(f'<{tag} {handler}="window.__pwned=1" lang="en">x</{tag}>')
    assert [a for a in attributes(cleaned) if a[1].lower().startswith("on")] == []
    assert "__pwned" not in cleaned


def test_allowed_attributes_stay() -> None:
    cleaned = clean_html('<a href="https://example.com/" title="t" onclick="x()">l</a><time datetime="2026-11-20">d</time>')
    assert sorted(attributes(cleaned)) == [("a", "href", "https://example.com/"), ("a", "rel", "noopener noreferrer"),
                                           ("a", "title", "t"), ("time", "datetime", "2026-11-20")]


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html,x",
                                  " javascript:alert(1)", "java\tscript:alert(1)"])
def test_unsafe_url_schemes_are_dropped(href: str) -> None:
    cleaned = clean_html(f'<a href="{href}">l</a>')
    assert [a for a in attributes(cleaned) if a[1] == "href"] == []


NAMES = st.from_regex(r"on[a-z]{1,12}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(tag=st.sampled_from(sorted(ALLOWED_TAGS)), name=NAMES, value=st.text(max_size=20))
def test_any_on_attribute_on_any_allowed_tag_is_dropped(tag: str, name: str, value: str) -> None:
    source = f"<{tag} {name}=\"{value.replace('&', '&amp;').replace(chr(34), '&quot;')}\">x</{tag}>"
    cleaned = clean_html(source)
    assert [a for a in attributes(cleaned) if a[1].lower().startswith("on")] == []


def hostile_project(project: ProjectFactory) -> ProjectFactory:
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00", body=HOSTILE,
                     updates={"u": update("2026-11-20T09:00:00+08:00", "investigating", body=HOSTILE)})
    return project


def test_status_pages_are_sanitised(project: ProjectFactory) -> None:
    pages = build(hostile_project(project).root, NOW).status_pages
    for path in ("index.md", "incidents/2026-11-20-x/index.md", "zh/incidents/2026-11-20-x/index.md"):
        assert dangerous(pages[path].html) == [], path
        assert "click me" in pages[path].html, path  # the update is there, cleaned


def test_raw_html_is_kept_only_with_allow_raw_html(project: ProjectFactory) -> None:
    hostile_project(project)
    config = project.root / "herald.yml"
    config.write_text(config.read_text() + "output:\n  allow_raw_html: true\n")
    page = build(project.root, NOW).status_pages["incidents/2026-11-20-x/index.md"].html
    assert 'onerror="window.__pwned' in page and 'onmouseover="window.__pwned' in page
