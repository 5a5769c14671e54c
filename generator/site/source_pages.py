"""Hand-written pages in every language: rendered with the one Markdown engine (``text.page_markup``), the
translation where there is one, otherwise the original under a visible "not translated yet" note."""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml
from markupsafe import escape

from generator.content.frontmatter import FRONT_MATTER_RE, parse_yaml_mapping
from generator.content.settings import Settings
from generator.model import SourcePage
from generator.text.i18n import html_lang, pick, translate
from generator.text.page_markup import PageBody, PageMarkup, TocEntry
from generator.text.safetext import isolated, strip_controls
from generator.text.urls import page_url, prefix, relative, tags


@dataclass(frozen=True)
class RenderedSourcePage:
    """A hand-written page: its front matter, its body as HTML with its table of contents, and as Markdown."""

    front: str
    """The front matter block (text values escaped), or '' for a page without one."""
    html: str
    markdown: str
    """The body for a Markdown site builder: headings as Markdown lines, the rest as the same HTML."""
    toc: tuple[TocEntry, ...] = ()

    def front_matter(self) -> str:
        """What a site builder reads before the HTML comes in: the front matter alone."""
        return self.front

    def as_markdown(self) -> str:
        """The page as a Markdown file for any site builder (``herald export``)."""
        return f"{self.front}\n{self.markdown}"


def render_source_pages(pages: tuple[SourcePage, ...], settings: Settings,
                        markup: PageMarkup) -> dict[str, RenderedSourcePage]:
    """``{output source path: page}`` for every page in every language."""
    out: dict[str, RenderedSourcePage] = {}
    for page in pages:
        for lang in settings.languages:
            text, fell_back = pick(page.text, lang, settings.default_language)
            p = prefix(lang, settings.default_language)
            here = page_url(p, page.path)
            front, body_text = _split(text)
            body = markup.render(body_text.rstrip("\n") + _tag_links(page, lang, p),
                                 lambda href: source_link(page.path, here, p, href))
            front = escaped_front_matter(front, body.title)
            if fell_back:
                body = _with_fallback_note(body, lang, _source_language(page, settings))
            out[p + page.path] = RenderedSourcePage(front, body.html, body.markdown, body.toc)
    return out


def source_link(source: str, here: str, p: str, href: str) -> str:
    """A relative link written in the page ``source`` (its path in the pages folder), from the built page ``here``.

    Read from the file's folder, as a git host's preview reads it: a ``.md`` page becomes that page in this
    language, another file (an image, a download) that file; addresses, absolute paths, fragments and
    links without a file name are kept as written.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith(("/", "\\")):
        return href
    target = posixpath.normpath(posixpath.join(posixpath.dirname(source), parts.path))
    if target.startswith("../") or target == ".." or not posixpath.splitext(target)[1]:
        return href
    to = page_url(p, target) if target.endswith(".md") else target
    query, fragment = f"?{parts.query}" if parts.query else "", f"#{parts.fragment}" if parts.fragment else ""
    return _shortest(here, to) + query + fragment


def _shortest(here: str, to: str) -> str:
    """The shortest relative link between two URLs of the site (MkDocs' ``get_relative_url``)."""
    found = posixpath.relpath("/" + to, "/" + here)
    return found + "/" if to.endswith("/") else found


def _split(text: str) -> tuple[str, str]:
    """A page's front matter block and its body."""
    match = FRONT_MATTER_RE.match(text)
    return (text[:match.end()], text[match.end():]) if match else ("", text)


def escaped_front_matter(front: str, title: str | None = None) -> str:
    """The front matter block with every text value HTML-escaped; ``title`` (already escaped) added if it has none.

    MkDocs themes print a page's title (in the navigation of every page) and description (in ``<meta>``)
    as markup; escaped once here, they show as the text that was written. Front matter that does not
    parse (already reported by validation) is dropped rather than passed on.
    """
    match = FRONT_MATTER_RE.match(front)
    meta, _, _ = parse_yaml_mapping(match.group(1), "", first_line=2) if match else ({}, {}, [])
    meta = meta or {}
    meta = {**meta, "title": isolated(meta["title"])} if isinstance(meta.get("title"), str) else meta
    meta = _escaped(meta)
    if title and "title" not in meta:  # the page's first heading, as MkDocs would have found it
        meta["title"] = str(escape(isolated(strip_controls(html.unescape(title)))))
    if not meta:
        return ""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n"


def _escaped(value: Any) -> Any:
    """Every string in a front-matter value, HTML-escaped."""
    if isinstance(value, str):
        return str(escape(strip_controls(value)))
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    return value


def _tag_links(page: SourcePage, lang: str, p: str) -> str:
    """A line linking each of the page's tags to the topic index (empty for untagged pages)."""
    if not page.tags:
        return ""
    here = page_url(p, page.path)
    links = ", ".join(f'<a href="{escape(relative(here, tags(p)))}#tag-{escape(tag)}">{escape(tag)}</a>'
                      for tag in page.tags)
    label = escape(translate(lang, "kb.tagged"))
    return f'\n\n<p class="herald-page-tags">{label}: {links}</p>\n'


def _source_language(page: SourcePage, settings: Settings) -> str:
    """The language a fallback page's text is in."""
    return settings.default_language if settings.default_language in page.text else next(iter(page.text))


def _with_fallback_note(body: PageBody, lang: str, source_lang: str) -> PageBody:
    """The body under a note saying it is not translated, marked with the language it is in."""
    note = f'<p class="herald-untranslated">{escape(translate(lang, "fallback.note"))}</p>\n'
    code = html_lang(source_lang)
    return PageBody(html=f'{note}<div lang="{code}">\n{body.html}</div>\n',
                    markdown=f'{note}\n<div lang="{code}" markdown="1">\n\n{body.markdown}\n</div>\n',
                    toc=body.toc, title=body.title)
