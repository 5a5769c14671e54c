"""``herald announce``: tell every configured channel of each published update it has not been told of yet."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from generator.adapters.announce import URLS_VARIABLE, Result, channel_urls, read_ledger, safe_line, send, \
    write_ledger
from generator.adapters.gpg_signer import SigningProblem, signing_key
from generator.adapters.cli_common import fail, load_checked, main, now_option, report, shown
from generator.content.settings import Settings
from generator.outputs.announce_plan import Delivery, LedgerEntry, LedgerError
from generator.pipeline import plan_announcements

EPILOG = f"""\b
Examples:
  herald announce --dry-run                 # what would go where, in full; nothing sent or recorded
  {URLS_VARIABLE}='email=mailtos://user:pass@smtp.example.com?to=status-list@example.com
     telegram=tgram://BOT_TOKEN/CHAT_ID' herald announce
  herald announce --ledger ../deliveries/announced.json   # the record kept on another branch
  herald announce --dry-run --only incidents/2026-11-20-x/2026-11-20T0930.md   # what one update will say
"""


@main.command(epilog=EPILOG)
@click.option("--dry-run", is_flag=True, help="Show every message that is owed and where it would go; send and "
                                              "record nothing.")
@click.option("--ledger", "ledger_option", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The delivery record (default: announce.ledger in herald.yml, in the project folder).")
@click.option("--only", "only", multiple=True, type=click.Path(path_type=Path), metavar="PATH",
              help="Only updates in these files or incident folders (repeatable), e.g. a pull request's changes.")
@now_option
@click.pass_obj
def announce(root: Path, dry_run: bool, ledger_option: Path | None, only: tuple[Path, ...], now: str | None) -> None:
    """Send each published update to every channel under announce: in herald.yml that has not had it, oldest first.

    Only updates published at now (not drafts, not dated later, not before announce.since) are sent. The
    channels' Apprise URLs come from the HERALD_ANNOUNCE_URLS environment variable, never from a file. Each
    delivery is recorded (sending, then sent or failed) so that a second run sends nothing twice; a channel
    that fails does not stop the others, and the command then exits with status 1.
    """
    project = load_checked(root, now)
    if not report(project, strict=False):
        fail("herald announce: the content has errors; nothing was sent", "fix them (herald check), then run again")
    settings = project.settings
    assert settings is not None
    if settings.announce is None:
        fail("herald announce: herald.yml has no announce: section", "declare the channels to tell (see the README, "
                                                                     "'Announcing'), then run again")
    assert settings.announce is not None
    ledger_path = ledger_option if ledger_option is not None else root / settings.announce.ledger
    try:
        ledger = read_ledger(ledger_path)
    except LedgerError as exc:
        fail(f"herald announce: {shown(ledger_path)} is refused: {exc}", "nothing was sent; move that file away or "
                                                                         "point --ledger at Herald's record")
    signed = _signs(settings)
    deliveries, uncertain = plan_announcements(project, ledger, signed)
    if only:
        deliveries = [d for d in deliveries if _within(root, d.update.source, only)]
    urls, problems = channel_urls(os.environ.get(URLS_VARIABLE, ""), settings.announce)
    for problem in problems:
        click.secho(problem, fg="yellow" if sys.stderr.isatty() else None, err=True)
    for key in uncertain:
        click.echo(f"uncertain {key}: a run stopped while sending it; check the channel, then set its state in "
                   f"{shown(ledger_path)} to \"sent\" (it went out) or \"failed\" (send it again)", err=True)
    if dry_run:
        _show(deliveries, urls)
        return
    failed = _deliver(deliveries, urls, ledger, ledger_path)
    click.echo(f"{len(deliveries) - failed} sent, {failed} failed, {len(uncertain)} uncertain")
    if failed or uncertain or problems:
        sys.exit(1)


def _signs(settings: Settings) -> bool:
    """Does the build sign its updates (so the e-mails can link the statements)? The build's own rule."""
    try:
        return signing_key(settings, dict(os.environ)) is not None
    except SigningProblem:
        return False  # the build refused to publish: there are no statements to link


def _within(root: Path, source: str, only: tuple[Path, ...]) -> bool:
    """Is an update's file (relative to the project) one of ``only``, or inside one of its folders?"""
    path = (root / source).resolve()
    for chosen in only:
        target = chosen.resolve()
        if path == target or target in path.parents or path.with_suffix("") == target.with_suffix("").with_suffix(""):
            return True
    return False


def _show(deliveries: list[Delivery], urls: dict[str, list[str]]) -> None:
    """Dry run: each owed message in full, and how many addresses it would go to."""
    for delivery in deliveries:
        count = len(urls.get(delivery.channel.id, []))
        click.echo(f"would send {delivery.key} ({count} address{'es' if count != 1 else ''})")
        message = delivery.message
        if message is None:
            click.echo(f"  cannot: {delivery.problem}")
            continue
        if message.subject:
            click.echo(f"  subject: {safe_line(message.subject)}")
        for line in message.text.splitlines():
            click.echo("  | " + safe_line(line))
        click.echo(f"  ({message.size} of {message.limit} {message.unit})")
    click.echo(f"{len(deliveries)} message(s) owed; dry run: nothing sent or recorded")


def _deliver(deliveries: list[Delivery], urls: dict[str, list[str]], ledger: dict[str, LedgerEntry],
             ledger_path: Path) -> int:
    """Send each delivery, recording it before and after; the number that failed."""
    failed = 0
    for delivery in deliveries:
        targets = urls.get(delivery.channel.id, [])
        if delivery.message is None:
            result = Result(0, 1, (delivery.problem,))
        elif not targets:
            result = Result(0, 1, (f"no URL for channel '{delivery.channel.id}' in {URLS_VARIABLE}",))
        else:
            ledger[delivery.key] = LedgerEntry("sending", _stamp(), "", delivery.done)
            write_ledger(ledger_path, ledger)
            result = send(delivery, targets)
        ok = result.failed == 0
        detail = "" if ok else "; ".join(result.reasons)
        ledger[delivery.key] = LedgerEntry("sent" if ok else "failed", _stamp(), detail, () if ok else result.done)
        write_ledger(ledger_path, ledger)
        failed += not ok
        click.echo(f"{'sent' if ok else 'FAILED'} {delivery.key}" + (f" to {result.sent} address(es)" if ok else
                                                                       f": {safe_line(detail)}"))
    return failed


def _stamp() -> str:
    """When a delivery's state was recorded (the clock, not the build's now: this is a log of real events)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
