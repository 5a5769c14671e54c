"""``herald verify-channel`` and ``herald verify``: is this link, account or message ours; is this statement ours."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.adapters.cli_common import load_checked, main, now_option, report
from generator.content.channel_check import check_text
from generator.content.channel_rules import channel_rules, describe, interface_texts
from generator.text import urls
from generator.text.safetext import terminal_safe

EPILOG_CHANNEL = """\b
Examples:
  herald verify-channel https://larkspur.example          # exit 0: official
  herald verify-channel 't.me/larkspur_support'            # exit 1: not ours
  herald verify-channel "$(cat forwarded-message.txt)"     # every address in a message
"""


@main.command("verify-channel", epilog=EPILOG_CHANNEL)
@click.argument("text")
@click.option("--lang", default=None, help="Language of the answer (default: the site's first language).")
@now_option
@click.pass_obj
def verify_channel(root: Path, text: str, lang: str | None, now: str | None) -> None:
    """Is TEXT (a link, domain, handle, e-mail address, developer name or a whole message) one of our official
    channels, a known impostor named by a scam warning, or neither? Exit 0 only when official."""
    project = load_checked(root, now)
    if project.settings is None or project.content is None:
        report(project, False)
        sys.exit(2)
    settings = project.settings
    lang = lang or settings.default_language
    warnings = [i for i in project.content.incidents if i.scam_warning]
    rules = channel_rules(settings.channels, warnings, lang, settings.default_language)
    result = check_text(text, rules)
    texts = interface_texts(lang)
    click.echo(f"verdict: {terminal_safe(texts['verdict.' + result.verdict])} ({result.verdict})")
    for item in result.items:
        line = f"- {item.shown}: {texts['verdict.' + item.verdict]}: {describe(item, texts)}"
        if item.verdict == "impostor":
            line += f" {settings.url}{urls.incident('', item.params['notice'])}"
        click.echo(terminal_safe(line))
    if result.verdict != "official":
        click.echo(terminal_safe(texts["never_first"]))
    sys.exit(0 if result.verdict == "official" else 1)


EPILOG_VERIFY = """\b
Examples:
  herald verify 2026-11-20T0620.en.asc                         # a downloaded statement
  herald verify /statements/2026-11-20-hot-wallet-theft/2026-11-20T0620.en.asc   # a path of the built site
  herald verify statement.txt statement.txt.sig --key signing-key.asc           # text and detached signature
"""


@main.command("verify", epilog=EPILOG_VERIFY)
@click.argument("target")
@click.argument("signature", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--key", "key_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="The public key to trust (default: signing.public_key of herald.yml).")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The built site a /statements/... path is read from (default: ./site).")
@now_option
@click.pass_obj
def verify(root: Path, target: str, signature: Path | None, key_file: Path | None, site_dir: Path | None,
           now: str | None) -> None:
    """Is TARGET (a signed statement, or a file with its detached SIGNATURE, or a /statements/... path of the
    built site) authentic and unchanged, and which update is it? Exit 0 only when it is."""
    from generator.adapters.statement_check import check_statement

    project = load_checked(root, now)
    if project.settings is None:
        report(project, False)
        sys.exit(2)
    lines, ok = check_statement(project, root, target, signature, key_file, site_dir)
    for line in lines:
        click.echo(terminal_safe(line))
    sys.exit(0 if ok else 1)
