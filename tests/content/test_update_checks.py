"""Timeline warnings that keep the communication record honest: two updates at one time,
a file name whose time is not the update's, a start time copied from the first update."""

from __future__ import annotations

from datetime import datetime, timezone

from generator.errors import Severity
from generator.pipeline import load_project
from tests.conftest import ProjectFactory, update

NOW = datetime(2026, 11, 21, 0, 0, tzinfo=timezone.utc)


def _warnings(project: ProjectFactory) -> list[tuple[str, int | None, str, str]]:
    loaded = load_project(project.root, lambda pinned: NOW)
    assert loaded.ok, [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    return sorted((d.path, d.line, d.field, d.code) for d in loaded.diagnostics
                  if d.severity is Severity.WARNING and d.code in {"same-time", "name-differs", "start-is-first-update"})


def test_two_updates_at_one_time_warn_on_the_later_file(project: ProjectFactory) -> None:
    project.incident("2026-11-20-a", "title: A\nimpact: minor\nstarted_at: 2026-11-20T08:00:00+08:00", updates={
        "2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating"),
        "2026-11-20T0900-02": update("2026-11-20T09:00:00+08:00", "identified")})
    assert _warnings(project) == [("incidents/2026-11-20-a/2026-11-20T0900-02.md", 2, "at", "same-time")]


def test_a_file_name_whose_time_is_not_the_updates_is_a_warning(project: ProjectFactory) -> None:
    project.incident("2026-11-20-a", "title: A\nimpact: minor\nstarted_at: 2026-11-20T08:00:00+08:00", updates={
        "2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating"),
        "2026-11-20T1015": update("2026-11-20T11:15:00+08:00", "identified")})
    assert _warnings(project) == [("incidents/2026-11-20-a/2026-11-20T1015.md", 2, "at", "name-differs")]


def test_a_name_in_utc_or_the_site_zone_is_not_a_mismatch(project: ProjectFactory) -> None:
    project.incident("2026-11-20-a", "title: A\nimpact: minor\nstarted_at: 2026-11-20T08:00:00+08:00", updates={
        "2026-11-20T0100": update("2026-11-20T09:00:00+08:00", "investigating"),   # the same time in UTC
        "2026-11-20T1100": update("2026-11-20T04:00:00+01:00", "identified"),      # in the site's zone
        "notes-on-cause": update("2026-11-20T12:00:00+08:00", "monitoring")})      # not time-named
    assert _warnings(project) == []


def test_a_start_equal_to_the_first_update_is_a_warning_for_incidents_only(project: ProjectFactory) -> None:
    project.incident("2026-11-20-a", "title: A\nimpact: minor\nstarted_at: 2026-11-20T09:00:00+08:00", updates={
        "2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating")})
    project.incident("2026-11-20-n", "title: N\nkind: notice\nimpact: none\nstarted_at: 2026-11-20T09:00:00+08:00",
                     updates={"2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating")})
    assert _warnings(project) == [("incidents/2026-11-20-a/incident.md", 4, "started_at", "start-is-first-update")]
