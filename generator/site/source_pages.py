"""Hand-written pages in every language: the translation where there is one,
otherwise the original under a visible "not translated yet" note."""

from __future__ import annotations

from typing import Any

import yaml
from markupsafe import escape

from generator.content.frontmatter import FRONT_MATTER_RE, parse_yaml_mapping
from generator.content.settings import Settings
from generator.model import SourcePage
from generator.text.i18n import HTML_LANG, pick, translate
from generator.text.safetext import isolated, strip_controls
from generator.text.urls import page_url, prefix, relative, tags


def render_source_pages(pages: tuple[SourcePage, ...], settings: Settings) -> dict[str, str]:
    """``{output source path: markdown}`` for every page in every language."""
    out: dict[str, str] = {}
    for page in pages:
        for lang in settings.languages:
            text, fell_back = pick(page.text, lang, settings.default_language)
            p = prefix(lang, settings.default_language)
            text = escaped_front_matter(text)
            text = _with_fallback_note(text, lang, _source_language(page, settings)) if fell_back else text
            out[p + page.path] = text + _tag_links(page, lang, p)
    return out


def escaped_front_matter(text: str) -> str:
    """The page with every text value of its front matter HTML-escaped.

    MkDocs themes print a page's title (in the navigation of every page) and description (in ``<meta>``)
    as markup; escaped once here, they show as the text that was written. Front matter that does not
    parse (already reported by validation) is dropped rather than passed on.
    """
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return text
    meta, _, _ = parse_yaml_mapping(match.group(1), "", first_line=2)
    if not meta:
        return text[match.end():]
    meta = {**meta, "title": isolated(meta["title"])} if isinstance(meta.get("title"), str) else meta
    return "---\n" + yaml.safe_dump(_escaped(meta), allow_unicode=True, sort_keys=True) + "---\n" + text[match.end():]


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


def _with_fallback_note(text: str, lang: str, source_lang: str) -> str:
    """Keep the front matter; put a note before the body and mark the body's language."""
    match = FRONT_MATTER_RE.match(text)
    front, body = (text[:match.end()], text[match.end():]) if match else ("", text)
    note = f'<p class="herald-untranslated" markdown>{translate(lang, "fallback.note")}</p>'
    return f'{front}\n{note}\n\n<div lang="{HTML_LANG[source_lang]}" markdown>\n\n{body.strip()}\n\n</div>\n'
