"""Uptime history: each component's status over time, per local day, and uptime percentages.

A component's status over time comes from the incidents themselves: from an
incident's start, each update's stated status (or the impact's default) holds
until the next change, and the incident's resolution returns it to operational;
maintenance holds ``under_maintenance`` over its window. Where incidents
overlap, the worst status wins at each instant.

Downtime weighting (documented in README): major outage 100 %, partial outage
30 %, degraded performance 10 %; maintenance is shown but never counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from generator.model import ComponentStatus, Content, Incident, Kind
from generator.state import derive

DOWNTIME_WEIGHT = {
    ComponentStatus.OPERATIONAL: 0.0,
    ComponentStatus.UNDER_MAINTENANCE: 0.0,
    ComponentStatus.DEGRADED_PERFORMANCE: 0.1,
    ComponentStatus.PARTIAL_OUTAGE: 0.3,
    ComponentStatus.MAJOR_OUTAGE: 1.0,
}


@dataclass(frozen=True, slots=True)
class Span:
    """A component in one status over [start, end), because of one incident."""

    start: datetime
    end: datetime
    status: ComponentStatus
    incident_id: str


@dataclass(frozen=True, slots=True)
class Day:
    """One local day of one component (or of the whole page)."""

    day: date
    worst: ComponentStatus
    downtime: timedelta
    """Weighted downtime within the day (up to now for today)."""
    length: timedelta
    """How much of the day has passed (23 h or 25 h on daylight-saving days; partial for today)."""
    incident_ids: tuple[str, ...]


def spans_for(incident: Incident, component_id: str, now: datetime) -> list[Span]:
    """The statuses an incident gave one component, as spans ending at resolution (or now)."""
    if component_id not in incident.components:
        return []
    end = derive.resolved_at(incident, now) or now
    if incident.kind is Kind.MAINTENANCE:
        start, until = incident.scheduled_for, min(incident.scheduled_until, end)
        return [Span(start, until, ComponentStatus.UNDER_MAINTENANCE, incident.id)] if start < until else []
    if incident.kind is Kind.NOTICE:
        return []
    spans: list[Span] = []
    status = derive.IMPACT_DEFAULT_STATUS[incident.impact]
    since = incident.started_at
    for update in incident.updates:
        stated = dict(update.components).get(component_id)
        if stated is None or stated is status:
            continue
        at = max(update.at, since)
        if at > since:
            spans.append(Span(since, min(at, end), status, incident.id))
        since, status = at, stated
    if end > since:
        spans.append(Span(since, end, status, incident.id))
    return [s for s in spans if s.end > s.start and s.status is not ComponentStatus.OPERATIONAL]


def component_spans(content: Content, component_ids: list[str], now: datetime) -> list[Span]:
    """Every span of every incident for the given components (the page: all components)."""
    return [span for incident in content.incidents for component in component_ids
            for span in spans_for(incident, component, now)]


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Local midnight to next local midnight (23 or 25 hours apart on daylight-saving days), in UTC.

    In UTC because Python subtracts two datetimes sharing one tzinfo as wall-clock times,
    which would make every local day 24 hours long.
    """
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def summarize_day(spans: list[Span], day: date, zone: ZoneInfo, now: datetime) -> Day:
    """Worst status and weighted downtime of one local day, from overlapping spans."""
    start, end = day_bounds(day, zone)
    end = min(end, now) if start < now else end
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(s.start, start) for s in inside), *(min(s.end, end) for s in inside)})
    downtime = timedelta(0)
    worst = ComponentStatus.OPERATIONAL
    for left, right in zip(cuts, cuts[1:]):
        covering = [s.status for s in inside if s.start <= left and s.end >= right]
        status = max(covering, key=lambda st: st.rank, default=ComponentStatus.OPERATIONAL)
        worst = max(worst, status, key=lambda st: st.rank)
        downtime += (right - left) * DOWNTIME_WEIGHT[status]
    length = max(end - start, timedelta(0))
    ids = tuple(sorted({s.incident_id for s in inside}))
    return Day(day, worst, downtime, length, ids)


def history(spans: list[Span], zone: ZoneInfo, now: datetime, days: int = 90) -> list[Day]:
    """The last ``days`` local days, oldest first, today included (up to now)."""
    today = now.astimezone(zone).date()
    first, _ = day_bounds(today - timedelta(days=days - 1), zone)
    recent = [s for s in spans if s.end > first]  # one pass, so each day scans only the window's spans
    return [summarize_day(recent, today - timedelta(days=offset), zone, now) for offset in range(days - 1, -1, -1)]


def uptime_percent(days: list[Day]) -> float:
    """Share of the period that was not (weighted) downtime, in percent."""
    total = sum((d.length for d in days), timedelta(0))
    down = sum((d.downtime for d in days), timedelta(0))
    return 100.0 if total <= timedelta(0) else 100.0 * (1 - down / total)


def month_days(spans: list[Span], month: date, zone: ZoneInfo, now: datetime) -> list[Day]:
    """Every day of a month up to today."""
    first = month.replace(day=1)
    today = now.astimezone(zone).date()
    month_start, _ = day_bounds(first, zone)
    spans = [s for s in spans if s.end > month_start]
    out, day = [], first
    while day.month == first.month and day <= today:
        out.append(summarize_day(spans, day, zone, now))
        day += timedelta(days=1)
    return out
