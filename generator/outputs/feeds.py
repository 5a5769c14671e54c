"""Update feeds (Atom 1.0, RSS 2.0, JSON Feed 1.1): one entry per update, for the site, each component,
each incident and maintenance, in every language.

Entry ids are derived from the incident id and the update id only, so they never change: not
with the build time, the entry's position, or an edit of its text. There is no edit history,
so an entry's ``updated`` time is its update's ``at``; editing a published update's text
changes neither its id nor that time. Entries that share a time (an update and the commitments it
kept) get Atom ``updated`` values a second apart, oldest first, so that no two entries of any feed
share one (the W3C feed validator warns on that); ``published`` keeps the stated time. Atom and RSS are written by feedgen with every date set
explicitly and entries added in our own order, so the same content and now give the same bytes.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from feedgen.feed import FeedGenerator
from markupsafe import Markup

from generator.model import Incident, Kind, Update
from generator.outputs.crisis_outputs import feedback_html, help_html, remedies_html
from generator.outputs.text import OutputText, markup_free
from generator.state import record
from generator.state.update_effects import Effect, effects
from generator.text import i18n, urls

FORMATS = {"atom": "application/atom+xml", "rss": "application/rss+xml", "json": "application/feed+json"}
"""Feed formats by file extension, with their media types (as used in autodiscovery links)."""
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True, slots=True)
class Entry:
    """One update (or one commitment's change of state) as a feed entry, in one language."""

    id: str
    title: str
    url: str
    html: str
    at: datetime
    categories: tuple[tuple[str, str], ...]
    """(component id, component name) of the incident's components."""
    updated: datetime | None = None
    """Atom's ``updated``: ``at``, moved on by whole seconds where an older entry holds that time."""


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed in one language, before it is written in each format."""

    path: str
    """Path of the feed without its extension, e.g. ``zh/components/api/feed``."""
    title: str
    home: str
    """Absolute URL of the HTML page the feed follows."""
    lang: str
    entries: tuple[Entry, ...]
    updated: datetime


def site_feed(p: str, fmt: str) -> str:
    """Path of the site-wide feed."""
    return f"{p}feed.{fmt}"


def maintenance_feed(p: str, fmt: str) -> str:
    """Path of the maintenance feed."""
    return f"{p}maintenance/feed.{fmt}"


def component_feed(p: str, component_id: str, fmt: str) -> str:
    """Path of one component's feed."""
    return f"{urls.component(p, component_id)}feed.{fmt}"


def incident_feed(p: str, incident_id: str, fmt: str) -> str:
    """Path of one incident's feed."""
    return f"{urls.incident(p, incident_id)}feed.{fmt}"


def entry_id(site_url: str, incident_id: str, update_id: str, lang: str, default_language: str) -> str:
    """A permanent entry id: a name-based UUID of the site, the incident and the update (and the language)."""
    name = f"{incident_id}/{update_id}" + ("" if lang == default_language else f"#{lang}")
    return uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, site_url), name).urn


def render_feeds(text: OutputText) -> dict[str, str | bytes]:
    """Every update feed in every language and format: ``{path: content}``."""
    out: dict[str, str | bytes] = {}
    for lang in text.settings.languages:
        for feed in _feeds(text, lang):
            out[f"{feed.path}.atom"] = _atom(feed, text)
            out[f"{feed.path}.rss"] = _rss(feed, text)
            out[f"{feed.path}.json"] = _json_feed(feed, text)
    return out


def _feeds(text: OutputText, lang: str) -> list[Feed]:
    """The site-wide, maintenance, per-component and per-incident feeds of one language."""
    settings, p = text.settings, text.prefix(lang)
    limit = settings.feeds_max_entries
    pairs = _newest_first(text.state.content.incidents)
    changes = {i.id: effects(i) for i in text.state.content.incidents}
    events = [(i, _entry(text, i, u, changes[i.id][u.id], lang)) for i, u in pairs]
    events += [(i, entry) for i in text.state.content.incidents for entry in _commitment_entries(text, i, lang)]
    events.sort(key=lambda event: (event[1].at, event[0].id, event[1].id), reverse=True)  # total order
    events = _distinct_updated(events)
    fallback = (events[0][1].updated or events[0][1].at) if events else text.state.now  # the site's last change: when any feed last changed
    site = text.site_name(lang)

    def feed(path: str, title: str, home: str, chosen: list[tuple[Incident, Entry]], keep: int | None) -> Feed:
        picked = tuple(entry for _, entry in chosen[:keep])
        newest = (picked[0].updated or picked[0].at) if picked else fallback
        return Feed(path, title, text.url(home), lang, picked, newest)

    feeds = [feed(f"{p}feed", text.t(lang, "feed.site", site=site), urls.home(p), events, limit),
             feed(f"{p}maintenance/feed", text.t(lang, "feed.maintenance", site=site), urls.home(p),
                  [(i, e) for i, e in events if i.kind is Kind.MAINTENANCE], limit)]
    for component in settings.components:
        name = text.pick(component.name, lang)
        feeds.append(feed(f"{urls.component(p, component.id)}feed", text.t(lang, "feed.component", site=site, name=name),
                          urls.component(p, component.id), [(i, e) for i, e in events if component.id in i.components],
                          limit))
    by_incident: dict[str, list[tuple[Incident, Entry]]] = {}
    for event in events:
        by_incident.setdefault(event[0].id, []).append(event)
    for incident in sorted(text.state.content.incidents, key=lambda i: i.id):
        name = text.title(incident, lang)
        feeds.append(feed(f"{urls.incident(p, incident.id)}feed", text.t(lang, "feed.incident", site=site, name=name),
                          urls.incident(p, incident.id), by_incident[incident.id], None))
    return feeds


def _distinct_updated(events: list[tuple[Incident, Entry]]) -> list[tuple[Incident, Entry]]:
    """The events (newest first) with an ``updated`` time each, no two alike: oldest first, each at least a
    second after the one before it."""
    stamped: list[tuple[Incident, Entry]] = []
    previous: datetime | None = None
    for incident, entry in reversed(events):
        updated = entry.at if previous is None or entry.at > previous else previous + timedelta(seconds=1)
        stamped.append((incident, replace(entry, updated=updated)))
        previous = updated
    return stamped[::-1]


def _newest_first(incidents: tuple[Incident, ...]) -> list[tuple[Incident, Update]]:
    """Every published update, newest first; incident and update ids make the order total."""
    pairs = [(incident, update) for incident in incidents for update in incident.updates]
    return sorted(pairs, key=lambda pair: (pair[1].at, pair[0].id, pair[1].id), reverse=True)


def _entry(text: OutputText, incident: Incident, update: Update, changes: tuple[Effect, ...], lang: str) -> Entry:
    """One update as an entry: "[Status] Title" (the announcements' headline), its HTML, components, next update."""
    settings = text.settings
    status = text.t(lang, "status." + update.status)
    return Entry(entry_id(settings.url, incident.id, update.id, lang, settings.default_language),
                 text.t(lang, "announce.headline", state=status, title=text.title(incident, lang)),
                 text.update_url(incident, update, lang),
                 _entry_html(text, incident, update, changes, lang), update.at,
                 tuple((c, text.component_name(c, lang)) for c in incident.components))


def _commitment_entries(text: OutputText, incident: Incident, lang: str) -> list[Entry]:
    """An entry for each commitment that changed state by now: done (at done_at), missed or overdue (at due)."""
    out = []
    for commitment in incident.commitments:
        state = record.commitment_state(commitment, text.state.now)
        at = commitment.done_at if state == "done" else commitment.due
        if state == "pending" or at is None or at > text.state.now:
            continue
        body = Markup("<p><strong>{}{}</strong>{}</p><p>{}{}{}</p>").format(
            text.t(lang, "commitments.title"), text.t(lang, "punct.colon"), text.pick(commitment.text, lang),
            text.t(lang, "commitments.due"), text.t(lang, "punct.colon"), text.time(commitment.due, lang))
        if state == "missed" and commitment.explanation:
            body += Markup("<p>{}</p>").format(text.pick(commitment.explanation, lang))
        if state == "done" and commitment.link and commitment.link.startswith("https://"):
            body += Markup('<p><a href="{}">{}</a></p>').format(commitment.link, text.t(lang, "commitments.evidence"))
        name = f"commitment-{commitment.key}-{state}"
        out.append(Entry(entry_id(text.settings.url, incident.id, name, lang, text.settings.default_language),
                         f"[{text.t(lang, 'commitment.' + state)}] {text.pick(commitment.text, lang)}",
                         text.url(urls.incident(text.prefix(lang), incident.id)) + f"#commitment-{commitment.key}",
                         str(body), at, tuple((c, text.component_name(c, lang)) for c in incident.components)))
    return out


def _actions_html(text: OutputText, incident: Incident, lang: str) -> Markup:
    """The incident's "what you should do" checklist, with absolute links."""
    if not incident.actions:
        return Markup("")
    items = Markup("")
    for action in incident.actions:
        item = Markup("<strong>{}{}</strong>{}").format(text.t(lang, "urgency." + action.urgency),
                                                        text.t(lang, "punct.colon"), text.pick(action.text, lang))
        if action.link:
            href = action.link if action.link.startswith("https://") else text.url(
                urls.page_url(text.prefix(lang), action.link.split("#")[0]))
            item += Markup(' (<a href="{}">{}</a>)').format(href, text.t(lang, "actions.how"))
        items += Markup("<li>{}</li>").format(item)
    return Markup("<p><strong>{}</strong></p><ul>{}</ul>").format(text.t(lang, "actions.title"), items)


def _entry_html(text: OutputText, incident: Incident, update: Update, changes: tuple[Effect, ...], lang: str) -> str:
    """The update's HTML, then its components' statuses, the maintenance window and the next-update promise."""
    html = Markup(text.update_html(incident, update, lang))
    if changes:
        colon = text.t(lang, "punct.colon")
        items = Markup("").join(
            Markup("<li>{}</li>").format(text.component_name(e.component, lang)) if update.status == "scheduled"
            else Markup("<li>{}{}{}</li>").format(text.component_name(e.component, lang), colon,
                                                   text.t(lang, "component." + e.new.value))
            for e in changes)
        html += Markup("<p><strong>{}</strong></p><ul>{}</ul>").format(text.t(lang, "incident.affected"), items)
    if incident.kind is Kind.MAINTENANCE and incident.scheduled_for and incident.scheduled_until:
        html += Markup("<p><strong>{}{}</strong>{} – {}</p>").format(
            text.t(lang, "incident.window"), text.t(lang, "punct.colon"), text.time(incident.scheduled_for, lang),
            text.time(incident.scheduled_until, lang))
    if update.next_update is not None:
        html += Markup("<p><strong>{}{}</strong>{}</p>").format(text.t(lang, "incident.next_update"),
                                                               text.t(lang, "punct.colon"),
                                                               text.time(update.next_update, lang))
    html += _actions_html(text, incident, lang)
    if text.state.signing_key is not None:
        html += Markup('<p><a href="{}">{}</a></p>').format(text.url(urls.statement(incident.id, update.id, lang)),
                                                            text.t(lang, "signing.statement"))
    if incident.kind is Kind.INCIDENT:
        html += help_html(text, incident, lang) + remedies_html(text, incident, lang)
    return str(html + feedback_html(text, incident, update, lang))


def _generator(feed: Feed, text: OutputText, fmt: str) -> FeedGenerator:
    """A feedgen feed with every field and date set (feedgen would otherwise stamp the clock)."""
    gen = FeedGenerator()
    gen.id(text.url(feed.path + ".atom"))
    gen.title(feed.title)
    # RSS readers show a channel's description as HTML: give it as text with no markup at all.
    gen.subtitle(markup_free(text.t(feed.lang, "feed.description", site=text.site_name(feed.lang))))
    gen.author({"name": text.company(feed.lang)})
    gen.link(href=text.url(f"{feed.path}.{fmt}"), rel="self", type=FORMATS[fmt])
    gen.link(href=feed.home, rel="alternate", type="text/html")  # last: feedgen makes the last link RSS's <link>
    gen.language(i18n.html_lang(feed.lang))
    gen.generator("Herald")
    gen.updated(feed.updated)
    gen.lastBuildDate(feed.updated)
    gen.pubDate(feed.updated)
    for entry in feed.entries:  # already newest first
        item = gen.add_entry(order="append")
        item.guid(entry.id, permalink=False)
        item.title(entry.title)
        item.link(href=entry.url, rel="alternate", type="text/html")
        item.content(entry.html, type="html")
        item.published(entry.at)
        item.updated(entry.updated or entry.at)
        item.pubDate(entry.at)
        for term, label in entry.categories:
            item.category(term=term, label=label)
    return gen


def _atom(feed: Feed, text: OutputText) -> bytes:
    """The feed as Atom 1.0."""
    gen = _generator(feed, text, "atom")
    return gen.atom_str(pretty=True)


def _rss(feed: Feed, text: OutputText) -> bytes:
    """The feed as RSS 2.0."""
    gen = _generator(feed, text, "rss")
    return gen.rss_str(pretty=True)


def _json_feed(feed: Feed, text: OutputText) -> str:
    """The feed as JSON Feed 1.1."""
    data = {
        "version": JSON_FEED_VERSION, "title": feed.title, "home_page_url": feed.home,
        "feed_url": text.url(feed.path + ".json"),
        "description": text.t(feed.lang, "feed.description", site=text.site_name(feed.lang)),
        "language": i18n.html_lang(feed.lang), "authors": [{"name": text.company(feed.lang)}],
        "items": [{"id": e.id, "url": e.url, "title": e.title, "content_html": e.html,
                   "date_published": e.at.isoformat(), "date_modified": e.at.isoformat(),
                   "tags": [label for _, label in e.categories]} for e in feed.entries],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

