"""Decide the build's "now": --now, then SOURCE_DATE_EPOCH, then the pinned setting, then the clock."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Mapping


class NowError(ValueError):
    """The given time cannot be used as the build's now."""


def resolve_now(cli_now: str | None, environ: Mapping[str, str], pinned: datetime | None,
                clock: datetime | None = None) -> datetime:
    """The moment the build describes, as an aware datetime."""
    if cli_now:
        return parse_now(cli_now)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError) as exc:
            raise NowError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds") from exc
    if pinned is not None:
        return pinned
    return clock or datetime.now(timezone.utc).replace(microsecond=0)


def parse_now(text: str) -> datetime:
    """Parse an ISO 8601 time with offset (``2026-11-21T12:00:00+08:00`` or ``...Z``)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise NowError(f"--now {text!r} is not an ISO 8601 time; write it like 2026-11-21T12:00:00+08:00") from exc
    if moment.tzinfo is None:
        raise NowError(f"--now {text!r} has no UTC offset; add one, e.g. +08:00 or Z")
    return moment
