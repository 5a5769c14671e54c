"""Derived state at a given now: statuses, indicator, durations, maintenance phases, facts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from generator.state import derive
from generator.pipeline import load_project
from generator.model import ComponentStatus
from tests.conftest import ProjectFactory, update

CST = timezone(timedelta(hours=8))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A November 2026 time in UTC+8."""
    return datetime(2026, 11, day, hour, minute, tzinfo=CST)


def content_at(project: ProjectFactory, now: datetime):
    loaded = load_project(project.root, lambda pinned: now)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    return loaded.content


def by_id(content, incident_id):
    return next(i for i in content.incidents if i.id == incident_id)


def test_component_status_is_worst_of_active_incidents(outage: ProjectFactory) -> None:
    outage.incident("2026-11-20-deposits-slow", """
        title: Deposits slow
        impact: minor
        components: [deposits, withdrawals]
        started_at: 2026-11-20T09:00:00+08:00
    """, updates={"u": update("2026-11-20T09:10:00+08:00", "investigating",
                              "components: {withdrawals: degraded_performance}")})
    content = content_at(outage, at(20, 12))
    statuses = derive.component_statuses(content, ["withdrawals", "deposits", "api"], at(20, 12))
    # withdrawals: major_outage (first incident) beats degraded (second); deposits: minor impact default;
    # api: its incident is resolved.
    assert statuses == {"withdrawals": ComponentStatus.MAJOR_OUTAGE,
                        "deposits": ComponentStatus.DEGRADED_PERFORMANCE, "api": ComponentStatus.OPERATIONAL}
    assert derive.overall_indicator(content, statuses, at(20, 12)) == "critical"


def test_everything_operational_after_resolution(outage: ProjectFactory) -> None:
    outage.file("incidents/2026-11-20-withdrawals-down/2026-11-20T1300.md",
                update("2026-11-20T13:00:00+08:00", "resolved"))
    now = at(20, 14)
    content = content_at(outage, now)
    statuses = derive.component_statuses(content, ["withdrawals", "deposits", "api"], now)
    assert set(statuses.values()) == {ComponentStatus.OPERATIONAL}
    assert derive.overall_indicator(content, statuses, now) == "none"
    incident = by_id(content, "2026-11-20-withdrawals-down")
    assert derive.resolved_at(incident, now) == at(20, 13)
    assert derive.duration(incident, now) == timedelta(hours=5)  # started 08:00, resolved 13:00


def test_duration_of_open_incident_runs_to_now(outage: ProjectFactory) -> None:
    now = at(21, 8)
    incident = by_id(content_at(outage, now), "2026-11-20-withdrawals-down")
    assert derive.resolved_at(incident, now) is None
    assert derive.duration(incident, now) == timedelta(hours=24)
    assert derive.disclosed_at(incident) == at(20, 8, 30)


def add_upgrade(project: ProjectFactory, updates: dict[str, str]) -> None:
    """A maintenance of the API, 02:00-04:00 on 22 November, with the given updates."""
    project.incident("2026-11-22-upgrade", """
        title: Upgrade
        kind: maintenance
        components: [api]
        started_at: 2026-11-22T02:00:00+08:00
        scheduled_for: 2026-11-22T02:00:00+08:00
        scheduled_until: 2026-11-22T04:00:00+08:00
    """, updates=updates)


def test_maintenance_follows_its_window(project: ProjectFactory) -> None:
    add_upgrade(project, {"s": update("2026-11-20T10:00:00+08:00", "scheduled")})
    expectations = [(at(21, 12), "scheduled", ComponentStatus.OPERATIONAL, "none"),
                    (at(22, 3), "in_progress", ComponentStatus.UNDER_MAINTENANCE, "maintenance"),
                    (at(22, 5), "completed", ComponentStatus.OPERATIONAL, "none")]
    for now, phase, status, indicator in expectations:
        content = content_at(project, now)
        incident = by_id(content, "2026-11-22-upgrade")
        assert derive.status_of(incident, now) == phase
        statuses = derive.component_statuses(content, ["api"], now)
        assert statuses["api"] is status
        assert derive.overall_indicator(content, statuses, now) == indicator
    assert derive.resolved_at(incident, at(22, 5)) == at(22, 4)  # closed by its window's end


def test_maintenance_completed_early_by_update(project: ProjectFactory) -> None:
    add_upgrade(project, {"s": update("2026-11-20T10:00:00+08:00", "scheduled"),
                          "d": update("2026-11-22T02:40:00+08:00", "completed")})
    now = at(22, 3)
    incident = by_id(content_at(project, now), "2026-11-22-upgrade")
    assert derive.status_of(incident, now) == "completed"
    assert derive.resolved_at(incident, now) == at(22, 2, 40)


def test_facts_fold_with_history(outage: ProjectFactory) -> None:
    incident = by_id(content_at(outage, at(21, 0)), "2026-11-20-withdrawals-down")
    [fact] = derive.current_facts(incident)
    assert fact.label == {"en": "Funds affected"}
    assert fact.value == {"en": "10 ETH"}
    assert (fact.changed_at, fact.changed_by) == (at(20, 10), "2026-11-20T1000")
    assert fact.history == ((at(20, 8, 30), {"en": "Unknown"}),)


def test_recent_days_use_the_site_time_zone(outage: ProjectFactory) -> None:
    # 2026-11-20T00:30 in Shanghai is still 19 November in UTC: it must be listed on the 20th.
    outage.incident("2026-11-20-early", """
        title: Early
        started_at: 2026-11-20T00:10:00+08:00
    """, updates={"u": update("2026-11-20T00:30:00+08:00", "resolved")})
    content = content_at(outage, at(21, 12))
    days = derive.recent_days(content, outage_zone(), at(21, 12), 3)
    assert [d.isoformat() for d, _ in days] == ["2026-11-21", "2026-11-20", "2026-11-19"]
    assert [i.id for i in days[1][1]] == ["2026-11-20-withdrawals-down", "2026-11-20-early"]
    assert days[2][1] == []


def outage_zone():
    from zoneinfo import ZoneInfo
    return ZoneInfo("Asia/Shanghai")
