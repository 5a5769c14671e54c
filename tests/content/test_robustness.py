"""Robustness: arbitrary input gives a model or clear diagnostics, never a traceback or a hang;
limits are enforced with clear messages."""

from __future__ import annotations

import string
from datetime import datetime, timezone
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.pipeline import load_project
from generator.errors import Diagnostic
from generator.content.load import RawContent, RawFile, decode_file
from generator.content.settings import load_settings
from generator.content.validate import validate_content
from generator.content.translation_report import ALL_CODES as TRANSLATION_CODES
from tests.conftest import ProjectFactory, update

NOW = datetime(2026, 11, 21, tzinfo=timezone.utc)
FOLDER = "incidents/2026-11-20-x"
INCIDENT = "---\ntitle: X\ncomponents: [api]\nstarted_at: 2026-11-20T08:00:00+08:00\n---\nSummary\n"
FIELDS = ["title", "kind", "impact", "components", "started_at", "detected_at", "facts", "tags", "at", "status",
          "next_update", "scheduled_for", "scheduled_until", "scam_warning", "bogus", "label", "value"]
TIMES = st.sampled_from(["2026-11-20T09:00:00+08:00", "2026-11-20T09:00:00", "2026-11-20", "09:00", "Z",
                         "2026-13-45T99:99:99+08:00", "1999-01-01T00:00:00Z", "2026-11-20T09:00:00.123456-05:30"])
SCALARS = st.one_of(st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False),
                    TIMES, st.sampled_from(["investigating", "resolved", "api", "major_outage", "critical"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(st.sampled_from(FIELDS + ["api"]), inner, max_size=4)),
                      max_leaves=12)


def validate_files(project: ProjectFactory, files: dict[str, str]) -> list[Diagnostic]:
    """Validate an in-memory incident folder; returns the diagnostics (never raises)."""
    settings, _ = load_settings(project.root)
    raw = RawContent({"2026-11-20-x": [RawFile(f"{FOLDER}/{name}", text) for name, text in sorted(files.items())]}, [])
    content, diagnostics = validate_content(raw, settings)
    assert (len(content.incidents) == 1) or any(d.severity.value == "error" for d in diagnostics)
    for diagnostic in diagnostics:
        assert diagnostic.path.startswith(FOLDER) and diagnostic.line >= 0 and diagnostic.message
    return diagnostics


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_never_crash_the_loader(project: ProjectFactory, data: bytes) -> None:
    found: list[Diagnostic] = []
    raw = decode_file(data, f"{FOLDER}/u.md", found)
    if raw is None:
        assert found and found[0].code in ("not-utf8", "binary-file")
        return
    validate_files(project, {"incident.md": INCIDENT, "u.md": raw.text})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=string.printable + "：—中文\u202e\ufeff", max_size=400))
def test_arbitrary_text_with_front_matter_markers_never_crashes(project: ProjectFactory, text: str) -> None:
    validate_files(project, {"incident.md": INCIDENT, "u.md": "---\n" + text})
    validate_files(project, {"incident.md": "---\n" + text, "u.md": update("2026-11-20T09:00:00+08:00", "resolved")})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(update_meta=st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=6),
       incident_meta=st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=6))
def test_valid_looking_front_matter_gives_model_or_errors(project: ProjectFactory, update_meta, incident_meta) -> None:
    def as_file(meta: dict) -> str:
        return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\nBody\n"
    base = {"title": "X", "started_at": "2026-11-20T08:00:00+08:00"} | incident_meta
    validate_files(project, {"incident.md": as_file(base),
                             "u.md": as_file({"at": "2026-11-20T09:00:00+08:00", "status": "identified"} | update_meta)})


def test_yaml_bomb_is_refused_quickly(project: ProjectFactory) -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n"
    codes = {d.code for d in validate_files(project, {"incident.md": INCIDENT, "u.md": bomb})}
    assert codes - TRANSLATION_CODES == {"yaml-alias"}


def test_ten_megabyte_update_fails_clearly(project: ProjectFactory) -> None:
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00",
                     updates={"u": update("2026-11-20T09:00:00+08:00", "investigating", body="x" * 10_000_000)})
    loaded = load_project(project.root, lambda pinned: NOW)
    [error] = [d for d in loaded.diagnostics if d.severity.value == "error"]
    assert (error.path, error.code) == (f"{FOLDER}/u.md", "file-too-large")
    assert "10,000,0" in error.message and "limits.max_file_bytes" in error.hint


def test_ten_thousand_files_load(project: ProjectFactory) -> None:
    for n in range(2000):
        folder = project.root / "incidents" / f"2026-11-01-i{n}"
        folder.mkdir()
        (folder / "incident.md").write_text("---\ntitle: X\nstarted_at: 2026-11-01T08:00:00+08:00\n---\nS\n")
        for u in range(4):
            (folder / f"u{u}.md").write_text(update(f"2026-11-01T09:0{u}:00+08:00", "investigating"))
    loaded = load_project(project.root, lambda pinned: NOW)
    assert loaded.ok and len(loaded.content.incidents) == 2000


def test_too_many_files_fail_clearly(project: ProjectFactory) -> None:
    config = project.root / "herald.yml"
    config.write_text(config.read_text() + "limits:\n  max_files: 10\n")
    for n in range(6):
        project.incident(f"2026-11-20-i{n}", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00",
                         updates={"u": update("2026-11-20T09:00:00+08:00", "investigating")})
    loaded = load_project(project.root, lambda pinned: NOW)
    assert any(d.code == "too-many-files" and "limits.max_files" in d.hint for d in loaded.diagnostics)


def test_content_folders_cannot_escape_the_project(project: ProjectFactory) -> None:
    config = project.root / "herald.yml"
    config.write_text(config.read_text() + "incidents_dir: ../elsewhere\npages_dir: /etc\n")
    loaded = load_project(project.root, lambda pinned: NOW)
    assert sorted((d.field, d.code) for d in loaded.diagnostics) == [("incidents_dir", "path-escapes"),
                                                                     ("pages_dir", "path-escapes")]


def test_symlinked_incident_folder_out_of_project_is_refused(project: ProjectFactory, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "incident.md").write_text(INCIDENT)
    (project.root / "incidents" / "2026-11-20-link").symlink_to(outside, target_is_directory=True)
    loaded = load_project(project.root, lambda pinned: NOW)
    assert [(d.path, d.code) for d in loaded.diagnostics] == [("incidents/2026-11-20-link", "path-escapes")]
