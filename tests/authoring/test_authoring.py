"""End to end: every authoring command in a temporary site, then a build whose pages show the result."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.adapters.cli import main
from generator.authoring.template_catalog import PROMPT_RE, unfilled_prompts
from generator.content.translation_hash import hash_of_text
from tests.conftest import ProjectFactory, add_outage

DOWN = "2026-11-20-withdrawals-down"
SLOW = "2026-11-10-api-slow"
NEW = "2026-11-20-deposits-delayed-on-ethereum"
BUILD_NOW = "2026-11-20T12:30:00+08:00"


def herald(root: Path, *args: str, input: str | None = None) -> Result:
    """Run a herald command in-process (standard input is not a terminal, as when piped)."""
    return CliRunner().invoke(main, ["--root", str(root), *args], input=input, catch_exceptions=False)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under the project's content folders, by path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@dataclass
class Session:
    """A temporary site after a whole authoring session, and what each command said."""

    root: Path
    results: dict[str, Result] = field(default_factory=dict)
    written: dict[str, list[str]] = field(default_factory=dict)

    def run(self, name: str, *args: str, input: str | None = None) -> Result:
        result = herald(self.root, *args, input=input)
        assert result.exit_code == 0, (name, result.output)
        self.results[name] = result
        self.written[name] = [line for line in result.stdout.splitlines() if line.endswith(".md")]
        return result


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> Session:
    """new, update with each option, translation, stdin, file, resolve, postmortem; then fill the prompts in."""
    root = tmp_path_factory.mktemp("authoring")
    add_outage(ProjectFactory(root))
    s = Session(root)
    s.run("new", "new", "--template", "deposits-withdrawals-delayed", "--title", "Deposits delayed on Ethereum",
          "--component", "deposits", "--impact", "major", "--lang", "zh", "--next", "1h",
          "--message", "Ethereum deposits are arriving late. Your funds are safe.", "--now", "2026-11-20T11:00:00+08:00")
    for path in (root / "incidents" / NEW).glob("*.md"):  # the author fills the template's prompts in
        path.write_text(PROMPT_RE.sub("Filled in by the author.", path.read_text(encoding="utf-8")), encoding="utf-8")
    s.run("publish", "publish", str(root / "incidents" / NEW), "--now", "2026-11-20T11:05:00+08:00")
    s.run("update", "update", DOWN, "--status", "monitoring", "--component", "withdrawals=degraded_performance",
          "--next", "2h", "--fact", "amount=12 ETH", "--message", "Withdrawals are slowly coming back.",
          "--now", "2026-11-20T11:30:00+08:00")
    s.run("translate", "update", DOWN, "--lang", "zh", "--fact", "amount=12 个以太币", "--message", "提币正在逐步恢复。",
          "--now", "2026-11-20T11:31:00+08:00")
    note = root.parent / "note.md"
    note.write_text("A node was restarted. **Deposits are catching up.**\n", encoding="utf-8")
    s.run("file", "update", NEW, "--file", str(note), "--next", "30m", "--now", "2026-11-20T11:40:00+08:00")
    s.run("dash", "update", NEW, "--file", "-", "--next", "2026-11-20T13:00:00+08:00", "--now", "2026-11-20T11:50:00+08:00",
          input="Text from standard input.\n")
    s.run("piped", "update", NEW, "--status", "identified", "--now", "2026-11-20T11:55:00+08:00",
          input="Piped without any option.\n")
    s.run("resolve", "resolve", NEW, "-m", "Deposits are back to normal.", "--now", "2026-11-20T12:10:00+08:00")
    pm = root.parent / "postmortem.md"
    pm.write_text("## What went wrong\n\nA cache expired under load.\n", encoding="utf-8")
    s.run("postmortem", "postmortem", SLOW, "-F", str(pm), "--now", "2026-11-20T12:15:00+08:00")
    return s


@pytest.fixture(scope="module")
def built(session: Session) -> Path:
    """``herald build`` of the site after the session."""
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(session.root), "build",
                             "--now", BUILD_NOW], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return session.root / "site"


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_new_writes_incident_and_first_update_in_both_languages(session: Session) -> None:
    folder = f"incidents/{NEW}"
    assert sorted(Path(p).name for p in session.written["new"]) == [
        "2026-11-20T1100.md", "2026-11-20T1100.zh.md", "incident.md", "incident.zh.md"]
    incident = (session.root / folder / "incident.md").read_text(encoding="utf-8")
    assert "title: Deposits delayed on Ethereum" in incident and "impact: major" in incident
    assert "components: [deposits]" in incident and "started_at: 2026-11-20T11:00:00+08:00" in incident
    first = (session.root / folder / "2026-11-20T1100.md").read_text(encoding="utf-8")
    assert first.startswith("---\nat: 2026-11-20T11:00:00+08:00\nstatus: investigating\n"
                            "components: {deposits: partial_outage}\nnext_update: 2026-11-20T12:00:00+08:00\n---\n")
    assert first.endswith("---\nEthereum deposits are arriving late. Your funds are safe.\n")
    assert "Fill in the" in session.results["new"].stderr and "draft" in session.results["new"].stderr
    assert sorted(Path(p).name for p in session.results["publish"].stdout.split()[1::2]) == [
        "2026-11-20T1100.md", "incident.md"]  # the template's prompts made it a draft; publish made it public
    assert "draft" not in incident


def test_update_writes_every_option(session: Session) -> None:
    [path] = session.written["update"]
    assert path.endswith(f"{DOWN}/2026-11-20T1130.md")
    assert (session.root / "incidents" / DOWN / "2026-11-20T1130.md").read_text(encoding="utf-8") == (
        "---\nat: 2026-11-20T11:30:00+08:00\nstatus: monitoring\ncomponents: {withdrawals: degraded_performance}\n"
        "next_update: 2026-11-20T13:30:00+08:00\nfacts:\n  amount: {value: 12 ETH}\n---\n"
        "Withdrawals are slowly coming back.\n")
    assert "--lang zh" in session.results["update"].stderr  # reminds the author to translate


def test_lang_writes_a_translation_with_only_translatable_fields(session: Session) -> None:
    [path] = session.written["translate"]
    assert path.endswith(f"{DOWN}/2026-11-20T1130.zh.md")
    original = (session.root / "incidents" / DOWN / "2026-11-20T1130.md").read_text(encoding="utf-8")
    digest = hash_of_text(original, "", "update")  # the original as it was translated
    assert Path(session.root / "incidents" / DOWN / "2026-11-20T1130.zh.md").read_text(encoding="utf-8") == (
        f"---\nfacts:\n  amount: {{value: 12 个以太币}}\nsource_hash: {digest}\n---\n提币正在逐步恢复。\n")


def test_body_from_file_dash_and_pipe_and_unchanged_status(session: Session) -> None:
    folder = session.root / "incidents" / NEW
    from_file = (folder / "2026-11-20T1140.md").read_text(encoding="utf-8")
    assert "status: investigating" in from_file  # unchanged from the latest update
    assert "next_update: 2026-11-20T12:10:00+08:00" in from_file and "**Deposits are catching up.**" in from_file
    from_dash = (folder / "2026-11-20T1150.md").read_text(encoding="utf-8")
    assert from_dash.endswith("next_update: 2026-11-20T13:00:00+08:00\n---\nText from standard input.\n")
    piped = (folder / "2026-11-20T1155.md").read_text(encoding="utf-8")
    assert "status: identified" in piped and piped.endswith("Piped without any option.\n")


def test_resolve_sets_every_affected_component_operational(session: Session) -> None:
    text = (session.root / "incidents" / NEW / "2026-11-20T1210.md").read_text(encoding="utf-8")
    assert text == ("---\nat: 2026-11-20T12:10:00+08:00\nstatus: resolved\ncomponents: {deposits: operational}\n---\n"
                    "Deposits are back to normal.\n")


def test_postmortem_of_a_resolved_incident(session: Session) -> None:
    text = (session.root / "incidents" / SLOW / "2026-11-20T1215.md").read_text(encoding="utf-8")
    assert text.startswith("---\nat: 2026-11-20T12:15:00+08:00\nstatus: postmortem\n---\n## What went wrong")


def test_check_accepts_everything_written(session: Session) -> None:
    result = herald(session.root, "check", "--now", BUILD_NOW)
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.stderr
    assert all(not unfilled_prompts(p.read_text(encoding="utf-8")) for p in (session.root / "incidents").rglob("*.md"))


def test_list_shows_last_words_and_next_promise(session: Session) -> None:
    result = herald(session.root, "list", "--now", "2026-11-20T12:20:00+08:00")
    assert result.exit_code == 0
    out = result.stdout
    assert DOWN in out and NEW not in out  # resolved incidents are not listed
    assert "Withdrawals are slowly coming back." in out and "[monitoring]" in out
    assert "next update due 2026-11-20 13:30+08:00 (in 1 h 10 min)" in out
    assert "\x1b[" not in out  # no colour when not on a terminal
    late = herald(session.root, "list", "--now", "2026-11-20T14:00:00+08:00").stdout
    assert "OVERDUE by 30 min" in late


def test_list_uses_colour_only_on_a_terminal(session: Session) -> None:
    coloured = CliRunner().invoke(main, ["--root", str(session.root), "list", "--now", "2026-11-20T14:00:00+08:00"],
                                  color=True)
    assert "\x1b[31m" in coloured.stdout and "OVERDUE" in coloured.stdout
    piped = subprocess.run([sys.executable, "-m", "generator", "--root", str(session.root), "list", "--now",
                            "2026-11-20T14:00:00+08:00"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert piped.returncode == 0 and "OVERDUE" in piped.stdout and "\x1b[" not in piped.stdout


def test_export_holds_the_session(session: Session) -> None:
    target = session.root.parent / "authoring-exported"
    result = herald(session.root, "export", str(target), "--now", BUILD_NOW)
    assert result.exit_code == 0, result.output
    page = (target / "docs" / "incidents" / NEW / "index.md").read_text(encoding="utf-8")
    assert "Deposits are back to normal." in page and "Text from standard input." in page
    assert "提币正在逐步恢复。" in (target / "docs" / "zh" / "incidents" / DOWN / "index.md").read_text(encoding="utf-8")


def test_built_pages_show_the_session(built: Path) -> None:
    down = page(built, f"incidents/{DOWN}/index.html")
    assert "Withdrawals are slowly coming back." in down and "12 ETH" in down
    assert 'id="update-2026-11-20T1130"' in down and "Monitoring" in down
    zh = page(built, f"zh/incidents/{DOWN}/index.html")
    assert "提币正在逐步恢复。" in zh and "12 个以太币" in zh
    new = page(built, f"incidents/{NEW}/index.html")
    assert "Deposits delayed on Ethereum" in new and "Deposits are back to normal." in new
    assert "Text from standard input." in new and "<strong>Deposits are catching up.</strong>" in new
    assert "Resolved" in new and "Filled in by the author." in new
    assert not PROMPT_RE.search(re.sub(r"<[^>]+>", "", new))
    assert "A cache expired under load." in page(built, f"incidents/{SLOW}/index.html")
    home = page(built, "index.html")
    assert "Withdrawals are down" in home and "Degraded performance" in home


def test_feeds_show_the_session(built: Path) -> None:
    feeds = [p for p in built.rglob("*") if p.suffix in (".xml", ".atom", ".rss") and p.name != "sitemap.xml"]
    feeds = [p for p in feeds if "<feed" in p.read_text(encoding="utf-8") or "<rss" in p.read_text(encoding="utf-8")]
    if not feeds:
        pytest.skip("this build writes no feeds yet (generator/outputs/feeds.py is another engineer's work)")
    text = "".join(p.read_text(encoding="utf-8") for p in feeds)
    assert "Withdrawals are slowly coming back." in text and "Deposits are back to normal." in text


@pytest.mark.parametrize("started, expected", [
    ("25m", "started_at: 2026-11-20T10:35:00+08:00"),
    ("1h30m ago", "started_at: 2026-11-20T09:30:00+08:00"),
    ("2026-11-20T02:10:00+00:00", "started_at: 2026-11-20T10:10:00+08:00"),
])
def test_new_takes_when_the_problem_started(project: ProjectFactory, started: str, expected: str) -> None:
    add_outage(project)
    result = herald(project.root, "new", "--title", "Login fails", "--impact", "minor", "--component", "api",
                    "--message", "Logins fail.", "--started", started, "--now", "2026-11-20T11:00:00+08:00")
    assert result.exit_code == 0, result.output
    incident = (project.root / "incidents/2026-11-20-login-fails/incident.md").read_text(encoding="utf-8")
    assert expected in incident
    assert "started_at is the first update's time" not in result.stderr


def test_new_without_a_start_says_the_record_will_count_from_the_first_update(project: ProjectFactory) -> None:
    add_outage(project)
    result = herald(project.root, "new", "--title", "Login fails", "--impact", "minor", "--component", "api",
                    "--message", "Logins fail.", "--now", "2026-11-20T11:00:00+08:00")
    assert result.exit_code == 0, result.output
    assert "started_at is the first update's time" in result.stderr and "--started" in result.stderr


def test_a_start_after_now_is_refused(project: ProjectFactory) -> None:
    add_outage(project)
    result = herald(project.root, "new", "--title", "Login fails", "--impact", "minor", "--component", "api",
                    "--message", "Logins fail.", "--started", "2026-11-20T12:00:00+08:00",
                    "--now", "2026-11-20T11:00:00+08:00")
    assert result.exit_code != 0
    assert "--started" in result.output and "after now" in result.output
    assert not (project.root / "incidents/2026-11-20-login-fails").exists()
