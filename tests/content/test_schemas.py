"""JSON Schemas agree with ``herald check``: they accept the demo content and reject the invalid fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.pipeline import load_project
from generator.errors import Severity
from generator.content.frontmatter import parse_front_matter, parse_yaml_mapping
from generator.outputs.json_schemas import MODELS, schema_documents, schema_files, schema_name_for
from tests.conftest import REPO, ProjectFactory, update
from tests.authoring.test_authoring import herald

VALIDATORS = {name: jsonschema.Draft202012Validator(document) for name, document in schema_documents().items()}
INCIDENT = "incidents/2026-11-20-x"
BASE = "title: X\nimpact: minor\ncomponents: [api]\nstarted_at: 2026-11-20T08:00:00+08:00\n"


def front_matter(path: Path, relative: str) -> dict:
    """A content file's metadata as Herald reads it (times stay text)."""
    text = path.read_text(encoding="utf-8")
    if relative.endswith((".yml", ".yaml")):
        data, _, diagnostics = parse_yaml_mapping(text, relative)
    else:
        front, diagnostics = parse_front_matter(text, relative)
        data = front.meta if front else None
    assert data is not None, diagnostics
    return data


def schema_errors(name: str, data: dict) -> list[str]:
    return [error.message for error in VALIDATORS[name].iter_errors(data)]


def test_every_schema_is_valid_json_schema() -> None:
    for document in schema_documents().values():
        jsonschema.Draft202012Validator.check_schema(document)
    assert set(schema_files()) == {f"schemas/{name}.schema.json" for name in MODELS}


def test_committed_schemas_are_up_to_date() -> None:
    for relative, text in schema_files().items():
        assert (REPO / relative).read_text(encoding="utf-8") == text, f"run herald schema ({relative} is stale)"
    assert herald(REPO, "schema", "--check").exit_code == 0


def test_schema_command_writes_where_asked(tmp_path: Path) -> None:
    result = herald(REPO, "schema", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{n}.schema.json" for n in MODELS)
    (tmp_path / "out" / "update.schema.json").write_text("{}", encoding="utf-8")
    stale = herald(REPO, "schema", "--check", "--out", str(tmp_path / "out"))
    assert stale.exit_code == 1 and "update.schema.json" in stale.stderr


def demo_files() -> list[str]:
    pages = [p for p in (REPO / "site_src").rglob("*") if p.is_file()] if (REPO / "site_src").is_dir() else []
    files = [REPO / "herald.yml", *(REPO / "incidents").rglob("*.md"), *pages]
    return sorted(p.relative_to(REPO).as_posix() for p in files if schema_name_for(p.relative_to(REPO).as_posix()))


def test_demo_content_passes_check_and_every_schema() -> None:
    project = load_project(REPO)
    assert project.ok, [d.format() for d in project.diagnostics]
    files = demo_files()
    assert {schema_name_for(f) for f in files} >= {"config", "incident", "incident-translation", "update",
                                                   "update-translation", "faq", "faq-translation"}
    for relative in files:
        errors = schema_errors(schema_name_for(relative), front_matter(REPO / relative, relative))
        assert errors == [], (relative, errors)


INVALID = [
    ("2026-11-20T0900.md", update("2026-11-20T09:00:00+08:00", "resovled")),
    ("2026-11-20T0900.md", update("2026-11-20T09:00:00", "investigating")),
    ("2026-11-20T0900.md", update("2026-11-20T09:00:00+08:00", "investigating", "stauts: resolved")),
    ("2026-11-20T0900.md", update("2026-11-20T09:00:00+08:00", "investigating", "components: {api: down}")),
    ("2026-11-20T0900.md", update("2026-11-20T09:00:00+08:00", "investigating", "components: {Bad_ID: major_outage}")),
    ("2026-11-20T0900.md", update("2026-11-20T09:00:00+08:00", "investigating", "next_update: soon")),
    ("2026-11-20T0900.md", update("2026-11-20T09:00:00+08:00", "investigating", "facts: {x: {label: X}}")),
    ("2026-11-20T0900.md", "---\nat: 2026-11-20T09:00:00+08:00\n---\nNo status.\n"),
    ("incident.md", f"---\n{BASE.replace('minor', 'huge')}---\nx\n"),
    ("incident.md", f"---\n{BASE}kind: outage\n---\nx\n"),
    ("incident.md", "---\n" + BASE.replace("title: X", 'title: "  "') + "---\nx\n"),
    ("incident.md", f"---\n{BASE}scam_warning: maybe\n---\nx\n"),
    ("incident.md", f"---\n{BASE}facts: {{funds: {{label: Funds}}}}\n---\nx\n"),
    ("incident.md", f"---\n{BASE}actions: {{a: {{text: Do it, urgency: later}}}}\n---\nx\n"),
    ("incident.md", f"---\n{BASE}tags: [Not An Id]\n---\nx\n"),
    ("incident.zh.md", "---\ntitle: 标题\nimpact: major\n---\nx\n"),
    ("2026-11-20T1000.zh.md", "---\nstatus: resolved\n---\nx\n"),
    ("faq/why.md", "---\norder: 3\n---\nAn answer without a question.\n"),
]


@pytest.mark.parametrize("name, text", INVALID, ids=[f"{n}-{i}" for i, (n, _) in enumerate(INVALID)])
def test_invalid_fixtures_fail_check_and_the_schema(project: ProjectFactory, name: str, text: str) -> None:
    project.incident("2026-11-20-x", BASE, updates={
        "2026-11-20T1000": update("2026-11-20T10:00:00+08:00", "investigating")})
    relative = f"{INCIDENT}/{name}"
    project.file(relative, text)
    diagnostics = load_project(project.root).diagnostics
    assert any(d.path == relative and d.severity is Severity.ERROR for d in diagnostics), relative
    assert schema_errors(schema_name_for(relative), front_matter(project.root / relative, relative)), text


@pytest.mark.parametrize("change", [
    ("url: https://status.example.com/", "url: status.example.com"),
    ("languages: [en, zh]", "languages: [en, Chinese]"),
    ("  - id: api\n", "  - id: API\n"),
    ("time_zone: Asia/Shanghai", "time_zone: Asia/Shanghai\n  colour: red"),
])
def test_invalid_configuration_fails_check_and_the_schema(project: ProjectFactory, change: tuple[str, str]) -> None:
    config = (project.root / "herald.yml").read_text(encoding="utf-8")
    assert change[0] in config
    project.file("herald.yml", config.replace(change[0], change[1], 1))
    assert not load_project(project.root).ok
    assert schema_errors("config", front_matter(project.root / "herald.yml", "herald.yml"))


def test_valid_fixture_content_passes_both(outage: ProjectFactory) -> None:
    assert load_project(outage.root).ok
    for path in sorted((outage.root / "incidents").rglob("*.md")) + [outage.root / "herald.yml"]:
        relative = path.relative_to(outage.root).as_posix()
        assert schema_errors(schema_name_for(relative), front_matter(path, relative)) == [], relative


def test_schema_names_by_path() -> None:
    assert schema_name_for("herald.yml") == "config"
    assert schema_name_for("incidents/x/incident.md") == "incident"
    assert schema_name_for("incidents/x/incident.zh.md") == "incident-translation"
    assert schema_name_for("incidents/x/2026-11-20T0900.md") == "update"
    assert schema_name_for("incidents/x/2026-11-20T0900.zh.md") == "update-translation"
    assert schema_name_for("incidents/x/faq/why.md") == "faq"
    assert schema_name_for("site_src/faq/scams/why.zh.md") == "faq-translation"
    assert schema_name_for("site_src/faq/scams/_topic.yml") == "faq-topic"
    assert schema_name_for("site_src/kb/index.md") is None
    assert json.loads(schema_files()["schemas/update.schema.json"])["properties"]["at"]["pattern"]
