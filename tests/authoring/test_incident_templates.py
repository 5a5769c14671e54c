"""Built-in incident templates: every one renders, in both languages, into files ``herald check`` accepts,
with a sound structure and clearly bracketed prompts rather than finished-looking prose."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from generator.authoring.workspace import check_draft, load_workspace
from generator.authoring.new_incident import NewIncident, plan_new, slugify
from generator.authoring.template_catalog import BUILTIN_DIR, PARTS, available, unfilled_prompts
from tests.conftest import ProjectFactory
from tests.authoring.test_authoring import herald

REQUIRED = {"hot-wallet-theft", "data-exposure", "deposits-withdrawals-delayed", "service-outage",
            "degraded-performance", "scheduled-maintenance", "scam-warning", "wallet-app-compromise"}
NOW = datetime.fromisoformat("2026-11-20T11:00:00+08:00")
HEADINGS = {"en": ("What happened", "What is happening", "What is affected", "Who is targeted", "What we are doing",
                   "What you should do"),
            "zh": ("发生了什么", "正在发生什么", "哪些服务受影响", "针对谁", "我们正在做什么", "您需要做什么")}


def test_the_common_cases_are_built_in_in_both_languages(tmp_path: Path) -> None:
    templates = available(tmp_path)
    assert REQUIRED <= set(templates)
    for template in templates.values():
        assert template.source == "built-in" and template.languages() == ["en", "zh"], template.name
        assert template.description.get("en") and template.description.get("zh")


@pytest.mark.parametrize("name", sorted(p.name for p in BUILTIN_DIR.iterdir() if p.is_dir()))
def test_template_renders_into_files_check_accepts(project: ProjectFactory, name: str) -> None:
    workspace = load_workspace(project.root)
    template = available(project.root)[name]
    window = (NOW + timedelta(days=2), NOW + timedelta(days=2, hours=2)) if template.kind == "maintenance" else None
    components = () if template.kind == "notice" else ("withdrawals", "deposits")
    for next_update in (None, "2h"):
        request = NewIncident(title="A title", now=NOW, components=components, window=window, translations=("zh",),
                              next_update=next_update)
        draft = plan_new(workspace, request, template)
        verdict = check_draft(workspace, draft, NOW)
        assert not verdict.errors, [d.format() for d in verdict.errors]
        assert len(draft.files) == 4
        texts = "\n".join(draft.files.values())
        assert "{{" not in texts and "{%" not in texts
        if next_update:
            assert "by 20 Nov 2026, 13:00 UTC+08:00" in texts and "2026年11月20日 13:00" in texts


@pytest.mark.parametrize("name", sorted(REQUIRED - {"scheduled-maintenance"}))
def test_template_structure_and_prompts(name: str) -> None:
    for lang, suffix in (("en", ""), ("zh", ".zh")):
        incident = (BUILTIN_DIR / name / f"incident{suffix}.md").read_text(encoding="utf-8")
        update = (BUILTIN_DIR / name / f"first-update{suffix}.md").read_text(encoding="utf-8")
        body = incident.split("---\n", 2)[2]
        assert sum(heading in body for heading in HEADINGS[lang]) == 4, (name, lang)
        assert "next_update" in update or "next" in update  # when the next update comes
        # every paragraph asks for something: bracketed prompts, never finished-looking prose
        for paragraph in [p for p in body.split("\n\n") if p.strip()]:
            assert unfilled_prompts(paragraph), (name, lang, paragraph)


def test_scheduled_maintenance_states_its_window(project: ProjectFactory) -> None:
    result = herald(project.root, "new", "--template", "scheduled-maintenance", "--title", "Node upgrade",
                    "--component", "deposits", "--window-start", "2026-11-28T02:00:00+08:00",
                    "--window-end", "2026-11-28T04:00:00+08:00", "--lang", "zh", "--now", NOW.isoformat())
    assert result.exit_code == 0, result.output
    folder = project.root / "incidents/2026-11-28-node-upgrade"
    incident = (folder / "incident.md").read_text(encoding="utf-8")
    assert "kind: maintenance" in incident and "scheduled_for: 2026-11-28T02:00:00+08:00" in incident
    assert "From 28 Nov 2026, 02:00 UTC+08:00 to 28 Nov 2026, 04:00 UTC+08:00." in incident
    assert "status: scheduled" in (folder / "2026-11-20T1100.md").read_text(encoding="utf-8")


def test_scam_warning_is_a_notice_shown_as_scam_warning(project: ProjectFactory) -> None:
    result = herald(project.root, "new", "--template", "scam-warning", "--title", "Fake refund e-mails",
                    "--now", NOW.isoformat())
    assert result.exit_code == 0, result.output
    incident = (project.root / "incidents/2026-11-20-fake-refund-e-mails/incident.md").read_text(encoding="utf-8")
    assert "kind: notice" in incident and "scam_warning: true" in incident and "impact: none" in incident


def test_prompt_detection_skips_links_and_checkboxes() -> None:
    text = "[Which wallet? How much?]\nSee [Is my money safe?](faq.md) and [x?][ref].\n- [ ] done\n[哪个钱包？]\n"
    assert [line for line, _ in unfilled_prompts(text)] == [1, 4]


def test_every_template_file_is_listed_in_the_package(tmp_path: Path) -> None:
    for template in available(tmp_path).values():
        names = sorted(p.name for p in template.folder.iterdir())
        assert names == sorted(["template.yml"] + [f"{part}{s}.md" for part in PARTS for s in ("", ".zh")])


@pytest.mark.parametrize("title, slug", [
    ("Withdrawals paused after a hot-wallet theft", "withdrawals-paused-after-a-hot-wallet"),
    ("Déjà vu: café API down!", "deja-vu-cafe-api-down"),
    ("提币暂停", ""),
    ("提币 paused 暂停", "paused"),
    ("A" * 100, "a" * 48),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert re.fullmatch(r"[a-z0-9-]*", slugify(title))
