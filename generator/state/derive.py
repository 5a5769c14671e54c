"""Derived state at the build's "now": statuses, durations, facts, timelines by day.

Pure functions over the model and an explicit ``now``; nothing here reads a
clock or a file, so the same content and the same now derive the same state.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from generator.errors import Diagnostic, Severity
from generator.model import CLOSED_STATUSES, ComponentStatus, Content, Fact, Impact, Incident, Kind, Localized, Update

IMPACT_DEFAULT_STATUS = {
    Impact.NONE: ComponentStatus.OPERATIONAL,
    Impact.MINOR: ComponentStatus.DEGRADED_PERFORMANCE,
    Impact.MAJOR: ComponentStatus.PARTIAL_OUTAGE,
    Impact.CRITICAL: ComponentStatus.MAJOR_OUTAGE,
}
"""Status assumed for an affected component until an update states one."""

STATUS_INDICATOR = {
    ComponentStatus.OPERATIONAL: "none",
    ComponentStatus.UNDER_MAINTENANCE: "maintenance",
    ComponentStatus.DEGRADED_PERFORMANCE: "minor",
    ComponentStatus.PARTIAL_OUTAGE: "major",
    ComponentStatus.MAJOR_OUTAGE: "critical",
}
INDICATOR_RANK = {"none": 0, "maintenance": 1, "minor": 2, "major": 3, "critical": 4}
MAINTENANCE_ORDER = ("scheduled", "in_progress", "verifying", "completed")


@dataclass(frozen=True, slots=True)
class FactState:
    """A key fact as it stands now, with when it last changed and its past values."""

    key: str
    label: Localized
    value: Localized
    changed_at: datetime
    changed_by: str | None
    """Update id that last changed it, or None if it comes from the incident file."""
    history: tuple[tuple[datetime, Localized], ...]
    """Earlier values, oldest first."""


def published(content: Content, now: datetime, include_drafts: bool = False) -> tuple[Content, list[Diagnostic]]:
    """Content as the public sees it at ``now``: drafts left out, updates dated later held back (with a warning).

    ``include_drafts`` keeps drafts in (for ``herald serve``, which marks them).
    """
    diagnostics: list[Diagnostic] = []
    incidents = []
    for incident in content.incidents:
        if incident.draft and not include_drafts:
            continue
        candidates = [u for u in incident.updates if include_drafts or not u.draft]
        visible = tuple(u for u in candidates if u.at <= now)
        for update in candidates[len(visible):]:
            diagnostics.append(Diagnostic(update.source, 0, "at", "future-update",
                                          f"dated {update.at.isoformat()}, after now ({now.isoformat()}); "
                                          "it is not published yet", "check the date if it should be out",
                                          Severity.WARNING))
        if visible:
            incidents.append(_replace_updates(incident, visible))
    return replace(content, incidents=tuple(incidents)), diagnostics


def _replace_updates(incident: Incident, updates: tuple[Update, ...]) -> Incident:
    """A copy of ``incident`` with other updates."""
    return incident if updates == incident.updates else replace(incident, updates=updates)


def status_of(incident: Incident, now: datetime) -> str:
    """Lifecycle status at ``now``; a maintenance also follows its window."""
    latest = incident.updates[-1].status
    if incident.kind is not Kind.MAINTENANCE or incident.scheduled_for is None:
        return latest
    by_window = ("scheduled" if now < incident.scheduled_for
                 else "in_progress" if now < incident.scheduled_until else "completed")
    return max(latest, by_window, key=MAINTENANCE_ORDER.index) if latest in MAINTENANCE_ORDER else latest


def is_closed(incident: Incident, now: datetime) -> bool:
    """True once resolved, postmortem or completed."""
    return status_of(incident, now) in CLOSED_STATUSES


def is_active(incident: Incident, now: datetime) -> bool:
    """An open incident or notice, or a maintenance in progress."""
    status = status_of(incident, now)
    if incident.kind is Kind.MAINTENANCE:
        return status in ("in_progress", "verifying")
    return status not in CLOSED_STATUSES


def is_upcoming(incident: Incident, now: datetime) -> bool:
    """A maintenance not yet started."""
    return incident.kind is Kind.MAINTENANCE and status_of(incident, now) == "scheduled"


def first_time_with(incident: Incident, statuses: frozenset[str] | set[str]) -> datetime | None:
    """Time of the update that began the final run of ``statuses`` (e.g. resolution), or None."""
    found = None
    for update in incident.updates:
        if update.status in statuses:
            found = found or update.at
        else:
            found = None
    return found


def resolved_at(incident: Incident, now: datetime) -> datetime | None:
    """When it was resolved or completed; a maintenance without a closing update ends with its window."""
    closed = first_time_with(incident, CLOSED_STATUSES)
    if closed is None and incident.kind is Kind.MAINTENANCE and is_closed(incident, now):
        return incident.scheduled_until
    return closed


def monitoring_at(incident: Incident) -> datetime | None:
    """When monitoring (or verifying) began, if it did."""
    for update in incident.updates:
        if update.status in ("monitoring", "verifying"):
            return update.at
    return None


def disclosed_at(incident: Incident) -> datetime:
    """When it was first made public: the first update."""
    return incident.updates[0].at


def duration(incident: Incident, now: datetime) -> timedelta:
    """From start (or window start) to resolution, or to now while open."""
    start = incident.scheduled_for if incident.kind is Kind.MAINTENANCE else incident.started_at
    end = resolved_at(incident, now) or now
    return max(end - start, timedelta(0)) if start else timedelta(0)


def component_status_in(incident: Incident, component_id: str, now: datetime) -> ComponentStatus:
    """What ``incident`` says about one component right now (operational if nothing)."""
    if is_closed(incident, now) or (incident.kind is Kind.MAINTENANCE and not is_active(incident, now)):
        return ComponentStatus.OPERATIONAL
    if component_id not in incident.components:
        return ComponentStatus.OPERATIONAL
    for update in reversed(incident.updates):
        stated = dict(update.components).get(component_id)
        if stated is not None:
            return stated
    if incident.kind is Kind.MAINTENANCE:
        return ComponentStatus.UNDER_MAINTENANCE
    return IMPACT_DEFAULT_STATUS[incident.impact]


def component_statuses(content: Content, component_ids: list[str], now: datetime) -> dict[str, ComponentStatus]:
    """Each component's status: the worst said by any unresolved incident or active maintenance."""
    statuses = {c: ComponentStatus.OPERATIONAL for c in component_ids}
    for incident in content.incidents:
        if not is_active(incident, now):
            continue
        for component in incident.components:
            if component in statuses:
                stated = component_status_in(incident, component, now)
                if stated.rank > statuses[component].rank:
                    statuses[component] = stated
    return statuses


def overall_indicator(content: Content, statuses: dict[str, ComponentStatus], now: datetime) -> str:
    """Page indicator: none, minor, major, critical, or maintenance when only maintenance is on."""
    indicator = "none"
    for status in statuses.values():
        indicator = max(indicator, STATUS_INDICATOR[status], key=INDICATOR_RANK.get)
    for incident in content.incidents:
        if incident.kind is Kind.INCIDENT and is_active(incident, now):
            indicator = max(indicator, incident.impact.value, key=INDICATOR_RANK.get)
    return indicator


def current_facts(incident: Incident) -> list[FactState]:
    """Fold the incident's facts and each update's changes into the facts as they stand."""
    states: dict[str, FactState] = {}
    start = disclosed_at(incident)  # facts in the incident file are public from the first update
    for fact in incident.facts:
        states[fact.key] = FactState(fact.key, fact.label, fact.value, start, None, ())
    for update in incident.updates:
        for fact in update.facts:
            states[fact.key] = _revise(states.get(fact.key), fact, update)
    return list(states.values())


def _revise(state: FactState | None, fact: Fact, update: Update) -> FactState:
    """Apply one update's change to a fact."""
    if state is None:
        return FactState(fact.key, fact.label, fact.value, update.at, update.id, ())
    label = {**state.label, **fact.label}
    history = state.history + ((state.changed_at, state.value),)
    return FactState(fact.key, label, fact.value, update.at, update.id, history)


def incident_day(incident: Incident, zone: ZoneInfo) -> date:
    """The local day an incident is listed under: window start for maintenance, else disclosure."""
    moment = incident.scheduled_for if incident.kind is Kind.MAINTENANCE else disclosed_at(incident)
    return moment.astimezone(zone).date()


def recent_days(content: Content, zone: ZoneInfo, now: datetime, days: int) -> list[tuple[date, list[Incident]]]:
    """The last ``days`` local days, newest first, each with the incidents listed under it."""
    today = now.astimezone(zone).date()
    by_day: dict[date, list[Incident]] = {}
    for incident in content.incidents:
        by_day.setdefault(incident_day(incident, zone), []).append(incident)
    out = []
    for offset in range(days):
        day = today - timedelta(days=offset)
        out.append((day, sorted(by_day.get(day, []), key=lambda i: (disclosed_at(i), i.id), reverse=True)))
    return out


def newest_first(incidents: list[Incident] | tuple[Incident, ...], zone: ZoneInfo) -> list[Incident]:
    """Sort by listing day then disclosure, newest first; id makes the order total."""
    return sorted(incidents, key=lambda i: (incident_day(i, zone), disclosed_at(i), i.id), reverse=True)


def months(incidents: list[Incident], zone: ZoneInfo) -> list[tuple[date, list[Incident]]]:
    """Group incidents (already newest first) by local month."""
    grouped: dict[date, list[Incident]] = {}
    for incident in incidents:
        day = incident_day(incident, zone)
        grouped.setdefault(day.replace(day=1), []).append(incident)
    return list(grouped.items())


def banner_incidents(content: Content, now: datetime) -> list[Incident]:
    """Unresolved incidents of major or critical impact: these get the site-wide banner."""
    return [i for i in content.incidents if i.kind is Kind.INCIDENT and is_active(i, now)
            and i.impact in (Impact.MAJOR, Impact.CRITICAL)]


def next_update_due(incident: Incident) -> datetime | None:
    """The next update the latest update promised, if any."""
    return incident.updates[-1].next_update


def check_timeliness(content: Content, now: datetime, stale_after: timedelta) -> list[Diagnostic]:
    """Warnings: a promised update is overdue; an incident has been open too long."""
    out = []
    for incident in content.incidents:
        if not is_active(incident, now) or incident.kind is Kind.MAINTENANCE:
            continue
        due = next_update_due(incident)
        if due is not None and due < now:
            late = now - due
            out.append(Diagnostic(incident.updates[-1].source, 0, "next_update", "overdue-update",
                                  f"the next update was promised for {due.isoformat()}, {_hours(late)} ago",
                                  f"post an update: herald update {incident.id}", Severity.WARNING))
        if incident.kind is Kind.INCIDENT and now - incident.started_at > stale_after:
            out.append(Diagnostic(incident.source, 0, "", "stale-incident",
                                  f"unresolved for {_hours(now - incident.started_at)}",
                                  "resolve it if it is over, or keep posting updates", Severity.WARNING))
    return out


def check_commitments(content: Content, now: datetime) -> list[Diagnostic]:
    """Warnings: a pending commitment is past its due time."""
    return [Diagnostic(incident.source, 0, f"commitments.{c.key}", "overdue-commitment",
                       f"commitment '{c.key}' was due {c.due.isoformat()}, {_hours(now - c.due)} ago, and is still pending",
                       "mark it done (with done_at and a link) or missed (with an explanation)", Severity.WARNING)
            for incident in content.incidents for c in incident.commitments if c.state == "pending" and now > c.due]


def _hours(delta: timedelta) -> str:
    """A rough human duration for messages."""
    hours = delta.total_seconds() / 3600
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} days"
