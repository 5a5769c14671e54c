"""``--next`` values: delays after the update's time, or absolute times with an offset."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from generator.authoring.durations import DurationError, parse_delay, resolve_next

AT = datetime.fromisoformat("2026-11-20T09:12:00+08:00")
ZONE = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("text, delay", [
    ("30m", timedelta(minutes=30)), ("2h", timedelta(hours=2)), ("1h30m", timedelta(minutes=90)),
    ("1d", timedelta(days=1)), ("90min", timedelta(minutes=90)), (" 2H ", timedelta(hours=2)),
    ("1d 2h", timedelta(hours=26)),
])
def test_delays(text: str, delay: timedelta) -> None:
    assert parse_delay(text) == delay
    assert resolve_next(text, AT, ZONE) == AT + delay


@pytest.mark.parametrize("text, message", [
    ("", "is not a delay"), ("2x", "is not a delay"), ("h", "is not a delay"), ("-1h", "is not a delay"),
    ("0m", "no delay at all"), ("400d", "more than a year"), ("2026-11-20T09:00:00+08:00", "is not after"),
    ("2026-11-21T09:00:00", "no UTC offset"), ("2026-13-40T00:00:00+08:00", "is not an ISO 8601 time"),
    ("2028-01-01T00:00:00Z", "more than a year"),
])
def test_bad_values_say_why(text: str, message: str) -> None:
    with pytest.raises(DurationError, match=message):
        resolve_next(text, AT, ZONE)


def test_absolute_times_are_shown_in_the_site_zone() -> None:
    promised = resolve_next("2026-11-20T12:00:00Z", AT, ZONE)
    assert promised.isoformat() == "2026-11-20T20:00:00+08:00"
