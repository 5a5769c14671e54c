"""Pages that help users act safely, in every language: FAQ, knowledge-base tag index, official channels."""

from __future__ import annotations

from typing import Any

from generator.model import FaqEntry, SourcePage
from generator.site.guidance import kb_articles
from generator.site.page_helper import RenderedPage
from generator.site.renderer import PageRenderer
from generator.state import derive
from generator.state.site_state import SiteState
from generator.text import i18n, urls


def render_guidance_pages(state: SiteState, markup) -> dict[str, RenderedPage]:
    """FAQ, tag index and official channels, in every language."""
    renderer = PageRenderer(state, markup)
    settings = state.settings
    topics = {t.id: t for t in state.content.faq_topics}
    grouped = _faq_by_topic(state.content.faq, topics)
    tag_index = _tag_index(state.content.pages)
    active_faq = [(i, list(i.faq)) for i in derive.newest_first(state.content.incidents, settings.zone)
                  if i.faq and derive.is_active(i, state.now)]
    pages = []
    for lang in settings.languages:
        p = urls.prefix(lang, settings.default_language)
        pages += [
            renderer.render(lang, urls.faq(p), "faq.html", i18n.translate(lang, "faq.title"), hide_toc=False,
                            grouped=grouped, active=active_faq),
            renderer.render(lang, urls.tags(p), "tags.html", i18n.translate(lang, "kb.tags"), hide_toc=False,
                            tags=tag_index),
            renderer.render(lang, urls.channels(p), "channels.html", i18n.translate(lang, "channels.title"),
                            hide_toc=False),
        ]
    return dict(pages)


def _faq_by_topic(entries: tuple[FaqEntry, ...], topics: dict) -> list[tuple[Any, list[FaqEntry]]]:
    """Entries grouped by topic, topics and entries in their declared order."""
    grouped: dict[str, list[FaqEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.topic, []).append(entry)
    order = sorted(grouped, key=lambda t: (topics[t].order if t in topics else 1000, t))
    return [(topics.get(t), t, sorted(grouped[t], key=lambda e: (e.order, e.id))) for t in order]


def _tag_index(pages: tuple[SourcePage, ...]) -> list[tuple[str, list[SourcePage]]]:
    """Every tag with the articles that carry it, alphabetically."""
    index: dict[str, list[SourcePage]] = {}
    for page in kb_articles(pages):
        for tag in page.tags:
            index.setdefault(tag, []).append(page)
    return sorted(index.items())
