"""What every ``herald`` command shares: the command group, loading and reporting a project, and clean exits."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import click

from generator.adapters.content_writer import write_draft
from generator.authoring.workspace import AuthoringError, Draft, Workspace, check_draft
from generator.content.clock import NowError, resolve_now
from generator.errors import Severity
from generator.pipeline import Project, load_project


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="herald-status", prog_name="herald", message="%(prog)s %(version)s")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="Project folder (holds herald.yml and mkdocs.yml).")
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """Herald: a static incident-communication site from Markdown files."""
    ctx.obj = root.resolve()


def now_option(function):
    """The shared --now option."""
    return click.option("--now", "now", metavar="TIME", default=None,
                        help="Build as of this ISO 8601 time (default: SOURCE_DATE_EPOCH, the pinned "
                             "site.now, or the clock).")(function)


def load_checked(root: Path, now: str | None) -> Project:
    """Load the project, turning a bad --now into a clean exit."""
    try:
        return load_project(root, lambda pinned: resolve_now(now, os.environ, pinned))
    except NowError as exc:
        raise click.UsageError(str(exc)) from None


def report(project: Project, strict: bool) -> bool:
    """Print every diagnostic; True if the build may go on."""
    errors = [d for d in project.diagnostics if d.severity is Severity.ERROR]
    warnings = [d for d in project.diagnostics if d.severity is Severity.WARNING]
    colour = sys.stderr.isatty()
    for diagnostic in project.diagnostics:
        style = "red" if diagnostic.severity is Severity.ERROR else "yellow"
        click.secho(diagnostic.format(), fg=style if colour else None, err=True)
    failed = bool(errors) or (strict and bool(warnings)) or not project.ok
    summary = f"{len(errors)} error(s), {len(warnings)} warning(s)"
    click.secho(summary, fg=("red" if failed else "green") if colour else None, err=True)
    return not failed


def fail(message: str, detail: str) -> None:
    """Print why a command stopped (in red on a terminal) and exit with status 1."""
    click.secho(message, fg="red" if sys.stderr.isatty() else None, err=True)
    click.echo(detail, err=True)
    sys.exit(1)


def workspace_now(workspace: Workspace, now: str | None) -> datetime:
    """The time new files are dated at, in the site's time zone."""
    try:
        moment = resolve_now(now, os.environ, workspace.settings.pinned_now)
    except NowError as exc:
        raise click.UsageError(str(exc)) from None
    return moment.astimezone(workspace.settings.zone).replace(microsecond=0)


def check_and_write(root: Path, workspace: Workspace, draft: Draft, now: datetime) -> list[Path]:
    """Check the draft with the whole project; write it only if it adds no error; print the paths."""
    verdict = check_draft(workspace, draft, now)
    if verdict.errors:
        raise AuthoringError("the new file would not pass herald check", verdict.errors)
    written = write_draft(root, draft)
    for path in written:
        click.echo(shown(path))
    for warning in verdict.warnings:
        click.secho(warning.format(), fg="yellow", err=True)
    if workspace.errors:
        click.secho(f"note: the project already has {len(workspace.errors)} other error(s); run herald check",
                    fg="yellow", err=True)
    return written


def shown(path: Path) -> str:
    """A path as the user can use it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


@contextmanager
def failing_cleanly(command: str) -> Iterator[None]:
    """Turn an AuthoringError into its reasons on standard error and exit status 1 (nothing was written)."""
    try:
        yield
    except AuthoringError as error:
        click.secho(f"herald {command}: {error.message}", fg="red" if sys.stderr.isatty() else None, err=True)
        for diagnostic in error.diagnostics:
            click.echo(diagnostic.format(), err=True)
        click.echo("nothing was written", err=True)
        sys.exit(1)
