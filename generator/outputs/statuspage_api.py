"""The Statuspage-compatible public API: static JSON under ``api/v2/`` in the shape of Atlassian
Statuspage's read-only v2 endpoints (field names, types, enum values, key order and ordering).

Ids are 12 lowercase letters and digits hashed from Herald's ids, so they stay the same across
builds; times carry milliseconds and the site's UTC offset. The README's "Statuspage-compatible
API" section lists the mapping and the deliberate differences.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from generator.content.settings import Settings
from generator.model import ComponentStatus, Incident, Kind, Update
from generator.outputs.text import OutputText
from generator.state import derive
from generator.state.update_effects import Effect, effects
from generator.text import urls

API = "api/v2/"
RECENT = 50
"""incidents.json and scheduled-maintenances.json hold the 50 most recent, as Statuspage's do."""
UTC_ZONES = frozenset({"UTC", "Etc/UTC", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"})
DESCRIPTIONS = {"none": "All Systems Operational", "minor": "Minor Service Outage", "major": "Partial System Outage",
                "critical": "Major Service Outage", "maintenance": "Service Under Maintenance"}
"""Statuspage's words for the page indicator (always English, as clients compare them)."""
DEGRADED_ONLY = "Partially Degraded Service"
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


def statuspage_id(kind: str, herald_id: str) -> str:
    """A stable 12-character id: ``kind`` keeps a group, a component and an incident of one name apart."""
    number = int.from_bytes(hashlib.sha256(f"{kind}:{herald_id}".encode()).digest()[:10], "big")
    digits = []
    for _ in range(12):
        number, digit = divmod(number, 36)
        digits.append(ALPHABET[digit])
    return "".join(digits)


def timestamp(moment: datetime | None, settings: Settings, whole_seconds: bool = False) -> str | None:
    """ISO 8601 with milliseconds in the site's zone: ``2026-11-20T06:20:00.000+08:00`` (``Z`` in UTC)."""
    if moment is None:
        return None
    local = moment.astimezone(settings.zone)
    offset = local.strftime("%z")
    zone = "Z" if settings.time_zone in UTC_ZONES else f"{offset[:3]}:{offset[3:]}"
    millis = "" if whole_seconds else f".{local.microsecond // 1000:03d}"
    return local.strftime("%Y-%m-%dT%H:%M:%S") + millis + zone


def render_api(text: OutputText) -> dict[str, str]:
    """Every endpoint: ``{path: JSON text}``."""
    api = StatuspageApi(text)
    state = text.state
    now = state.now
    incidents = sorted((i for i in state.content.incidents if i.kind is not Kind.MAINTENANCE),
                       key=lambda i: (derive.disclosed_at(i), i.id), reverse=True)
    maintenances = sorted((i for i in state.content.incidents if i.kind is Kind.MAINTENANCE),
                          key=lambda i: (derive.disclosed_at(i), i.id), reverse=True)
    soonest = sorted(maintenances, key=lambda i: (i.scheduled_for, i.id))
    unresolved = [i for i in incidents if not derive.is_closed(i, now)]
    upcoming = [i for i in soonest if derive.is_upcoming(i, now)]
    active = [i for i in soonest if derive.is_active(i, now)]
    components = api.components()
    status = api.status()
    documents = {
        "summary.json": {"components": components, "incidents": [api.incident(i) for i in unresolved],
                         "scheduled_maintenances": [api.incident(i) for i in soonest if i in upcoming or i in active],
                         "status": status},
        "status.json": {"status": status},
        "components.json": {"components": components},
        "incidents.json": {"incidents": [api.incident(i) for i in incidents[:RECENT]]},
        "incidents/unresolved.json": {"incidents": [api.incident(i) for i in unresolved]},
        "scheduled-maintenances.json": {"scheduled_maintenances": [api.incident(i) for i in maintenances[:RECENT]]},
        "scheduled-maintenances/upcoming.json": {"scheduled_maintenances": [api.incident(i) for i in upcoming]},
        "scheduled-maintenances/active.json": {"scheduled_maintenances": [api.incident(i) for i in active]},
    }
    page = api.page()
    return {API + path: json.dumps({"page": page, **body}, ensure_ascii=False, separators=(",", ":")) + "\n"
            for path, body in documents.items()}


class StatuspageApi:
    """Builds Statuspage's objects from one build's state (default language)."""

    def __init__(self, text: OutputText) -> None:
        self.text, self.state, self.settings = text, text.state, text.state.settings
        self.lang = self.settings.default_language
        self.page_id = statuspage_id("page", self.settings.url)
        self._effects = {i.id: effects(i) for i in self.state.content.incidents}
        self._changed: dict[str | None, datetime] = {}
        self._epoch = min((t for i in self.state.content.incidents for t in (i.started_at, i.updates[0].at)),
                          default=self.state.now)
        """No component has a creation date in Herald: the earliest moment in the content stands in for it."""

    def ts(self, moment: datetime | None) -> str | None:
        """A Statuspage timestamp."""
        return timestamp(moment, self.settings)

    def page(self) -> dict[str, Any]:
        """The ``page`` object that opens every endpoint."""
        return {"id": self.page_id, "name": self.text.site_name(self.lang), "url": self.settings.url.rstrip("/"),
                "time_zone": self.settings.time_zone, "updated_at": self.ts(self._last_change(None))}

    def status(self) -> dict[str, str]:
        """The page's indicator and Statuspage's sentence for it."""
        indicator = self.state.indicator
        statuses = {s for s in self.state.statuses.values() if s is not ComponentStatus.OPERATIONAL}
        degraded = indicator == "minor" and statuses == {ComponentStatus.DEGRADED_PERFORMANCE}
        return {"indicator": indicator, "description": DEGRADED_ONLY if degraded else DESCRIPTIONS[indicator]}

    def components(self) -> list[dict[str, Any]]:
        """Groups and components in one flat list, by position (positions restart inside each group)."""
        settings = self.settings
        top: list[tuple[str, Any]] = [("component", c) for c in sorted(settings.components, key=lambda c: c.order)
                                      if c.group is None]
        top += [("group", g) for g in sorted(settings.groups, key=lambda g: g.order)]
        rows: list[tuple[int, int, dict[str, Any]]] = []
        for level_rank, (kind, item) in enumerate(top):
            if kind == "component":
                rows.append((level_rank + 1, 0, self.component(item.id, level_rank + 1)))
                continue
            children = sorted((c for c in settings.components if c.group == item.id), key=lambda c: c.order)
            rows.append((level_rank + 1, 0, self._group(item, [c.id for c in children], level_rank + 1)))
            rows += [(n, level_rank + 1, self.component(c.id, n)) for n, c in enumerate(children, start=1)]
        return [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]))]

    def component(self, component_id: str, position: int | None = None) -> dict[str, Any]:
        """One component object, with its status now."""
        component = self.settings.component(component_id)
        if position is None:
            siblings = sorted((c for c in self.settings.components if c.group == component.group),
                              key=lambda c: c.order)
            position = [c.id for c in siblings].index(component_id) + 1 if component.group else self._top_position(
                component_id)
        return {"id": statuspage_id("component", component.id), "name": self.text.pick(component.name, self.lang),
                "status": self.state.statuses[component.id].value, "created_at": self.ts(self._epoch),
                "updated_at": self.ts(self._last_change(component.id)), "position": position,
                "description": self.text.pick(component.description, self.lang) or None, "showcase": True,
                "start_date": None, "group_id": statuspage_id("group", component.group) if component.group else None,
                "page_id": self.page_id, "group": False, "only_show_if_degraded": False}

    def _top_position(self, component_id: str) -> int:
        """Position of an ungrouped component among the top-level items."""
        ungrouped = sorted((c for c in self.settings.components if c.group is None), key=lambda c: c.order)
        return [c.id for c in ungrouped].index(component_id) + 1

    def _group(self, group: Any, children: list[str], position: int) -> dict[str, Any]:
        """A group, as Statuspage shows one: a component with ``group: true`` and its children's ids."""
        worst = max((self.state.statuses[c] for c in children), key=lambda s: s.rank,
                    default=ComponentStatus.OPERATIONAL)
        changed = max((self._last_change(c) for c in children), default=self._epoch)
        return {"id": statuspage_id("group", group.id), "name": self.text.pick(group.name, self.lang),
                "status": worst.value, "created_at": self.ts(self._epoch), "updated_at": self.ts(changed),
                "position": position, "description": self.text.pick(group.description, self.lang) or None,
                "showcase": False, "start_date": None, "group_id": None, "page_id": self.page_id, "group": True,
                "only_show_if_degraded": False, "components": [statuspage_id("component", c) for c in children]}

    def _last_change(self, component_id: str | None) -> datetime:
        """When the state (of one component, or of the page) last changed: an update, or a window opening or closing."""
        if component_id not in self._changed:
            self._changed[component_id] = self._find_last_change(component_id)
        return self._changed[component_id]

    def _find_last_change(self, component_id: str | None) -> datetime:
        """The latest update or passed window boundary among the incidents that concern ``component_id``."""
        now = self.state.now
        moments = [self._epoch]
        for incident in self.state.content.incidents:
            if component_id is not None and component_id not in incident.components:
                continue
            moments += [u.at for u in incident.updates]
            if incident.kind is Kind.MAINTENANCE:
                moments += [t for t in (incident.scheduled_for, incident.scheduled_until) if t and t <= now]
        return max(moments)

    def incident(self, incident: Incident) -> dict[str, Any]:
        """An incident, or a scheduled maintenance (which adds its window)."""
        now = self.state.now
        maintenance = incident.kind is Kind.MAINTENANCE
        sp_id = statuspage_id("incident", incident.id)
        out: dict[str, Any] = {
            "id": sp_id, "name": self.text.title(incident, self.lang), "status": derive.status_of(incident, now),
            "created_at": self.ts(derive.disclosed_at(incident)), "updated_at": self.ts(incident.updates[-1].at),
            "monitoring_at": self.ts(derive.monitoring_at(incident)),
            "resolved_at": self.ts(derive.resolved_at(incident, now)),
            "impact": "maintenance" if maintenance else incident.impact.value,
            "shortlink": self.text.url(urls.incident("", incident.id)), "started_at": self.ts(incident.started_at),
            "page_id": self.page_id,
            "incident_updates": [self._update(incident, u, sp_id) for u in reversed(incident.updates)],
            "components": [self.component(c) for c in incident.components],
        }
        if maintenance:
            out["scheduled_for"] = self.ts(incident.scheduled_for)
            out["scheduled_until"] = self.ts(incident.scheduled_until)
        else:
            out["reminder_intervals"] = None
        return out

    def _update(self, incident: Incident, update: Update, incident_sp_id: str) -> dict[str, Any]:
        """One incident update, with each component's status before and after it."""
        at = self.ts(update.at)
        changes: tuple[Effect, ...] = self._effects[incident.id][update.id]
        return {"id": statuspage_id("update", f"{incident.id}/{update.id}"), "status": update.status,
                "body": self.text.update_text(incident, update, self.lang), "incident_id": incident_sp_id,
                "created_at": at, "updated_at": at, "display_at": at,
                "affected_components": [{"code": statuspage_id("component", e.component),
                                         "name": self._long_name(e.component), "old_status": e.old.value,
                                         "new_status": e.new.value} for e in changes] or None,
                "deliver_notifications": True, "custom_tweet": None, "tweet_id": None}

    def _long_name(self, component_id: str) -> str:
        """"Group - Component" for a grouped component, as Statuspage names them in affected_components."""
        component = self.settings.component(component_id)
        name = self.text.pick(component.name, self.lang)
        group = next((g for g in self.settings.groups if g.id == component.group), None)
        return f"{self.text.pick(group.name, self.lang)} - {name}" if group else name

