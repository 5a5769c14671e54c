"""The Subscribe page, in every language: every feed, the calendar, the badges and the API, with copyable addresses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from generator.state import derive
from generator.text import i18n, urls
from generator.outputs.badges import badge_path
from generator.outputs.calendar import calendar_path
from generator.outputs.feeds import component_feed, incident_feed, maintenance_feed, site_feed
from generator.text.markup import MarkupRenderer
from generator.model import Kind
from generator.outputs.text import OutputText
from generator.site.render import RenderedPage, SiteState, environment, tidy
from generator.outputs.statuspage_api import API

FEED_FORMATS = (("atom", "Atom"), ("rss", "RSS"), ("json", "JSON Feed"))
API_ENDPOINTS = (("summary.json", "api.summary"), ("status.json", "api.status"), ("components.json", "api.components"),
                 ("incidents.json", "api.incidents"), ("incidents/unresolved.json", "api.unresolved"),
                 ("scheduled-maintenances.json", "api.maintenances"),
                 ("scheduled-maintenances/upcoming.json", "api.upcoming"),
                 ("scheduled-maintenances/active.json", "api.active"))


def subscribe_url(p: str) -> str:
    """URL of the Subscribe page."""
    return f"{p}subscribe/"


@dataclass(frozen=True, slots=True)
class Address:
    """A file of the site as the page shows it: a label, a link from the page, and the absolute URL to copy."""

    label: str
    href: str
    url: str


class SubscribeHelper:
    """What the Subscribe template asks for on one page."""

    def __init__(self, text: OutputText, lang: str) -> None:
        self.state, self.lang, self.text = text.state, lang, text
        self.p = urls.prefix(lang, text.settings.default_language)
        self.page = subscribe_url(self.p)

    def t(self, key: str) -> str:
        """Interface text."""
        return self.text.t(self.lang, key)

    def address(self, label: str, path: str) -> Address:
        """A link to ``path`` (relative to the site root) and its absolute URL."""
        return Address(label, urls.relative(self.page, path), self.text.url(path))

    def feeds(self, path_for: Callable[[str], str]) -> list[Address]:
        """One feed in each format."""
        return [self.address(name, path_for(fmt)) for fmt, name in FEED_FORMATS]

    def site_feeds(self) -> list[Address]:
        """The site-wide feed."""
        return self.feeds(lambda fmt: site_feed(self.p, fmt))

    def maintenance_feeds(self) -> list[Address]:
        """The maintenance feed."""
        return self.feeds(lambda fmt: maintenance_feed(self.p, fmt))

    def component_feeds(self) -> list[tuple[str, list[Address]]]:
        """Each component's feeds, in the order of the status page."""
        settings = self.state.settings
        order = {g.id: g.order for g in settings.groups}
        ordered = sorted(settings.components, key=lambda c: (c.group is not None, order.get(c.group or "", 0), c.order))
        return [(self.text.component_name(c.id, self.lang),
                 self.feeds(lambda fmt, c=c: component_feed(self.p, c.id, fmt))) for c in ordered]

    def incident_feeds(self) -> list[tuple[str, list[Address]]]:
        """The feeds of incidents open now (every incident page links its own)."""
        now = self.state.now
        active = [i for i in derive.newest_first(self.state.content.incidents, self.state.settings.zone)
                  if derive.is_active(i, now) and i.kind is not Kind.MAINTENANCE]
        return [(self.text.title(i, self.lang), self.feeds(lambda fmt, i=i: incident_feed(self.p, i.id, fmt)))
                for i in active]

    def calendar(self) -> Address:
        """The maintenance calendar."""
        return self.address("iCalendar", calendar_path(self.p))

    def history_feeds(self) -> list[Address]:
        """Statuspage-shaped history feeds (default language only)."""
        return [self.address("RSS", "history.rss"), self.address("Atom", "history.atom")]

    def badges(self) -> list[tuple[Address, str]]:
        """The overall badge and each component's, with their current text (for the preview's alt)."""
        state, colon = self.state, self.t("punct.colon")
        overall = self.t("badge.status") + colon + self.t("indicator." + state.indicator)
        out = [(self.address(self.t("badge.status"), badge_path(self.p, "status")), overall)]
        for component in state.settings.components:
            name = self.text.component_name(component.id, self.lang)
            spoken = name + colon + self.t("component." + state.statuses[component.id].value)
            out.append((self.address(name, badge_path(self.p, component.id)), spoken))
        return out

    def api(self) -> list[Address]:
        """The Statuspage-compatible endpoints."""
        return [self.address(self.t(key), API + path) for path, key in API_ENDPOINTS]


def render_subscribe_pages(state: SiteState, markup: MarkupRenderer) -> dict[str, RenderedPage]:
    """``subscribe/index.md`` in every language."""
    template = environment().get_template("subscribe.html")
    text = OutputText(state, markup)
    out: dict[str, RenderedPage] = {}
    for lang in state.settings.languages:
        helper = SubscribeHelper(text, lang)
        html = template.render(h=helper, lang=i18n.HTML_LANG[lang])
        meta: dict[str, Any] = {"title": str(escape(helper.t("subscribe.title"))), "hide": ["toc"]}
        out[urls.source_path(helper.page)] = RenderedPage(meta, tidy(html))
    return out
