"""Bad options write nothing, exit non-zero and say why; the edge cases of new, update and translations."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from generator.adapters import cli_authoring
from generator.authoring.workspace import load_workspace
from generator.content.translation_hash import hash_of_text
from tests.conftest import ProjectFactory, update
from tests.authoring.test_authoring import DOWN, herald, snapshot

NOW = ("--now", "2026-11-20T11:00:00+08:00")


@pytest.mark.parametrize("args, expected", [
    (["update", DOWN, "--status", "resovled", "-m", "x"], "did you mean 'resolved'?"),
    (["update", DOWN, "--status", "completed", "-m", "x"], "'completed' does not apply to an incident"),
    (["update", DOWN, "-c", "withdrawls=major_outage", "-m", "x"], "did you mean 'withdrawals'?"),
    (["update", DOWN, "-c", "withdrawals=partial", "-m", "x"], "did you mean 'partial_outage'"),
    (["update", DOWN, "-c", "withdrawals", "-m", "x"], "is not ID=STATUS"),
    (["update", DOWN, "--next", "2x", "-m", "x"], "'2x' is not a delay"),
    (["update", DOWN, "--next", "0m", "-m", "x"], "no delay at all"),
    (["update", DOWN, "--next", "2026-11-20T10:00:00+08:00", "-m", "x"], "is not after this update"),
    (["update", DOWN, "--next", "2026-11-21T10:00:00", "-m", "x"], "has no UTC offset"),
    (["update", DOWN, "--fact", "amont=3", "-m", "x"], "did you mean 'amount'?"),
    (["update", "2026-11-20-withdrawal-down", "-m", "x"], f"did you mean '{DOWN}'"),
    (["update", "withdrawals", "-m", "x"], f"did you mean '{DOWN}'"),
    (["update", DOWN, "-m", "   "], "the update has no text"),
    (["update", DOWN], "the update has no text"),  # empty standard input
    (["update", DOWN, "-m", "x", "-F", "note.md"], "not both"),
    (["update", DOWN, "-F", "/nonexistent/note.md"], "cannot read"),
    (["update", DOWN, "--lang", "fr", "-m", "x"], "'fr' is not in site.languages"),
    (["update", DOWN, "--lang", "zh", "--status", "resolved", "-m", "x"], "--status cannot be translated"),
    (["update", DOWN, "--lang", "zh", "--of", "2026-11-20T0831", "-m", "x"], "did you mean '2026-11-20T0830'"),
    (["update", DOWN, "--lang", "zh", "--of", "2026-11-20T0830", "-m", "x"], "already exists"),
    (["update", DOWN, "-m", "x", "--now", "2026-11-19T00:00:00+08:00"], "would not pass herald check"),
    (["update", DOWN, "-m", "x\x00y"], "NUL"),
    (["resolve", "2026-11-20-nope", "-m", "x"], "no incident '2026-11-20-nope'"),
    (["postmortem", "2026-12-01-upgrade", "-m", "x"], "a maintenance has no postmortem"),
    (["new", "--title", "X", "--template", "hot-wallet-thef"], "did you mean 'hot-wallet-theft'?"),
    (["new", "--template", "service-outage"], "--title is required"),
    (["new", "--title", "X", "--component", "withdrawls"], "did you mean 'withdrawals'?"),
    (["new", "--title", "X", "--kind", "maintenance"], "needs its window"),
    (["new", "--title", "X", "--kind", "maintenance", "--window-start", "2026-12-02T02:00:00+08:00",
      "--window-end", "2026-12-02T01:00:00+08:00"], "scheduled_until is not after scheduled_for"),
    (["new", "--title", "X", "--status", "resolvd"], "did you mean 'resolved'?"),
    (["new", "--title", "X", "--next", "soon"], "'soon' is not a delay"),
    (["new", "--title", "X", "--id", "Bad Id"], "is not a valid id"),
    (["new", "--title", "X", "--id", DOWN], "already exists"),
    (["new", "--title", "X", "--lang", "zh", "--template", "custom"], "has no zh version"),
    (["new", "--title", "X", "--lang", "fr"], "'fr' is not in site.languages"),
    (["new", "--title", "X", "--template", "broken"], "'undefined_placeholder' is undefined"),
])
def test_bad_options_write_nothing_and_say_why(outage: ProjectFactory, args: list[str], expected: str) -> None:
    _add_maintenance_and_templates(outage)
    before = snapshot(outage.root)
    result = herald(outage.root, *args, *(NOW if "--now" not in args else ()))
    assert result.exit_code != 0
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert snapshot(outage.root) == before


def _add_maintenance_and_templates(project: ProjectFactory) -> None:
    project.incident("2026-12-01-upgrade", """
        title: Upgrade
        kind: maintenance
        components: [api]
        started_at: 2026-12-01T02:00:00+08:00
        scheduled_for: 2026-12-01T02:00:00+08:00
        scheduled_until: 2026-12-01T03:00:00+08:00
    """, updates={"2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "scheduled")})
    project.file("templates/custom/incident.md", "---\n{{ front_matter }}\n---\n[What happened?]\n")
    project.file("templates/custom/first-update.md", "---\n{{ front_matter }}\n---\n[What now?]\n")
    project.file("templates/broken/incident.md", "---\n{{ front_matter }}\n---\n{{ undefined_placeholder }}\n")
    project.file("templates/broken/first-update.md", "---\n{{ front_matter }}\n---\nx\n")


def test_unknown_kind_and_impact_are_refused_by_the_option_itself(outage: ProjectFactory) -> None:
    before = snapshot(outage.root)
    for args in (["--kind", "outage"], ["--impact", "huge"]):
        result = herald(outage.root, "new", "--title", "X", *args)
        assert result.exit_code == 2 and "Invalid value" in result.stderr
    assert snapshot(outage.root) == before


def test_update_refuses_an_incident_with_errors_and_lists_them(outage: ProjectFactory) -> None:
    outage.file(f"incidents/{DOWN}/2026-11-20T1100.md", update("2026-11-20T11:00:00+08:00", "resovled"))
    before = snapshot(outage.root)
    result = herald(outage.root, "update", DOWN, "-m", "x", *NOW)
    assert result.exit_code == 1
    assert f"incident '{DOWN}' has 1 error(s)" in result.stderr and "2026-11-20T1100.md:3" in result.stderr
    assert snapshot(outage.root) == before


def test_errors_elsewhere_do_not_block_an_update_but_are_mentioned(outage: ProjectFactory) -> None:
    outage.file("incidents/2026-11-10-api-slow/2026-11-10T1200.md", update("2026-11-10T12:00:00+08:00", "resovled"))
    result = herald(outage.root, "update", DOWN, "-m", "Still working on it.", *NOW)
    assert result.exit_code == 0
    assert "the project already has 1 other error(s)" in result.stderr
    assert (outage.root / f"incidents/{DOWN}/2026-11-20T1100.md").is_file()


def test_updates_at_the_same_minute_get_distinct_names_in_time_order(outage: ProjectFactory) -> None:
    names = []
    for status in ("monitoring", "resolved", "postmortem"):
        result = herald(outage.root, "update", DOWN, "--status", status, "-m", status, *NOW)
        assert result.exit_code == 0, result.output
        names.append(Path(result.stdout.strip()).name)
    assert names == ["2026-11-20T1100.md", "2026-11-20T110000.md", "2026-11-20T110000-02.md"]
    latest = load_workspace(outage.root).incident(DOWN).updates[-1]
    assert (latest.id, latest.status) == ("2026-11-20T110000-02", "postmortem")  # file order is time order


def test_update_translation_of_an_earlier_update(outage: ProjectFactory) -> None:
    result = herald(outage.root, "update", DOWN, "--lang", "zh", "--of", "2026-11-20T1000", "-m", "已查明原因。", *NOW)
    assert result.exit_code == 0, result.output
    digest = hash_of_text((outage.root / f"incidents/{DOWN}/2026-11-20T1000.md").read_text(encoding="utf-8"), "",
                          "update")
    assert (outage.root / f"incidents/{DOWN}/2026-11-20T1000.zh.md").read_text(encoding="utf-8") == \
        f"---\nsource_hash: {digest}\n---\n已查明原因。\n"


def test_resolve_completes_a_maintenance(outage: ProjectFactory) -> None:
    _add_maintenance_and_templates(outage)
    result = herald(outage.root, "resolve", "2026-12-01-upgrade", "-m", "Done.", "--now", "2026-12-01T02:40:00+08:00")
    assert result.exit_code == 0, result.output
    text = (outage.root / "incidents/2026-12-01-upgrade/2026-12-01T0240.md").read_text(encoding="utf-8")
    assert "status: completed\ncomponents: {api: operational}" in text


def test_future_update_is_written_with_a_warning(outage: ProjectFactory) -> None:
    result = herald(outage.root, "update", DOWN, "-m", "Later.", "--now", "2026-11-25T11:00:00+08:00")
    assert result.exit_code == 0
    check = herald(outage.root, "check", *NOW)
    assert check.exit_code == 0 and "[future-update]" in check.stderr  # a warning, not an error


def test_new_asks_for_what_it_needs_on_a_terminal(outage: ProjectFactory, monkeypatch) -> None:
    monkeypatch.setattr(cli_authoring, "is_terminal", lambda: True)
    answers = "hot-wallet-theft\nFunds taken from a hot wallet\ncritical\nwithdrawals, deposits\n1h30m\n"
    result = herald(outage.root, "new", *NOW, input=answers)
    assert result.exit_code == 0, result.output
    assert "When did the problem start?" in result.output
    folder = outage.root / "incidents/2026-11-20-funds-taken-from-a-hot-wallet"
    assert "components: [withdrawals, deposits]" in (folder / "incident.md").read_text(encoding="utf-8")
    assert "tags: [theft, hot-wallet, fake-support, phishing]" in (folder / "incident.md").read_text(encoding="utf-8")
    # "1h30m" before --now (11:00 +08:00), not the first update's time.
    assert "started_at: 2026-11-20T09:30:00+08:00" in (folder / "incident.md").read_text(encoding="utf-8")


def test_update_opens_the_editor_on_a_terminal(outage: ProjectFactory, monkeypatch) -> None:
    monkeypatch.setattr(cli_authoring, "is_terminal", lambda: True)
    seen = {}

    def fake_edit(text: str, **options) -> str:
        seen["text"] = text
        return "Written in the editor.\n" + text
    monkeypatch.setattr(click, "edit", fake_edit)
    result = herald(outage.root, "update", DOWN, *NOW)
    assert result.exit_code == 0, result.output
    assert "Latest status: identified" in seen["text"]
    written = (outage.root / f"incidents/{DOWN}/2026-11-20T1100.md").read_text(encoding="utf-8")
    assert written.endswith("---\nWritten in the editor.\n")
    monkeypatch.setattr(click, "edit", lambda text, **options: None)
    before = snapshot(outage.root)
    closed = herald(outage.root, "update", DOWN, "--now", "2026-11-20T11:05:00+08:00")
    assert closed.exit_code == 1 and "closed without saving" in closed.stderr and snapshot(outage.root) == before


def test_new_ids_from_date_and_title(outage: ProjectFactory) -> None:
    made = []
    for title in ("Withdrawals: paused!", "Withdrawals: paused!", "仅有中文的标题"):
        result = herald(outage.root, "new", "--title", title, "--template", "service-outage", *NOW)
        assert result.exit_code == 0, result.output
        made.append(Path(result.stdout.splitlines()[-1]).parent.name)
    assert made == ["2026-11-20-withdrawals-paused", "2026-11-20-withdrawals-paused-2", "2026-11-20-service-outage"]
    own = herald(outage.root, "new", "--title", "X", "--id", "2026-11-20-my-own-id", *NOW)
    assert own.exit_code == 0 and (outage.root / "incidents/2026-11-20-my-own-id/incident.md").is_file()


def test_repository_templates_take_precedence(outage: ProjectFactory) -> None:
    outage.file("templates/service-outage/template.yml", "description: Our own outage template\nimpact: major\n")
    outage.file("templates/service-outage/incident.md", "---\n{{ front_matter }}\n---\n[Our own question?]\n")
    outage.file("templates/service-outage/first-update.md", "---\n{{ front_matter }}\n---\n[First words?]\n")
    listed = herald(outage.root, "templates")
    assert "Our own outage template" in listed.stdout and "repository" in listed.stdout
    assert "hot-wallet-theft" in listed.stdout and "built-in" in listed.stdout
    result = herald(outage.root, "new", "--title", "Down", *NOW)
    assert result.exit_code == 0, result.output
    text = (outage.root / "incidents/2026-11-20-down/incident.md").read_text(encoding="utf-8")
    assert "impact: major" in text and "[Our own question?]" in text


def test_chinese_first_site_renders_originals_from_the_chinese_template(project: ProjectFactory) -> None:
    config = (project.root / "herald.yml").read_text(encoding="utf-8").replace("languages: [en, zh]", "languages: [zh, en]")
    project.file("herald.yml", config)
    result = herald(project.root, "new", "--title", "提币暂停", "--template", "hot-wallet-theft", "--lang", "en",
                    "--component", "withdrawals", *NOW)
    assert result.exit_code == 0, result.output
    folder = project.root / "incidents/2026-11-20-hot-wallet-theft"
    assert "发生了什么" in (folder / "incident.md").read_text(encoding="utf-8")
    assert "What happened" in (folder / "incident.en.md").read_text(encoding="utf-8")
    assert herald(project.root, "check", *NOW).exit_code == 0


def test_writing_never_replaces_a_file_that_appeared_meanwhile(tmp_path: Path) -> None:
    from generator.adapters.content_writer import write_atomically
    from generator.authoring.workspace import AuthoringError

    target = tmp_path / "2026-11-20T1100.md"
    target.write_text("someone else's update", encoding="utf-8")
    with pytest.raises(AuthoringError, match="appeared while writing"):
        write_atomically(target, "mine", replace_existing=False)
    assert target.read_text(encoding="utf-8") == "someone else's update"
    write_atomically(tmp_path / "new.md", "mine", replace_existing=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-20T1100.md", "new.md"]  # no temporary left
