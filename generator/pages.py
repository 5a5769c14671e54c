"""Hand-written pages in every language: the translation where there is one,
otherwise the original under a visible "not translated yet" note."""

from __future__ import annotations

from .frontmatter import FRONT_MATTER_RE
from .i18n import HTML_LANG, pick, translate
from .model import SourcePage
from .settings import Settings
from .urls import prefix


def render_source_pages(pages: tuple[SourcePage, ...], settings: Settings) -> dict[str, str]:
    """``{output source path: markdown}`` for every page in every language."""
    out: dict[str, str] = {}
    for page in pages:
        for lang in settings.languages:
            text, fell_back = pick(page.text, lang, settings.default_language)
            path = prefix(lang, settings.default_language) + page.path
            out[path] = _with_fallback_note(text, lang, _source_language(page, settings)) if fell_back else text
    return out


def _source_language(page: SourcePage, settings: Settings) -> str:
    """The language a fallback page's text is in."""
    return settings.default_language if settings.default_language in page.text else next(iter(page.text))


def _with_fallback_note(text: str, lang: str, source_lang: str) -> str:
    """Keep the front matter; put a note before the body and mark the body's language."""
    match = FRONT_MATTER_RE.match(text)
    front, body = (text[:match.end()], text[match.end():]) if match else ("", text)
    note = f'<p class="herald-untranslated" markdown>{translate(lang, "fallback.note")}</p>'
    return f'{front}\n{note}\n\n<div lang="{HTML_LANG[source_lang]}" markdown>\n\n{body.strip()}\n\n</div>\n'
