"""Hand-written pages (knowledge base, guide) to HTML with the same Markdown engine as updates and answers.

The parser is ``markup.commonmark()`` with page syntax added, none changed: ``!!! tip "Title"`` admonitions
(mdit-py-plugins) and attribute lists as Python-Markdown's attr_list writes them, after a heading
(``## Title {#id}``) or as a paragraph's last line (``{: .note }``). Every heading gets an id (the author's, or a
slug made the way Python-Markdown's toc makes it, so existing links keep working) and a permalink like toc's.
The result carries the page's table of contents and, for site builders that read Markdown (``herald export``),
the same body with its top-level headings as Markdown lines and everything else as the HTML made here, so
their own table of contents still works (a heading inside a list, quote or admonition is HTML there, so only
Herald's table of contents lists it).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin

from generator.text.markup import RESERVED_NAMES, SAFE_NAME, clean_page_html, commonmark

HEADING_ATTRIBUTES = re.compile(r"[ ]+\{:?([^}\n]*)\}[ ]*$")
"""An attribute list ending a heading, as Python-Markdown's attr_list reads it: ``## Title {: #id .class }``."""
BLOCK_ATTRIBUTES = re.compile(r"^[ ]*\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}[ ]*$")
"""An attribute list on the last line of a paragraph (attr_list's block form): ``Text\\n{: .note }``."""
ATTRIBUTE = re.compile(r"""#([^\s#.]+)|\.([^\s#.]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))""")
KEYS = ("lang",)
"""Attributes besides id and class an attribute list may set when raw HTML is not trusted (the page allow-list)."""
PERMALINK = '<a class="headerlink" href="#{}" title="Permanent link">&para;</a>'
"""What Python-Markdown's toc adds with ``permalink: true``, so pages look as they did."""
TAG_OR_ENTITY = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)""")
MARKDOWN_SIGNS = re.compile(r"[\\`*_{}\[\]#~^|]")
"""Characters a Markdown reader would act on in a heading line (emphasis, code, links, escapes, attributes)."""
SLUG_SEPARATOR = "-"


@dataclass(frozen=True)
class TocEntry:
    """One heading in a page's table of contents, as MkDocs' toc tokens describe it."""

    level: int
    id: str
    name: str
    """The heading's text as HTML text (escaped), without its tags."""
    children: tuple[TocEntry, ...] = ()

    def token(self) -> dict:
        """The entry as Python-Markdown's toc extension hands it to MkDocs (``get_toc`` reads these)."""
        return {"level": self.level, "id": self.id, "name": self.name,
                "children": [child.token() for child in self.children]}


@dataclass(frozen=True)
class PageBody:
    """A page body rendered once, in the two forms the builders take."""

    html: str
    """The body as HTML: headings with ids and permalinks (what the MkDocs adapter puts in the page)."""
    markdown: str
    """The same body for a Markdown site builder: top-level headings as ``## text {: #id }`` lines, the rest HTML."""
    toc: tuple[TocEntry, ...] = ()
    title: str | None = None
    """The text of the first top-level ``#`` heading (escaped), for pages whose front matter has no title."""


@dataclass
class _Heading:
    """A heading found in the token stream."""

    open: Token
    inline: Token
    top: bool
    name: str = ""
    """The heading's text, tags dropped, entities kept (the table of contents shows it)."""
    children: list = field(default_factory=list)


class PageMarkup:
    """Renders hand-written pages with one reusable parser (Herald's CommonMark plus page syntax)."""

    def __init__(self, sanitize: bool = True) -> None:
        self._markdown = commonmark().use(admon_plugin)
        self._markdown.add_render_rule("heading_close", _heading_close)
        self._sanitize = sanitize

    def render(self, text: str, resolve_link: Callable[[str], str] | None = None) -> PageBody:
        """Render a page body (front matter removed); ``resolve_link`` may rewrite each link and image target."""
        tokens = self._markdown.parse(text)
        for index, token in enumerate(tokens):
            if token.type == "paragraph_open":
                _paragraph_attributes(token, tokens[index + 1], self._sanitize)
        if resolve_link is not None:
            _resolve_links(tokens, resolve_link)
        headings = self._headings(tokens)
        body = self._render(tokens)
        first = next((h for h in headings if h.top and h.open.tag == "h1"), None)
        return PageBody(html=body.strip(), markdown=self._markdown_form(tokens), toc=_nested(headings),
                        title=first.name if first else None)

    def _headings(self, tokens: list[Token]) -> list[_Heading]:
        """Every heading, with its attribute list applied, an id given and its text as HTML."""
        headings = [_Heading(token, tokens[i + 1], token.level == 0)
                    for i, token in enumerate(tokens) if token.type == "heading_open"]
        for heading in headings:
            _apply_attributes(heading.open, heading.inline, self._sanitize)
            inner = self._clean(self._markdown.renderer.render(heading.inline.children or [],
                                                               self._markdown.options, {})).strip()
            heading.open.meta["inner"] = inner
            heading.name = " ".join(re.sub(TAG_OR_ENTITY, _keep_entities, inner).split())
        used = {str(h.open.attrGet("id")) for h in headings if h.open.attrGet("id")}
        for heading in headings:
            if not heading.open.attrGet("id"):
                heading.open.attrSet("id", _unique(slugify(html.unescape(heading.name)), used))
        return headings

    def _render(self, tokens: list[Token]) -> str:
        """Tokens to (sanitised) HTML."""
        return self._clean(self._markdown.renderer.render(tokens, self._markdown.options, {}))

    def _clean(self, text: str) -> str:
        """HTML reduced to the page allow-list, unless the site trusts raw HTML."""
        return clean_page_html(text) if self._sanitize else text

    def _markdown_form(self, tokens: list[Token]) -> str:
        """Top-level headings as Markdown lines (a site builder makes its toc and permalinks of them), the rest HTML."""
        parts: list[str] = []
        pending: list[Token] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "heading_open" and token.level == 0 and tokens[index + 1].children:
                if pending:
                    parts.append(self._render(pending).strip())
                    pending = []
                parts.append(_heading_line(token, token.meta["inner"]))
                index += 3
                continue
            pending.append(token)
            index += 1
        if pending:
            parts.append(self._render(pending).strip())
        return "\n\n".join(part for part in parts if part) + "\n"


def slugify(text: str) -> str:
    """A heading's id from its text, as Python-Markdown's toc makes it (ASCII letters, digits, ``-`` and ``_``)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{SLUG_SEPARATOR}\s]+", SLUG_SEPARATOR, value)


def _unique(slug: str, used: set[str]) -> str:
    """``slug``, or ``slug_1``, ``slug_2``... when taken (toc's rule)."""
    if slug in used or not slug:
        match = re.match(r"^(.*)_([0-9]+)$", slug)
        base, count = (match.group(1), int(match.group(2))) if match else (slug, 0)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        slug = f"{base}_{count}"
    used.add(slug)
    return slug


def _apply_attributes(heading: Token, inline: Token, sanitize: bool) -> None:
    """Move a trailing ``{: #id .class key=value }`` from the heading's text onto the heading."""
    last = inline.children[-1] if inline.children else None
    match = HEADING_ATTRIBUTES.search(last.content) if last is not None and last.type == "text" else None
    if last is None or match is None:
        return
    last.content = last.content[:match.start()]
    inline.content = HEADING_ATTRIBUTES.sub("", inline.content)
    _set_attributes(heading, match.group(1), sanitize)


def _paragraph_attributes(paragraph: Token, inline: Token, sanitize: bool) -> None:
    """Move an attribute list that is a paragraph's last line (after a line break) onto the paragraph."""
    children = inline.children or []
    match = BLOCK_ATTRIBUTES.match(children[-1].content) if len(children) >= 2 and children[-1].type == "text" \
        and children[-2].type == "softbreak" else None
    if match is None:
        return
    inline.children = children[:-2]
    inline.content = inline.content.rsplit("\n", 1)[0]
    _set_attributes(paragraph, match.group(1), sanitize)


def _set_attributes(token: Token, written: str, sanitize: bool) -> None:
    """Give ``token`` an attribute list's id, classes and other attributes (those the page allow-list keeps)."""
    def allowed(name: str) -> bool:  # the page allow-list's rule for ids and classes
        return not sanitize or bool(SAFE_NAME.match(name) and not name.startswith(RESERVED_NAMES))

    classes = []
    for found in ATTRIBUTE.finditer(written):
        name, klass, key = found.group(1), found.group(2), found.group(3)
        if name and allowed(name):
            token.attrSet("id", name)
        elif klass and allowed(klass):
            classes.append(klass)
        elif key and (not sanitize or key in KEYS):
            token.attrSet(key, next(v for v in found.group(4, 5, 6) if v is not None))
    if classes:
        token.attrSet("class", " ".join(classes))


def _heading_close(self, tokens: list[Token], idx: int, options, env) -> str:
    """A heading's end, after a permalink to it (Python-Markdown's toc markup)."""
    opening = tokens[idx - 2]
    anchor = opening.attrGet("id")
    link = PERMALINK.format(html.escape(str(anchor))) if opening.type == "heading_open" and anchor else ""
    return f"{link}</{tokens[idx].tag}>\n"


def _heading_line(heading: Token, inner: str) -> str:
    """A top-level heading as a Markdown line whose text a Markdown reader takes as it is."""
    text = " ".join("".join(part if TAG_OR_ENTITY.fullmatch(part) else MARKDOWN_SIGNS.sub(_entity, part)
                            for part in TAG_OR_ENTITY.split(inner)).split("\n"))
    attributes = [f"#{heading.attrGet('id')}"] + [f".{name}" for name in str(heading.attrGet("class") or "").split()]
    attributes += [f'{key}="{html.escape(str(value))}"' for key, value in heading.attrs.items()
                   if key not in ("id", "class")]
    return f"{'#' * int(heading.tag[1])} {text} {{: {' '.join(attributes)} }}"


def _entity(match: re.Match) -> str:
    """A character as a numeric entity: the same text in HTML, nothing to act on for a Markdown reader."""
    return f"&#{ord(match.group())};"


def _keep_entities(match: re.Match) -> str:
    """In a heading's HTML: drop tags, keep entities (the toc shows the text, escaped)."""
    return match.group() if match.group().startswith("&") else ""


def _resolve_links(tokens: list[Token], resolve: Callable[[str], str]) -> None:
    """Rewrite the target of every link and image, at any depth."""
    for token in tokens:
        if token.type == "link_open" and isinstance(token.attrs.get("href"), str):
            token.attrs["href"] = resolve(token.attrs["href"])
        elif token.type == "image" and isinstance(token.attrs.get("src"), str):
            token.attrs["src"] = resolve(token.attrs["src"])
        if token.children:
            _resolve_links(token.children, resolve)


def _nested(headings: list[_Heading]) -> tuple[TocEntry, ...]:
    """Headings as a table of contents: each under the nearest earlier heading of a higher level."""
    roots: list[_Heading] = []
    stack: list[_Heading] = []
    for heading in headings:
        while stack and int(stack[-1].open.tag[1]) >= int(heading.open.tag[1]):
            stack.pop()
        (stack[-1].children if stack else roots).append(heading)
        stack.append(heading)
    return tuple(_entry(heading) for heading in roots)


def _entry(heading: _Heading) -> TocEntry:
    """A heading and those under it as a table-of-contents entry."""
    return TocEntry(int(heading.open.tag[1]), str(heading.open.attrGet("id")), heading.name,
                    tuple(_entry(child) for child in heading.children))
