"""What ``herald list`` shows: incidents under way and maintenance ahead, their last word and next promise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from . import derive
from .authoring import Workspace
from .model import Incident
from .template_catalog import unfilled_prompts

EXCERPT = 100


@dataclass(frozen=True)
class Row:
    """One incident as ``herald list`` shows it."""

    incident_id: str
    title: str
    kind: str
    impact: str
    status: str
    last_at: datetime | None
    last_said: str
    next_due: datetime | None
    overdue: bool
    upcoming: bool
    window: tuple[datetime, datetime] | None
    prompts: int
    """Bracketed template prompts still in its files."""


def rows(workspace: Workspace, now: datetime) -> list[Row]:
    """Active incidents (most severe first), then maintenance not yet started (soonest first)."""
    content, _ = derive.published(workspace.content, now)
    active = [i for i in content.incidents if derive.is_active(i, now)]
    upcoming = [i for i in content.incidents if derive.is_upcoming(i, now)]
    active.sort(key=lambda i: (-i.impact.rank, i.updates[-1].at), reverse=False)
    upcoming.sort(key=lambda i: (i.scheduled_for, i.id))
    return [_row(workspace, i, now, upcoming=False) for i in active] + \
           [_row(workspace, i, now, upcoming=True) for i in upcoming]


def _row(workspace: Workspace, incident: Incident, now: datetime, upcoming: bool) -> Row:
    """One row: the latest update's time and first line, the promise, and whether it has passed."""
    default = workspace.settings.default_language
    last = incident.updates[-1] if incident.updates else None
    due = derive.next_update_due(incident) if last else None
    files = workspace.raw.incident_folders.get(incident.id, [])
    window = (incident.scheduled_for, incident.scheduled_until) \
        if incident.scheduled_for and incident.scheduled_until else None
    return Row(incident.id, incident.title.get(default, ""), incident.kind.value, incident.impact.value,
               derive.status_of(incident, now), last.at if last else None,
               _first_line(last.body.get(default, "")) if last else "",
               due, due is not None and due < now and not upcoming, upcoming, window,
               sum(len(unfilled_prompts(f.text)) for f in files))


def describe_delta(delta: timedelta) -> str:
    """A short duration: ``45 min``, ``2 h 05 min``, ``3 d 4 h``."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"


def _first_line(markdown: str) -> str:
    """The first paragraph of an update on one line, without Markdown emphasis, cut to a short excerpt."""
    paragraph = next((part for part in markdown.strip().split("\n\n") if part.strip()), "")
    line = " ".join(paragraph.split())
    line = line.replace("**", "").replace("__", "")
    return line if len(line) <= EXCERPT else line[: EXCERPT - 1].rstrip() + "…"
