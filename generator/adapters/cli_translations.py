"""``herald translations``: the translation report as a table, a worklist file for translators, and ``--stamp``.

The report itself is ``content/translation_report.py``; this adapter reads the project, asks git (when the
project is in a repository) which originals were committed after their translations, prints, and writes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from generator.adapters.cli_common import main, shown
from generator.adapters.content_writer import write_atomically
from generator.content.load import RawContent, load_content
from generator.content.settings import Settings, load_settings
from generator.content.translation_hash import stamp
from generator.content.translation_report import KINDS, NewerThan, counts, hash_for_translation, report_items, worklist
from generator.errors import Severity

MARKER = "<!-- written by herald translations: it replaces this file; edits here are lost -->"
"""The first line of every worklist, so that a later run knows the file is its own to replace."""
GIT_TIMEOUT = 20
KIND_NAMES = {"incident": "incidents", "update": "updates", "fact": "facts", "action": "actions", "faq": "FAQ",
              "page": "pages"}

EPILOG = """\b
Examples:
  herald translations                          # per language: translated, missing, outdated
  herald translations --worklist todo.md       # each missing or outdated item, for translators
  herald translations --stamp incidents/2026-11-20-withdrawals-paused/incident.zh.md
  herald translations --strict                 # exit 1 while anything is missing or outdated (CI)
"""


@main.command(epilog=EPILOG)
@click.option("--worklist", "worklist_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write a Markdown worklist of every missing or outdated item to this file.")
@click.option("--force", is_flag=True, help="With --worklist: replace a file this command did not write.")
@click.option("--stamp", "stamps", multiple=True, type=click.Path(dir_okay=False, path_type=Path), metavar="PATH",
              help="Record in this translation that it matches its original as it is now (repeatable).")
@click.option("--strict", is_flag=True, help="Exit 1 when anything is missing or outdated.")
@click.option("--git/--no-git", "use_git", default=True, show_default=True,
              help="For translations without source_hash: compare last commit times (skipped outside git).")
@click.pass_obj
def translations(root: Path, worklist_path: Path | None, force: bool, stamps: tuple[Path, ...], strict: bool,
                 use_git: bool) -> None:
    """Report, per language, what is translated, missing or outdated: incidents, updates, facts, actions, FAQ
    entries and pages.

    An original changed after its translation is "outdated" when the translation's source_hash (written by
    --stamp and by herald update --lang) is not the original's hash now; a translation without one is compared
    by git commit times when the project is in a git repository.
    """
    settings, raw = _load(root)
    if stamps:
        _stamp_all(root, settings, raw, stamps)
        return
    items = report_items(raw, settings, _git_newer(root, settings) if use_git else None)
    if len(settings.languages) < 2:
        click.echo(f"site.languages has only {settings.default_language}: nothing to translate")
        return
    _print_table(items, settings)
    if worklist_path is not None:
        _write_worklist(root, settings, worklist_path, worklist(items, MARKER), force)
    if strict and any(item.state != "translated" for item in items):
        sys.exit(1)


def _load(root: Path) -> tuple[Settings, RawContent]:
    """Settings and raw files, or a clean exit naming what is wrong with herald.yml."""
    settings, diagnostics = load_settings(root)
    if settings is None:
        for diagnostic in diagnostics:
            click.echo(diagnostic.format(), err=True)
        _fail("herald.yml cannot be used; fix it first")
    raw, load_diagnostics = load_content(settings)
    errors = [d for d in load_diagnostics if d.severity is Severity.ERROR]
    if errors:
        click.echo(f"note: {len(errors)} file(s) could not be read and are left out; run herald check", err=True)
    return settings, raw


def _fail(message: str) -> None:
    """Say why (in red on a terminal) and exit 1."""
    click.secho(f"herald translations: {message}", fg="red" if sys.stderr.isatty() else None, err=True)
    sys.exit(1)


def _print_table(items: list, settings: Settings) -> None:
    """One table per language: each kind's translated, missing and outdated counts."""
    by_lang = counts(items)
    for lang in settings.languages[1:]:
        table = by_lang.get(lang, {})
        click.secho(f"{lang}:", bold=True)
        click.echo(f"  {'':<10}{'translated':>12}{'missing':>10}{'outdated':>10}")
        for kind in KINDS:
            found = table.get(kind, {})
            outdated = "-" if kind in ("fact", "action") else str(found.get("outdated", 0))
            click.echo(f"  {KIND_NAMES[kind]:<10}{found.get('translated', 0):>12}{found.get('missing', 0):>10}"
                       f"{outdated:>10}")
    todo = sum(item.state != "translated" for item in items)
    click.echo(f"{todo} item(s) missing or outdated" if todo else "every item is translated and up to date")
    if any(item.state == "outdated" for item in items):
        click.echo("(facts and actions are outdated with the file that holds them)", err=True)


def _write_worklist(root: Path, settings: Settings, path: Path, text: str, force: bool) -> None:
    """Write the worklist, never over a file this command did not write (unless --force), never into content."""
    target = (path if path.is_absolute() else Path.cwd() / path).resolve()
    for folder in (settings.incidents_dir, settings.pages_dir):
        content = (root / folder).resolve()
        if target == content or content in target.parents:
            _fail(f"{shown(target)} is inside the content folder {folder}/, where Herald would read it; "
                  "write the worklist elsewhere")
    if target.is_dir():
        _fail(f"{shown(target)} is a folder; name a file")
    if target.exists() and not force and not _ours(target):
        _fail(f"{shown(target)} exists and was not written by herald translations; nothing was written "
              "(choose another file, or pass --force to replace it)")
    write_atomically(target, text)
    click.echo(f"wrote {shown(target)}")


def _ours(path: Path) -> bool:
    """True when the file's first line is the worklist's marker."""
    try:
        with path.open(encoding="utf-8") as stream:
            return stream.readline().rstrip("\n") == MARKER
    except (OSError, UnicodeDecodeError):
        return False


def _stamp_all(root: Path, settings: Settings, raw: RawContent, paths: tuple[Path, ...]) -> None:
    """Stamp each translation with its original's hash now; stop at the first that cannot be (nothing after it)."""
    for path in paths:
        absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
        try:
            relative = absolute.relative_to(root.resolve()).as_posix()
            digest = hash_for_translation(raw, settings, relative)
            text = stamp(absolute.read_text(encoding="utf-8-sig"), digest, relative)
        except ValueError as exc:
            message = str(exc) if absolute.is_relative_to(root.resolve()) else f"{path} is not inside {root}"
            _fail(f"{message}; nothing was stamped from here on")
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"cannot read {path}: {exc}")
        write_atomically(absolute, text)
        click.echo(f"stamped {shown(absolute)} (source_hash: {digest})")


def _git_newer(root: Path, settings: Settings) -> NewerThan | None:
    """``newer(original, translation)`` from the last commit time of each content file; None outside git.

    One ``git log`` over the content folders; any failure (no git, not a repository, a timeout) means no answer.
    """
    try:
        result = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(root), "log", "--relative",
                                 "--no-renames", "--format=%x00%ct", "--name-only", "--", settings.incidents_dir,
                                 settings.pages_dir],
                                capture_output=True, text=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    times: dict[str, int] = {}
    moment = 0
    for line in result.stdout.splitlines():
        if line.startswith("\x00"):
            moment = int(line[1:] or 0)
        elif line.strip():
            times.setdefault(line.strip(), moment)  # newest first: the first time seen is the last commit

    def newer(original: str, translation: str) -> bool:
        return original in times and translation in times and times[original] > times[translation]
    return newer
