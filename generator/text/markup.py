"""Markdown to safe HTML for content written by authors (summaries, updates, FAQ answers).

Uses markdown-it-py with CommonMark plus tables and strikethrough: the dialect
authors see in their git host's preview, and about twice as fast as
Python-Markdown on short updates (see benchmarks/README.md). ``commonmark()`` is
the one parser configuration of every text Herald renders: hand-written pages
(``page_markup``) add syntax to it, never change it. Raw HTML in content is
cleaned to an allow-list with nh3 (no scripts, event handlers, ``javascript:``
URLs or frames) unless the site turns that off.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt

from generator.text.safetext import MAX_NESTING, too_deep

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"}, "abbr": {"title"}, "time": {"datetime"},
    "td": {"colspan", "rowspan", "style"}, "th": {"colspan", "rowspan", "scope", "style"}, "ol": {"start"},
    "*": {"lang"},
}
"""No ``dir``: text direction is isolated by the templates (``<bdi>``), never set by content. Table cells keep
``style`` for the column alignment a Markdown table writes, and only its ``text-align`` (``STYLE_PROPERTIES``)."""
STYLE_PROPERTIES = {"text-align"}
URL_SCHEMES = {"http", "https", "mailto"}
PAGE_TAGS = ALLOWED_TAGS | {"h1", "img", "figure", "figcaption", "caption", "colgroup", "col", "section", "cite",
                            "samp", "var", "wbr"}
"""Hand-written pages (knowledge base, guide, ``page_markup``): headings with anchors, images, admonitions."""
PAGE_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "*": {"lang", "id", "class"}, "a": {"href", "title", "hreflang"},
                   "img": {"src", "alt", "title", "width", "height"}, "section": {"aria-labelledby"}}
SAFE_NAME = re.compile(r"^[A-Za-z0-9][\w.:-]*$")
RESERVED_NAMES = ("md-", "__", "herald-banner", "herald-serve")
"""Ids and classes the theme and its scripts own: content may not clobber or imitate them."""


def commonmark() -> MarkdownIt:
    """A new parser with Herald's Markdown: CommonMark, raw HTML (sanitised afterwards), tables, strikethrough.

    Updates, summaries, FAQ answers and hand-written pages all start from this, so one list, table or
    emphasis gives the same HTML wherever it is written.
    """
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


class MarkupRenderer:
    """Converts Markdown to HTML with one reusable parser."""

    def __init__(self, sanitize: bool = True) -> None:
        self._markdown = commonmark()
        self._sanitize = sanitize

    def to_html(self, text: str, resolve_link: Callable[[str], str] | None = None) -> str:
        """Render Markdown ``text`` to (sanitised) HTML; ``resolve_link`` may rewrite each link target."""
        if resolve_link is None:
            html = self._markdown.render(text)
        else:
            tokens = self._markdown.parse(text)
            for token in tokens:
                for child in token.children or ():
                    if child.type == "link_open" and isinstance(child.attrs.get("href"), str):
                        child.attrs["href"] = resolve_link(child.attrs["href"])
            html = self._markdown.renderer.render(tokens, self._markdown.options, {})
        return clean_html(html) if self._sanitize else html


def clean_html(html: str) -> str:
    """Reduce HTML to the safe allow-list (nesting beyond ``safetext.MAX_NESTING`` is refused first)."""
    _refuse_deep(html)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", filter_style_properties=STYLE_PROPERTIES)


def clean_page_html(html: str) -> str:
    """Reduce a hand-written page's HTML to the page allow-list: anchors, images and classes kept, code removed."""
    _refuse_deep(html)
    return nh3.clean(html, tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", attribute_filter=_page_attribute,
                     filter_style_properties=STYLE_PROPERTIES)


class TooDeep(ValueError):
    """HTML nests deeper than the sanitiser is given (validation reports it first, with file and line)."""


def _refuse_deep(html: str) -> None:
    """Raise TooDeep before the sanitiser, whose time grows faster than linearly with nesting."""
    line = too_deep(html)
    if line is not None:
        raise TooDeep(f"HTML nested more than {MAX_NESTING} levels deep (line {line})")


def _page_attribute(element: str, attribute: str, value: str) -> str | None:
    """Keep ids and classes that are plain names and not the theme's own (no DOM clobbering, no look-alike chrome)."""
    if attribute == "id":
        return value if SAFE_NAME.match(value) and not value.startswith(RESERVED_NAMES) else None
    if attribute == "class":
        kept = [name for name in value.split() if SAFE_NAME.match(name) and not name.startswith(RESERVED_NAMES)]
        return " ".join(kept) or None
    return value
