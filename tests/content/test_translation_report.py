"""The translation report (content/translation_report.py, content/translation_hash.py, ``herald translations``):
untranslated files, facts and actions, translations whose original changed after them (by ``source_hash``), in
``herald check`` as warnings (errors with ``--strict`` or ``checks.translations: required``, nothing with ``off``),
the counts table, the translators' worklist, ``--stamp`` and ``herald update --lang``."""

from __future__ import annotations

import re
import string
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import given, settings, strategies as st

from generator.adapters.cli import main
from generator.content.settings import load_settings
from generator.content.translation_hash import hash_of_text, source_hash, stamp
from generator.errors import Severity
from generator.pipeline import load_project
from tests.conftest import ProjectFactory, update

FOLDER = "incidents/2026-11-20-paused"
NOW = "2026-11-20T12:00:00+08:00"


def herald(root: Path, *args: str) -> Result:
    """Run a herald command in-process."""
    return CliRunner().invoke(main, ["--root", str(root), *args], catch_exceptions=False)


def stamped(project: ProjectFactory, relative: str) -> None:
    """Record in a translation the hash of its original as it is now."""
    result = herald(project.root, "translations", "--stamp", str(project.root / relative))
    assert result.exit_code == 0, result.output
    assert f"stamped {relative}" in result.output or "stamped " in result.output


def translated_project(project: ProjectFactory) -> ProjectFactory:
    """With ``checks.translations`` at its default: one incident (two facts, two actions), two updates, an FAQ entry and two pages, partly translated.

    The incident's translation gives one fact's label only and one action of two; the first update's translation
    is stamped and then its original edited (outdated); the second update has no translation; one page has none.
    """
    set_check(project, "optional")
    project.incident("2026-11-20-paused", """
        title: Withdrawals paused
        impact: minor
        components: [withdrawals]
        started_at: 2026-11-20T08:00:00+08:00
        facts:
          funds: {label: Funds affected, value: Under assessment}
          users: {label: Users affected, value: About 300}
        actions:
          password: {text: Change your password, urgency: now}
          phishing: {text: Ignore messages asking for your seed phrase}
    """, body="We paused withdrawals.", updates={
        "2026-11-20T0830": update("2026-11-20T08:30:00+08:00", "investigating",
                                  "facts:\n  funds: {value: 10 ETH}", body="We are looking into it."),
        "2026-11-20T1000": update("2026-11-20T10:00:00+08:00", "identified",
                                  "facts:\n  users: {value: About 450}", body="Cause found."),
    })
    project.file(f"{FOLDER}/incident.zh.md", """
        ---
        title: 提币暂停
        facts:
          funds: {label: 受影响资金, value: 评估中}
          users: {label: 受影响用户}
        actions:
          password: {text: 修改密码}
        ---
        我们已暂停提币。
    """)
    project.file(f"{FOLDER}/2026-11-20T0830.zh.md", "---\nfacts:\n  funds: {value: 10 ETH}\n---\n我们正在调查。\n")
    project.file("site_src/faq/general/_topic.yml", "title: General\n")
    project.file("site_src/faq/general/why.md", "---\nquestion: Why?\n---\nBecause.\n")
    project.file("site_src/faq/general/why.zh.md", "---\nquestion: 为什么？\n---\n因为。\n")
    project.file("site_src/kb/index.md", "---\ntitle: Knowledge base\n---\nArticles.\n")
    project.file("site_src/kb/index.zh.md", "---\ntitle: 知识库\n---\n文章。\n")
    project.file("site_src/kb/extra.md", "# Extra\n\nOnly in English.\n")
    stamped(project, f"{FOLDER}/incident.zh.md")
    stamped(project, f"{FOLDER}/2026-11-20T0830.zh.md")
    original = project.root / FOLDER / "2026-11-20T0830.md"
    original.write_text(original.read_text().replace("We are looking into it.", "We are looking into it; "
                                                     "deposits are safe."), encoding="utf-8")
    return project


def translation_diagnostics(project: ProjectFactory) -> list[tuple[str, int, str, str, Severity]]:
    """(path, line, field, code, severity) of every translation diagnostic ``herald check`` gives."""
    codes = {"untranslated", "outdated-translation", "untranslated-fact", "untranslated-action"}
    found = load_project(project.root, lambda pinned: None).diagnostics
    return [(d.path, d.line, d.field, d.code, d.severity) for d in found if d.code in codes]


def set_check(project: ProjectFactory, value: str) -> None:
    """Set ``checks.translations`` in herald.yml ("optional": leave it out, the default)."""
    config = project.root / "herald.yml"
    text = re.sub(r"checks:\n  translations: \w+\n", "", config.read_text())
    config.write_text(text + ("" if value == "optional" else f"checks:\n  translations: {value}\n"),
                      encoding="utf-8")


EXPECTED = [
    (f"{FOLDER}/2026-11-20T0830.zh.md", 4, "source_hash", "outdated-translation", Severity.WARNING),
    (f"{FOLDER}/2026-11-20T1000.md", 0, "", "untranslated", Severity.WARNING),
    (f"{FOLDER}/incident.zh.md", 5, "facts.users", "untranslated-fact", Severity.WARNING),
    (f"{FOLDER}/incident.zh.md", 6, "actions.phishing", "untranslated-action", Severity.WARNING),
    ("site_src/kb/extra.md", 0, "", "untranslated", Severity.WARNING),
]


def test_check_warns_of_each_missing_and_outdated_item_with_file_line_and_code(project: ProjectFactory) -> None:
    translated_project(project)
    assert translation_diagnostics(project) == EXPECTED
    result = herald(project.root, "check", "--now", NOW)
    assert result.exit_code == 0, result.output
    assert "2026-11-20T0830.zh.md:4: warning [outdated-translation] source_hash:" in result.output
    assert (f"{FOLDER}/2026-11-20T1000.md: warning [untranslated] this update has no zh translation\n"
            f"    hint: write {FOLDER}/2026-11-20T1000.zh.md (herald update 2026-11-20-paused --lang zh "
            "--of 2026-11-20T1000 -m TEXT writes it)") in result.output
    assert (f"incident.zh.md:5: warning [untranslated-fact] facts.users: fact 'users' of {FOLDER}/incident.md "
            "is not translated into zh\n    hint: add facts.users with its value to "
            f"{FOLDER}/incident.zh.md") in result.output
    assert f"then run herald translations --stamp {FOLDER}/2026-11-20T0830.zh.md" in result.output
    assert "0 error(s), 5 warning(s)" in result.output


def test_strict_and_required_fail_and_off_silences(project: ProjectFactory) -> None:
    translated_project(project)
    strict = herald(project.root, "check", "--strict", "--now", NOW)
    assert strict.exit_code == 1 and "0 error(s), 5 warning(s)" in strict.output
    set_check(project, "required")
    assert [d[-1] for d in translation_diagnostics(project)] == [Severity.ERROR] * 5
    required = herald(project.root, "check", "--now", NOW)
    assert required.exit_code == 1 and "5 error(s), 0 warning(s)" in required.output
    set_check(project, "off")
    assert translation_diagnostics(project) == []
    assert herald(project.root, "check", "--strict", "--now", NOW).exit_code == 0


def test_an_unknown_setting_is_an_error_and_the_default_is_optional(project: ProjectFactory) -> None:
    assert load_settings(project.root)[0].translations == "optional"
    set_check(project, "always")
    result = herald(project.root, "check", "--now", NOW)
    assert result.exit_code == 1 and "checks.translations" in result.output


def test_one_language_has_nothing_to_translate(project: ProjectFactory) -> None:
    config = project.root / "herald.yml"
    config.write_text(config.read_text().replace("languages: [en, zh]", "languages: [en]"), encoding="utf-8")
    set_check(project, "required")
    project.file("site_src/kb/extra.md", "# Extra\n")
    assert translation_diagnostics(project) == []


def test_the_table_counts_each_kind(project: ProjectFactory) -> None:
    translated_project(project)
    result = herald(project.root, "translations", "--no-git")
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[2:8]}
    # incident: its translation is stamped and current; updates: T0830 outdated, T1000 has none; facts: the
    # incident's funds (label and value given) and T0830's funds are translated, the incident's users (no value)
    # and T1000's users (no file) are not; actions: password yes, phishing no; the FAQ entry has its translation
    # (no hash: translated); pages: kb/index yes, kb/extra no.
    assert rows == {"incidents": ["1", "0", "0"], "updates": ["0", "1", "1"], "facts": ["2", "2", "-"],
                    "actions": ["1", "1", "-"], "FAQ": ["1", "0", "0"], "pages": ["1", "1", "0"]}
    assert "6 item(s) missing or outdated" in result.stdout  # T1000's fact goes with its file in herald check
    assert herald(project.root, "translations", "--no-git", "--strict").exit_code == 1


def test_the_worklist_lists_each_item_and_never_replaces_a_foreign_file(project: ProjectFactory,
                                                                        tmp_path_factory) -> None:
    translated_project(project)
    folder = tmp_path_factory.mktemp("work")
    target = folder / "todo.md"
    assert herald(project.root, "translations", "--no-git", "--worklist", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!-- written by herald translations")
    assert (f"| missing | fact `users` | `{FOLDER}/2026-11-20T1000.md` | `{FOLDER}/2026-11-20T1000.zh.md` | "
            "About 450 |") in text
    assert re.search(rf"\| outdated \(source_hash [0-9a-f]{{12}}, the original's is now [0-9a-f]{{12}}\) \| update "
                     rf"\| `{FOLDER}/2026-11-20T0830.md` \| `{FOLDER}/2026-11-20T0830.zh.md` \| We are looking", text)
    assert "| missing | page | `site_src/kb/extra.md` | `site_src/kb/extra.zh.md` | Extra |" in text
    assert text.count("\n| missing") + text.count("\n| outdated") == 6
    assert herald(project.root, "translations", "--no-git", "--worklist", str(target)).exit_code == 0  # its own
    foreign = folder / "notes.md"
    foreign.write_text("my notes\n", encoding="utf-8")
    refused = herald(project.root, "translations", "--worklist", str(foreign))
    assert refused.exit_code == 1 and "was not written by herald translations" in refused.output
    assert foreign.read_text(encoding="utf-8") == "my notes\n"
    assert herald(project.root, "translations", "--worklist", str(foreign), "--force").exit_code == 0
    inside = herald(project.root, "translations", "--worklist", str(project.root / "site_src" / "todo.md"))
    assert inside.exit_code == 1 and not (project.root / "site_src" / "todo.md").exists()


def test_stamp_makes_an_outdated_translation_current(project: ProjectFactory) -> None:
    translated_project(project)
    path = project.root / FOLDER / "2026-11-20T0830.zh.md"
    stamped(project, f"{FOLDER}/2026-11-20T0830.zh.md")
    assert [d[3] for d in translation_diagnostics(project)] == ["untranslated", "untranslated-fact",
                                                                "untranslated-action", "untranslated"]
    text = path.read_text(encoding="utf-8")
    assert text.count("source_hash:") == 1 and text.endswith("---\n我们正在调查。\n")
    original = (project.root / FOLDER / "2026-11-20T0830.md").read_text(encoding="utf-8")
    assert f"source_hash: {hash_of_text(original, 'x', 'update')}" in text


def test_stamp_refuses_what_is_not_a_translation(project: ProjectFactory) -> None:
    translated_project(project)
    for path, says in ((f"{FOLDER}/incident.md", "is not a translation"),
                       (f"{FOLDER}/2026-11-20T0900.zh.md", "does not exist")):
        result = herald(project.root, "translations", "--stamp", str(project.root / path))
        assert result.exit_code == 1 and says in result.output, result.output


def test_update_lang_records_the_hash_and_a_required_translation_never_blocks_the_original(
        project: ProjectFactory) -> None:
    translated_project(project)
    set_check(project, "required")
    written = herald(project.root, "update", "2026-11-20-paused", "-m", "Still paused.", "--now", NOW)
    assert written.exit_code == 0, written.output
    new = next(p for p in (project.root / FOLDER).glob("2026-11-20T1200.md"))
    assert "untranslated" in written.output  # told, as a warning, which translation to write
    result = herald(project.root, "update", "2026-11-20-paused", "--lang", "zh", "-m", "仍在暂停。", "--now", NOW)
    assert result.exit_code == 0, result.output
    text = (new.parent / "2026-11-20T1200.zh.md").read_text(encoding="utf-8")
    assert f"source_hash: {hash_of_text(new.read_text(encoding='utf-8'), 'x', 'update')}" in text
    assert not [d for d in translation_diagnostics(project) if "T1200" in d[0]]


def test_hashes_of_the_demo_kinds_ignore_what_is_not_translated() -> None:
    meta = {"title": "T", "impact": "minor", "facts": {"a": {"label": "L", "value": "V"}},
            "actions": {"x": {"text": "Do it", "urgency": "now", "link": "kb/x.md"}}}
    other = {"impact": "critical", "title": "T", "actions": {"x": {"urgency": "soon", "text": "Do it"}},
             "facts": {"a": {"value": "V", "label": "L"}}, "components": ["api"], "tags": ["t"]}
    assert source_hash(meta, "Body", "incident") == source_hash(other, "\n\nBody  \n\n", "incident")
    assert source_hash({"question": "Q", "order": 1, "tags": ["a"]}, "A", "faq") == \
        source_hash({"question": "Q", "order": 5}, "A", "faq")


texts = st.text(alphabet=string.ascii_letters + string.digits + " .,'中文", min_size=1, max_size=30).filter(
    lambda t: t.strip() == t)
lines = st.lists(texts, min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(title=texts, label=texts, value=texts, action=texts, body=lines, which=st.integers(0, 4),
       padding=st.sampled_from(["", " ", "  ", "\t"]))
def test_the_hash_ignores_layout_and_changes_with_any_translatable_text(title, label, value, action, body, which,
                                                                        padding) -> None:
    """Stable under trailing spaces, blank lines around the body, key order and untranslated fields; changed by
    an edit to the title, a fact's label or value, an action's text or the body."""
    def meta(t=title, la=label, v=value, a=action) -> dict:
        return {"title": t, "facts": {"f": {"label": la, "value": v}}, "actions": {"x": {"text": a}}}
    text = "\n".join(body)
    base = source_hash(meta(), text, "incident")
    relaid = {"actions": {"x": {"urgency": "now", "text": action + padding}}, "components": ["api"],
              "facts": {"f": {"value": padding + value, "label": label}}, "title": title}
    assert source_hash(relaid, "\n" + "\n".join(line + padding for line in body) + "\n\n", "incident") == base
    edits = [meta(t=title + "!"), meta(la=label + "!"), meta(v=value + "!"), meta(a=action + "!"), meta()]
    edited_text = text + "!" if which == 4 else text
    assert source_hash(edits[which], edited_text, "incident") != base


@settings(max_examples=60, deadline=None)
@given(title=texts, body=texts, existing=st.booleans())
def test_stamping_keeps_the_text_and_records_the_hash(title, body, existing) -> None:
    text = f"---\ntitle: '{title.replace(chr(39), chr(39) * 2)}'\n" + ("source_hash: 000000000000\n" if existing
                                                                       else "") + f"---\n{body}\n"
    result = stamp(text, "abcdef012345")
    assert result.count("source_hash: abcdef012345") == 1 and result.endswith(f"---\n{body}\n")
    assert hash_of_text(result, "x", "page") == hash_of_text(text, "x", "page")  # the hash is not translatable
    assert stamp("# No front matter\n", "abcdef012345") == "---\nsource_hash: abcdef012345\n---\n# No front matter\n"


def test_git_dates_translations_without_a_hash_and_its_absence_is_silent(project: ProjectFactory) -> None:
    import os
    import shutil
    import subprocess
    project.file("site_src/kb/index.md", "---\ntitle: Knowledge base\n---\nArticles.\n")
    project.file("site_src/kb/index.zh.md", "---\ntitle: 知识库\n---\n文章。\n")
    set_check(project, "optional")
    assert "pages                1         0         0" in herald(project.root, "translations").stdout  # no git
    if shutil.which("git") is None:
        return
    env = ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    def git(*args: str, date: str = "2026-01-01T00:00:00") -> None:
        subprocess.run(["git", *env, *args], cwd=project.root, check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "all")
    (project.root / "site_src/kb/index.md").write_text("---\ntitle: Knowledge base\n---\nMore articles.\n")
    git("commit", "-q", "-am", "original edited", date="2026-01-02T00:00:00")
    assert "pages                0         0         1" in herald(project.root, "translations").stdout
    assert "pages                1         0         0" in herald(project.root, "translations", "--no-git").stdout
    assert translation_diagnostics(project) == []  # herald check reads only recorded hashes
