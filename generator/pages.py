"""Hand-written pages in every language: the translation where there is one,
otherwise the original under a visible "not translated yet" note."""

from __future__ import annotations

from .frontmatter import FRONT_MATTER_RE
from .i18n import HTML_LANG, pick, translate
from .model import SourcePage
from .settings import Settings
from markupsafe import escape

from .urls import page_url, prefix, relative, tags


def render_source_pages(pages: tuple[SourcePage, ...], settings: Settings) -> dict[str, str]:
    """``{output source path: markdown}`` for every page in every language."""
    out: dict[str, str] = {}
    for page in pages:
        for lang in settings.languages:
            text, fell_back = pick(page.text, lang, settings.default_language)
            p = prefix(lang, settings.default_language)
            text = _with_fallback_note(text, lang, _source_language(page, settings)) if fell_back else text
            out[p + page.path] = text + _tag_links(page, lang, p)
    return out


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


def _with_fallback_note(text: str, lang: str, source_lang: str) -> str:
    """Keep the front matter; put a note before the body and mark the body's language."""
    match = FRONT_MATTER_RE.match(text)
    front, body = (text[:match.end()], text[match.end():]) if match else ("", text)
    note = f'<p class="herald-untranslated" markdown>{translate(lang, "fallback.note")}</p>'
    return f'{front}\n{note}\n\n<div lang="{HTML_LANG[source_lang]}" markdown>\n\n{body.strip()}\n\n</div>\n'
