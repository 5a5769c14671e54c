"""Validation: every problem is reported with file, line, field and a hint, in one run."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from generator.pipeline import load_project
from generator.errors import Severity
from generator.content.translation_report import ALL_CODES as TRANSLATION_CODES
from tests.conftest import ProjectFactory, update

NOW = datetime(2026, 11, 21, 0, 0, tzinfo=timezone.utc)


def diagnostics(project: ProjectFactory):
    """Errors found in the project, as (path, line, field, code)."""
    loaded = load_project(project.root, lambda pinned: NOW)
    return [d for d in loaded.diagnostics if d.severity is Severity.ERROR]


def only(project: ProjectFactory):
    """The single error in the project."""
    found = diagnostics(project)
    assert len(found) == 1, [d.format() for d in found]
    return found[0]


GOOD_INCIDENT = """
    title: Something broke
    impact: minor
    components: [api]
    started_at: 2026-11-20T08:00:00+08:00
"""
FOLDER = "incidents/2026-11-20-broke"


def with_update(project: ProjectFactory, text: str, stem: str = "2026-11-20T0900") -> None:
    """A valid incident with one given update file."""
    project.incident("2026-11-20-broke", GOOD_INCIDENT, updates={stem: text})


def test_valid_project_has_no_errors(outage: ProjectFactory) -> None:
    loaded = load_project(outage.root, lambda pinned: NOW)
    assert loaded.ok
    assert [i.id for i in loaded.content.incidents] == ["2026-11-10-api-slow", "2026-11-20-withdrawals-down"]


def test_malformed_yaml_names_file_and_line(project: ProjectFactory) -> None:
    with_update(project, "---\nat: 2026-11-20T09:00:00+08:00\nstatus: [investigating\n---\nx\n")
    error = only(project)
    assert (error.path, error.code) == (f"{FOLDER}/2026-11-20T0900.md", "bad-yaml")
    assert error.line in (3, 4)
    assert "malformed YAML" in error.message and error.hint


def test_unknown_field_suggests_the_right_one(project: ProjectFactory) -> None:
    with_update(project, "---\nat: 2026-11-20T09:00:00+08:00\nstatus: investigating\nnext_updte: 2026-11-20T10:00:00+08:00\n---\nx\n")
    error = only(project)
    assert (error.line, error.field, error.code) == (4, "next_updte", "unknown-field")
    assert "next_update" in error.hint


def test_wrong_type_is_reported_with_expected_type(project: ProjectFactory) -> None:
    project.incident("2026-11-20-broke", GOOD_INCIDENT.replace("components: [api]", "components: api"),
                     updates={"2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating")})
    error = only(project)
    assert (error.path, error.line, error.field, error.code) == (f"{FOLDER}/incident.md", 4, "components", "wrong-type")
    assert "expected a list" in error.message


def test_bad_status_suggests_nearest(project: ProjectFactory) -> None:
    with_update(project, update("2026-11-20T09:00:00+08:00", "resovled"))
    error = only(project)
    assert (error.line, error.field, error.code) == (3, "status", "bad-value")
    assert "'resovled'" in error.message and error.hint == "did you mean 'resolved'?"


def test_maintenance_status_on_an_incident_is_refused(project: ProjectFactory) -> None:
    with_update(project, update("2026-11-20T09:00:00+08:00", "completed"))
    error = only(project)
    assert (error.line, error.field) == (3, "status")
    assert "does not apply to a incident" in error.message or "does not apply to an incident" in error.message


def test_time_without_offset_is_refused(project: ProjectFactory) -> None:
    with_update(project, update("2026-11-20T09:00:00", "investigating"))
    error = only(project)
    assert (error.line, error.field, error.code) == (2, "at", "naive-time")
    assert "+08:00" in error.hint


def test_update_before_start_is_refused(project: ProjectFactory) -> None:
    with_update(project, update("2026-11-20T07:00:00+08:00", "investigating"))
    error = only(project)
    assert (error.path, error.line, error.field, error.code) == (f"{FOLDER}/2026-11-20T0900.md", 2, "at", "time-order")


def test_unknown_component_in_update_suggests_declared_one(project: ProjectFactory) -> None:
    with_update(project, update("2026-11-20T09:00:00+08:00", "investigating",
                                "components:\n  withdrawal: major_outage"))
    error = only(project)
    assert (error.line, error.field, error.code) == (5, "components.withdrawal", "unknown-component")
    assert error.hint == "did you mean 'withdrawals'?"


def test_unknown_component_in_incident(project: ProjectFactory) -> None:
    project.incident("2026-11-20-broke", GOOD_INCIDENT.replace("[api]", "[api, trading]"),
                     updates={"2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating")})
    error = only(project)
    assert (error.path, error.line, error.field, error.code) == (f"{FOLDER}/incident.md", 4, "components[1]",
                                                                  "unknown-component")


def test_invalid_incident_id(project: ProjectFactory) -> None:
    project.incident("Bad Id!", GOOD_INCIDENT, updates={"u1": update("2026-11-20T09:00:00+08:00", "investigating")})
    error = only(project)
    assert (error.path, error.code) == ("incidents/Bad Id!", "bad-id")
    assert "lowercase" in error.hint


def test_duplicate_key_and_duplicate_component_id(project: ProjectFactory) -> None:
    with_update(project, "---\nat: 2026-11-20T09:00:00+08:00\nstatus: investigating\nstatus: resolved\n---\nx\n")
    assert [(e.line, e.field, e.code) for e in diagnostics(project)] == [(4, "status", "duplicate-key")]
    config = project.root / "herald.yml"
    config.write_text(config.read_text() + "  - id: api\n    name: Again\n")
    loaded = load_project(project.root, lambda pinned: NOW)
    assert [(d.path, d.line, d.field, d.code) for d in loaded.diagnostics] == [
        ("herald.yml", 18, "components[3].id", "duplicate-id")]


def test_non_utf8_file(project: ProjectFactory) -> None:
    with_update(project, update("2026-11-20T09:00:00+08:00", "investigating"))
    path = project.root / FOLDER / "2026-11-20T0900.md"
    path.write_bytes(b"---\nat: 2026-11-20T09:00:00+08:00\nstatus: investigating\n---\nCaf\xe9\n")
    error = only(project)
    assert (error.path, error.line, error.code) == (f"{FOLDER}/2026-11-20T0900.md", 5, "not-utf8")


def test_unreadable_file(project: ProjectFactory) -> None:
    with_update(project, update("2026-11-20T09:00:00+08:00", "investigating"))
    (project.root / FOLDER / "2026-11-20T0900.md").unlink()
    (project.root / FOLDER / "2026-11-20T0900.md").mkdir()  # a folder where a file should be
    (project.root / FOLDER / "2026-11-20T0900.md" / "x.txt").write_text("x")
    found = diagnostics(project)
    assert found and found[0].path.startswith(FOLDER)


def test_empty_file(project: ProjectFactory) -> None:
    with_update(project, "")
    error = only(project)
    assert (error.path, error.line, error.code) == (f"{FOLDER}/2026-11-20T0900.md", 1, "empty-file")


def test_every_error_is_reported_in_one_run(project: ProjectFactory) -> None:
    project.incident("2026-11-20-broke", GOOD_INCIDENT.replace("minor", "huge"), updates={
        "a": update("2026-11-20T09:00:00", "investigating"),
        "b": update("2026-11-20T10:00:00+08:00", "resolvd"),
    })
    codes = sorted((e.path.rsplit("/", 1)[1], e.code) for e in diagnostics(project))
    assert codes == [("a.md", "naive-time"), ("b.md", "bad-value"), ("incident.md", "bad-value")]


def test_missing_incident_file_and_no_updates(project: ProjectFactory) -> None:
    project.file("incidents/2026-11-20-x/u1.md", update("2026-11-20T09:00:00+08:00", "investigating"))
    project.incident("2026-11-20-y", GOOD_INCIDENT)
    codes = sorted(e.code for e in diagnostics(project))
    assert codes == ["missing-incident-file", "no-updates"]


def test_symlink_out_of_project_is_refused(project: ProjectFactory, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text(update("2026-11-20T09:00:00+08:00", "investigating"))
    with_update(project, update("2026-11-20T09:00:00+08:00", "investigating"))
    (project.root / FOLDER / "2026-11-20T1000.md").symlink_to(outside)
    error = only(project)
    assert (error.path, error.code) == (f"{FOLDER}/2026-11-20T1000.md", "path-escapes")


def test_maintenance_needs_a_window(project: ProjectFactory) -> None:
    project.incident("2026-12-01-upgrade", """
        title: Upgrade
        kind: maintenance
        started_at: 2026-12-01T02:00:00+08:00
        scheduled_for: 2026-12-01T02:00:00+08:00
    """, updates={"s": update("2026-11-20T09:00:00+08:00", "scheduled")})
    error = only(project)
    assert (error.code, error.path) == ("missing-window", "incidents/2026-12-01-upgrade/incident.md")


def test_new_fact_needs_a_label(project: ProjectFactory) -> None:
    with_update(project, update("2026-11-20T09:00:00+08:00", "investigating", "facts:\n  cause: {value: Bug}"))
    error = only(project)
    assert (error.line, error.field, error.code) == (5, "facts.cause", "new-fact-without-label")


def test_translation_may_not_change_structure(project: ProjectFactory) -> None:
    with_update(project, update("2026-11-20T09:00:00+08:00", "investigating"))
    project.file(f"{FOLDER}/2026-11-20T0900.zh.md", "---\nstatus: resolved\n---\n已解决\n")
    error = only(project)
    assert (error.path, error.line, error.field, error.code) == (
        f"{FOLDER}/2026-11-20T0900.zh.md", 2, "status", "unknown-field")


def test_orphan_translation(project: ProjectFactory) -> None:
    with_update(project, update("2026-11-20T09:00:00+08:00", "investigating"))
    project.file(f"{FOLDER}/2026-11-20T0901.zh.md", "---\n---\n文本\n")
    error = only(project)
    assert error.code == "orphan-translation" and error.hint == "did you mean '2026-11-20T0900'?"


def test_warnings_for_overdue_update_and_stale_incident(outage: ProjectFactory) -> None:
    late = datetime(2026, 11, 25, 0, 0, tzinfo=timezone.utc)
    loaded = load_project(outage.root, lambda pinned: late)
    warnings = sorted(d.code for d in loaded.diagnostics if d.severity is Severity.WARNING
                      and d.code not in TRANSLATION_CODES)
    assert warnings == ["overdue-update", "stale-incident"]
    assert loaded.ok  # warnings alone do not stop a build


def test_future_updates_are_held_back(outage: ProjectFactory) -> None:
    early = datetime(2026, 11, 20, 1, 0, tzinfo=timezone.utc)  # 09:00 in Shanghai: only the first update is out
    loaded = load_project(outage.root, lambda pinned: early)
    incident = next(i for i in loaded.content.incidents if i.id == "2026-11-20-withdrawals-down")
    assert [u.id for u in incident.updates] == ["2026-11-20T0830"]
    assert any(d.code == "future-update" for d in loaded.diagnostics)


def test_bad_config_time_zone(project: ProjectFactory) -> None:
    config = project.root / "herald.yml"
    config.write_text(config.read_text().replace("Asia/Shanghai", "Asia/Shangai"))
    loaded = load_project(project.root, lambda pinned: NOW)
    assert [(d.path, d.line, d.field, d.code) for d in loaded.diagnostics] == [
        ("herald.yml", 4, "site.time_zone", "bad-time-zone")]


def test_unfilled_template_prompt_is_an_error_in_a_published_file(project: ProjectFactory) -> None:
    with_update(project, update("2026-11-20T09:00:00+08:00", "investigating",
                                body="Funds moved from [Which wallet? How much, if known?]."))
    loaded = load_project(project.root, lambda pinned: NOW)
    assert not loaded.ok
    [found] = [d for d in loaded.diagnostics if d.code not in TRANSLATION_CODES]
    assert (found.path, found.line, found.code, found.severity) == (
        f"{FOLDER}/2026-11-20T0900.md", 6, "unfilled-prompt", Severity.ERROR)
    assert "[Which wallet? How much, if known?]" in found.message


def test_unfilled_template_prompt_may_wait_in_a_draft(project: ProjectFactory) -> None:
    with_update(project, update("2026-11-20T09:00:00+08:00", "investigating",
                                body="Funds moved from [Which wallet? How much, if known?].").replace(
        "status:", "draft: true\nstatus:"))
    loaded = load_project(project.root, lambda pinned: NOW)
    assert loaded.ok
    assert [(d.path, d.line, d.code, d.severity) for d in loaded.diagnostics if d.code not in TRANSLATION_CODES] \
        == [(f"{FOLDER}/2026-11-20T0900.md", 7, "unfilled-prompt", Severity.WARNING)]


def test_schemas_are_published_with_the_site(outage: ProjectFactory) -> None:
    from generator.pipeline import build_site
    import json
    files = build_site(load_project(outage.root, lambda pinned: NOW)).files
    assert json.loads(files["schemas/update.schema.json"])["properties"]["status"]
