"""Warnings about an incident's timeline that make the communication record wrong:
two updates at one time, a file name whose time is not the update's, and a start time
copied from the first update."""

from __future__ import annotations

import re
from datetime import datetime, timezone, tzinfo
from typing import Any

from generator.errors import Diagnostic, Severity

STEM_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})?(?:-\d+)?$")
"""Update file names Herald writes: ``2026-11-20T0912``, ``2026-11-20T091230``, ``…-02``."""


def update_warnings(meta: Any, base: Any, updates: dict[str, tuple[Any, Any]], zone: tzinfo) -> list[Diagnostic]:
    """All timeline warnings for one incident folder; ``updates`` maps stem to (meta, parsed file)."""
    out = _same_time(updates)
    out += [d for stem, (update, parsed) in sorted(updates.items())
            if (d := _name_differs(stem, update.at, parsed, zone)) is not None]
    if updates and meta.kind == "incident":
        first = min(update.at for update, _ in updates.values())
        if meta.started_at == first:
            out.append(Diagnostic(base.raw.path, base.front.line_of(("started_at",)), "started_at", "start-is-first-update",
                                  "started_at is the time of the first update, so the record says users "
                                  "were told the moment the problem began",
                                  "set started_at to when the problem started (from monitoring or the first "
                                  "report), which is usually before the first update", Severity.WARNING))
    return out


def _same_time(updates: dict[str, tuple[Any, Any]]) -> list[Diagnostic]:
    """Every update after the first that shares its ``at`` with an earlier one (by file name)."""
    seen: dict[datetime, str] = {}
    out: list[Diagnostic] = []
    for stem, (update, parsed) in sorted(updates.items()):
        if update.at in seen:
            out.append(Diagnostic(parsed.raw.path, parsed.front.line_of(("at",)), "at", "same-time",
                                  f"this update has the same time as {seen[update.at]}, so their order is a guess",
                                  "give each update the time it was published", Severity.WARNING))
        else:
            seen[update.at] = stem
    return out


def _name_differs(stem: str, at: datetime, parsed: Any, zone: tzinfo) -> Diagnostic | None:
    """A warning when a time-named file's time matches ``at`` neither as written, in the site's zone nor in UTC."""
    match = STEM_TIME.match(stem)
    if match is None:
        return None
    day, hour, minute, second = match.groups()
    named = f"{day}T{hour}{minute}" + (second or "")
    pattern = "%Y-%m-%dT%H%M" + ("%S" if second else "")
    readings = {at.strftime(pattern), at.astimezone(zone).strftime(pattern), at.astimezone(timezone.utc).strftime(pattern)}
    if named in readings:
        return None
    return Diagnostic(parsed.raw.path, parsed.front.line_of(("at",)), "at", "name-differs",
                      f"the file name says {day} {hour}:{minute} but at: says {at.isoformat()}",
                      "correct at:, or rename the file to the update's time (readers' links use the name, "
                      "so rename only before publishing)", Severity.WARNING)
