"""``herald new``, ``update``, ``resolve`` and ``postmortem``: the commands that write an incident's files."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import click

from generator.adapters.cli_common import check_and_write, failing_cleanly, main, workspace_now
from generator.authoring.durations import DurationError, parse_time, resolve_start
from generator.authoring.new_incident import NewIncident, plan_new
from generator.authoring.template_catalog import available, find, unfilled_prompts
from generator.authoring.updates import UpdateRequest, closing_request, latest_status, plan_update
from generator.authoring.workspace import AuthoringError, Workspace, load_workspace
from generator.model import Impact, Kind

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


class StartTime(click.ParamType):
    """When a problem began, read relative to the new file's time: ``now``, ``25m`` (ago) or a time."""

    name = "TIME|AGO"

    def __init__(self, now: datetime, zone: Any) -> None:
        self.now, self.zone = now, zone

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            return resolve_start(str(value), self.now, self.zone)
        except DurationError as exc:
            self.fail(str(exc), param, ctx)


START_QUESTION = "When did the problem start? (how long ago, e.g. 25m or 1h30m; a time such as " \
                 "2026-11-20T08:40:00+08:00; or now)"


def _started(given: str | None, kind: str, ask: bool, moment: datetime, zone: Any) -> datetime | None:
    """The start: --started, else (for an incident) asked on a terminal, else None (the first update's time)."""
    if kind == Kind.MAINTENANCE.value:
        return None  # its window says when it starts
    if given is not None:
        try:
            return resolve_start(given, moment, zone)
        except DurationError as exc:
            raise AuthoringError(f"--started: {exc}") from None
    if kind != Kind.INCIDENT.value:
        return None
    if ask:
        return click.prompt(START_QUESTION, type=StartTime(moment, zone))
    click.echo("started_at is the first update's time; if the problem began earlier, give --started "
               "(e.g. --started 25m) or correct started_at, or the record will say users were told at once", err=True)
    return None


def now_dated_option(function: Callable) -> Callable:
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
@click.option("--started", "--started-at", "started", default=None, metavar="TIME|AGO",
              help="When the problem began: a time, or how long ago (25m, 1h30m). Asked on a terminal; "
                   "otherwise the first update's time.")
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
@now_dated_option
@click.pass_obj
def new(root: Path, title: str | None, kind: str | None, impact: str | None, components: tuple[str, ...],
        template_name: str | None, langs: tuple[str, ...], started: str | None, window_start: datetime | None,
        window_end: datetime | None, status: str | None, next_update: str | None, message: str | None,
        incident_id: str | None, draft: bool | None, now: str | None) -> None:
    """Create an incident, maintenance or notice from a template; print the files written."""
    with failing_cleanly("new"):
        workspace = load_workspace(root)
        moment = workspace_now(workspace, now)
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
        started_at = _started(started, kind, ask, moment, workspace.settings.zone)
        if ask:
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
        check_and_write(root, workspace, planned, moment)
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
@now_dated_option
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
@now_dated_option
@click.pass_obj
def resolve(root: Path, incident_id: str, components: tuple[str, ...], message: str | None, file: str | None,
            now: str | None) -> None:
    """Mark an incident resolved (a maintenance completed): every affected component operational."""
    _post(root, UpdateRequest(incident_id, datetime.min, "", components=components), message, file, now, "resolved")


@main.command(epilog="\b\nExample:\n  herald postmortem 2026-11-20-withdrawals-paused -F postmortem.md\n")
@click.argument("incident_id")
@_body_options
@now_dated_option
@click.pass_obj
def postmortem(root: Path, incident_id: str, message: str | None, file: str | None, now: str | None) -> None:
    """Publish the postmortem of an incident (its status becomes postmortem)."""
    _post(root, UpdateRequest(incident_id, datetime.min, ""), message, file, now, "postmortem")


def _post(root: Path, request: UpdateRequest, message: str | None, file: str | None, now: str | None,
          closing: str | None) -> None:
    """Shared by update, resolve and postmortem: gather the text, build, check, write."""
    with failing_cleanly(closing or "update"):
        workspace = load_workspace(root)
        incident = workspace.incident(request.incident_id)
        request = replace(request, at=workspace_now(workspace, now))
        if closing is not None:
            request = closing_request(workspace, request, closing)
        hint = f"# Incident: {incident.id}\n# Latest status: {latest_status(incident)}\n"
        request = replace(request, body=_body(message, file, hint))
        draft = plan_update(workspace, request)
        check_and_write(root, workspace, draft, request.at)
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
