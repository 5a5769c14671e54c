"""``herald publish``, ``list``, ``templates``, ``export`` and ``schema``: working with what is there."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from generator.adapters.cli_authoring import now_dated_option
from generator.adapters.cli_common import failing_cleanly, load_checked, main, report, shown, workspace_now
from generator.authoring import listing
from generator.authoring.durations import DurationError, parse_time
from generator.authoring.template_catalog import available
from generator.authoring.workspace import AuthoringError, check_draft, load_workspace

EPILOG_PUBLISH = """\b
Examples:
  herald publish incidents/2026-11-20-withdrawals-paused            # the incident and its draft updates
  herald publish incidents/2026-11-20-withdrawals-paused --at now   # ... dated now
  herald publish incidents/2026-11-20-withdrawals-paused/2026-11-20T0912.md --at 2026-11-20T09:30:00+08:00
"""


@main.command(epilog=EPILOG_PUBLISH)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--at", "at", default=None, metavar="TIME|now",
              help="Date the published updates at this time ('now': as herald update would date them).")
@now_dated_option
@click.pass_obj
def publish(root: Path, path: Path, at: str | None, now: str | None) -> None:
    """Make a draft public: remove its draft flag (and set its time), after checking it with the whole project.

    Refused while a template prompt is left in it or its translations.
    """
    from generator.authoring.publish import plan_publish
    from generator.adapters.content_writer import write_atomically

    with failing_cleanly("publish"):
        workspace = load_workspace(root)
        moment = workspace_now(workspace, now)
        when = None if at is None else moment if at == "now" else _parse_at(at)
        plan = plan_publish(workspace, _project_relative(root, path), when)
        verdict = check_draft(workspace, plan.draft, moment)
        if verdict.errors:
            raise AuthoringError("publishing would not pass herald check", verdict.errors)
        for relative, text in sorted(plan.draft.files.items()):
            write_atomically(root / relative, text)
            click.echo(f"published {shown(root / relative)}")
    for note in plan.notes:
        click.secho(f"note: {note}", fg="yellow", err=True)


def _parse_at(text: str) -> datetime:
    """--at as a time with offset."""
    try:
        return parse_time(text)
    except DurationError as exc:
        raise AuthoringError(f"--at: {exc}") from None


def _project_relative(root: Path, path: Path) -> str:
    """A path given on the command line, relative to the project root (POSIX form)."""
    absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise AuthoringError(f"{path} is not inside the project {root}") from None


@main.command(name="list", epilog="\b\nExamples:\n  herald list\n  herald list --now 2026-11-20T12:00:00+08:00\n")
@now_dated_option
@click.pass_obj
def list_incidents(root: Path, now: str | None) -> None:
    """Show incidents under way and maintenance ahead: what each last said and when the next update is due."""
    with failing_cleanly("list"):
        workspace = load_workspace(root)
        moment = workspace_now(workspace, now)
    found = listing.rows(workspace, moment)
    if workspace.errors:
        click.secho(f"{len(workspace.errors)} error(s) in the project; run herald check", fg="red", err=True)
    if not found:
        click.echo("No incidents under way and no maintenance ahead.")
    for row in found:
        _echo_row(row, moment, workspace.settings.zone)
    waiting = listing.pending(workspace, moment)
    if waiting:
        click.secho("\nNot public yet (drafts and updates held until their time):", bold=True)
    for item in waiting:
        text, colour, bold = listing.describe_pending(item, workspace.settings.zone)
        click.secho(text, fg=colour, bold=bold)


def _echo_row(row: listing.Row, now: datetime, zone: Any) -> None:
    """Print one incident, styled (click drops the colour when the output is not a terminal)."""
    for text, colour, bold in listing.describe(row, now, zone):
        click.secho(text, fg=colour, bold=bold)


@main.command(epilog="\b\nExample:\n  herald templates\n  herald new --template hot-wallet-theft\n")
@click.pass_obj
def templates(root: Path) -> None:
    """List the incident templates (built in, and the repository's own under templates/<name>/)."""
    with failing_cleanly("templates"):
        found = available(root)
    width = max(len(name) for name in found)
    for name, template in found.items():
        details = f"{template.kind}, {template.impact}; {', '.join(template.languages())}; {template.source}"
        click.echo(f"{click.style(name.ljust(width), bold=True)}  {template.description.get('en', '')}")
        click.echo(f"{' ' * width}  ({details})")


EPILOG_EXPORT = """\b
Examples:
  herald export public-markdown          # then: mkdocs build -f public-markdown/mkdocs.yml
  herald export out --now 2026-11-21T18:00:00+08:00
"""


@main.command(epilog=EPILOG_EXPORT)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--force", is_flag=True,
              help="Replace the folder even if it holds files Herald did not write (never the project, its "
                   "content or theme folders, your home folder or /).")
@click.option("--now", "now", metavar="TIME", default=None, help="Export as of this time (as for herald build).")
@click.pass_obj
def export(root: Path, directory: Path, strict: bool, force: bool, now: str | None) -> None:
    """Write the generated site as Markdown, with a minimal mkdocs.yml, for other site builders."""
    from generator.adapters.export import WITHOUT_PLUGIN, export_files, protected_folders, write_export
    from generator.adapters.write import TargetRefused, check_target
    from generator.adapters.gpg_signer import SigningProblem, build_signed

    project = load_checked(root, now)
    if not report(project, strict) or project.settings is None:
        click.echo("export stopped: nothing was written", err=True)
        sys.exit(1)
    target = directory if directory.is_absolute() else Path.cwd() / directory
    try:
        check_target(target, protected_folders(project.settings), force)
        files = export_files(project.settings, build_signed(project, dict(os.environ)))
        if sys.stderr.isatty():
            with click.progressbar(length=len(files), label="Writing", file=sys.stderr) as bar:
                write_export(files, target, project.settings, force, bar.update)
        else:
            write_export(files, target, project.settings, force)
    except SigningProblem as problem:
        click.secho(f"herald export: {problem}", fg="red" if sys.stderr.isatty() else None, err=True)
        sys.exit(1)
    except TargetRefused as refused:
        click.secho(f"herald export: {refused.message}", fg="red" if sys.stderr.isatty() else None, err=True)
        click.echo(f"hint: {refused.hint}\nnothing was written", err=True)
        sys.exit(1)
    click.echo(f"exported {len(files)} files to {shown(target)}")
    click.echo(f"build it with: mkdocs build -f {shown(target / 'mkdocs.yml')}\n"
               f"          or: cd {shown(target)} && zensical build && python3 herald_headers.py site", err=True)
    click.echo("without the Herald plugin:\n" + "\n".join(f"  - {line}" for line in WITHOUT_PLUGIN), err=True)


@main.command(epilog="\b\nExamples:\n  herald schema                 # writes schemas/*.schema.json\n"
                     "  herald schema --check         # fails if the committed schemas are out of date\n")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: schemas/ in the project).")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; fail if the files are out of date.")
@click.pass_obj
def schema(root: Path, out: Path | None, check_only: bool) -> None:
    """Export JSON Schemas of every front-matter kind and of herald.yml, for editors that validate YAML."""
    from generator.outputs.json_schemas import stale_schemas

    folder = out or root / "schemas"
    if check_only:
        stale = stale_schemas(folder)
        if stale:
            click.echo(f"out of date in {shown(folder)}: {', '.join(stale)}; run herald schema", err=True)
            sys.exit(1)
        click.echo("schemas are up to date")
        return
    for path in write_schemas(folder):
        click.echo(shown(path))


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema into ``out_dir`` (each file replaced atomically); return the paths written."""
    from generator.adapters.content_writer import write_atomically
    from generator.outputs.json_schemas import schema_files

    written = []
    for relative, text in schema_files().items():
        path = out_dir / Path(relative).name
        write_atomically(path, text)
        written.append(path)
    return written
