"""Uptime and the communication record, against hand-computed expectations.

Time zone Europe/Berlin: daylight-saving time ends on 25 October 2026 (03:00 CEST becomes
02:00 CET), so that local day is 25 hours long.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from generator.state import record, uptime
from generator.pipeline import build_site, load_project
from generator.content.translation_report import ALL_CODES as TRANSLATION_CODES
from generator.errors import Severity
from generator.model import ComponentStatus
from tests.conftest import ProjectFactory, update

CEST, CET, CST = timezone(timedelta(hours=2)), timezone(timedelta(hours=1)), timezone(timedelta(hours=8))
NOW = datetime(2026, 10, 26, 12, 0, tzinfo=CET)


@pytest.fixture
def berlin(project: ProjectFactory) -> ProjectFactory:
    config = project.root / "herald.yml"
    config.write_text(config.read_text().replace("Asia/Shanghai", "Europe/Berlin"))
    # 23:00 on the 24th to 01:00 on the 25th, local: one hour on each side of midnight.
    project.incident("2026-10-24-night", "title: Night\nimpact: critical\ncomponents: [api]\n"
                     "started_at: 2026-10-24T23:00:00+02:00", updates={
                         "a": update("2026-10-24T23:10:00+02:00", "investigating", "components: {api: major_outage}"),
                         "b": update("2026-10-25T01:00:00+02:00", "resolved")})
    # Two hours of partial outage on the 25-hour day, after the clocks went back.
    project.incident("2026-10-25-partial", "title: Partial\nimpact: major\ncomponents: [api]\n"
                     "started_at: 2026-10-25T10:00:00+01:00", updates={
                         "a": update("2026-10-25T10:05:00+01:00", "identified"),
                         "b": update("2026-10-25T12:00:00+01:00", "resolved")})
    # 23:30 UTC on the 20th is 01:30 on the 21st in Berlin: it belongs to the 21st.
    project.incident("2026-10-21-slow", "title: Slow\nimpact: minor\ncomponents: [api]\n"
                     "started_at: 2026-10-20T23:30:00Z", updates={
                         "a": update("2026-10-20T23:40:00Z", "investigating"),
                         "b": update("2026-10-21T00:30:00Z", "resolved")})
    return project


def days_by_date(project: ProjectFactory, key: str = "api"):
    loaded = load_project(project.root, lambda pinned: NOW)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    spans = uptime.component_spans(loaded.content, [key], NOW)
    days = uptime.history(spans, loaded.settings.zone, NOW)
    return {d.day: d for d in days}, days


def test_days_split_at_local_midnight_and_the_dst_day_has_25_hours(berlin: ProjectFactory) -> None:
    by_date, days = days_by_date(berlin)
    assert len(days) == 90 and days[0].day == date(2026, 7, 29) and days[-1].day == date(2026, 10, 26)
    oct24, oct25, oct26 = by_date[date(2026, 10, 24)], by_date[date(2026, 10, 25)], by_date[date(2026, 10, 26)]
    assert (oct24.worst, oct24.downtime, oct24.length) == (ComponentStatus.MAJOR_OUTAGE, timedelta(hours=1),
                                                           timedelta(hours=24))
    # 1 h of major outage (00:00-01:00 CEST) + 2 h of partial outage at 30 % = 1.6 h, on a 25-hour day.
    assert (oct25.worst, oct25.downtime, oct25.length) == (ComponentStatus.MAJOR_OUTAGE, timedelta(hours=1.6),
                                                           timedelta(hours=25))
    assert oct26.length == timedelta(hours=12)  # today, up to now
    assert by_date[date(2026, 10, 20)].worst is ComponentStatus.OPERATIONAL
    assert (by_date[date(2026, 10, 21)].worst, by_date[date(2026, 10, 21)].downtime) == (
        ComponentStatus.DEGRADED_PERFORMANCE, timedelta(minutes=6))  # 1 h at 10 %


def test_uptime_percentage_over_90_days(berlin: ProjectFactory) -> None:
    _, days = days_by_date(berlin)
    # 89 whole days (one of them 25 h) + 12 h today = 2149 h; downtime 1 + 1.6 + 0.1 = 2.7 h.
    assert uptime.uptime_percent(days) == pytest.approx(100 * (1 - 2.7 / 2149))
    assert f"{uptime.uptime_percent(days):.2f}" == "99.87"
    _, deposits = days_by_date(berlin, "deposits")
    assert uptime.uptime_percent(deposits) == 100.0


def test_maintenance_is_shown_but_not_counted(berlin: ProjectFactory) -> None:
    berlin.incident("2026-10-22-upgrade", "title: Upgrade\nkind: maintenance\ncomponents: [deposits]\n"
                    "started_at: 2026-10-22T02:00:00+02:00\nscheduled_for: 2026-10-22T02:00:00+02:00\n"
                    "scheduled_until: 2026-10-22T04:00:00+02:00",
                    updates={"a": update("2026-10-20T10:00:00+02:00", "scheduled")})
    by_date, days = days_by_date(berlin, "deposits")
    assert by_date[date(2026, 10, 22)].worst is ComponentStatus.UNDER_MAINTENANCE
    assert by_date[date(2026, 10, 22)].downtime == timedelta(0)
    assert uptime.uptime_percent(days) == 100.0


def test_day_cells_have_text_labels_and_link_to_the_calendar(berlin: ProjectFactory) -> None:
    loaded = load_project(berlin.root, lambda pinned: NOW)
    output = build_site(loaded)
    page = output.status_pages["components/api/index.md"].html
    assert page.count('<li class="herald-cell') == 90
    assert ('<li class="herald-cell herald-cell--major_outage herald-cell--has-tip"><a href="../../components/api/uptime/#day-2026-10-24">'
            '<span class="herald-cell__label">Sat 24 Oct 2026: Major outage</span>') in page
    calendar = output.status_pages["components/api/uptime/index.md"].html
    assert 'id="day-2026-10-25"' in calendar and "Night" in calendar and "Partial" in calendar


@pytest.fixture
def promises(project: ProjectFactory) -> ProjectFactory:
    project.incident("2026-11-20-x", """
        title: X
        impact: major
        components: [api]
        started_at: 2026-11-20T08:00:00+08:00
        commitments:
          refund: {text: Refund fees, due: 2026-11-20T12:00:00+08:00}
          report: {text: Publish a report, due: 2026-11-25T12:00:00+08:00}
          audit: {text: Audit, due: 2026-11-20T11:00:00+08:00, state: done, done_at: 2026-11-20T10:00:00+08:00,
                  link: https://example.com/audit}
          reopen: {text: Reopen, due: 2026-11-20T09:00:00+08:00, state: missed, explanation: Needed more checks}
    """, updates={
        "a": update("2026-11-20T08:30:00+08:00", "investigating", "next_update: 2026-11-20T09:30:00+08:00"),
        "b": update("2026-11-20T10:00:00+08:00", "identified", "next_update: 2026-11-20T12:00:00+08:00"),
    })
    return project


def test_communication_record_figures(promises: ProjectFactory) -> None:
    now = datetime(2026, 11, 20, 13, 0, tzinfo=CST)
    loaded = load_project(promises.root, lambda pinned: now)
    incident = loaded.content.incidents[0]
    rec = record.communication_record(incident, now)
    assert rec.to_first_update == timedelta(minutes=30)
    assert (rec.longest_silence, rec.silence_ongoing) == (timedelta(hours=3), True)  # 10:00 until now, 13:00
    assert [(p.state, p.late_by) for p in rec.promises] == [("late", timedelta(minutes=30)),
                                                            ("overdue", timedelta(hours=1))]
    assert (rec.promises_kept, rec.promises_due, rec.duration) == (0, 2, timedelta(hours=5))


def test_a_promise_kept_and_one_not_yet_due(promises: ProjectFactory) -> None:
    promises.file("incidents/2026-11-20-x/c.md", update("2026-11-20T11:55:00+08:00", "monitoring",
                                                       "next_update: 2026-11-20T15:00:00+08:00"))
    now = datetime(2026, 11, 20, 13, 0, tzinfo=CST)
    rec = record.communication_record(load_project(promises.root, lambda pinned: now).content.incidents[0], now)
    assert [p.state for p in rec.promises] == ["late", "kept", "pending"]
    assert (rec.longest_silence, rec.silence_ongoing) == (timedelta(hours=1, minutes=55), False)


def test_commitment_states_relative_to_now(promises: ProjectFactory) -> None:
    def states(now: datetime) -> dict[str, str]:
        loaded = load_project(promises.root, lambda pinned: now)
        return {c.key: record.commitment_state(c, now) for c in loaded.content.incidents[0].commitments}
    assert states(datetime(2026, 11, 20, 11, 0, tzinfo=CST)) == {
        "refund": "pending", "report": "pending", "audit": "done", "reopen": "missed"}
    assert states(datetime(2026, 11, 20, 13, 0, tzinfo=CST)) == {
        "refund": "overdue", "report": "pending", "audit": "done", "reopen": "missed"}


def test_overdue_commitment_is_flagged_by_check_and_on_the_page(promises: ProjectFactory) -> None:
    now = datetime(2026, 11, 20, 13, 0, tzinfo=CST)
    loaded = load_project(promises.root, lambda pinned: now)
    warnings = [d for d in loaded.diagnostics if d.severity is Severity.WARNING and d.code == "overdue-commitment"]
    assert [d.field for d in warnings] == ["commitments.refund"]
    page = build_site(loaded).status_pages["incidents/2026-11-20-x/index.md"].html
    assert 'herald-commitment--overdue"><span aria-hidden="true">!</span> Overdue' in page
    assert "Needed more checks" in page and 'href="https://example.com/audit"' in page


def test_commitment_without_required_detail_is_an_error(project: ProjectFactory) -> None:
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00\ncommitments:\n"
                     "  a: {text: A, due: 2026-11-21T00:00:00+08:00, state: missed}",
                     updates={"u": update("2026-11-20T09:00:00+08:00", "investigating")})
    loaded = load_project(project.root, lambda pinned: datetime(2026, 11, 20, 12, tzinfo=CST))
    assert [(d.line, d.field, d.code) for d in loaded.diagnostics if d.code not in TRANSLATION_CODES] == [
        (5, "commitments.a.explanation",
                                                                        "missing-field")]


def test_track_record_median_and_share(promises: ProjectFactory) -> None:
    promises.incident("2026-11-10-y", "title: Y\nstarted_at: 2026-11-10T08:00:00+08:00", updates={
        "a": update("2026-11-10T09:30:00+08:00", "investigating", "next_update: 2026-11-10T10:00:00+08:00"),
        "b": update("2026-11-10T09:50:00+08:00", "resolved")})
    promises.incident("2026-11-01-z", "title: Z\nstarted_at: 2026-11-01T08:00:00+08:00", updates={
        "a": update("2026-11-01T08:10:00+08:00", "resolved")})
    now = datetime(2026, 11, 20, 13, 0, tzinfo=CST)
    track = record.track_record(load_project(promises.root, lambda pinned: now).content.incidents, now)
    # First updates after 30 min, 90 min and 10 min: median 30 min. Promises: 1 kept of 3 due.
    assert track.median_to_first_update == timedelta(minutes=30)
    assert (track.promises_kept, track.promises_due) == (1, 3)
    assert track.kept_share == pytest.approx(100 / 3)
    assert (track.commitments_done, track.commitments_missed, track.commitments_overdue) == (1, 1, 1)
    assert track.commitments_pending == 1  # "report", due on the 25th


def test_track_record_page_and_json_count_pending_commitments(promises: ProjectFactory) -> None:
    import json
    now = datetime(2026, 11, 20, 13, 0, tzinfo=CST)
    output = build_site(load_project(promises.root, lambda pinned: now))
    page = output.status_pages["track-record/index.md"].html
    assert "1 done, 1 missed, 1 overdue, 1 not yet due" in page
    totals = json.loads(output.files["api/herald/record.json"])["track_record"]
    assert (totals["commitments_pending"], totals["commitments_overdue"]) == (1, 1)
    # Before 12:00 the refund is not yet due either.
    early = build_site(load_project(promises.root, lambda pinned: datetime(2026, 11, 20, 11, tzinfo=CST)))
    assert "1 done, 1 missed, 0 overdue, 2 not yet due" in early.status_pages["track-record/index.md"].html


def test_time_from_resolution_to_a_later_postmortem_is_not_a_silence(project: ProjectFactory) -> None:
    project.incident("2026-11-10-p", "title: P\nimpact: major\nstarted_at: 2026-11-10T08:00:00+08:00", updates={
        "a": update("2026-11-10T08:10:00+08:00", "investigating"),
        "b": update("2026-11-10T10:40:00+08:00", "identified"),
        "c": update("2026-11-10T11:00:00+08:00", "resolved"),
        "d": update("2026-11-14T09:00:00+08:00", "postmortem"),
        "e": update("2026-11-18T09:00:00+08:00", "postmortem")})
    now = datetime(2026, 11, 20, 13, 0, tzinfo=CST)
    rec = record.communication_record(load_project(project.root, lambda pinned: now).content.incidents[0], now)
    # The longest gap while open is 08:10 to 10:40; four days before the postmortem do not count.
    assert (rec.longest_silence, rec.silence_ongoing) == (timedelta(hours=2, minutes=30), False)
    assert rec.duration == timedelta(hours=3)


def test_uptime_and_record_in_json(berlin: ProjectFactory) -> None:
    import json
    files = build_site(load_project(berlin.root, lambda pinned: NOW)).files
    data = json.loads(files["api/herald/uptime.json"])
    api = next(c for c in data["components"] if c["id"] == "api")
    assert api["uptime_percent"] == pytest.approx(100 * (1 - 2.7 / 2149), abs=1e-4)
    assert {"date": "2026-10-25", "worst": "major_outage", "downtime_seconds": 5760,
            "incidents": ["2026-10-24-night", "2026-10-25-partial"]} in api["days"]
    record_data = json.loads(files["api/herald/record.json"])
    night = next(i for i in record_data["incidents"] if i["id"] == "2026-10-24-night")
    assert night["first_update_after_seconds"] == 600 and night["duration_seconds"] == 7200
