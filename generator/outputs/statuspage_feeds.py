"""``history.rss`` and ``history.atom`` in Statuspage's shape: one item per incident, every update in its
description, for tools written against Statuspage's incident-history feeds.

Written with feedgen; the update HTML follows Statuspage's exactly (``<small>`` date with
``<var data-var='date'>``, ``<strong>`` status, `` - `` body), maintenance items open with
"THIS IS A SCHEDULED EVENT" and carry ``<maintenanceEndDate>``.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import formatRFC2822
from lxml import etree
from markupsafe import Markup, escape

from generator.model import Incident, Kind
from generator.outputs.statuspage_api import statuspage_id
from generator.outputs.text import OutputText, markup_free
from generator.text import i18n, urls

EN = "en"
"""Statuspage's feeds are English; the labels and month names here always are."""
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""English month abbreviations, independent of the process locale."""


class MaintenanceEnd(BaseEntryExtension):
    """feedgen entry extension: Statuspage's ``<maintenanceEndDate>`` on maintenance items."""

    def __init__(self) -> None:
        self.end: datetime | None = None

    def extend_rss(self, entry: etree._Element) -> etree._Element:
        """Add the element after the item's other fields."""
        if self.end is not None:
            etree.SubElement(entry, "maintenanceEndDate").text = formatRFC2822(self.end)
        return entry


def render_history_feeds(text: OutputText) -> dict[str, bytes]:
    """``history.rss`` and ``history.atom`` (default language, at the site root)."""
    settings = text.settings
    incidents = sorted(text.state.content.incidents, key=lambda i: (_published(i), i.id), reverse=True)
    incidents = incidents[:settings.feeds_max_entries]
    newest = max((u.at for i in text.state.content.incidents for u in i.updates), default=text.state.now)
    return {"history.rss": _rss(text, incidents, newest), "history.atom": _atom(text, incidents, newest)}


def _published(incident: Incident) -> datetime:
    """An item's date: the newest update, or the window's start for maintenance."""
    if incident.kind is Kind.MAINTENANCE and incident.scheduled_for is not None:
        return incident.scheduled_for
    return incident.updates[-1].at


def _page_url(text: OutputText) -> str:
    """The page URL as Statuspage writes it (no trailing slash)."""
    return text.settings.url.rstrip("/")


def _feed(text: OutputText, newest: datetime) -> FeedGenerator:
    """The channel or feed, with every date set."""
    lang = text.settings.default_language
    gen = FeedGenerator()
    gen.title(f"{text.site_name(lang)} - Incident History")
    description = text.pick(text.settings.description, lang) or f"{text.site_name(lang)} - Incident History"
    gen.description(markup_free(description))  # readers take it as HTML: text only
    gen.author({"name": text.company(lang)})
    gen.language(i18n.html_lang(lang))
    gen.generator("Herald")
    gen.updated(newest)
    gen.lastBuildDate(newest)
    gen.pubDate(newest)
    return gen


def _rss(text: OutputText, incidents: list[Incident], newest: datetime) -> bytes:
    """history.rss: items with title, escaped update HTML, pubDate, [maintenanceEndDate], link and guid."""
    gen = _feed(text, newest)
    gen.load_extension("dc")  # Statuspage's channel declares xmlns:dc
    gen.register_extension("statuspage", BaseExtension, MaintenanceEnd, atom=False, rss=True)
    gen.link(href=text.url("history.rss"), rel="self", type="application/rss+xml")  # atom:link, for validators
    gen.link(href=_page_url(text))
    for incident in incidents:
        item = gen.add_entry(order="append")
        link = text.url(urls.incident("", incident.id))
        item.title(text.title(incident, EN))
        item.description(_history_html(text, incident))
        item.pubDate(_published(incident))
        item.link(href=link)
        item.guid(link, permalink=True)
        if incident.kind is Kind.MAINTENANCE:
            item.statuspage.end = incident.scheduled_until
    return gen.rss_str(pretty=True)


def _atom(text: OutputText, incidents: list[Incident], newest: datetime) -> bytes:
    """history.atom: entries with a tag: id ending in ``Incident/<id>``, dates, link, title and content."""
    gen = _feed(text, newest)
    tag = _tag(text)
    gen.id(f"{tag}history")
    gen.link(href=text.url("history.atom"), rel="self", type="application/atom+xml")
    gen.link(href=_page_url(text), rel="alternate", type="text/html")
    for incident in incidents:
        entry = gen.add_entry(order="append")
        entry.id(f"{tag}Incident/{statuspage_id('incident', incident.id)}")
        entry.published(incident.updates[-1].at)
        entry.updated(incident.updates[-1].at)
        entry.link(href=text.url(urls.incident("", incident.id)), rel="alternate", type="text/html")
        entry.title(text.title(incident, EN))
        entry.content(_history_html(text, incident), type="html")
    return gen.atom_str(pretty=True)


def _tag(text: OutputText) -> str:
    """A tag: URI prefix owned by the site (RFC 4151), dated by the year of its first update."""
    parts = urlsplit(text.settings.url)
    first = min((i.updates[0].at for i in text.state.content.incidents), default=text.state.now)
    return f"tag:{parts.hostname},{first.year}:{parts.path or '/'}"


def _history_html(text: OutputText, incident: Incident) -> str:
    """Every update, newest first, one ``<p>`` each; maintenance opens with its window."""
    html = Markup("")
    if incident.kind is Kind.MAINTENANCE and incident.scheduled_for and incident.scheduled_until:
        html += Markup("<p><strong>THIS IS A SCHEDULED EVENT {}</strong></p>").format(
            _window(text, incident.scheduled_for, incident.scheduled_until))
    for update in reversed(incident.updates):
        body = Markup("<br />").join(escape(line) for line in text.update_text(incident, update, EN).split("\n"))
        html += Markup("<p><small>{}</small><br><strong>{}</strong> - {}</p>").format(
            _moment(text, update.at), i18n.translate(EN, "status." + update.status), body)
    return str(html)


def _moment(text: OutputText, moment: datetime) -> Markup:
    """``Nov <var data-var='date'>20</var>, <var data-var='time'>06:20</var> +08`` in the site's zone."""
    local = moment.astimezone(text.settings.zone)
    return Markup("{} <var data-var='date'>{:>2}</var>, <var data-var='time'>{}</var> {}").format(
        MONTHS[local.month - 1], local.day, local.strftime("%H:%M"), _zone_name(local))


def _window(text: OutputText, start: datetime, end: datetime) -> Markup:
    """A maintenance window as Statuspage writes it (the end's day only when it differs)."""
    first, last = start.astimezone(text.settings.zone), end.astimezone(text.settings.zone)
    day = Markup("{} <var data-var='date'>{:>2}</var>, ")
    head = day.format(MONTHS[first.month - 1], first.day)
    tail = Markup("") if first.date() == last.date() else day.format(MONTHS[last.month - 1], last.day)
    return Markup("{}<var data-var='time'>{}</var> - {}<var data-var='time'>{}</var> {}").format(
        head, first.strftime("%H:%M"), tail, last.strftime("%H:%M"), _zone_name(last))


def _zone_name(local: datetime) -> str:
    """The zone's abbreviation (UTC, CET), or the offset where the zone has none (+08)."""
    name = local.tzname() or ""
    return name if name and name[0] not in "+-" else "UTC" + name

