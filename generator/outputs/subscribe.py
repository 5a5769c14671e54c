"""The Subscribe page, in every language: every feed, the calendar, the badges and the API, with copyable addresses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.model import Incident, Kind
from generator.outputs.badges import badge_path
from generator.outputs.calendar import calendar_path
from generator.outputs.feeds import component_feed, incident_feed, maintenance_feed, site_feed
from generator.outputs.statuspage_api import API
from generator.outputs.text import clean
from generator.site.page_helper import RenderedPage
from generator.site.renderer import PageRenderer
from generator.state import derive
from generator.state.site_state import SiteState
from generator.text import i18n, urls
from generator.text.markup import MarkupRenderer

FEED_FORMATS = (("atom", "Atom"), ("rss", "RSS"), ("json", "JSON Feed"))
API_ENDPOINTS = (("summary.json", "api.summary"), ("status.json", "api.status"), ("components.json", "api.components"),
                 ("incidents.json", "api.incidents"), ("incidents/unresolved.json", "api.unresolved"),
                 ("scheduled-maintenances.json", "api.maintenances"),
                 ("scheduled-maintenances/upcoming.json", "api.upcoming"),
                 ("scheduled-maintenances/active.json", "api.active"))


@dataclass(frozen=True, slots=True)
class Address:
    """A file of the site as the page shows it: a label, a link from the page, and the absolute URL to copy."""

    label: str
    href: str
    url: str


class SubscribeHelper:
    """What the Subscribe template asks for on one page."""

    def __init__(self, state: SiteState, lang: str) -> None:
        self.state, self.lang, self.settings = state, lang, state.settings
        self.p = urls.prefix(lang, state.settings.default_language)
        self.page = urls.subscribe(self.p)

    def t(self, key: str) -> str:
        """Interface text."""
        return i18n.translate(self.lang, key)

    def _component_name(self, component_id: str) -> str:
        """A declared component's name in this language."""
        name = self.settings.component(component_id).name
        return clean(i18n.pick(name, self.lang, self.settings.default_language)[0])

    def _title(self, incident: Incident) -> str:
        """An incident's title in this language (its id if nothing usable is left)."""
        return clean(i18n.pick(incident.title, self.lang, self.settings.default_language)[0]).strip() or incident.id

    def address(self, label: str, path: str) -> Address:
        """A link to ``path`` (relative to the site root) and its absolute URL."""
        return Address(label, urls.relative(self.page, path), self.settings.url + path)

    def signup(self) -> tuple[str, str] | None:
        """(address, note) where readers sign up to be e-mailed, if the company runs a list."""
        announce = self.settings.announce
        if announce is None or announce.signup is None:
            return None
        note = clean(i18n.pick(announce.signup.note, self.lang, self.settings.default_language)[0])
        return announce.signup.address, note

    def told_channels(self) -> list[tuple[str, str, str, str]]:
        """(name, address, link, what it carries) of each announced channel readers can follow."""
        announce = self.settings.announce
        if announce is None:
            return []
        out = []
        for channel in announce.channels:
            if channel.address is None:
                continue
            name = clean(i18n.pick(channel.name, self.lang, self.settings.default_language)[0]) or channel.id
            out.append((name, channel.address, _follow_link(channel.address), self._carries(channel)))
        return out

    def _carries(self, channel) -> str:
        """"In English, Chinese; Withdrawals, Deposits only": the languages and components a channel carries."""
        languages = self.t("punct.list").join(i18n.language_name(lang) for lang in channel.languages)
        text = self.t("subscribe.told_languages").replace("{languages}", languages)
        if channel.components is not None:
            names = self.t("punct.list").join(self._component_name(c) for c in channel.components)
            text += self.t("punct.semicolon") + self.t("subscribe.told_components").replace("{components}", names)
        return text

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
        return [(self._component_name(c.id),
                 self.feeds(lambda fmt, c=c: component_feed(self.p, c.id, fmt))) for c in ordered]

    def incident_feeds(self) -> list[tuple[str, list[Address]]]:
        """The feeds of incidents open now (every incident page links its own)."""
        now = self.state.now
        active = [i for i in derive.newest_first(self.state.content.incidents, self.state.settings.zone)
                  if derive.is_active(i, now) and i.kind is not Kind.MAINTENANCE]
        return [(self._title(i), self.feeds(lambda fmt, i=i: incident_feed(self.p, i.id, fmt)))
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
            name = self._component_name(component.id)
            spoken = name + colon + self.t("component." + state.statuses[component.id].value)
            out.append((self.address(name, badge_path(self.p, component.id)), spoken))
        return out

    def api(self) -> list[Address]:
        """The Statuspage-compatible endpoints."""
        return [self.address(self.t(key), API + path) for path, key in API_ENDPOINTS]


def _follow_link(address: str) -> str:
    """A link a reader can follow for a channel's address (https:// added to a bare host; handles stay text)."""
    if address.startswith(("https://", "mailto:")):
        return address
    if "@" in address or " " in address or "." not in address.split("/", 1)[0]:
        return ""
    return "https://" + address


def render_subscribe_pages(state: SiteState, markup: MarkupRenderer) -> dict[str, RenderedPage]:
    """``subscribe/index.md`` in every language."""
    renderer = PageRenderer(state, markup)
    pages = []
    for lang in state.settings.languages:
        helper = SubscribeHelper(state, lang)
        pages.append(renderer.render(lang, helper.page, "subscribe.html", helper.t("subscribe.title"), sub=helper))
    return dict(pages)
