"""The maintenance calendar, read back with the icalendar library: events, times, UIDs and updates."""

from __future__ import annotations

from datetime import datetime, timezone

from icalendar import Calendar

from tests.conftest import ProjectFactory, update
from tests.helpers.output_helpers import build, bytes_of

NOW = "2026-11-21T12:00:00+08:00"
PAST = "2026-11-15-dns"
NEXT = "2026-11-28-node"


def maintenance(project: ProjectFactory, incident_id: str, start: str, end: str, updates: dict[str, str]) -> None:
    project.incident(incident_id, f"""
        title: Upgrade {incident_id}
        kind: maintenance
        components: [api, deposits]
        started_at: {start}
        scheduled_for: {start}
        scheduled_until: {end}
    """, body="Deposits may be late.", updates=updates)


def with_windows(project: ProjectFactory) -> ProjectFactory:
    maintenance(project, PAST, "2026-11-15T02:00:00+08:00", "2026-11-15T03:00:00+08:00", {
        "2026-11-12T1000": update("2026-11-12T10:00:00+08:00", "scheduled"),
        "2026-11-15T0310": update("2026-11-15T03:10:00+08:00", "completed", body="Done.")})
    maintenance(project, NEXT, "2026-11-28T02:00:00+08:00", "2026-11-28T04:00:00+08:00", {
        "2026-11-21T1000": update("2026-11-21T10:00:00+08:00", "scheduled", body="Planned.")})
    project.incident("2026-11-20-outage", "title: Outage\ncomponents: [api]\nstarted_at: 2026-11-20T09:00:00+08:00",
                     updates={"2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating")})
    return project


def events(project: ProjectFactory, path: str = "maintenance.ics", now: str = NOW) -> dict[str, object]:
    calendar = Calendar.from_ical(bytes_of(build(project.root, now), path))
    assert calendar["VERSION"] == "2.0" and "Herald" in str(calendar["PRODID"])
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def test_every_window_past_and_upcoming_is_an_event(project: ProjectFactory) -> None:
    found = events(with_windows(project))
    assert sorted(found) == [f"{PAST}@status.example.com", f"{NEXT}@status.example.com"]  # incidents are not events
    upcoming = found[f"{NEXT}@status.example.com"]
    assert upcoming.decoded("DTSTART") == utc("2026-11-28T02:00:00+08:00")
    assert upcoming.decoded("DTEND") == utc("2026-11-28T04:00:00+08:00")
    assert str(upcoming["SUMMARY"]) == f"Upgrade {NEXT}"
    assert str(upcoming["URL"]) == f"https://status.example.com/incidents/{NEXT}/"
    assert "Deposits may be late." in str(upcoming["DESCRIPTION"]) and "Planned." in str(upcoming["DESCRIPTION"])
    assert "Affected components: API, Deposits" in str(upcoming["DESCRIPTION"])
    past = found[f"{PAST}@status.example.com"]
    assert past.decoded("DTSTART") == utc("2026-11-15T02:00:00+08:00")
    assert "Current status: Completed" in str(past["DESCRIPTION"])
    assert past.decoded("DTSTAMP") == past.decoded("LAST-MODIFIED") == utc("2026-11-15T03:10:00+08:00")
    assert past.decoded("CREATED") == utc("2026-11-12T10:00:00+08:00") and past["SEQUENCE"] == 1


def test_chinese_calendar_uses_translations(project: ProjectFactory) -> None:
    with_windows(project)
    project.file(f"incidents/{NEXT}/incident.zh.md", "---\ntitle: 节点升级\n---\n充币可能延迟。\n")
    found = events(project, "zh/maintenance.ics")
    upcoming = found[f"{NEXT}.zh@status.example.com"]
    assert str(upcoming["SUMMARY"]) == "节点升级" and upcoming["SUMMARY"].params["LANGUAGE"] == "zh-Hans"
    assert "受影响的组件：接口、充币" in str(upcoming["DESCRIPTION"])
    assert str(upcoming["URL"]) == f"https://status.example.com/zh/incidents/{NEXT}/"
    assert sorted(found) == [f"{PAST}.zh@status.example.com", f"{NEXT}.zh@status.example.com"]


def test_each_language_has_its_own_uids_stable_across_builds(project: ProjectFactory) -> None:
    with_windows(project)
    english = bytes_of(build(project.root, NOW), "maintenance.ics").decode()
    chinese = bytes_of(build(project.root, NOW), "zh/maintenance.ics").decode()
    uids = [line for line in english.splitlines() if line.startswith("UID:")]
    assert uids == [f"UID:{PAST}@status.example.com", f"UID:{NEXT}@status.example.com"]
    assert [line for line in chinese.splitlines() if line.startswith("UID:")] == [
        f"UID:{PAST}.zh@status.example.com", f"UID:{NEXT}.zh@status.example.com"]
    later = bytes_of(build(project.root, "2026-11-21T18:00:00+08:00"), "zh/maintenance.ics").decode()
    assert f"UID:{NEXT}.zh@status.example.com" in later.splitlines()


def test_dtstamp_is_a_utc_date_time_of_the_latest_update(project: ProjectFactory) -> None:
    with_windows(project)
    for path in ("maintenance.ics", "zh/maintenance.ics"):
        lines = bytes_of(build(project.root, NOW), path).decode().splitlines()
        # RFC 5545 3.8.7.2: DTSTAMP in UTC ("Z" form); 2026-11-15 03:10 +08:00 and 2026-11-21 10:00 +08:00
        assert [line for line in lines if line.startswith("DTSTAMP")] == ["DTSTAMP:20261114T191000Z",
                                                                          "DTSTAMP:20261121T020000Z"]


def test_a_moved_window_keeps_its_uid_and_raises_sequence(project: ProjectFactory) -> None:
    with_windows(project)
    before = events(project)[f"{NEXT}@status.example.com"]
    maintenance(project, NEXT, "2026-11-29T02:00:00+08:00", "2026-11-29T05:00:00+08:00", {
        "2026-11-21T1000": update("2026-11-21T10:00:00+08:00", "scheduled", body="Planned."),
        "2026-11-21T1100": update("2026-11-21T11:00:00+08:00", "scheduled", body="Moved by a day.")})
    after = events(project)[f"{NEXT}@status.example.com"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("DTSTART") == utc("2026-11-29T02:00:00+08:00") != before.decoded("DTSTART")
    assert after.decoded("DTSTAMP") > before.decoded("DTSTAMP")


def test_calendar_never_reads_the_clock(project: ProjectFactory) -> None:
    with_windows(project)
    first = bytes_of(build(project.root, NOW), "maintenance.ics")
    assert first == bytes_of(build(project.root, NOW), "maintenance.ics")
    later = events(project, now="2026-11-21T18:00:00+08:00")[f"{NEXT}@status.example.com"]
    assert later.decoded("DTSTAMP") == utc("2026-11-21T10:00:00+08:00")  # the latest update, not now
