"""The status pages (home, incidents, history, components, uptime, track record) in every language.

Each page is one block of HTML with front matter, so that MkDocs, Zensical or any Markdown site builder can
serve it. Returns ``{source path: page}``; never writes.
"""

from __future__ import annotations

from typing import Any

from generator.model import Incident, Kind
from generator.site.page_helper import RenderedPage
from generator.site.renderer import PageRenderer
from generator.state import derive
from generator.state.site_state import SiteState
from generator.text import i18n, urls
from generator.text.markup import MarkupRenderer


def render_status_pages(state: SiteState, markup: MarkupRenderer) -> dict[str, RenderedPage]:
    """Every generated page in every language: ``{source path: page}``."""
    renderer = PageRenderer(state, markup)
    out: dict[str, RenderedPage] = {}
    zone = state.settings.zone
    ordered = derive.newest_first(state.content.incidents, zone)
    for lang in state.settings.languages:
        p = urls.prefix(lang, state.settings.default_language)

        def page(url: str, template: str, title: str, searchable: bool = True, **context: Any) -> None:
            path, rendered = renderer.render(lang, url, template, title, searchable=searchable, status_layout=True,
                                             **context)
            out[path] = rendered

        page(urls.home(p), "home.html", i18n.pick(state.settings.name, lang, state.settings.default_language)[0],
             **_home_context(state))
        for incident in ordered:
            page(urls.incident(p, incident.id), "incident.html",
                 i18n.pick(incident.title, lang, state.settings.default_language)[0],
                 searchable=state.settings.search_incidents, own_feeds=True,
                 incident=incident, facts=derive.current_facts(incident),
                 resolved_at=derive.resolved_at(incident, state.now))
        for number, chunk, total in _history_pages(ordered, state.settings.history_per_page):
            page(urls.history(p, number), "history.html", i18n.translate(lang, "history.title"), searchable=False,
                 months=derive.months(chunk, zone), number=number, total=total)
        page(urls.components(p), "components.html", i18n.translate(lang, "components.title"))
        for component in state.settings.components:
            mine = [i for i in ordered if component.id in i.components]
            name = i18n.pick(component.name, lang, state.settings.default_language)[0]
            page(urls.component(p, component.id), "component.html", name, searchable=False, own_feeds=True,
                 component=component, incidents=mine)
            page(urls.component_uptime(p, component.id), "uptime.html", name, searchable=False,
                 key=component.id, component=component)
        page(urls.uptime(p), "uptime.html", i18n.translate(lang, "uptime.title"), searchable=False, key="",
             component=None)
        page(urls.track_record(p), "track_record.html", i18n.translate(lang, "record.title"),
             incidents=[i for i in ordered if i.kind is Kind.INCIDENT])
    return out


def _home_context(state: SiteState) -> dict[str, Any]:
    """What the home page lists."""
    now, content = state.now, state.content
    zone = state.settings.zone
    active = [i for i in derive.newest_first(content.incidents, zone)
              if i.kind is Kind.INCIDENT and derive.is_active(i, now)]
    notices = [i for i in derive.newest_first(content.incidents, zone)
               if i.kind is Kind.NOTICE and derive.is_active(i, now)]
    maintenance = sorted((i for i in content.incidents if i.kind is Kind.MAINTENANCE
                          and (derive.is_active(i, now) or derive.is_upcoming(i, now))),
                         key=lambda i: (i.scheduled_for, i.id))  # soonest first
    return {"active": active, "notices": notices, "maintenance": maintenance,
            "days": derive.recent_days(content, zone, now, state.settings.home_days)}


def _history_pages(ordered: list[Incident], per_page: int):
    """Split incidents (newest first) into numbered pages; always at least one page."""
    total = max(1, -(-len(ordered) // per_page))
    for number in range(1, total + 1):
        yield number, ordered[(number - 1) * per_page: number * per_page], total
