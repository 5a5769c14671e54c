"""Herald's own JSON: uptime figures and the communication record, beside the Statuspage API."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

from generator.state import record, uptime
from generator.state.site_state import SiteState
from generator.text import i18n


def render_record_json(state: SiteState) -> dict[str, str]:
    """``api/herald/uptime.json`` and ``api/herald/record.json``."""
    return {"api/herald/uptime.json": _dump(_uptime(state)), "api/herald/record.json": _dump(_record(state))}


def _dump(data: Any) -> str:
    """Stable JSON text."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _utc(moment: datetime) -> str:
    """The build's now in UTC: one instant gives the same bytes however it was written (Z, +08:00, epoch)."""
    return moment.astimezone(timezone.utc).isoformat()


def _seconds(delta: timedelta | None) -> int | None:
    return None if delta is None else int(delta.total_seconds())


def _days(days: list[uptime.Day]) -> list[dict[str, Any]]:
    return [{"date": d.day.isoformat(), "worst": d.worst.value, "downtime_seconds": _seconds(d.downtime),
             "incidents": list(d.incident_ids)} for d in days]


def _uptime(state: SiteState) -> dict[str, Any]:
    """90-day uptime of the page and of each component."""
    default = state.settings.default_language
    return {
        "generated_at": _utc(state.now), "time_zone": state.settings.time_zone,
        "weighting": {status.value: weight for status, weight in uptime.DOWNTIME_WEIGHT.items()},
        "page": {"uptime_percent": round(uptime.uptime_percent(state.uptime[""]), 4), "days": _days(state.uptime[""])},
        "components": [{"id": c.id, "name": i18n.pick(c.name, default, default)[0],
                        "uptime_percent": round(uptime.uptime_percent(state.uptime[c.id]), 4),
                        "days": _days(state.uptime[c.id])} for c in state.settings.components],
    }


def _record(state: SiteState) -> dict[str, Any]:
    """The track record and each incident's figures and commitments."""
    default = state.settings.default_language
    track = record.track_record(state.content.incidents, state.now)
    incidents = []
    for incident in sorted(state.content.incidents, key=lambda i: i.id, reverse=True):
        rec = record.communication_record(incident, state.now)
        incidents.append({
            "id": incident.id, "kind": incident.kind.value,
            "first_update_after_seconds": _seconds(rec.to_first_update),
            "longest_silence_seconds": _seconds(rec.longest_silence), "duration_seconds": _seconds(rec.duration),
            "promises": [{"made_in": p.made_in, "due": _time(p.due), "next_update_at": _time(p.kept_at),
                          "state": p.state, "late_by_seconds": _seconds(p.late_by)} for p in rec.promises],
            "commitments": [{"id": c.key, "text": i18n.pick(c.text, default, default)[0], "due": _time(c.due),
                             "state": record.commitment_state(c, state.now), "done_at": _time(c.done_at),
                             "link": c.link, "explanation": i18n.pick(c.explanation, default, default)[0] or None}
                            for c in incident.commitments],
        })
    return {"generated_at": _utc(state.now),
            "track_record": {"incidents": track.incidents,
                             "median_first_update_seconds": _seconds(track.median_to_first_update),
                             "promises_kept": track.promises_kept, "promises_due": track.promises_due,
                             "commitments_done": track.commitments_done, "commitments_missed": track.commitments_missed,
                             "commitments_overdue": track.commitments_overdue,
                             "commitments_pending": track.commitments_pending},
            "incidents": incidents}
