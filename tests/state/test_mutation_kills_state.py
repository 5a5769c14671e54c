"""Derived state, uptime and the record in detail (derive.py, uptime.py, record.py): boundaries and
messages that mutation testing showed unpinned. Hand-made model values; hand-computed expectations."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from generator.state import derive, record, uptime
from generator.errors import Severity
from generator.model import ComponentStatus, Kind
from tests.helpers.model_builders import at, content, make, upd

SHANGHAI = ZoneInfo("Asia/Shanghai")


def maintenance(updates=None, window=(at(22, 2), at(22, 4))):
    return make("m", window[0], updates or [upd("m", at(20, 10), "scheduled")], impact="none", kind=Kind.MAINTENANCE,
                window=window)


# --- publication and lifecycle -------------------------------------------------------------------

def test_updates_after_now_are_held_back_with_a_warning_and_an_incident_without_any_is_hidden() -> None:
    later = make("a", at(20, 8), [upd("a", at(20, 9), "investigating"), upd("a", at(20, 13), "resolved")])
    unborn = make("b", at(20, 8), [upd("b", at(20, 14), "investigating")])
    published, warnings = derive.published(content(later, unborn), at(20, 12))
    [shown] = published.incidents
    assert shown.id == "a" and [u.status for u in shown.updates] == ["investigating"]
    assert [(w.path, w.code, w.field, w.severity) for w in warnings] == [
        ("incidents/a/2026-11-20T1300.md", "future-update", "at", Severity.WARNING),
        ("incidents/b/2026-11-20T1400.md", "future-update", "at", Severity.WARNING)]
    assert warnings[0].message == ("dated 2026-11-20T13:00:00+08:00, after now (2026-11-20T12:00:00+08:00); "
                                   "it is not published yet")
    exactly, none = derive.published(content(later), at(20, 13))  # dated exactly now: published
    assert [u.status for u in exactly.incidents[0].updates] == ["investigating", "resolved"] and none == []
    assert exactly.incidents[0] is later  # unchanged incidents are the same object


def test_a_maintenance_follows_its_window_at_the_boundaries() -> None:
    m = maintenance()
    assert derive.status_of(m, at(22, 2) - timedelta(seconds=1)) == "scheduled"
    assert derive.status_of(m, at(22, 2)) == "in_progress"  # the window opens at its first second
    assert derive.status_of(m, at(22, 4) - timedelta(seconds=1)) == "in_progress"
    assert derive.status_of(m, at(22, 4)) == "completed"
    assert derive.is_upcoming(m, at(21, 0)) and not derive.is_upcoming(m, at(22, 3))
    assert derive.is_active(m, at(22, 3)) and not derive.is_active(m, at(21, 0)) and not derive.is_active(m, at(22, 5))
    # An update may move it further on, never back: "verifying" during the window stays "verifying".
    verifying = maintenance([upd("m", at(20, 10), "scheduled"), upd("m", at(22, 3), "verifying")])
    assert derive.status_of(verifying, at(22, 3, 30)) == "verifying" and derive.is_active(verifying, at(22, 3, 30))
    assert derive.status_of(verifying, at(22, 5)) == "completed"


def test_an_incident_is_closed_by_its_last_run_of_closing_updates() -> None:
    reopened = make("a", at(20, 8), [upd("a", at(20, 9), "investigating"), upd("a", at(20, 10), "resolved"),
                                     upd("a", at(20, 11), "investigating"), upd("a", at(20, 12), "resolved"),
                                     upd("a", at(20, 13), "postmortem")])
    # Resolved at 10:00, reopened at 11:00, resolved again at 12:00 (the postmortem does not move it).
    assert derive.resolved_at(reopened, at(21, 0)) == at(20, 12)
    assert derive.duration(reopened, at(21, 0)) == timedelta(hours=4)
    assert derive.monitoring_at(reopened) is None
    watched = make("b", at(20, 8), [upd("b", at(20, 9), "identified"), upd("b", at(20, 10), "monitoring"),
                                    upd("b", at(20, 11), "monitoring")])
    assert derive.monitoring_at(watched) == at(20, 10) and derive.resolved_at(watched, at(21, 0)) is None
    assert derive.first_time_with(watched, {"monitoring"}) == at(20, 10)


def test_durations_of_maintenance_and_of_a_start_after_now() -> None:
    assert derive.duration(maintenance(), at(22, 5)) == timedelta(hours=2)  # its window, closed by the window
    assert derive.resolved_at(maintenance(), at(22, 3)) is None
    early = make("a", at(20, 12), [upd("a", at(20, 9), "investigating")])  # disclosed before the stated start
    assert derive.duration(early, at(20, 10)) == timedelta(0)  # never negative


def test_listing_days_and_months() -> None:
    # A maintenance is listed under its window's local day, an incident under its first update's.
    m = maintenance(window=(at(22, 2), at(22, 4)))
    late_night = make("n", at(20, 23), [upd("n", at(20, 23, 50), "investigating")])  # 15:50 UTC, 20th locally
    assert derive.incident_day(m, SHANGHAI) == date(2026, 11, 22)
    assert derive.incident_day(late_night, ZoneInfo("UTC")) == date(2026, 11, 20)
    assert derive.incident_day(make("x", at(21, 7), [upd("x", at(21, 7, 30), "investigating")]),
                               ZoneInfo("UTC")) == date(2026, 11, 20)  # 23:30 UTC on the 20th
    a = make("a", at(20, 8), [upd("a", at(20, 9), "resolved")])
    b = make("b", at(20, 8), [upd("b", at(20, 9), "resolved")])  # same time: the id decides, newest (b) first
    c = make("c", at(19, 8), [upd("c", at(19, 9), "resolved")])
    days = derive.recent_days(content(a, c, b), SHANGHAI, at(20, 12), 2)
    assert [(d, [i.id for i in items]) for d, items in days] == [(date(2026, 11, 20), ["b", "a"]),
                                                                (date(2026, 11, 19), ["c"])]
    ordered = derive.newest_first([c, a, b], SHANGHAI)
    assert [i.id for i in ordered] == ["b", "a", "c"]
    october = make("o", at(20, 8).replace(month=10), [upd("o", at(20, 9).replace(month=10), "resolved")])
    assert [(first, [i.id for i in items]) for first, items in derive.months(ordered + [october], SHANGHAI)] == [
        (date(2026, 11, 1), ["b", "a", "c"]), (date(2026, 10, 1), ["o"])]


# --- warnings: overdue updates and commitments, stale incidents -----------------------------------

def test_overdue_update_warning_text_and_hours_or_days() -> None:
    promised = make("a", at(20, 8), [upd("a", at(20, 9), "investigating", next_update=at(20, 10))])
    assert derive.check_timeliness(content(promised), at(20, 10), timedelta(hours=72)) == []  # due now: not late
    [warning] = derive.check_timeliness(content(promised), at(20, 11, 30), timedelta(hours=72))
    assert (warning.path, warning.code, warning.field, warning.severity) == (
        "incidents/a/2026-11-20T0900.md", "overdue-update", "next_update", Severity.WARNING)
    assert warning.message == "the next update was promised for 2026-11-20T10:00:00+08:00, 1.5 h ago"
    assert warning.hint == "post an update: herald update a"
    warnings = derive.check_timeliness(content(promised), at(22, 12), timedelta(hours=72))
    assert [w.message for w in warnings] == ["the next update was promised for 2026-11-20T10:00:00+08:00, "
                                             "2.1 days ago"]  # 50 h: past 48 h it is said in days
    assert [w.message for w in derive.check_timeliness(content(promised), at(22, 9, 59), timedelta(hours=72))] == [
        "the next update was promised for 2026-11-20T10:00:00+08:00, 48.0 h ago"]  # 47 h 59 min


def test_no_timeliness_warning_for_closed_incidents_maintenance_or_notices_staleness() -> None:
    closed = make("a", at(10, 8), [upd("a", at(10, 9), "investigating", next_update=at(10, 10)),
                                   upd("a", at(10, 11), "resolved", next_update=at(10, 12))])
    m = maintenance([upd("m", at(20, 10), "scheduled", next_update=at(20, 11))], window=(at(20, 9), at(25, 9)))
    notice = make("n", at(10, 8), [upd("n", at(10, 9), "investigating")], kind=Kind.NOTICE)
    assert derive.check_timeliness(content(closed, m, notice), at(20, 12), timedelta(hours=1)) == []
    # A notice is never stale, but an overdue promise in it is still reported.
    promising = make("p", at(10, 8), [upd("p", at(10, 9), "investigating", next_update=at(10, 10))], kind=Kind.NOTICE)
    assert [w.code for w in derive.check_timeliness(content(promising), at(20, 12), timedelta(hours=1))] == [
        "overdue-update"]


def test_overdue_commitment_warning() -> None:
    from generator.model import Commitment

    incident = make("a", at(20, 8), [upd("a", at(20, 9), "investigating")])
    pending = Commitment("refund", {"en": "Refund"}, at(20, 10), "pending", None, None, {})
    done = Commitment("report", {"en": "Report"}, at(20, 10), "done", at(20, 9), None, {})
    from dataclasses import replace

    data = content(replace(incident, commitments=(pending, done)))
    assert derive.check_commitments(data, at(20, 10)) == []
    [warning] = derive.check_commitments(data, at(20, 13))
    assert (warning.path, warning.field, warning.code, warning.severity) == (
        "incidents/a/incident.md", "commitments.refund", "overdue-commitment", Severity.WARNING)
    assert warning.message == ("commitment 'refund' was due 2026-11-20T10:00:00+08:00, 3.0 h ago, and is still "
                               "pending")
    assert warning.hint == "mark it done (with done_at and a link) or missed (with an explanation)"


# --- uptime spans --------------------------------------------------------------------------------

def test_maintenance_gives_one_under_maintenance_span_cut_by_an_early_completion() -> None:
    m = maintenance([upd("m", at(20, 10), "scheduled"), upd("m", at(22, 3), "completed")])
    [span] = uptime.spans_for(m, "api", at(23, 0))
    assert (span.start, span.end, span.status) == (at(22, 2), at(22, 3), ComponentStatus.UNDER_MAINTENANCE)
    assert uptime.spans_for(m, "deposits", at(23, 0)) == []  # not affected
    assert uptime.spans_for(maintenance(), "api", at(21, 0)) == []  # not begun: nothing yet
    notice = make("n", at(20, 8), [upd("n", at(20, 9), "investigating", {"api": "major_outage"})], kind=Kind.NOTICE)
    assert uptime.spans_for(notice, "api", at(21, 0)) == []  # notices never count


def test_spans_start_at_the_incident_start_and_skip_repeats_and_operational() -> None:
    # Started 08:00 (minor: degraded by default); 09:00 says degraded again (no new span); 10:00 says operational,
    # 11:00 partial outage; still open at 12:00.
    incident = make("a", at(20, 8), [upd("a", at(20, 8, 30), "investigating"),
                                     upd("a", at(20, 9), "identified", {"api": "degraded_performance"}),
                                     upd("a", at(20, 10), "monitoring", {"api": "operational"}),
                                     upd("a", at(20, 11), "identified", {"api": "partial_outage"})])
    spans = uptime.spans_for(incident, "api", at(20, 12))
    assert [(s.start, s.end, s.status.value, s.incident_id) for s in spans] == [
        (at(20, 8), at(20, 10), "degraded_performance", "a"), (at(20, 11), at(20, 12), "partial_outage", "a")]
    # An update dated before the stated start counts from the start.
    early = make("b", at(20, 9), [upd("b", at(20, 8), "investigating", {"api": "major_outage"})], impact="minor")
    assert [(s.start, s.status.value) for s in uptime.spans_for(early, "api", at(20, 10))] == [
        (at(20, 9), "major_outage")]


def test_days_before_and_after_spans_and_today_up_to_now() -> None:
    span = uptime.Span(at(20, 22), at(21, 2), ComponentStatus.MAJOR_OUTAGE, "a")  # across local midnight
    day20 = uptime.summarize_day([span], date(2026, 11, 20), SHANGHAI, at(21, 1))
    day21 = uptime.summarize_day([span], date(2026, 11, 21), SHANGHAI, at(21, 1))
    assert (day20.downtime, day20.length, day20.worst) == (timedelta(hours=2), timedelta(hours=24),
                                                           ComponentStatus.MAJOR_OUTAGE)
    assert (day21.downtime, day21.length) == (timedelta(hours=1), timedelta(hours=1))  # today, up to 01:00
    quiet = uptime.summarize_day([span], date(2026, 11, 19), SHANGHAI, at(21, 1))
    assert (quiet.worst, quiet.downtime, quiet.incident_ids) == (ComponentStatus.OPERATIONAL, timedelta(0), ())
    maintenance_span = uptime.Span(at(19, 2), at(19, 4), ComponentStatus.UNDER_MAINTENANCE, "m")
    shown = uptime.summarize_day([maintenance_span], date(2026, 11, 19), SHANGHAI, at(21, 1))
    assert (shown.worst, shown.downtime) == (ComponentStatus.UNDER_MAINTENANCE, timedelta(0))  # shown, not counted


def test_history_and_month_days_windows() -> None:
    old = uptime.Span(at(1, 0).replace(month=8), at(1, 12).replace(month=8), ComponentStatus.MAJOR_OUTAGE, "old")
    recent = uptime.Span(at(20, 0), at(20, 6), ComponentStatus.PARTIAL_OUTAGE, "new")
    days = uptime.history([old, recent], SHANGHAI, at(21, 12), days=3)
    assert [d.day for d in days] == [date(2026, 11, 19), date(2026, 11, 20), date(2026, 11, 21)]  # oldest first
    assert [d.downtime for d in days] == [timedelta(0), timedelta(hours=1.8), timedelta(0)]  # 6 h x 0.3
    assert uptime.uptime_percent([]) == 100.0
    month = uptime.month_days([recent], date(2026, 11, 15), SHANGHAI, at(21, 12))
    assert [d.day.day for d in month] == list(range(1, 22))  # 1 to 21 November: up to today
    assert month[19].downtime == timedelta(hours=1.8)
    assert uptime.month_days([recent], date(2026, 12, 1), SHANGHAI, at(21, 12)) == []  # the future


# --- the communication record --------------------------------------------------------------------

def test_record_of_an_open_incident_with_a_late_and_a_pending_promise() -> None:
    incident = make("a", at(20, 8), [upd("a", at(20, 8, 20), "investigating", next_update=at(20, 9)),
                                     upd("a", at(20, 9, 30), "identified", next_update=at(20, 13))])
    rec = record.communication_record(incident, at(20, 12))
    assert rec.to_first_update == timedelta(minutes=20)
    assert rec.longest_silence == timedelta(hours=2, minutes=30) and rec.silence_ongoing  # 09:30 to now
    late, pending = rec.promises
    assert (late.made_in, late.due, late.kept_at, late.state, late.late_by) == (
        "2026-11-20T0820", at(20, 9), at(20, 9, 30), "late", timedelta(minutes=30))
    assert (pending.state, pending.kept_at, pending.late_by) == ("pending", None, timedelta(0))
    assert (rec.promises_kept, rec.promises_due, rec.resolved, rec.duration) == (0, 1, False, timedelta(hours=4))
    overdue = record.communication_record(incident, at(20, 14))
    assert (overdue.promises[1].state, overdue.promises[1].late_by, overdue.promises_due) == (
        "overdue", timedelta(hours=1), 2)


def test_record_of_a_resolved_incident_and_an_on_time_promise() -> None:
    incident = make("a", at(20, 8), [upd("a", at(20, 9), "investigating", next_update=at(20, 10)),
                                     upd("a", at(20, 10), "identified"),  # exactly on time: kept
                                     upd("a", at(20, 10, 20), "resolved")])
    rec = record.communication_record(incident, at(21, 0))
    assert [p.state for p in rec.promises] == ["kept"] and rec.promises[0].late_by == timedelta(0)
    assert (rec.longest_silence, rec.silence_ongoing, rec.resolved) == (timedelta(hours=1), False, True)
    assert (rec.promises_kept, rec.promises_due, rec.duration) == (1, 1, timedelta(hours=2, minutes=20))
    quiet_gap = make("b", at(20, 8), [upd("b", at(20, 8), "investigating"), upd("b", at(20, 12), "identified")])
    # The longest silence is a past gap (4 h), not the 1 h since the last update: not ongoing.
    rec = record.communication_record(quiet_gap, at(20, 13))
    assert (rec.longest_silence, rec.silence_ongoing, rec.to_first_update) == (timedelta(hours=4), False, timedelta(0))


def test_record_of_a_maintenance_counts_from_its_window() -> None:
    m = maintenance([upd("m", at(22, 2, 10), "in_progress"), upd("m", at(22, 3), "completed")])
    rec = record.communication_record(m, at(23, 0))
    assert (rec.to_first_update, rec.duration, rec.resolved) == (timedelta(minutes=10), timedelta(hours=1), True)


def test_track_record_counts_incidents_only() -> None:
    a = make("a", at(20, 8), [upd("a", at(20, 8, 10), "investigating", next_update=at(20, 9)),
                              upd("a", at(20, 8, 50), "resolved")])
    b = make("b", at(20, 8), [upd("b", at(20, 8, 30), "investigating")])
    c = make("c", at(20, 8), [upd("c", at(20, 9, 30), "investigating")])
    m = maintenance([upd("m", at(20, 10), "scheduled", next_update=at(20, 11))])
    track = record.track_record([a, b, c, m], at(20, 12))
    # Firsts 10, 30 and 90 minutes: median 30; promises: a's kept (08:50 before 09:00); m's not counted.
    assert (track.incidents, track.median_to_first_update, track.promises_kept, track.promises_due) == (
        3, timedelta(minutes=30), 1, 1)
    assert track.kept_share == 100.0
    two = record.track_record([a, b], at(20, 12))
    assert two.median_to_first_update == timedelta(minutes=20)  # the mean of the middle two
    empty = record.track_record([m], at(20, 12))
    assert (empty.incidents, empty.median_to_first_update, empty.kept_share) == (0, None, None)
