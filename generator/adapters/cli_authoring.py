"""Authoring commands of ``herald`` (new, update, resolve, postmortem, list, templates, export, schema)."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from generator.authoring import listing
from generator.authoring.workspace import AuthoringError, Draft, Workspace, check_draft, load_workspace, write_draft
from generator.adapters.cli import _load, _report, main
from generator.content.clock import NowError, resolve_now
from generator.authoring.durations import DurationError, parse_time
from generator.model import Impact, Kind
from generator.authoring.new_incident import NewIncident, plan_new
from generator.authoring.template_catalog import available, find, unfilled_prompts
from generator.authoring.updates import UpdateRequest, closing_request, latest_status, plan_update

SCISSORS = "# ------------------------ >8 ------------------------"
EDITOR_HELP = ("# Write the update above this line, in Markdown. This line and everything below it is ignored.\n"
               "# Save and close the editor to publish the file; close without saving to cancel.\n")


class Time(click.ParamType):
    """An ISO 8601 time with its UTC offset."""

    name = "TIME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            return parse_time(str(value))
        except DurationError as exc:
            self.fail(str(exc), param, ctx)


def _now_option(function: Callable) -> Callable:
    """--now: the time the new file is dated at."""
    return click.option("--now", "now", metavar="TIME", default=None,
                        help="Date the new file at this time (default: SOURCE_DATE_EPOCH, the pinned site.now, "
                             "or the clock), e.g. 2026-11-20T09:12:00+08:00.")(function)


def _body_options(function: Callable) -> Callable:
    """--message and --file: where an update's text comes from."""
    function = click.option("--file", "-F", "file", metavar="PATH", default=None,
                            help="Read the text from this file ('-' for standard input).")(function)
    return click.option("--message", "-m", "message", metavar="TEXT", default=None,
                        help="The text (Markdown). Without it: --file, piped input, or $EDITOR on a terminal."
                        )(function)


def is_terminal() -> bool:
    """True when a person is at the keyboard (prompts and the editor are possible)."""
    return sys.stdin.isatty()


EPILOG_NEW = """\b
Examples:
  herald new                                   # on a terminal: asks for what it needs
  herald new --template hot-wallet-theft --title "Withdrawals paused after a hot-wallet theft" \\
             --component withdrawals --component deposits --next 1h --lang zh
  herald new --template scheduled-maintenance --title "Database upgrade" --component login \\
             --window-start 2026-12-01T02:00:00+08:00 --window-end 2026-12-01T03:00:00+08:00
Then fill in the [bracketed] prompts in the files it prints, and run herald check.
"""


@main.command(epilog=EPILOG_NEW)
@click.option("--title", default=None, help="Headline, written for users.")
@click.option("--kind", type=click.Choice([k.value for k in Kind]), default=None,
              help="incident, maintenance or notice (default: the template's).")
@click.option("--impact", type=click.Choice([i.value for i in Impact]), default=None,
              help="none, minor, major or critical (default: the template's).")
@click.option("--component", "components", multiple=True, metavar="ID[=STATUS]",
              help="An affected component (repeatable, or comma-separated).")
@click.option("--template", "template_name", default=None, metavar="NAME", help="See: herald templates.")
@click.option("--lang", "langs", multiple=True, metavar="LANG", help="Also write the translation files (e.g. zh).")
@click.option("--started-at", type=Time(), default=None, help="When the problem began (default: now).")
@click.option("--window-start", type=Time(), default=None, help="Maintenance window start.")
@click.option("--window-end", type=Time(), default=None, help="Maintenance window end.")
@click.option("--status", default=None, help="Status of the first update (default: investigating; scheduled).")
@click.option("--next", "next_update", default=None, metavar="DELAY|TIME",
              help="Next update promised: 1h, 30m, or a time.")
@click.option("--message", "-m", default=None, metavar="TEXT",
              help="Text of the first update (default: the template's prompts).")
@click.option("--id", "incident_id", default=None, help="The permanent id (default: date and title).")
@click.option("--draft/--no-draft", "draft", default=None,
              help="Write it as a draft (not public until herald publish). Default: a draft while template "
                   "prompts are left to fill in.")
@_now_option
@click.pass_obj
def new(root: Path, title: str | None, kind: str | None, impact: str | None, components: tuple[str, ...],
        template_name: str | None, langs: tuple[str, ...], started_at: datetime | None, window_start: datetime | None,
        window_end: datetime | None, status: str | None, next_update: str | None, message: str | None,
        incident_id: str | None, draft: bool | None, now: str | None) -> None:
    """Create an incident, maintenance or notice from a template; print the files written."""
    with _failing_cleanly("new"):
        workspace = load_workspace(root)
        moment = _now(workspace, now)
        ask = is_terminal()
        template_name = template_name or (_ask_template(root) if ask and not kind else None)
        template = find(root, template_name, kind)
        if not title:
            if not ask:
                raise AuthoringError("--title is required (or run on a terminal to be asked)")
            title = click.prompt("Title (for users)")
        kind = kind or template.kind
        if ask:
            impact = impact or click.prompt("Impact", type=click.Choice([i.value for i in Impact]),
                                            default=template.impact)
            components = components or _ask_components(workspace)
            if kind == Kind.MAINTENANCE.value:
                window_start = window_start or click.prompt("Window start", type=Time())
                window_end = window_end or click.prompt("Window end", type=Time())
        window = (window_start, window_end) if window_start and window_end else None
        if (window_start or window_end) and window is None:
            raise AuthoringError("give both --window-start and --window-end")
        request = NewIncident(title=title, now=moment, kind=kind, impact=impact,
                              components=tuple(c.strip() for v in components for c in v.split(",") if c.strip()),
                              started_at=started_at, window=window, message=message, status=status,
                              next_update=next_update, translations=langs, incident_id=incident_id, draft=draft)
        planned = plan_new(workspace, request, template)
        _check_and_write(root, workspace, planned, moment)
    prompts = sum(len(unfilled_prompts(text)) for text in planned.files.values())
    folder = planned.new_folder
    if prompts and draft is False:
        click.echo(f"Fill in the {prompts} [bracketed] prompt(s) in these files; until then herald check fails",
                   err=True)
    elif prompts:
        click.echo(f"Written as a draft (not public). Fill in the {prompts} [bracketed] prompt(s), preview with "
                   f"herald serve, then: herald publish {folder} --at now", err=True)
    elif any("\ndraft: true\n" in text for text in planned.files.values()):
        click.echo(f"Written as a draft (not public). Preview with herald serve, then: herald publish {folder}",
                   err=True)


EPILOG_UPDATE = """\b
Examples:
  herald update 2026-11-20-withdrawals-paused --status identified --next 2h -m "We found the cause: ..."
  herald update 2026-11-20-withdrawals-paused -c withdrawals=partial_outage --next 2026-11-21T20:00:00+08:00 -F note.md
  echo "Still investigating." | herald update 2026-11-20-withdrawals-paused --next 30m
  herald update 2026-11-20-withdrawals-paused --lang zh -m "我们已查明原因……"   # translates the latest update
"""


@main.command(epilog=EPILOG_UPDATE)
@click.argument("incident_id")
@click.option("--status", "-s", default=None, help="New status (default: unchanged).")
@click.option("--component", "-c", "components", multiple=True, metavar="ID=STATUS",
              help="A component's status now, e.g. withdrawals=partial_outage (repeatable).")
@click.option("--next", "next_update", default=None, metavar="DELAY|TIME",
              help="When the next update is promised: 30m, 2h, 1h30m, 1d, or a time with offset.")
@click.option("--fact", "facts", multiple=True, metavar="KEY=VALUE", help="Revise a key fact (repeatable).")
@click.option("--lang", default=None, metavar="LANG", help="Write a translation (e.g. zh) of an update instead.")
@click.option("--of", "of", default=None, metavar="UPDATE",
              help="With --lang: the update to translate (default: latest).")
@click.option("--draft", is_flag=True, help="Write it as a draft: not public until herald publish.")
@_body_options
@_now_option
@click.pass_obj
def update(root: Path, incident_id: str, status: str | None, components: tuple[str, ...], next_update: str | None,
           facts: tuple[str, ...], lang: str | None, of: str | None, draft: bool, message: str | None,
           file: str | None, now: str | None) -> None:
    """Add an update to an incident: one new file, checked with the whole project before it is written."""
    request = UpdateRequest(incident_id, datetime.min, "", status, components, next_update, facts, lang, of, draft)
    _post(root, request, message, file, now, closing=None)


@main.command(epilog="\b\nExample:\n"
                     "  herald resolve 2026-11-20-withdrawals-paused -m \"Withdrawals work normally again.\"\n")
@click.argument("incident_id")
@click.option("--component", "-c", "components", multiple=True, metavar="ID=STATUS",
              help="Override a component's status.")
@_body_options
@_now_option
@click.pass_obj
def resolve(root: Path, incident_id: str, components: tuple[str, ...], message: str | None, file: str | None,
            now: str | None) -> None:
    """Mark an incident resolved (a maintenance completed): every affected component operational."""
    _post(root, UpdateRequest(incident_id, datetime.min, "", components=components), message, file, now, "resolved")


@main.command(epilog="\b\nExample:\n  herald postmortem 2026-11-20-withdrawals-paused -F postmortem.md\n")
@click.argument("incident_id")
@_body_options
@_now_option
@click.pass_obj
def postmortem(root: Path, incident_id: str, message: str | None, file: str | None, now: str | None) -> None:
    """Publish the postmortem of an incident (its status becomes postmortem)."""
    _post(root, UpdateRequest(incident_id, datetime.min, ""), message, file, now, "postmortem")


def _post(root: Path, request: UpdateRequest, message: str | None, file: str | None, now: str | None,
          closing: str | None) -> None:
    """Shared by update, resolve and postmortem: gather the text, build, check, write."""
    with _failing_cleanly(closing or "update"):
        workspace = load_workspace(root)
        incident = workspace.incident(request.incident_id)
        request = replace(request, at=_now(workspace, now))
        if closing is not None:
            request = closing_request(workspace, request, closing)
        hint = f"# Incident: {incident.id}\n# Latest status: {latest_status(incident)}\n"
        request = replace(request, body=_body(message, file, hint))
        draft = plan_update(workspace, request)
        _check_and_write(root, workspace, draft, request.at)
    others = [lang for lang in workspace.settings.languages[1:] if lang != request.lang]
    if others and request.lang in (None, workspace.settings.default_language):
        click.echo(f"Translate it: herald update {incident.id} --lang {others[0]} -m \"...\"", err=True)


def _body(message: str | None, file: str | None, hint: str) -> str:
    """The text, from --message, --file, piped standard input, or $EDITOR on a terminal."""
    if message is not None and file is not None:
        raise AuthoringError("give the text with --message or --file, not both")
    if message == "-" or file == "-":
        return click.get_text_stream("stdin").read()
    if message is not None:
        return message
    if file is not None:
        try:
            return Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise AuthoringError(f"--file: cannot read {file}: {exc}") from None
    if not is_terminal():
        return click.get_text_stream("stdin").read()
    edited = click.edit(f"\n\n{SCISSORS}\n{EDITOR_HELP}{hint}", extension=".md", require_save=True)
    if edited is None:
        raise AuthoringError("the editor was closed without saving")
    return edited.split(SCISSORS, 1)[0]


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
@_now_option
@click.pass_obj
def publish(root: Path, path: Path, at: str | None, now: str | None) -> None:
    """Make a draft public: remove its draft flag (and set its time), after checking it with the whole project.

    Refused while a template prompt is left in it or its translations.
    """
    from generator.authoring.workspace import write_atomically
    from generator.authoring.publish import plan_publish

    with _failing_cleanly("publish"):
        workspace = load_workspace(root)
        moment = _now(workspace, now)
        when = None if at is None else moment if at == "now" else _parse_at(at)
        plan = plan_publish(workspace, _project_relative(root, path), when)
        verdict = check_draft(workspace, plan.draft, moment)
        if verdict.errors:
            raise AuthoringError("publishing would not pass herald check", verdict.errors)
        for relative, text in sorted(plan.draft.files.items()):
            write_atomically(root / relative, text)
            click.echo(f"published {_shown(root / relative)}")
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
@_now_option
@click.pass_obj
def list_incidents(root: Path, now: str | None) -> None:
    """Show incidents under way and maintenance ahead: what each last said and when the next update is due."""
    with _failing_cleanly("list"):
        workspace = load_workspace(root)
        moment = _now(workspace, now)
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
    with _failing_cleanly("templates"):
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
    from generator.pipeline import build_site
    from generator.adapters.export import export_files, protected_folders, write_export
    from generator.adapters.write import TargetRefused, check_target

    project = _load(root, now)
    if not _report(project, strict) or project.settings is None:
        click.echo("export stopped: nothing was written", err=True)
        sys.exit(1)
    target = directory if directory.is_absolute() else Path.cwd() / directory
    try:
        check_target(target, protected_folders(project.settings), force)
        files = export_files(project.settings, build_site(project))
        if sys.stderr.isatty():
            with click.progressbar(length=len(files), label="Writing", file=sys.stderr) as bar:
                write_export(files, target, project.settings, force, bar.update)
        else:
            write_export(files, target, project.settings, force)
    except TargetRefused as refused:
        click.secho(f"herald export: {refused.message}", fg="red" if sys.stderr.isatty() else None, err=True)
        click.echo(f"hint: {refused.hint}\nnothing was written", err=True)
        sys.exit(1)
    click.echo(f"exported {len(files)} files to {_shown(target)}")
    click.echo(f"build it with: mkdocs build -f {_shown(target / 'mkdocs.yml')}", err=True)


@main.command(epilog="\b\nExamples:\n  herald schema                 # writes schemas/*.schema.json\n"
                     "  herald schema --check         # fails if the committed schemas are out of date\n")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: schemas/ in the project).")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; fail if the files are out of date.")
@click.pass_obj
def schema(root: Path, out: Path | None, check_only: bool) -> None:
    """Export JSON Schemas of every front-matter kind and of herald.yml, for editors that validate YAML."""
    from generator.outputs.json_schemas import stale_schemas, write_schemas

    folder = out or root / "schemas"
    if check_only:
        stale = stale_schemas(folder)
        if stale:
            click.echo(f"out of date in {_shown(folder)}: {', '.join(stale)}; run herald schema", err=True)
            sys.exit(1)
        click.echo("schemas are up to date")
        return
    for path in write_schemas(folder):
        click.echo(_shown(path))


def _now(workspace: Workspace, now: str | None) -> datetime:
    """The time new files are dated at, in the site's time zone."""
    try:
        moment = resolve_now(now, os.environ, workspace.settings.pinned_now)
    except NowError as exc:
        raise click.UsageError(str(exc)) from None
    return moment.astimezone(workspace.settings.zone).replace(microsecond=0)


def _check_and_write(root: Path, workspace: Workspace, draft: Draft, now: datetime) -> list[Path]:
    """Check the draft with the whole project; write it only if it adds no error; print the paths."""
    verdict = check_draft(workspace, draft, now)
    if verdict.errors:
        raise AuthoringError("the new file would not pass herald check", verdict.errors)
    written = write_draft(root, draft)
    for path in written:
        click.echo(_shown(path))
    for warning in verdict.warnings:
        click.secho(warning.format(), fg="yellow", err=True)
    if workspace.errors:
        click.secho(f"note: the project already has {len(workspace.errors)} other error(s); run herald check",
                    fg="yellow", err=True)
    return written


def _shown(path: Path) -> str:
    """A path as the user can use it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _ask_template(root: Path) -> str:
    """Ask which template to start from."""
    names = list(available(root))
    for name, template in available(root).items():
        click.echo(f"  {name:<30} {template.description.get('en', '')}")
    return click.prompt("Template", type=click.Choice(names), default="service-outage", show_choices=False)


def _ask_components(workspace: Workspace) -> tuple[str, ...]:
    """Ask which components are affected (comma-separated ids; empty for none)."""
    ids = [c.id for c in workspace.settings.components]
    answer = click.prompt(f"Affected components, comma-separated ({', '.join(ids)})", default="", show_default=False)
    return tuple(part.strip() for part in answer.split(",") if part.strip())


@contextmanager
def _failing_cleanly(command: str) -> Iterator[None]:
    """Turn an AuthoringError into its reasons on standard error and exit status 1 (nothing was written)."""
    try:
        yield
    except AuthoringError as error:
        click.secho(f"herald {command}: {error.message}", fg="red" if sys.stderr.isatty() else None, err=True)
        for diagnostic in error.diagnostics:
            click.echo(diagnostic.format(), err=True)
        click.echo("nothing was written", err=True)
        sys.exit(1)
