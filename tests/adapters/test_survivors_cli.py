"""Settings, the build's now and the command line where the rules live (settings.py, clock.py,
cli.py through click's CliRunner): ``--now`` > ``SOURCE_DATE_EPOCH`` > ``site.now`` > the clock,
``checks.stale_after_hours`` and ``--strict``."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.pipeline import load_project
from generator.content.clock import NowError, resolve_now
from generator.adapters.cli import main
from generator.content.settings import load_settings
from tests.conftest import ProjectFactory, update

CST = timezone(timedelta(hours=8))
PINNED = datetime(2026, 11, 20, 12, 0, tzinfo=CST)
CLOCK = datetime(2027, 1, 1, 0, 0, tzinfo=timezone.utc)
EPOCH = "1795219200"  # 2026-11-21T00:00:00Z: (2026-11-21 - 1970-01-01 = 20778 days) x 86400 s


def test_epoch_constant_is_the_day_it_claims() -> None:
    assert 20778 * 86400 == int(EPOCH)
    assert (datetime(2026, 11, 21) - datetime(1970, 1, 1)).days == 20778


# --- the build's now ------------------------------------------------------------------------------

@pytest.mark.parametrize("cli,env,pinned,expected", [
    ("2026-11-22T08:00:00+08:00", {"SOURCE_DATE_EPOCH": EPOCH}, PINNED, datetime(2026, 11, 22, 8, tzinfo=CST)),
    ("2026-11-22T08:00:00+08:00", {}, None, datetime(2026, 11, 22, 8, tzinfo=CST)),
    (None, {"SOURCE_DATE_EPOCH": EPOCH}, PINNED, datetime(2026, 11, 21, tzinfo=timezone.utc)),
    (None, {"SOURCE_DATE_EPOCH": EPOCH}, None, datetime(2026, 11, 21, tzinfo=timezone.utc)),
    (None, {}, PINNED, PINNED),
    (None, {"SOURCE_DATE_EPOCH": ""}, PINNED, PINNED),  # set but empty counts as unset
    (None, {}, None, CLOCK),
])
def test_now_precedence(cli, env, pinned, expected) -> None:
    assert resolve_now(cli, env, pinned, clock=CLOCK) == expected


def test_a_bad_now_is_refused_with_a_reason() -> None:
    with pytest.raises(NowError, match="no UTC offset"):
        resolve_now("2026-11-22T08:00:00", {}, None)
    with pytest.raises(NowError, match="not an ISO 8601 time"):
        resolve_now("yesterday", {}, None)
    with pytest.raises(NowError, match="SOURCE_DATE_EPOCH"):
        resolve_now(None, {"SOURCE_DATE_EPOCH": "soon"}, PINNED)


def test_the_clock_is_read_when_nothing_pins_now() -> None:
    before = datetime.now(timezone.utc).replace(microsecond=0)
    now = resolve_now(None, {}, None)
    assert now.tzinfo is not None and before <= now <= datetime.now(timezone.utc)


def pinned_project(project: ProjectFactory) -> ProjectFactory:
    """site.now pinned to 20 Nov 12:00 (+08:00), and an update dated in 2030, which every check reports with
    the now it was compared with."""
    config = project.root / "herald.yml"
    config.write_text(config.read_text().replace("  languages: [en, zh]\n",
                                                 "  languages: [en, zh]\n  now: 2026-11-20T12:00:00+08:00\n")
                      + "checks:\n  translations: off\n")
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00", updates={
        "a": update("2026-11-20T09:00:00+08:00", "investigating"),
        "b": update("2030-01-01T00:00:00+08:00", "identified")})
    return project


def check(root: Path, *args: str, env: dict[str, str | None] | None = None):
    env = {"SOURCE_DATE_EPOCH": None, **(env or {})}
    return CliRunner().invoke(main, ["--root", str(root), "check", *args], env=env)


def test_cli_now_beats_source_date_epoch_which_beats_site_now(project: ProjectFactory) -> None:
    root = pinned_project(project).root
    assert "after now (2026-11-20T12:00:00+08:00)" in check(root).output  # site.now
    assert "after now (2026-11-21T00:00:00+00:00)" in check(root, env={"SOURCE_DATE_EPOCH": EPOCH}).output
    result = check(root, "--now", "2026-11-22T09:00:00+08:00", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert "after now (2026-11-22T09:00:00+08:00)" in result.output


def test_cli_refuses_a_bad_now_without_a_traceback(project: ProjectFactory) -> None:
    result = check(pinned_project(project).root, "--now", "2026-11-22T09:00:00")
    assert result.exit_code == 2 and "has no UTC offset" in result.output and "Traceback" not in result.output


# --- --strict -----------------------------------------------------------------------------------

def test_check_strict_fails_on_warnings_only_when_asked(project: ProjectFactory) -> None:
    root = pinned_project(project).root  # one warning (the 2030 update), no error
    relaxed = check(root)
    assert relaxed.exit_code == 0, relaxed.output
    assert "0 error(s), 1 warning(s)" in relaxed.output and "ok: 1 incident(s) checked" in relaxed.output
    strict = check(root, "--strict")
    assert strict.exit_code == 1
    assert "0 error(s), 1 warning(s)" in strict.output and "ok:" not in strict.output


def test_strict_passes_a_project_without_warnings(project: ProjectFactory) -> None:
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00",
                     updates={"a": update("2026-11-20T09:00:00+08:00", "resolved")})
    config = project.root / "herald.yml"
    config.write_text(config.read_text() + "checks:\n  translations: off\n")  # English only, on purpose
    result = check(project.root, "--strict", "--now", "2026-11-20T12:00:00+08:00")
    assert result.exit_code == 0 and "0 error(s), 0 warning(s)" in result.output


def test_build_strict_stops_before_building(project: ProjectFactory) -> None:
    root = pinned_project(project).root
    target = root / "out"
    result = CliRunner().invoke(main, ["--root", str(root), "build", "--strict", "--site-dir", str(target)],
                                env={"SOURCE_DATE_EPOCH": None})
    assert result.exit_code == 1
    assert "build stopped: the previous site was left untouched" in result.output
    assert not target.exists()


# --- checks.stale_after_hours -------------------------------------------------------------------

def stale_warnings(root: Path, now: datetime) -> list[str]:
    loaded = load_project(root, lambda pinned: now)
    return [d.message for d in loaded.diagnostics if d.code == "stale-incident"]


def open_incident(project: ProjectFactory) -> ProjectFactory:
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00",
                     updates={"a": update("2026-11-20T08:10:00+08:00", "investigating")})
    return project


def test_stale_after_hours_from_herald_yml(project: ProjectFactory) -> None:
    root = open_incident(project).root
    config = root / "herald.yml"
    config.write_text(config.read_text() + "checks:\n  stale_after_hours: 2\n")
    settings, _ = load_settings(root)
    assert settings.stale_after == timedelta(hours=2)
    start = datetime(2026, 11, 20, 8, tzinfo=CST)
    assert stale_warnings(root, start + timedelta(hours=1)) == []
    assert stale_warnings(root, start + timedelta(hours=2)) == []  # exactly the limit: not yet "longer"
    assert stale_warnings(root, start + timedelta(hours=3)) == ["unresolved for 3.0 h"]


def test_stale_after_defaults_to_72_hours(project: ProjectFactory) -> None:
    root = open_incident(project).root
    start = datetime(2026, 11, 20, 8, tzinfo=CST)
    assert load_settings(root)[0].stale_after == timedelta(hours=72)
    # A promise-free open incident: 71 h is quiet, 73 h warns (shown in days past 48 h).
    assert stale_warnings(root, start + timedelta(hours=71)) == []
    assert stale_warnings(root, start + timedelta(hours=73)) == ["unresolved for 3.0 days"]


def test_stale_warning_reaches_the_command_line_and_strict_fails_on_it(project: ProjectFactory) -> None:
    root = open_incident(project).root
    config = root / "herald.yml"
    config.write_text(config.read_text() + "checks:\n  stale_after_hours: 2\n  translations: off\n")
    result = check(root, "--now", "2026-11-20T11:00:00+08:00")
    assert result.exit_code == 0 and "warning [stale-incident]" in result.output
    assert check(root, "--strict", "--now", "2026-11-20T11:00:00+08:00").exit_code == 1
    assert check(root, "--strict", "--now", "2026-11-20T09:00:00+08:00").exit_code == 0


def test_output_and_folder_settings_are_read(project: ProjectFactory) -> None:
    config = project.root / "herald.yml"
    config.write_text(config.read_text() + "output:\n  history_per_page: 7\n  home_days: 5\n"
                      "  search_incidents: true\n  allow_raw_html: true\nincidents_dir: events\npages_dir: docs\n")
    settings, diagnostics = load_settings(project.root)
    assert diagnostics == []
    assert (settings.history_per_page, settings.home_days, settings.search_incidents, settings.allow_raw_html,
            settings.incidents_dir, settings.pages_dir) == (7, 5, True, True, "events", "docs")
    defaults, _ = load_settings(ProjectFactory(project.root / "fresh").root)
    assert (defaults.history_per_page, defaults.home_days, defaults.search_incidents, defaults.allow_raw_html,
            defaults.incidents_dir, defaults.pages_dir) == (50, 14, False, False, "incidents", "site_src")
