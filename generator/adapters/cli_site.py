"""``herald check``, ``build`` and ``serve``: the site from the content, checked first."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from generator.adapters.cli_common import fail, load_checked, main, now_option, report
from generator.content.clock import NowError, resolve_now

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


@main.command(epilog=EPILOG_CHECK)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@now_option
@click.pass_obj
def check(root: Path, strict: bool, now: str | None) -> None:
    """Check every incident, update and page; report all problems at once."""
    project = load_checked(root, now)
    if not report(project, strict):
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
@now_option
@click.pass_obj
def build(root: Path, site_dir: Path | None, force: bool, strict: bool, config_file: str, now: str | None) -> None:
    """Check, then build the site aside and swap it in (the old site stays if anything fails)."""
    from generator.adapters.mkdocs_runner import BuildFailed, TargetRefused, build_with_mkdocs

    project = load_checked(root, now)
    if not report(project, strict):
        click.echo("build stopped: the previous site was left untouched", err=True)
        sys.exit(1)
    _signing_note(project)
    if site_dir is not None and not site_dir.is_absolute():
        site_dir = Path.cwd() / site_dir
    try:
        target = build_with_mkdocs(root / config_file, site_dir, project, strict, force)
    except TargetRefused as refused:
        fail(f"build refused: {refused.message}", f"hint: {refused.hint}\nnothing was written")
    except BuildFailed as exc:
        fail(f"build failed: {exc}", "the previous site was left untouched")
    click.echo(f"built {target}")


def _signing_note(project) -> None:
    """Say once whether the updates will be signed, and with what; refuse a configured key that is missing."""
    from generator.adapters.gpg_signer import KEY_VARIABLE, SigningProblem, gpg_installed, secret_key_text

    try:
        found = secret_key_text(project.settings, dict(os.environ))
    except SigningProblem as problem:
        fail(f"build refused: {problem}", "nothing was written")
    if found is None:
        click.echo(f"note: updates are published unsigned (no {KEY_VARIABLE} and no signing section in herald.yml; "
                   "see README, Signed updates)", err=True)
    elif found[1] != KEY_VARIABLE and not gpg_installed():
        click.echo("note: GnuPG (gpg) is not installed, so the demo is published unsigned (install gnupg to sign it "
                   "with its DEMO key)", err=True)
    elif found[1] != KEY_VARIABLE:
        click.echo(f"note: signing with the DEMO key of {found[1]}: its secret is public, so its signatures prove "
                   "nothing (a real site sets HERALD_SIGNING_KEY)", err=True)


@main.command()
@click.option("--config-file", default="mkdocs.yml", show_default=True, help="MkDocs configuration.")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="Address to serve on (only this machine by default; 0.0.0.0:8000 shows it to your network).")
@now_option
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
