"""The example CI workflows and the pre-commit hook are well-formed and run the commands they promise."""

from __future__ import annotations

import re

import yaml

from tests.conftest import REPO


def load(relative: str):
    return yaml.safe_load((REPO / relative).read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


def test_check_runs_on_every_pull_request() -> None:
    workflow = load("examples/github/check.yml")
    assert "pull_request" in triggers(workflow)
    assert re.search(r"^herald check$", runs(workflow), re.M)
    assert workflow["permissions"] == {"contents": "read"}


def test_deploy_builds_and_publishes_to_pages_on_main() -> None:
    workflow = load("examples/github/deploy.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert "herald build --site-dir site" in runs(workflow)
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"


def test_scheduled_rebuild_every_15_minutes_flags_overdue_updates() -> None:
    workflow = load("examples/github/scheduled.yml")
    assert triggers(workflow)["schedule"] == [{"cron": "*/15 * * * *"}]
    commands = runs(workflow)
    assert "herald check" in commands and "::warning" in commands and "herald build" in commands
    assert workflow["concurrency"]["group"] == load("examples/github/deploy.yml")["concurrency"]["group"]


def test_pre_commit_hook_runs_herald_check() -> None:
    [hook] = load(".pre-commit-hooks.yaml")
    assert hook["entry"] == "herald check" and hook["pass_filenames"] is False and hook["language"] == "python"
    assert re.search(hook["files"], "incidents/2026-11-20-x/2026-11-20T0900.md")
    assert re.search(hook["files"], "herald.yml") and not re.search(hook["files"], "README.md")
    config = load("examples/pre-commit-config.yaml")
    assert config["repos"][0]["hooks"] == [{"id": hook["id"]}]


def test_deploy_and_scheduled_runs_announce_after_the_site_is_live_and_keep_the_record() -> None:
    for name in ("deploy", "scheduled"):
        workflow = load(f"examples/github/{name}.yml")
        job = workflow["jobs"]["announce"]
        assert job["needs"] == "deploy" and job["permissions"] == {"contents": "write"}
        commands = "\n".join(step.get("run", "") for step in job["steps"])
        assert "herald announce --ledger deliveries/announced.json" in commands
        assert "git push origin HEAD:herald-deliveries" in commands
        [announce_step] = [s for s in job["steps"] if "herald announce --ledger" in s.get("run", "")]
        assert announce_step["env"] == {"HERALD_ANNOUNCE_URLS": "${{ secrets.HERALD_ANNOUNCE_URLS }}"}
        keep = job["steps"][-1]
        assert keep["if"] == "always()" and "announced.json" in keep["run"]


def test_review_checks_strictly_and_uploads_a_preview_of_every_pull_request() -> None:
    workflow = load("examples/github/review.yml")
    assert "pull_request" in triggers(workflow) and workflow["permissions"] == {"contents": "read"}
    commands = runs(workflow)
    assert re.search(r"^herald check --strict$", commands, re.M)
    assert re.search(r"^herald build --site-dir preview$", commands, re.M)
    [upload] = [step for step in steps(workflow) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"] == "preview" and upload["with"]["include-hidden-files"] is True
    order = [step.get("name") for step in steps(workflow)]
    assert order.index("herald check --strict") < order.index("Build the preview") < order.index("Upload the preview")
    [channels] = [step for step in steps(workflow) if step.get("name") == "What each channel will say"]
    assert order.index("Build the preview") < order.index(channels["name"]) < order.index("Upload the preview")
    assert "herald announce --dry-run" in channels["run"] and '"${only[@]}"' in channels["run"]
    assert "preview/announcements.txt" in channels["run"] and "secrets." not in str(workflow)


def test_codeowners_make_a_second_person_approve_incidents() -> None:
    rules = [line.split() for line in (REPO / "examples/github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    owners = {rule[0]: rule[1:] for rule in rules}
    assert owners["/incidents/"] and all(owner.startswith("@") for owner in owners["/incidents/"])
    assert "/herald.yml" in owners  # who may change what the editor and the site may do
