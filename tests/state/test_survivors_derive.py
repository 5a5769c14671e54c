"""Derived state where the rule lives (derive.py, uptime.py): the worst status wins whatever the
order, impact counts in the indicator, the banner covers major impact, overlapping incidents
take the worst at each instant. Every expectation is computed by hand in the comments."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from generator.state import derive, uptime
from generator.model import ComponentStatus, Kind
from tests.helpers.model_builders import at, content, make, upd

NOW = at(20, 12)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def outage_on(incident_id: str, component: str, status: str, impact: str = "minor"):
    """An open incident stating one status for one component at 09:00."""
    return make(incident_id, at(20, 8), [upd(incident_id, at(20, 9), "investigating", {component: status})],
                impact=impact, components=(component,))


# --- component status: the worst among active incidents ------------------------------------------

@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_component_status_is_the_worst_whatever_the_order(order: tuple[int, ...]) -> None:
    incidents = [outage_on("a", "api", "degraded_performance"), outage_on("b", "api", "major_outage"),
                 outage_on("c", "api", "partial_outage")]
    statuses = derive.component_statuses(content(*(incidents[i] for i in order)), ["api"], NOW)
    assert statuses == {"api": ComponentStatus.MAJOR_OUTAGE}


def test_a_milder_later_incident_does_not_hide_a_worse_earlier_one() -> None:
    # Listed in order: the major outage first, then a degraded one; the last one must not win.
    worse, milder = outage_on("a", "api", "major_outage"), outage_on("z", "api", "degraded_performance")
    assert derive.component_statuses(content(worse, milder), ["api", "deposits"], NOW) == {
        "api": ComponentStatus.MAJOR_OUTAGE, "deposits": ComponentStatus.OPERATIONAL}


def test_the_latest_statement_within_one_incident_is_its_status() -> None:
    # Within one incident the latest update speaks for it: major at 09:00, degraded at 10:00.
    incident = make("a", at(20, 8), [upd("a", at(20, 9), "identified", {"api": "major_outage"}),
                                     upd("a", at(20, 10), "monitoring", {"api": "degraded_performance"})])
    assert derive.component_statuses(content(incident), ["api"], NOW)["api"] is ComponentStatus.DEGRADED_PERFORMANCE


@pytest.mark.parametrize("impact,expected", [("minor", "degraded_performance"), ("major", "partial_outage"),
                                             ("critical", "major_outage"), ("none", "operational")])
def test_unstated_component_takes_the_impact_default(impact: str, expected: str) -> None:
    incident = make("a", at(20, 8), [upd("a", at(20, 9), "investigating")], impact=impact)
    assert derive.component_statuses(content(incident), ["api"], NOW)["api"] is ComponentStatus(expected)


def test_resolved_incident_no_longer_counts() -> None:
    incident = make("a", at(20, 8), [upd("a", at(20, 9), "investigating", {"api": "major_outage"}),
                                     upd("a", at(20, 11), "resolved")])
    assert derive.component_statuses(content(incident), ["api"], NOW)["api"] is ComponentStatus.OPERATIONAL


# --- the overall indicator: statuses and impact ------------------------------------------------

def test_indicator_takes_the_impact_when_the_stated_status_is_milder() -> None:
    # Critical impact, but the only stated status is degraded performance ("minor"): critical wins.
    incident = make("a", at(20, 8), [upd("a", at(20, 9), "investigating", {"api": "degraded_performance"})],
                    impact="critical")
    data = content(incident)
    statuses = derive.component_statuses(data, ["api"], NOW)
    assert statuses == {"api": ComponentStatus.DEGRADED_PERFORMANCE}
    assert derive.overall_indicator(data, statuses, NOW) == "critical"


def test_indicator_counts_an_incident_without_components() -> None:
    incident = make("a", at(20, 8), [upd("a", at(20, 9), "investigating")], impact="major", components=())
    data = content(incident)
    statuses = derive.component_statuses(data, ["api"], NOW)
    assert statuses == {"api": ComponentStatus.OPERATIONAL}
    assert derive.overall_indicator(data, statuses, NOW) == "major"


def test_indicator_takes_the_status_when_it_is_worse_than_the_impact() -> None:
    # Minor impact but a stated major outage: "critical" (major outage's indicator).
    incident = outage_on("a", "api", "major_outage", impact="minor")
    data = content(incident)
    assert derive.overall_indicator(data, derive.component_statuses(data, ["api"], NOW), NOW) == "critical"


def test_indicator_ignores_closed_incidents_and_notices() -> None:
    closed = make("a", at(20, 8), [upd("a", at(20, 9), "investigating"), upd("a", at(20, 10), "resolved")],
                  impact="critical", components=())
    notice = make("n", at(20, 8), [upd("n", at(20, 9), "investigating")], impact="critical", components=(),
                  kind=Kind.NOTICE, scam_warning=True)
    data = content(closed, notice)
    assert derive.overall_indicator(data, derive.component_statuses(data, ["api"], NOW), NOW) == "none"


def test_maintenance_alone_gives_the_maintenance_indicator_and_an_incident_outranks_it() -> None:
    window = (at(20, 11), at(20, 13))
    maintenance = make("m", at(20, 11), [upd("m", at(20, 9), "scheduled")], impact="none", kind=Kind.MAINTENANCE,
                       window=window)
    data = content(maintenance)
    statuses = derive.component_statuses(data, ["api"], NOW)
    assert statuses == {"api": ComponentStatus.UNDER_MAINTENANCE}
    assert derive.overall_indicator(data, statuses, NOW) == "maintenance"
    minor = make("a", at(20, 8), [upd("a", at(20, 9), "investigating")], impact="minor", components=())
    data = content(maintenance, minor)
    assert derive.overall_indicator(data, derive.component_statuses(data, ["api"], NOW), NOW) == "minor"


# --- the site-wide banner ------------------------------------------------------------------------

def test_banner_for_major_and_critical_unresolved_incidents_only() -> None:
    incidents = {impact: make(impact, at(20, 8), [upd(impact, at(20, 9), "investigating")], impact=impact)
                 for impact in ("none", "minor", "major", "critical")}
    resolved = make("old", at(20, 8), [upd("old", at(20, 9), "investigating"), upd("old", at(20, 10), "resolved")],
                    impact="critical")
    notice = make("notice", at(20, 8), [upd("notice", at(20, 9), "investigating")], impact="critical",
                  kind=Kind.NOTICE)
    data = content(*incidents.values(), resolved, notice)
    assert [i.id for i in derive.banner_incidents(data, NOW)] == ["major", "critical"]


def test_banner_for_a_major_incident_alone() -> None:
    major = make("major", at(20, 8), [upd("major", at(20, 9), "identified")], impact="major")
    assert [i.id for i in derive.banner_incidents(content(major), NOW)] == ["major"]
    resolved = make("major", at(20, 8), [upd("major", at(20, 9), "identified"), upd("major", at(20, 11), "resolved")],
                    impact="major")
    assert derive.banner_incidents(content(resolved), NOW) == []


# --- uptime: overlapping incidents take the worst at each instant ---------------------------------

def span(start_hour: int, end_hour: int, status: str, incident_id: str) -> uptime.Span:
    return uptime.Span(at(20, start_hour), at(20, end_hour), ComponentStatus(status), incident_id)


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_overlapping_spans_count_the_worst_at_each_instant(order: tuple[int, ...]) -> None:
    # 02-10 degraded (A), 04-06 major outage (B) inside it, 05-08 partial outage (C).
    # Instant by instant: 02-04 degraded, 04-06 major, 06-08 partial, 08-10 degraded.
    # Weighted: 2 h x 0.1 + 2 h x 1.0 + 2 h x 0.3 + 2 h x 0.1 = 3.0 h.
    spans = [span(2, 10, "degraded_performance", "a"), span(4, 6, "major_outage", "b"),
             span(5, 8, "partial_outage", "c")]
    day = uptime.summarize_day([spans[i] for i in order], date(2026, 11, 20), SHANGHAI, at(21, 12))
    assert day.worst is ComponentStatus.MAJOR_OUTAGE
    assert day.downtime == timedelta(hours=3)
    assert day.length == timedelta(hours=24)
    assert day.incident_ids == ("a", "b", "c")


def test_overlapping_incidents_in_the_uptime_of_one_component() -> None:
    # A (minor, api degraded by default) 10:00-14:00; B (critical, api major outage by default) 11:00-12:00.
    # Downtime on the 20th: 1 h x 0.1 + 1 h x 1.0 + 2 h x 0.1 = 1.3 h, the same in either order.
    a = make("a", at(20, 10), [upd("a", at(20, 10, 5), "investigating"), upd("a", at(20, 14), "resolved")])
    b = make("b", at(20, 11), [upd("b", at(20, 11, 5), "investigating"), upd("b", at(20, 12), "resolved")],
             impact="critical")
    now = at(21, 12)
    for pair in ((a, b), (b, a)):
        spans = uptime.component_spans(content(*pair), ["api"], now)
        days = {d.day: d for d in uptime.history(spans, SHANGHAI, now, days=3)}
        assert (days[date(2026, 11, 20)].worst, days[date(2026, 11, 20)].downtime) == (
            ComponentStatus.MAJOR_OUTAGE, timedelta(hours=1.3))
        assert days[date(2026, 11, 21)].downtime == timedelta(0)
        # 3 days: the 19th and 20th whole (48 h) and 12 h of the 21st = 60 h, 1.3 h down.
        assert uptime.uptime_percent(list(days.values())) == pytest.approx(100 * (1 - 1.3 / 60))


def test_spans_follow_each_stated_status_until_resolution() -> None:
    # critical from 08:00 (major outage by default), partial outage stated at 09:00, degraded at 10:30,
    # resolved at 11:00.
    incident = make("a", at(20, 8), [upd("a", at(20, 8, 20), "investigating"),
                                     upd("a", at(20, 9), "identified", {"api": "partial_outage"}),
                                     upd("a", at(20, 10, 30), "monitoring", {"api": "degraded_performance"}),
                                     upd("a", at(20, 11), "resolved")], impact="critical")
    spans = uptime.spans_for(incident, "api", NOW)
    assert [(s.start, s.end, s.status.value) for s in spans] == [
        (at(20, 8), at(20, 9), "major_outage"), (at(20, 9), at(20, 10, 30), "partial_outage"),
        (at(20, 10, 30), at(20, 11), "degraded_performance")]
    # 1 h x 1.0 + 1.5 h x 0.3 + 0.5 h x 0.1 = 1.5 h
    assert uptime.summarize_day(spans, date(2026, 11, 20), SHANGHAI, at(21, 0)).downtime == timedelta(hours=1.5)
