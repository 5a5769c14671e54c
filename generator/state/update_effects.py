"""Each update's effect on its incident's components: their status just before and just after it.

The same rule as ``derive.component_status_in``, replayed update by update: a component takes
the latest status an update stated, else its incident's default (the impact's, or "under
maintenance" while a maintenance is under way); closing updates and scheduled maintenance
leave it operational.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import CLOSED_STATUSES, ComponentStatus, Incident, Kind, Update
from generator.state.derive import IMPACT_DEFAULT_STATUS

MAINTENANCE_UNDER_WAY = frozenset({"in_progress", "verifying"})


@dataclass(frozen=True, slots=True)
class Effect:
    """One component's status before and after one update."""

    component: str
    old: ComponentStatus
    new: ComponentStatus


def effects(incident: Incident) -> dict[str, tuple[Effect, ...]]:
    """For each update id, the status change of each of the incident's components (in declared order)."""
    current = {c: ComponentStatus.OPERATIONAL for c in incident.components}
    stated: dict[str, ComponentStatus] = {}
    out: dict[str, tuple[Effect, ...]] = {}
    for update in incident.updates:
        stated.update(dict(update.components))
        after = {c: _status_after(incident, update, stated.get(c)) for c in incident.components}
        out[update.id] = tuple(Effect(c, current[c], after[c]) for c in incident.components)
        current = after
    return out


def _status_after(incident: Incident, update: Update, stated: ComponentStatus | None) -> ComponentStatus:
    """A component's status once ``update`` is out."""
    if update.status in CLOSED_STATUSES:
        return ComponentStatus.OPERATIONAL
    if incident.kind is Kind.MAINTENANCE:
        if update.status not in MAINTENANCE_UNDER_WAY:
            return ComponentStatus.OPERATIONAL
        return stated or ComponentStatus.UNDER_MAINTENANCE
    return stated or IMPACT_DEFAULT_STATUS[incident.impact]
