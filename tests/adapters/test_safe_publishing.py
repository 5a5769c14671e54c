"""Publishing that cannot hurt: output folders that are not Herald's are refused and left exactly as they were,
drafts stay out of every public output, template prompts never go live, every error is reported in one run."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.adapters.write import MANIFEST, Protected, TargetRefused, check_target, read_manifest, write_files
from tests.conftest import ProjectFactory, add_outage, update

NOW = "2026-11-20T12:30:00+08:00"
LATER = "2026-11-20T14:00:00+08:00"
DOWN = "incidents/2026-11-20-withdrawals-down"


def herald(root: Path, *args: str, home: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed command as a user would, with a temporary HOME."""
    env = {**os.environ, "HOME": str(home), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args], capture_output=True,
                          text=True, timeout=300, env=env, cwd=cwd or root)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes; symlinks by their target."""
    out = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[key] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            out[key] = path.read_bytes()
        else:
            out[key + "/"] = b""
    return out


@pytest.fixture
def workplace(tmp_path: Path) -> tuple[ProjectFactory, Path]:
    """A project at tmp/work/project, a home folder at tmp/home, both with files of their own."""
    project = add_outage(ProjectFactory(tmp_path / "work" / "project"))
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "taxes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "work" / "notes").mkdir()
    (tmp_path / "work" / "notes" / "plan.txt").write_text("a stranger's file", encoding="utf-8")
    return project, home


REFUSED = {
    "a stranger's folder": ("work/notes", "Herald did not write (plan.txt)"),
    "the project folder": ("work/project", "project folder or holds it"),
    "an ancestor of the project": ("work", "project folder or holds it"),
    "the content folder": ("work/project/incidents", "content or theme folder"),
    "the pages folder": ("work/project/site_src", "content or theme folder"),
    "inside the pages folder": ("work/project/site_src/public", "content or theme folder"),
    "the home directory": ("home", "home directory"),
}


@pytest.mark.parametrize("command", ["build", "export"])
@pytest.mark.parametrize("name", list(REFUSED))
def test_refused_targets_are_left_byte_for_byte(workplace, tmp_path: Path, command: str, name: str) -> None:
    project, home = workplace
    relative, reason = REFUSED[name]
    target = tmp_path / relative
    before = tree(tmp_path)
    args = ["build", "--now", NOW, "--site-dir", str(target)] if command == "build" else \
        ["export", str(target), "--now", NOW]
    result = herald(project.root, *args, home=home)
    assert result.returncode == 1, result.stdout
    assert reason in result.stderr and "hint:" in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(tmp_path) == before


@pytest.mark.parametrize("command", ["build", "export"])
@pytest.mark.parametrize("name", [n for n in REFUSED if n != "a stranger's folder"])
def test_force_never_replaces_protected_folders(workplace, tmp_path: Path, command: str, name: str) -> None:
    project, home = workplace
    target = tmp_path / REFUSED[name][0]
    before = tree(tmp_path)
    args = ["build", "--now", NOW, "--force", "--site-dir", str(target)] if command == "build" else \
        ["export", str(target), "--now", NOW, "--force"]
    result = herald(project.root, *args, home=home)
    assert result.returncode == 1 and REFUSED[name][1] in result.stderr
    assert tree(tmp_path) == before


def test_site_dir_from_mkdocs_yml_is_protected_too(workplace, tmp_path: Path) -> None:
    project, home = workplace
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_dir: ../notes\n", encoding="utf-8")
    before = tree(tmp_path)
    result = herald(project.root, "build", "--now", NOW, home=home)
    assert result.returncode == 1 and "Herald did not write (plan.txt)" in result.stderr
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], capture_output=True,
                           text=True, timeout=300, env={**os.environ, "HOME": str(home), "NO_MKDOCS_2_WARNING": "1"})
    assert plain.returncode != 0 and "Herald did not write" in plain.stderr  # plain MkDocs would empty it
    assert tree(tmp_path) == before


def test_file_system_roots_are_refused_even_with_force(tmp_path: Path) -> None:
    fake_root = tmp_path / "fakeroot"
    (fake_root / "etc").mkdir(parents=True)
    (fake_root / "etc" / "passwd").write_text("root:x:0:0", encoding="utf-8")
    protected = Protected(tmp_path / "fakeroot" / "srv" / "project", system_roots=frozenset({fake_root}))
    before = tree(tmp_path)
    with pytest.raises(TargetRefused, match="root of the file system"):
        write_files({"index.html": "x"}, fake_root, protected, force=True)
    assert tree(tmp_path) == before
    assert Path("/") in Protected(tmp_path).system_roots  # the real one is in the default set (and never used here)


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(TargetRefused, match="is a file"):
        check_target(target, Protected(tmp_path / "project"), force=True)
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_rebuilding_a_herald_site_works_and_strangers_inside_it_are_kept(workplace, tmp_path: Path) -> None:
    project, home = workplace
    site = project.root / "site"
    assert herald(project.root, "build", "--now", NOW, home=home).returncode == 0
    manifest = read_manifest(site)
    assert manifest is not None and manifest[1] == ()
    listed = manifest[0]
    assert "index.html" in listed and "api/v2/summary.json" in listed
    assert MANIFEST not in listed
    project.file(f"{DOWN}/2026-11-20T1300.md", update("2026-11-20T13:00:00+08:00", "resolved", body="All fixed."))
    assert herald(project.root, "build", "--now", LATER, home=home).returncode == 0
    assert "All fixed." in (site / "incidents/2026-11-20-withdrawals-down/index.html").read_text(encoding="utf-8")
    (site / "CNAME").write_text("status.example.com", encoding="utf-8")  # someone's own file in the site
    before = tree(site)
    result = herald(project.root, "build", "--now", LATER, home=home)
    assert result.returncode == 1 and "(CNAME)" in result.stderr and "--force" in result.stderr
    assert tree(site) == before
    assert herald(project.root, "build", "--now", LATER, "--force", home=home).returncode == 0
    assert not (site / "CNAME").exists()
    assert not list(project.root.glob(".site.herald-new-*"))  # no staging folder left behind


def test_two_builds_at_once_leave_one_whole_site(workplace, tmp_path: Path) -> None:
    project, home = workplace
    project.file(f"{DOWN}/2026-11-20T1300.md", update("2026-11-20T13:00:00+08:00", "resolved", body="All fixed."))
    references = {}
    for now in (NOW, LATER):
        out = tmp_path / f"reference-{now[11:13]}"
        assert herald(project.root, "build", "--now", now, "--site-dir", str(out), home=home).returncode == 0
        references[now] = tree(out)
    assert references[NOW] != references[LATER]
    env = {**os.environ, "HOME": str(home), "NO_MKDOCS_2_WARNING": "1"}
    builds = [subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project.root), "build", "--now",
                                now], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
              for now in (NOW, LATER)]
    assert [b.wait(timeout=300) for b in builds] == [0, 0], [b.stderr.read() for b in builds]
    live = tree(project.root / "site")
    assert live in (references[NOW], references[LATER])


@pytest.fixture
def with_drafts(workplace) -> tuple[ProjectFactory, Path, list[Path]]:
    """The outage project plus a draft incident, a draft update and their translations."""
    project, home = workplace
    project.incident("2026-11-20-draft-leak", """
        draft: true
        title: DRAFTTITLE customer data exposed
        impact: critical
        components: [api]
        started_at: 2026-11-20T09:00:00+08:00
    """, updates={"2026-11-20T0930": update("2026-11-20T09:30:00+08:00", "investigating",
                                            "components: {api: major_outage}", body="DRAFTBODY one.")})
    project.file("incidents/2026-11-20-draft-leak/incident.zh.md", "---\ntitle: 草稿标题DRAFTZH\n---\n")
    project.file(f"{DOWN}/2026-11-20T1200.md", update("2026-11-20T12:00:00+08:00", "resolved",
                                                      "draft: true\ncomponents: {withdrawals: operational}",
                                                      body="DRAFTBODY two: [What changed? When?]"))
    project.file(f"{DOWN}/2026-11-20T1200.zh.md", "---\n---\n草稿DRAFTZH二。\n")
    drafts = [project.root / "incidents/2026-11-20-draft-leak", project.root / DOWN / "2026-11-20T1200.md",
              project.root / DOWN / "2026-11-20T1200.zh.md"]
    return project, home, drafts


def test_drafts_appear_in_no_public_output(with_drafts, tmp_path: Path) -> None:
    project, home, drafts = with_drafts
    result = herald(project.root, "build", "--now", NOW, "--site-dir", str(tmp_path / "with"), home=home)
    assert result.returncode == 0, result.stderr
    assert "unfilled-prompt" in result.stderr  # a draft may keep its prompts: a warning, printed once
    assert result.stderr.count("[What changed? When?]") == 1
    for path in drafts:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    assert herald(project.root, "build", "--now", NOW, "--site-dir", str(tmp_path / "without"),
                  home=home).returncode == 0
    with_drafts_site, without = tree(tmp_path / "with"), tree(tmp_path / "without")
    assert with_drafts_site == without  # pages, feeds, API, calendar, badges, record, search, sitemap: all equal
    assert not any(b"DRAFT" in content for content in with_drafts_site.values())


def test_list_shows_drafts_and_held_updates(with_drafts) -> None:
    project, home, _ = with_drafts
    project.file(f"{DOWN}/2026-11-20T1500.md", update("2026-11-20T15:00:00+08:00", "monitoring"))
    result = herald(project.root, "list", "--now", NOW, home=home)
    assert result.returncode == 0, result.stderr
    shown = result.stdout
    assert "incidents/2026-11-20-draft-leak/incident.md  draft incident" in shown
    assert "herald publish incidents/2026-11-20-draft-leak" in shown
    assert f"{DOWN}/2026-11-20T1200.md  draft update [resolved]: herald publish {DOWN}/2026-11-20T1200.md" in shown
    assert f"{DOWN}/2026-11-20T1500.md  [monitoring] held until 2026-11-20 15:00+08:00" in shown


def test_publish_refuses_prompts_then_publishes_with_its_time(with_drafts) -> None:
    project, home, _ = with_drafts
    draft_update = project.root / DOWN / "2026-11-20T1200.md"
    before = draft_update.read_bytes()
    refused = herald(project.root, "publish", f"{DOWN}/2026-11-20T1200.md", "--now", NOW, home=home)
    assert refused.returncode == 1
    assert f"{DOWN}/2026-11-20T1200.md:7: [What changed? When?]" in refused.stderr
    assert draft_update.read_bytes() == before
    draft_update.write_text(before.decode().replace("[What changed? When?]", "the fix held."), encoding="utf-8")
    published = herald(project.root, "publish", f"{DOWN}/2026-11-20T1200.md", "--at", "2026-11-20T12:20:00+08:00",
                       "--now", NOW, home=home)
    assert published.returncode == 0, published.stderr
    assert draft_update.read_text(encoding="utf-8") == (
        "---\nat: 2026-11-20T12:20:00+08:00\nstatus: resolved\ncomponents: {withdrawals: operational}\n---\n"
        "DRAFTBODY two: the fix held.\n")
    again = herald(project.root, "publish", f"{DOWN}/2026-11-20T1200.md", "--now", NOW, home=home)
    assert again.returncode == 1 and "is not a draft" in again.stderr


def test_publish_an_incident_clears_it_and_its_draft_updates(with_drafts) -> None:
    project, home, _ = with_drafts
    folder = project.root / "incidents/2026-11-20-draft-leak"
    result = herald(project.root, "publish", str(folder), "--at", "now", "--now", "2026-11-20T10:00:00+08:00",
                    home=home, cwd=project.root.parent)
    assert result.returncode == 0, result.stderr
    assert "draft" not in (folder / "incident.md").read_text(encoding="utf-8")
    check = herald(project.root, "check", "--now", NOW, home=home)
    about_it = [line for line in check.stderr.splitlines() if "2026-11-20-draft-leak" in line
                and "translat" not in line]  # untranslated files: the translation report's own tests
    assert about_it and all("[no-help]" in line for line in about_it), about_it  # published, so held to the rules
    assert not any("draft" in line.split("2026-11-20-draft-leak")[1] for line in about_it)


def test_publishing_a_time_before_its_promise_is_checked_first(with_drafts) -> None:
    project, home, _ = with_drafts
    path = project.root / DOWN / "2026-11-20T1200.md"
    path.write_text(update("2026-11-20T12:00:00+08:00", "monitoring",
                           "draft: true\nnext_update: 2026-11-20T12:30:00+08:00"), encoding="utf-8")
    before = path.read_bytes()
    result = herald(project.root, "publish", f"{DOWN}/2026-11-20T1200.md", "--at", "2026-11-20T13:00:00+08:00",
                    "--now", NOW, home=home)
    assert result.returncode == 1 and "next_update" in result.stderr and "nothing was written" in result.stderr
    assert path.read_bytes() == before


def test_new_from_a_template_is_a_draft_until_published(workplace) -> None:
    project, home = workplace
    made = herald(project.root, "new", "--template", "service-outage", "--title", "API down", "--component", "api",
                  "--now", NOW, home=home)
    assert made.returncode == 0, made.stderr
    assert "draft" in made.stderr and "herald publish" in made.stderr
    assert herald(project.root, "check", "--now", NOW, home=home).returncode == 0
    folder = next((project.root / "incidents").glob("*-api-down"))
    assert (folder / "incident.md").read_text(encoding="utf-8").startswith("---\ndraft: true\n")
    refused = herald(project.root, "publish", str(folder), "--now", NOW, home=home)
    assert refused.returncode == 1 and "template prompt(s) are still to fill in" in refused.stderr
    forced = herald(project.root, "new", "--template", "service-outage", "--title", "API slow", "--no-draft",
                    "--component", "api", "--now", NOW, home=home)
    assert forced.returncode == 0
    check = herald(project.root, "check", "--now", NOW, home=home)
    assert check.returncode == 1 and "error [unfilled-prompt]" in check.stderr


def test_published_prompt_fails_check_and_build_with_file_line_and_prompt(workplace) -> None:
    project, home = workplace
    project.file(f"{DOWN}/2026-11-20T1100.md", update("2026-11-20T11:00:00+08:00", "identified",
                                                      body="We know:\n\n[What can you confirm right now?]"))
    site = project.root / "site"
    for args in (["check"], ["build"]):
        result = herald(project.root, *args, "--now", NOW, home=home)
        assert result.returncode == 1
        assert (f"{DOWN}/2026-11-20T1100.md:8: error [unfilled-prompt] template prompt left in: "
                "[What can you confirm right now?]") in result.stderr
    assert not site.exists()


def test_one_run_reports_per_file_and_cross_file_errors(workplace) -> None:
    project, home = workplace
    project.file(f"{DOWN}/2026-11-20T1100.md", "---\nat: 2026-11-20T11:00:00+08:00\nstatus: resovled\n---\nx\n")
    project.file(f"{DOWN}/2026-11-20T1110.md", update("2026-11-20T11:10:00+08:00", "identified",
                                                      "components: {withdrawls: major_outage}"))
    project.file(f"{DOWN}/2026-11-20T1120.md", update("2026-11-20T11:20:00+08:00", "identified",
                                                      "next_update: 2026-11-20T11:00:00+08:00"))
    project.file(f"{DOWN}/2026-11-20T0700.md", update("2026-11-20T07:00:00+08:00", "identified"))
    result = herald(project.root, "check", "--now", NOW, home=home)
    assert result.returncode == 1
    codes = {line.split(" [")[1].split("]")[0] for line in result.stderr.splitlines() if " error [" in line}
    assert codes == {"bad-value", "unknown-component", "time-order"}
    assert f"{DOWN}/2026-11-20T1100.md:3: error [bad-value]" in result.stderr  # per file
    assert f"{DOWN}/2026-11-20T1110.md:4: error [unknown-component]" in result.stderr  # cross-file, same run
    assert f"{DOWN}/2026-11-20T1120.md:4: error [time-order]" in result.stderr
    assert f"{DOWN}/2026-11-20T0700.md:2: error [time-order]" in result.stderr


def test_a_broken_incident_file_does_not_hide_its_updates_errors(workplace) -> None:
    project, home = workplace
    project.file(f"{DOWN}/incident.md", "---\ntitle: Withdrawals are down\nimpact: huge\n---\n")
    project.file(f"{DOWN}/2026-11-20T1110.md", update("2026-11-20T11:10:00+08:00", "identified",
                                                      "components: {withdrawls: major_outage}"))
    result = herald(project.root, "check", "--now", NOW, home=home)
    assert f"{DOWN}/incident.md:3: error [bad-value]" in result.stderr
    assert f"{DOWN}/2026-11-20T1110.md:4: error [unknown-component]" in result.stderr


def test_build_prints_each_warning_once(workplace) -> None:
    project, home = workplace
    result = herald(project.root, "build", "--now", "2026-11-20T16:00:00+08:00", home=home)
    assert result.returncode == 0, result.stderr
    overdue = [line for line in result.stderr.splitlines() if "overdue-update" in line]
    assert len(overdue) == 1, result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
        return response.read().decode("utf-8")


def wait_for(url: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return fetch(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_shows_drafts_marked_on_loopback_with_its_now(with_drafts) -> None:
    project, home, _ = with_drafts
    port = free_port()
    env = {**os.environ, "HOME": str(home), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project.root), "serve",
                               "--dev-addr", f"127.0.0.1:{port}", "--now", NOW], cwd=project.root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        page = wait_for(f"http://127.0.0.1:{port}/incidents/2026-11-20-draft-leak/")
        assert "DRAFTTITLE customer data exposed" in page and "herald-draft" in page
        down = fetch(f"http://127.0.0.1:{port}/incidents/2026-11-20-withdrawals-down/")
        assert "DRAFTBODY two" in down and "Draft, not published" in down
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert f"serving on http://127.0.0.1:{port}/" in stderr


def test_only_the_staging_folder_herald_recorded_is_cleaned_up_beside_the_site(workplace) -> None:
    project, home = workplace
    assert herald(project.root, "build", "--now", NOW, home=home).returncode == 0
    strangers = [project.root / ".site.herald-new-mine", project.root / ".site.herald-old"]
    for folder in strangers:  # someone's folders that merely look like Herald's names
        folder.mkdir()
        (folder / "notes.txt").write_text("mine", encoding="utf-8")
    killed = project.root / ".site.herald-new-k1ll3d"  # what a write killed midway leaves, as its lock records it
    (killed / "assets").mkdir(parents=True)
    (project.root / ".site.herald-lock").write_text(killed.name, encoding="utf-8")
    before = {folder: tree(folder) for folder in strangers}
    assert herald(project.root, "build", "--now", LATER, home=home).returncode == 0
    assert not killed.exists()
    assert {folder: tree(folder) for folder in strangers} == before
    recorded = (project.root / ".site.herald-lock").read_text(encoding="utf-8")
    assert recorded.startswith(".site.herald-new-") and not (project.root / recorded).exists()
