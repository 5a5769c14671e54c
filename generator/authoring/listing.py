"""What ``herald list`` shows: incidents under way and maintenance ahead, their last word and next promise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from generator.authoring.template_catalog import unfilled_prompts
from generator.authoring.workspace import Workspace
from generator.model import Incident
from generator.state import derive
from generator.text.safetext import terminal_safe

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


@dataclass(frozen=True)
class Pending:
    """A file that is not public yet: a draft, or an update held back until its time."""

    path: str
    what: str
    """``draft incident``, ``draft update`` or ``held update``."""
    status: str
    at: datetime | None
    """For a held update: when it goes public."""
    publish: str
    """The command that makes it public (empty for held updates, which go out by themselves)."""


def pending(workspace: Workspace, now: datetime) -> list[Pending]:
    """Drafts and future-dated updates, in path order, whatever state their incident is in."""
    out = []
    for incident in workspace.content.incidents:
        folder = f"{workspace.settings.incidents_dir}/{incident.id}"
        if incident.draft:
            drafts = sum(update.draft for update in incident.updates)
            what = "draft incident" + (f" with {drafts} draft update(s)" if drafts else "")
            out.append(Pending(incident.source, what, incident.kind.value, None, f"herald publish {folder}"))
        for update in incident.updates:
            if update.draft and incident.draft:
                continue  # published with its incident
            if update.draft:
                out.append(Pending(update.source, "draft update", update.status, None,
                                   f"herald publish {update.source}"))
            elif update.at > now:
                out.append(Pending(update.source, "held update", update.status, update.at, ""))
    return sorted(out, key=lambda p: p.path)


def describe_pending(item: Pending, zone: ZoneInfo) -> Line:
    """One line for a file that is not public yet."""
    if item.at is not None:
        return terminal_safe(f"  {item.path}  [{item.status}] held until {_when(item.at, zone)}"), "cyan", False
    return terminal_safe(f"  {item.path}  {item.what} [{item.status}]: {item.publish}"), "magenta", False


Line = tuple[str, str | None, bool]
"""Text, colour (or None) and boldness of one printed line."""


def describe(row: Row, now: datetime, zone: ZoneInfo) -> list[Line]:
    """The lines ``herald list`` prints for one row: headline, last update, next promise (overdue in red)."""
    colour = {"critical": "red", "major": "yellow", "minor": "yellow"}.get(row.impact)
    label = "upcoming maintenance" if row.upcoming else row.kind + (f", {row.impact} impact" if colour else "")
    lines: list[Line] = [(f"{row.incident_id}  {label}  [{row.status}]", colour, True), (f"  {row.title}", None, False)]
    if row.window is not None:
        lines.append((f"  window: {_when(row.window[0], zone)} to {_when(row.window[1], zone)}", None, False))
    if row.last_at is not None:
        lines.append((f"  last update {_when(row.last_at, zone)} ({describe_delta(now - row.last_at)} ago): "
                      f"{row.last_said}", None, False))
    if not row.upcoming:
        lines.append(_promise(row, now, zone))
    if row.prompts:
        lines.append((f"  {row.prompts} [bracketed] template prompt(s) still to fill in", "magenta", False))
    return [(terminal_safe(text), colour, bold) for text, colour, bold in lines]  # titles and text are the content's


def _promise(row: Row, now: datetime, zone: ZoneInfo) -> Line:
    """The next-update line: none promised (yellow), overdue (red), soon (yellow) or later (green)."""
    if row.next_due is None:
        return "  no next update promised", "yellow", False
    if row.overdue:
        return (f"  next update was due {_when(row.next_due, zone)}: OVERDUE by {describe_delta(now - row.next_due)}",
                "red", True)
    soon = row.next_due - now < timedelta(minutes=30)
    return (f"  next update due {_when(row.next_due, zone)} (in {describe_delta(row.next_due - now)})",
            "yellow" if soon else "green", False)


def _when(moment: datetime, zone: ZoneInfo) -> str:
    """``2026-11-20 09:12+08:00`` in the site's time zone."""
    return moment.astimezone(zone).isoformat(" ", "minutes")


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
