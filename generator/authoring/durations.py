"""Parse ``--next`` and ``--started`` values: a delay after (or before) a time (``2h``, ``30m``,
``1h30m``, ``1d``), or an ISO 8601 time."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

MAX_DELAY = timedelta(days=366)
_UNITS = {"d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}
_DELAY_RE = re.compile(r"^(?:(\d{1,4})d)?(?:(\d{1,5})h)?(?:(\d{1,6})m(?:in)?)?$")
EXAMPLES = "write a delay such as 30m, 2h, 1h30m or 1d, or a time such as 2026-11-21T20:00:00+08:00"


class DurationError(ValueError):
    """The value is neither a delay nor a time with offset."""


def parse_delay(text: str) -> timedelta:
    """``'1h30m'`` -> 90 minutes; raises DurationError for anything else."""
    compact = re.sub(r"\s+", "", text.strip().lower())
    match = _DELAY_RE.match(compact)
    if not compact or not match or not any(match.groups()):
        raise DurationError(f"'{text}' is not a delay; {EXAMPLES}")
    days, hours, minutes = (int(part or 0) for part in match.groups())
    delay = days * _UNITS["d"] + hours * _UNITS["h"] + minutes * _UNITS["m"]
    if delay <= timedelta(0):
        raise DurationError(f"'{text}' is no delay at all; promise a time after this update")
    if delay > MAX_DELAY:
        raise DurationError(f"'{text}' is more than a year away; promise something nearer")
    return delay


def resolve_next(text: str, at: datetime, zone: ZoneInfo) -> datetime:
    """The promised next-update time: ``at`` plus a delay, or an absolute time after ``at``."""
    value = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        moment = parse_time(value)
        if moment <= at:
            raise DurationError(f"'{text}' is not after this update ({at.isoformat()}); promise a later time")
        if moment - at > MAX_DELAY:
            raise DurationError(f"'{text}' is more than a year away; promise something nearer")
        return moment.astimezone(zone)
    return (at + parse_delay(value)).astimezone(zone)


def resolve_start(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """When the problem began: ``now``, a delay before ``now`` (``25m`` or ``25m ago``), or a time not after it."""
    value = text.strip().lower()
    if value == "now":
        return now.astimezone(zone).replace(microsecond=0)
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        moment = parse_time(text.strip())
        if moment > now:
            raise DurationError(f"'{text}' is after now ({now.isoformat()}); a problem starts before it is reported")
        return moment.astimezone(zone)
    delay = parse_delay(re.sub(r"\s*ago$", "", value))
    return (now - delay).astimezone(zone).replace(microsecond=0)


def parse_time(value: str) -> datetime:
    """An ISO 8601 time that carries its UTC offset."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise DurationError(f"'{value}' is not an ISO 8601 time; {EXAMPLES}") from None
    if moment.tzinfo is None:
        raise DurationError(f"'{value}' has no UTC offset; add one, e.g. +08:00 or Z")
    return moment.replace(microsecond=0)
