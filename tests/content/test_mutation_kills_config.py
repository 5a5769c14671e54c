"""herald.yml and front matter errors, each with its file, line, field, code, message and hint (what
mutation testing showed unpinned). Lines counted by hand: BASE_CONFIG has 17 lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.frontmatter import parse_front_matter
from generator.content.settings import load_settings
from tests.conftest import BASE_CONFIG, ProjectFactory


def config_errors(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "herald.yml").write_text(text, encoding="utf-8")
    settings, diagnostics = load_settings(tmp_path)
    assert settings is None
    return [d.format() for d in diagnostics]


def test_base_config_is_17_lines() -> None:
    assert BASE_CONFIG.count("\n") == 17


@pytest.mark.parametrize("extra,expected", [
    ("limits:\n  max_files: 99999999999999\n",
     "herald.yml:19: error [out-of-range] limits.max_files: limits.max_files is 99999999999999; the largest value "
     "allowed is 10,000,000\n    hint: use a smaller number"),
    ("pages_dir: ../out\n",
     "herald.yml:18: error [path-escapes] pages_dir: '../out' must be a folder inside the project\n"
     "    hint: use a relative path"),
    ("incidents_dir: /srv/incidents\n",
     "herald.yml:18: error [path-escapes] incidents_dir: '/srv/incidents' must be a folder inside the project\n"
     "    hint: use a relative path"),
])
def test_config_bounds_and_folders(tmp_path: Path, extra: str, expected: str) -> None:
    assert config_errors(tmp_path, BASE_CONFIG + extra) == [expected]


def test_unknown_group_and_empty_languages(tmp_path: Path) -> None:
    text = BASE_CONFIG.replace("    group: funds\n  - id: deposits", "    group: fund\n  - id: deposits", 1)
    assert config_errors(tmp_path, text) == [
        "herald.yml:12: error [unknown-group] components[0].group: group 'fund' is not declared under groups\n"
        "    hint: did you mean 'funds'?"]
    assert config_errors(tmp_path, BASE_CONFIG.replace("languages: [en, zh]", "languages: []")) == [
        "herald.yml:5: error [empty-value] site.languages: site.languages is empty\n"
        "    hint: list at least one language, e.g. [en] or [en, zh]"]


def test_missing_and_unreadable_config(tmp_path: Path) -> None:
    settings, [missing] = load_settings(tmp_path)
    assert settings is None and missing.format() == (
        f"herald.yml: error [no-config] no herald.yml in {tmp_path}\n    hint: run herald in the project folder, or "
        "pass --root")
    (tmp_path / "herald.yml").write_bytes(b"\xff\xfe\x00bad")
    settings, [unreadable] = load_settings(tmp_path)
    assert settings is None and (unreadable.code, unreadable.field, unreadable.line) == ("unreadable", "", 0)
    assert unreadable.format().startswith("herald.yml: error [unreadable] cannot read the file: 'utf-8' codec")
    assert unreadable.hint == "save it as UTF-8 text"


def test_company_defaults_to_the_site_name_and_descriptions_take_the_default_language(project: ProjectFactory
                                                                                     ) -> None:
    config = project.root / "herald.yml"
    config.write_text(config.read_text().replace("    name: {en: API, zh: 接口}", "    name: {en: API, zh: 接口}\n"
                                                 "    description: Programmatic access"))
    settings, diagnostics = load_settings(project.root)
    assert diagnostics == []
    assert settings.company == {"en": "Example Status", "zh": "示例状态"}
    assert settings.component("api").description == {"en": "Programmatic access"}
    assert settings.component("withdrawals").description == {}


@pytest.mark.parametrize("text,expected", [
    ("---\na: 1\na: 2\n---\n", "f.md:3: error [duplicate-key] a: field 'a' appears twice\n    hint: keep one of them"),
    ("---\nb: &x 1\nc: *x\n---\n",
     "f.md:3: error [yaml-alias] c: YAML aliases (*name) are not allowed\n    hint: write the value out in full"),
    ("---\n- 1\n- 2\n---\n",
     "f.md:2: error [not-a-mapping] expected 'field: value' lines, got a list\n    hint: write one 'field: value' per line"),
    ("---\na: *x\n---\n", "f.md:2: error [bad-yaml] malformed YAML: found undefined alias\n"
                          "    hint: check indentation, and quote values that contain ': ' or start with a symbol"),
    ("---\ntitle: X\nfacts:\n  a: {label: A\n---\n", None),  # a flow mapping left open: reported where YAML stops
])
def test_front_matter_yaml_errors(text: str, expected: str | None) -> None:
    front, diagnostics = parse_front_matter(text, "f.md")
    assert front is None and len(diagnostics) == 1
    [found] = diagnostics
    if expected is None:
        assert found.code == "bad-yaml" and found.line >= 4 and found.path == "f.md"
        assert found.message.startswith("malformed YAML: ")
    else:
        assert found.format() == expected


def test_body_line_follows_the_front_matter() -> None:
    front, diagnostics = parse_front_matter("---\ntitle: X\nstatus: y\n---\nBody starts here\n", "f.md")
    assert diagnostics == [] and front.body_line == 5 and front.body == "Body starts here\n"
