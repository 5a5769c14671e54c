"""The web editor's configuration (Decap CMS), made from herald.yml and the content, and what Herald accepts from it."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import yaml
from hypothesis import given, settings as hypothesis_settings, strategies as st

from generator.authoring.editor_config import editor_files
from generator.authoring.template_catalog import unfilled_prompts
from generator.authoring.updates import UpdateRequest, plan_update
from generator.authoring.workspace import load_workspace
from generator.content.frontmatter import parse_front_matter, parse_translation
from generator.model import INCIDENT_STATUSES, MAINTENANCE_STATUSES
from tests.conftest import ProjectFactory, add_outage, update

EDITOR = "editor:\n  backend: github\n  repo: example/status\n  local_server: http://127.0.0.1:8081/api/v1\n"
DOWN = "incidents/2026-11-20-withdrawals-down"


def _with_editor(project: ProjectFactory, section: str = EDITOR) -> ProjectFactory:
    config = project.root / "herald.yml"
    config.write_text(config.read_text(encoding="utf-8") + section, encoding="utf-8")
    return project


def _config(project: ProjectFactory) -> dict:
    files = editor_files(load_workspace(project.root), script_present=True)
    return yaml.safe_load(files["admin/config.yml"])


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _field(fields: list[dict], name: str) -> dict:
    return next(f for f in fields if f["name"] == name)


def _check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check",
                           "--now", "2026-11-20T12:30:00+08:00"], capture_output=True, text=True, timeout=120)


def test_no_editor_section_publishes_no_editor(project: ProjectFactory) -> None:
    add_outage(project)
    assert editor_files(load_workspace(project.root), script_present=True) == {}


def test_every_existing_file_and_translation_is_named_exactly(project: ProjectFactory) -> None:
    config = _config(_with_editor(add_outage(project)))
    assert config["backend"] == {"name": "github", "repo": "example/status", "branch": "main"}
    assert config["local_backend"]["url"] == "http://127.0.0.1:8081/api/v1"
    assert config["publish_mode"] == "editorial_workflow"
    files = {f["file"] for f in _collection(config, "incident-2026-11-20-withdrawals-down")["files"]}
    assert files == {f"{DOWN}/incident.md", f"{DOWN}/incident.zh.md", f"{DOWN}/2026-11-20T0830.md",
                     f"{DOWN}/2026-11-20T0830.zh.md", f"{DOWN}/2026-11-20T1000.md", f"{DOWN}/2026-11-20T1000.zh.md"}
    new = _collection(config, "update-2026-11-20-withdrawals-down")
    assert new["folder"] == DOWN and new["create"] is True
    assert new["slug"] == "{{fields.at | date('YYYY-MM-DD[T]HHmm')}}"


def test_widgets_follow_the_rules_of_herald_check(project: ProjectFactory) -> None:
    project.incident("2026-11-28-node-upgrade", """
        title: Node upgrade
        kind: maintenance
        started_at: 2026-11-28T01:00:00+08:00
        scheduled_for: 2026-11-28T01:00:00+08:00
        scheduled_until: 2026-11-28T03:00:00+08:00
    """, updates={"2026-11-27T1000": update("2026-11-27T10:00:00+08:00", "scheduled")})
    config = _config(_with_editor(add_outage(project)))
    outage = _collection(config, "update-2026-11-20-withdrawals-down")["fields"]
    upkeep = _collection(config, "update-2026-11-28-node-upgrade")["fields"]
    assert _field(outage, "status")["options"] == list(INCIDENT_STATUSES)
    assert _field(upkeep, "status")["options"] == list(MAINTENANCE_STATUSES)
    components = _field(outage, "components")
    assert [f["name"] for f in components["fields"]] == ["withdrawals", "deposits", "api"]
    assert "major_outage" in components["fields"][0]["options"] and not components["fields"][0]["required"]
    for name in ("at", "next_update"):
        assert _field(outage, name)["format"] == "YYYY-MM-DDTHH:mm:ssZ"
    assert [f["name"] for f in _field(outage, "facts")["fields"]] == ["amount"]
    assert "facts" not in [f["name"] for f in upkeep]
    maintenance = _collection(config, "incident-2026-11-28-node-upgrade")["files"][0]["fields"]
    assert {"scheduled_for", "scheduled_until"} <= {f["name"] for f in maintenance}
    translation = _collection(config, "incident-2026-11-20-withdrawals-down")["files"][-1]
    assert translation["file"].endswith(".zh.md") and [f["name"] for f in translation["fields"]] == ["body"]


def test_templates_give_new_incident_forms_with_prompts_as_hints_only(project: ProjectFactory) -> None:
    config = _config(_with_editor(add_outage(project)))
    outage = _collection(config, "new-service-outage")
    assert outage["folder"] == "incidents" and outage["path"] == "{{slug}}/incident"
    fields = outage["fields"]
    assert _field(fields, "kind") == {"name": "kind", "widget": "hidden", "default": "incident"}
    assert _field(fields, "impact")["default"] == "critical"
    body = _field(fields, "body")
    assert unfilled_prompts(body["hint"]) and "default" not in body  # the questions are hints, not text
    first = _field(fields, "first_update")["fields"]  # the first update, in the same form
    assert _field(first, "status")["options"] == list(INCIDENT_STATUSES)
    assert _field(first, "status")["default"] == "investigating"
    assert "[What can you confirm right now" in _field(first, "body")["hint"]
    saver = _field(fields, "first_update_file")
    assert saver["widget"] == "herald-first-update" and saver["media_folder"] == ""  # beside incident.md
    assert "{file}" in saver["herald_saved"]
    maintenance = _collection(config, "new-scheduled-maintenance")["fields"]
    assert _field(_field(maintenance, "first_update")["fields"], "status")["default"] == "scheduled"
    assert _field(maintenance, "kind")["default"] == "maintenance"
    assert "scheduled_until" in [f["name"] for f in maintenance]
    for collection in config["collections"]:
        for field in collection.get("fields", []):
            assert not unfilled_prompts(str(field.get("default", ""))), (collection["name"], field["name"])


def test_faq_topics_and_knowledge_base_pages_are_collections(project: ProjectFactory) -> None:
    project.file("site_src/faq/safety/are-funds-safe.md", "---\nquestion: Are my funds safe?\n---\nYes.\n")
    project.file("site_src/faq/safety/_topic.yml", "title: Safety\n")
    project.file("site_src/kb/phishing.md", "---\ntitle: Phishing\n---\nText.\n")
    config = _config(_with_editor(add_outage(project)))
    faq = _collection(config, "faq-safety")
    assert [f["file"] for f in faq["files"]] == ["site_src/faq/safety/are-funds-safe.md",
                                                 "site_src/faq/safety/are-funds-safe.zh.md"]
    assert _field(faq["files"][1]["fields"], "question")["required"] is True
    assert _collection(config, "new-faq-safety")["folder"] == "site_src/faq/safety"
    assert [f["file"] for f in _collection(config, "kb")["files"]] == ["site_src/kb/phishing.md",
                                                                       "site_src/kb/phishing.zh.md"]


def test_the_configuration_is_deterministic_and_the_page_loads_no_other_host(project: ProjectFactory) -> None:
    _with_editor(add_outage(project))
    first = editor_files(load_workspace(project.root), script_present=True)
    assert first == editor_files(load_workspace(project.root), script_present=True)
    page = first["admin/index.html"]
    assert '<script src="vendor/decap-cms.js"></script>' in page and "http" not in page.replace('"text/yaml"', "")
    missing = editor_files(load_workspace(project.root), script_present=False)["admin/index.html"]
    assert "<script" not in missing and ".ci/setup.sh" in missing


def test_a_git_host_backend_needs_its_repository(project: ProjectFactory) -> None:
    _with_editor(add_outage(project), "editor:\n  backend: gitlab\n")
    result = _check(project.root)
    assert result.returncode != 0 and "herald.yml" in result.stdout + result.stderr
    assert "editor.repo" in result.stdout + result.stderr and "Traceback" not in result.stderr


def test_a_translation_without_front_matter_passes_check(project: ProjectFactory) -> None:
    add_outage(project)
    project.file(f"{DOWN}/2026-11-20T1000.zh.md", "已找到原因。\n")
    result = _check(project.root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_original_without_front_matter_is_still_refused(project: ProjectFactory) -> None:
    add_outage(project)
    project.file(f"{DOWN}/2026-11-20T1100.md", "Just text.\n")
    result = _check(project.root)
    assert result.returncode != 0 and "no-front-matter" in result.stdout + result.stderr


def test_the_editors_lowercase_update_names_pass_but_may_not_clash(project: ProjectFactory) -> None:
    add_outage(project)
    project.file(f"{DOWN}/2026-11-20t1100.md", update("2026-11-20T11:00:00+08:00", "monitoring"))
    assert _check(project.root).returncode == 0
    project.file(f"{DOWN}/2026-11-20T1100.md", update("2026-11-20T11:00:00+08:00", "monitoring"))
    result = _check(project.root)
    assert result.returncode != 0 and "case-clash" in result.stdout + result.stderr


@hypothesis_settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Cf")), max_size=80))
def test_any_title_reads_back_from_the_configuration(tmp_path_factory, title: str) -> None:
    project = ProjectFactory(tmp_path_factory.mktemp("p"))
    _with_editor(project)
    folder = "2026-11-20-x"
    path = project.root / f"incidents/{folder}/incident.md"
    path.parent.mkdir(parents=True)
    front = yaml.safe_dump({"title": title or "t", "started_at": "2026-11-20T08:00:00+08:00"}, allow_unicode=True)
    path.write_text(f"---\n{front}---\nText.\n", encoding="utf-8")
    label = _collection(_config(project), f"incident-{folder}")["label"]
    assert label == f"{title or 't'} · {folder}"


def test_herald_update_does_not_take_a_name_the_editor_took_in_lower_case(project: ProjectFactory) -> None:
    add_outage(project)
    project.file(f"{DOWN}/2026-11-20t1100.md", update("2026-11-20T11:00:00+08:00", "monitoring"))
    request = UpdateRequest("2026-11-20-withdrawals-down", datetime.fromisoformat("2026-11-20T11:00:00+08:00"),
                            "Still watching.")
    draft = plan_update(load_workspace(project.root), request)
    assert list(draft.files) == [f"{DOWN}/2026-11-20T110000.md"]


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_a_translation_is_its_text_alone_unless_it_opens_a_front_matter_block(text: str) -> None:
    front, diagnostics = parse_translation(text, "incidents/x/a.zh.md")
    if text.startswith("---") or not text.strip():
        assert (front, diagnostics) == parse_front_matter(text, "incidents/x/a.zh.md")
    else:
        assert diagnostics == [] and front is not None and front.meta == {} and front.body == text
