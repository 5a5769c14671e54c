"""The maintenance calendar (iCalendar, RFC 5545): every maintenance window, past and upcoming, per language.

Each window is one event whose UID comes from the incident id (and the language, outside the default one: a
reader subscribed to both calendars sees two events, not one overwritten by the other), so calendar apps that
subscribe see a moved window as a change of the same event. SEQUENCE counts the maintenance's published
updates and DTSTAMP / LAST-MODIFIED are its latest update's time in UTC (RFC 5545 3.8.7.2: with METHOD, when
this instance of the event was made; it changes only with the content, so an unchanged calendar stays
byte-identical between builds): all read from the content, never from the clock. Post an update when you move
a window, and SEQUENCE goes up with it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from generator.model import Incident, Kind
from generator.outputs.text import OutputText
from generator.state import derive
from generator.text import i18n, urls

PRODID = "-//Herald//Maintenance calendar//EN"
REFRESH = timedelta(hours=1)
"""How often subscribers are asked to refresh (RFC 7986 REFRESH-INTERVAL, and the common X-PUBLISHED-TTL)."""


def calendar_path(p: str) -> str:
    """Path of a language's calendar."""
    return f"{p}maintenance.ics"


def event_uid(incident_id: str, site_url: str, lang: str = "", default_language: str = "") -> str:
    """A permanent UID: the incident id (``.<lang>`` after it outside the default language) at the site's host
    (and path, for sites under a sub-path)."""
    parts = urlsplit(site_url)
    path = parts.path.strip("/").replace("/", ".")
    own = "" if lang == default_language else f".{lang}"
    return f"{incident_id}{own}@{parts.hostname}" + (f".{path}" if path else "")


def render_calendars(text: OutputText) -> dict[str, bytes]:
    """``maintenance.ics`` in every language."""
    maintenances = sorted((i for i in text.state.content.incidents
                           if i.kind is Kind.MAINTENANCE and i.scheduled_for and i.scheduled_until),
                          key=lambda i: (i.scheduled_for, i.id))
    return {calendar_path(text.prefix(lang)): _calendar(text, maintenances, lang) for lang in text.settings.languages}


def _calendar(text: OutputText, maintenances: list[Incident], lang: str) -> bytes:
    """One language's calendar."""
    calendar = Calendar()
    name = text.t(lang, "calendar.name", site=text.site_name(lang))
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", text.settings.time_zone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for incident in maintenances:
        calendar.add_component(_event(text, incident, lang))
    return calendar.to_ical()


def _event(text: OutputText, incident: Incident, lang: str) -> Event:
    """One maintenance window as an event."""
    now = text.state.now
    event = Event()
    latest = incident.updates[-1]
    url = text.url(urls.incident(text.prefix(lang), incident.id))
    colon = text.t(lang, "punct.colon")
    status = text.t(lang, "incident.status") + colon + text.t(lang, "status." + derive.status_of(incident, now))
    components = text.t(lang, "punct.list").join(text.component_name(c, lang) for c in incident.components)
    lines = [status, text.summary_text(incident, lang), text.update_text(incident, latest, lang)]
    if components:
        lines.insert(1, text.t(lang, "incident.affected") + colon + components)
    event.add("uid", event_uid(incident.id, text.settings.url, lang, text.settings.default_language))
    event.add("dtstamp", _utc(latest.at))
    event.add("created", _utc(incident.updates[0].at))
    event.add("last-modified", _utc(latest.at))
    event.add("sequence", len(incident.updates) - 1)
    event.add("dtstart", _utc(incident.scheduled_for))
    event.add("dtend", _utc(incident.scheduled_until))
    event.add("summary", text.title(incident, lang), parameters={"LANGUAGE": i18n.html_lang(lang)})
    event.add("description", "\n\n".join(line for line in lines if line) + f"\n\n{url}")
    event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    event.add("categories", [text.t(lang, "kind.maintenance")])
    return event


def _utc(moment: datetime | None) -> datetime:
    """A time in UTC (written with Z, so no VTIMEZONE is needed)."""
    assert moment is not None
    return moment.astimezone(timezone.utc)
