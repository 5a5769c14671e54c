"""Markdown to safe HTML for content written by authors (summaries and updates).

Uses markdown-it-py with CommonMark plus tables and strikethrough: the dialect
authors see in their git host's preview, and about twice as fast as
Python-Markdown on short updates (see benchmarks/README.md). Raw HTML in content
is cleaned to an allow-list with nh3 (no scripts, event handlers,
``javascript:`` URLs or frames) unless the site turns that off.
"""

from __future__ import annotations

from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"}, "abbr": {"title"}, "time": {"datetime"}, "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"}, "ol": {"start"}, "*": {"lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto"}


class MarkupRenderer:
    """Converts Markdown to HTML with one reusable parser."""

    def __init__(self, sanitize: bool = True) -> None:
        self._markdown = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
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
    """Reduce HTML to the safe allow-list."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer")
