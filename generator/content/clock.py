"""Decide the build's "now": --now, then SOURCE_DATE_EPOCH, then the pinned setting, then the clock."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Mapping

EARLIEST_YEAR, LATEST_YEAR = 1970, 2999
"""Times Herald accepts (content, --now, SOURCE_DATE_EPOCH): durations and calendars near year 1 or 9999 overflow."""


class NowError(ValueError):
    """The given time cannot be used as the build's now."""


def check_range(moment: datetime) -> datetime:
    """``moment`` if its year (as written) is within the supported range; ValueError otherwise."""
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(f"time {moment.isoformat()} is out of range: times must fall between the years "
                         f"{EARLIEST_YEAR} and {LATEST_YEAR}")
    return moment


def resolve_now(cli_now: str | None, environ: Mapping[str, str], pinned: datetime | None,
                clock: datetime | None = None) -> datetime:
    """The moment the build describes, as an aware datetime."""
    if cli_now:
        return parse_now(cli_now)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError) as exc:
            raise NowError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds between the years "
                           f"{EARLIEST_YEAR} and {LATEST_YEAR}") from exc
        return _in_range(moment, f"SOURCE_DATE_EPOCH={epoch!r}")
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
    return _in_range(moment, f"--now {text!r}")


def _in_range(moment: datetime, shown: str) -> datetime:
    """``moment``, or NowError naming where it came from when it is out of range."""
    try:
        return check_range(moment)
    except ValueError:
        raise NowError(f"{shown} is out of range: the build's now must fall between the years {EARLIEST_YEAR} "
                       f"and {LATEST_YEAR}") from None
