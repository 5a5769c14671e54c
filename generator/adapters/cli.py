"""The ``herald`` command: check, build and serve a Herald site."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from generator.pipeline import Project, load_project
from generator.content.clock import NowError, resolve_now
from generator.errors import Severity

EPILOG_CHECK = """\b
Examples:
  herald check                 # check the project in this folder
  herald check --strict        # also fail on warnings (overdue updates, stale incidents)
  herald check --now 2026-11-21T12:00:00+08:00
"""
EPILOG_BUILD = """\b
Examples:
  herald build                               # build ./site
  herald build --now 2026-11-21T18:00:00+08:00 --site-dir public
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="Project folder (holds herald.yml and mkdocs.yml).")
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """Herald: a static incident-communication site from Markdown files."""
    ctx.obj = root.resolve()


def _now_option(function):
    """The shared --now option."""
    return click.option("--now", "now", metavar="TIME", default=None,
                        help="Build as of this ISO 8601 time (default: SOURCE_DATE_EPOCH, the pinned "
                             "site.now, or the clock).")(function)


def _load(root: Path, now: str | None) -> Project:
    """Load the project, turning a bad --now into a clean exit."""
    try:
        return load_project(root, lambda pinned: resolve_now(now, os.environ, pinned))
    except NowError as exc:
        raise click.UsageError(str(exc)) from None


def _report(project: Project, strict: bool) -> bool:
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


@main.command(epilog=EPILOG_CHECK)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@_now_option
@click.pass_obj
def check(root: Path, strict: bool, now: str | None) -> None:
    """Check every incident, update and page; report all problems at once."""
    project = _load(root, now)
    if not _report(project, strict):
        sys.exit(1)
    incidents = len(project.content.incidents) if project.content else 0
    click.echo(f"ok: {incidents} incident(s) checked")


@main.command(epilog=EPILOG_BUILD)
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to put the site (default: site_dir of mkdocs.yml). It must be new, empty, or a site "
                   "Herald built.")
@click.option("--force", is_flag=True,
              help="Replace the site folder even if it holds files Herald did not write (never the project, "
                   "its content or theme folders, your home folder or /).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--config-file", default="mkdocs.yml", show_default=True, help="MkDocs configuration.")
@_now_option
@click.pass_obj
def build(root: Path, site_dir: Path | None, force: bool, strict: bool, config_file: str, now: str | None) -> None:
    """Check, then build the site aside and swap it in (the old site stays if anything fails)."""
    from generator.adapters.mkdocs_runner import BuildFailed, TargetRefused, build_with_mkdocs

    project = _load(root, now)
    if not _report(project, strict):
        click.echo("build stopped: the previous site was left untouched", err=True)
        sys.exit(1)
    if site_dir is not None and not site_dir.is_absolute():
        site_dir = Path.cwd() / site_dir
    try:
        target = build_with_mkdocs(root / config_file, site_dir, project, strict, force)
    except TargetRefused as refused:
        _fail(f"build refused: {refused.message}", f"hint: {refused.hint}\nnothing was written")
    except BuildFailed as exc:
        _fail(f"build failed: {exc}", "the previous site was left untouched")
    click.echo(f"built {target}")


def _fail(message: str, detail: str) -> None:
    """Print why a command stopped (in red on a terminal) and exit with status 1."""
    click.secho(message, fg="red" if sys.stderr.isatty() else None, err=True)
    click.echo(detail, err=True)
    sys.exit(1)


@main.command()
@click.option("--config-file", default="mkdocs.yml", show_default=True, help="MkDocs configuration.")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="Address to serve on (only this machine by default; 0.0.0.0:8000 shows it to your network).")
@_now_option
@click.pass_obj
def serve(root: Path, config_file: str, dev_addr: str, now: str | None) -> None:
    """Serve the site locally, drafts included, and rebuild on every change to content or configuration.

    A content error is shown in the browser and here, while the last good version stays served.

    \b
    Example:
      herald serve --dev-addr 127.0.0.1:8001 --now 2026-11-21T12:00:00+08:00
    """
    from generator.adapters.mkdocs_runner import serve_with_mkdocs

    if now is not None:
        try:
            resolve_now(now, {}, None)
        except NowError as exc:
            raise click.UsageError(str(exc)) from None
    click.echo(f"serving on http://{dev_addr}/ (drafts shown; press Ctrl+C to stop)", err=True)
    serve_with_mkdocs(root / config_file, dev_addr, now)


from generator.adapters import cli_authoring  # noqa: E402,F401 - registers the authoring commands on `main`


def run() -> None:
    """Entry point: run the command; an unexpected failure is one line, not a traceback."""
    try:
        main(standalone_mode=True)
    except Exception as exc:  # noqa: BLE001 - last line of defence for the console
        if os.environ.get("HERALD_DEBUG"):
            raise
        click.secho(f"herald: internal error: {type(exc).__name__}: {exc}\n"
                    "set HERALD_DEBUG=1 to see the traceback, and please report it", fg="red", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    # Run as ``python -m generator.cli``, this file is ``__main__``; the authoring commands register on the
    # ``main`` of ``generator.cli``, so run that one.
    from generator.cli import run as _package_run

    _package_run()
