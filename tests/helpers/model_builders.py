"""Hand-made model values for unit tests of derived state, uptime and the record.

Building the frozen model directly (instead of files) keeps the order of incidents and updates
under the test's control, so a rule such as "the worst wins" is tested whatever comes first.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from generator.model import ComponentStatus, Content, Impact, Incident, Kind, Update

CST = timezone(timedelta(hours=8))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A November 2026 time in UTC+8."""
    return datetime(2026, 11, day, hour, minute, tzinfo=CST)


def upd(incident_id: str, when: datetime, status: str, components: dict[str, str] | None = None,
        next_update: datetime | None = None, body: str = "Text.") -> Update:
    """One update; ``components`` maps ids to status names."""
    stem = when.strftime("%Y-%m-%dT%H%M")
    return Update(stem, incident_id, when, status, {"en": body},
                  tuple((c, ComponentStatus(s)) for c, s in (components or {}).items()), next_update, (),
                  f"incidents/{incident_id}/{stem}.md")


def make(incident_id: str, started: datetime, updates: list[Update], impact: str = "minor",
         components: tuple[str, ...] = ("api",), kind: Kind = Kind.INCIDENT,
         window: tuple[datetime, datetime] | None = None, title: str | None = None,
         scam_warning: bool = False) -> Incident:
    """An incident (or maintenance or notice) with the given updates, in the given order."""
    return Incident(incident_id, kind, {"en": title or incident_id}, Impact(impact), components, started, None,
                    window[0] if window else None, window[1] if window else None, {"en": "Summary."}, (), (),
                    tuple(updates), f"incidents/{incident_id}/incident.md", scam_warning=scam_warning)


def content(*incidents: Incident) -> Content:
    """Content holding exactly these incidents, in this order."""
    return Content(incidents=tuple(incidents))
