"""Template helpers for the record pictures: uptime bars and calendars, the communication
scorecard, the commitments ledger and the track record."""

from __future__ import annotations

from datetime import date, timedelta

from generator.model import Commitment, Incident
from generator.site.page_helper import PageHelper
from generator.state import record, uptime
from generator.text import i18n, urls


class RecordHelper:
    """What templates ask about uptime and the communication record, on one page."""

    def __init__(self, helper: PageHelper) -> None:
        self.h = helper
        self.state = helper.state

    def days(self, key: str) -> list[uptime.Day]:
        """The 90 days of a component ("" for the whole page)."""
        return self.state.uptime[key]

    def percent(self, key: str) -> str:
        """90-day uptime as text, e.g. '99.87%'."""
        return f"{uptime.uptime_percent(self.days(key)):.2f}%"

    def calendar_link(self, key: str, day: date) -> str:
        """Link to a day on the monthly calendar of a component or the page."""
        target = urls.component_uptime(self.h.p, key) if key else urls.uptime(self.h.p)
        return self.h.link(target) + f"#day-{day.isoformat()}"

    def day_label(self, day: uptime.Day) -> str:
        """'Fri 20 Nov 2026: Partial outage' in this language."""
        return f"{self.h.day(day.day)}: {self.h.t('component.' + day.worst.value)}"

    def incidents_on(self, day: uptime.Day) -> list[Incident]:
        """The incidents behind a day's status."""
        by_id = {i.id: i for i in self.state.content.incidents}
        return [by_id[i] for i in day.incident_ids if i in by_id]

    def months(self) -> list[date]:
        """First days of the months the 90-day window touches, newest first."""
        days = self.days("")
        firsts = sorted({d.day.replace(day=1) for d in days}, reverse=True)
        return firsts

    def month(self, key: str, first: date) -> list[list[uptime.Day | None]]:
        """A month as calendar weeks (Monday first); None pads days outside the month or after today."""
        days = uptime.month_days(self.state.spans[key], first, self.h.settings.zone, self.state.now)
        cells: list[uptime.Day | None] = [None] * first.weekday() + list(days)
        cells += [None] * (-len(cells) % 7)
        return [cells[i:i + 7] for i in range(0, len(cells), 7)]

    def month_name(self, first: date) -> str:
        """A month's name in this language."""
        return self.h.month(first)

    def weekdays(self) -> list[str]:
        """Short weekday names, Monday first."""
        return i18n.weekday_names(self.h.lang)

    def record(self, incident: Incident) -> record.Record:
        """The incident's communication record."""
        return record.communication_record(incident, self.state.now)

    def duration(self, delta: timedelta) -> str:
        """A duration in words."""
        return i18n.format_duration(delta, self.h.lang)

    def commitment_state(self, commitment: Commitment) -> str:
        """done, missed, pending or overdue at now."""
        return record.commitment_state(commitment, self.state.now)

    def track(self) -> record.TrackRecord:
        """The record across all incidents."""
        return record.track_record(self.state.content.incidents, self.state.now)
