"""Delivering announcements: the channels' secret Apprise URLs from the environment, sending, and the ledger file.

``HERALD_ANNOUNCE_URLS`` holds Apprise URLs separated by white space, each tagged with the id
of its channel in herald.yml (``telegram=tgram://…``); an untagged URL goes to the one channel
whose format speaks its scheme. The URLs hold secrets: they are never printed (Apprise's
privacy form is shown instead) and never written. The ledger is written by Herald alone: a
file at its path that is not a Herald ledger, or a link, is refused, never replaced.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.adapters.content_writer import write_atomically
from generator.content.announce_settings import Announce
from generator.outputs.announce_plan import Delivery, LedgerEntry, LedgerError, ledger_text, parse_ledger
from generator.outputs.channel_formats import FORMATS
from generator.text.safetext import TERMINAL_UNSAFE

URLS_VARIABLE = "HERALD_ANNOUNCE_URLS"
TAGGED = re.compile(r"^([a-z0-9][a-z0-9-]{0,79})=([A-Za-z][A-Za-z0-9+.-]*://.*)$")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
BODY_FORMATS = {"email": "html", "telegram": "html", "discord": "markdown", "matrix": "markdown",
                "slack": "markdown"}
"""Apprise's body format of each channel format (the rest are plain text)."""


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one delivery: sent to how many addresses, and why not where it failed."""

    sent: int
    failed: int
    reasons: tuple[str, ...] = ()
    done: tuple[str, ...] = ()
    """Fingerprints of every address that has the message now (from this run or an earlier one)."""


def fingerprint(url: str) -> str:
    """A short hash naming an address in the ledger without its secrets (a new token is a new address)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def channel_urls(value: str, announce: Announce) -> tuple[dict[str, list[str]], list[str]]:
    """(URLs by channel id, problems) from the variable's value; a problem never shows a URL's secrets."""
    urls: dict[str, list[str]] = {}
    problems = []
    for position, token in enumerate(value.split(), start=1):
        tagged = TAGGED.match(token)
        if tagged:
            channel_id, url = tagged.groups()
            if announce.channel(channel_id) is None:
                problems.append(f"{URLS_VARIABLE}: URL {position} is tagged '{channel_id}', which is not a channel "
                                f"under announce.channels (declared: {', '.join(c.id for c in announce.channels)})")
                continue
        else:
            channel_id, url = _inferred(token, announce, position, problems), token
            if channel_id is None:
                continue
        channel = announce.channel(channel_id)
        if channel is not None and channel.format == "x" and "mode=tweet" not in url.split("?", 1)[-1]:
            problems.append(f"{URLS_VARIABLE}: URL {position} (for '{channel_id}') has no mode=tweet: Apprise would "
                            "send a direct message, not a post; add ?mode=tweet")
            continue
        urls.setdefault(channel_id, []).append(url)
    return urls, problems


def _inferred(url: str, announce: Announce, position: int, problems: list[str]) -> str | None:
    """The one channel whose format speaks this URL's scheme, or None (with the reason added to problems)."""
    scheme = SCHEME.match(url)
    if not scheme:
        problems.append(f"{URLS_VARIABLE}: item {position} is not a URL (expected scheme://… or channel-id=scheme://…)")
        return None
    name = scheme.group(1).lower()
    matching = [c.id for c in announce.channels if name in FORMATS[c.format].schemes]
    if len(matching) == 1:
        return matching[0]
    problems.append(f"{URLS_VARIABLE}: URL {position} ({name}://…) " + (
        f"could go to {', '.join(matching)}: tag it, e.g. {matching[0]}={name}://…" if matching
        else "matches no channel's format: tag it with a channel id, e.g. my-channel=" + name + "://…"))
    return None


def send(delivery: Delivery, urls: list[str]) -> Result:
    """Send one delivery's message to each of its channel's URLs through Apprise; one failing URL is reported."""
    import apprise  # imported here: loading every Apprise plugin takes a moment, and only this command needs it

    message = delivery.message
    assert message is not None
    sent, reasons, done = 0, [], list(delivery.done)
    for url in urls:
        if fingerprint(url) in delivery.done:
            continue  # an earlier run delivered it here
        notifier = apprise.Apprise()
        if not notifier.add(url):
            reasons.append(f"{_scheme(url)}://… is not a URL Apprise can use (check its form in Apprise's docs)")
            continue
        shown = _where(notifier[0].url(privacy=True))
        with apprise.LogCapture(level=apprise.logging.WARNING) as log:
            ok = notifier.notify(body=message.body, title=message.subject,
                                 body_format=BODY_FORMATS.get(message.format, "text"))
        if ok:
            sent += 1
            done.append(fingerprint(url))
        else:
            last = [line for line in log.getvalue().splitlines() if line.strip()][-1:] or ["no reason given"]
            reasons.append(f"{shown}: {safe_line(last[0].split(' - ', 2)[-1])}")
    return Result(sent, len(reasons), tuple(reasons), tuple(dict.fromkeys(done)))


def _where(url: str) -> str:
    """Scheme and host of an address, for people to read: paths and queries can hold tokens, so they are left out."""
    parts = urlsplit(url)
    return safe_line(f"{parts.scheme}://{parts.hostname or '…'}")


def _scheme(url: str) -> str:
    """A URL's scheme alone (the rest may hold secrets)."""
    match = SCHEME.match(url)
    return safe_line(match.group(1)) if match else "?"


def safe_line(text: str) -> str:
    """Text safe to print on one terminal line (no control or direction characters)."""
    return TERMINAL_UNSAFE.sub("?", text)


def read_ledger(path: Path) -> dict[str, LedgerEntry]:
    """The ledger's entries ({} when there is no file yet); LedgerError if the file is not Herald's."""
    if path.is_symlink():
        raise LedgerError("it is a symbolic link; Herald reads and writes only a plain file there")
    if not path.exists():
        return {}
    if not path.is_file():
        raise LedgerError("it is not a file")
    try:
        return parse_ledger(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(f"it cannot be read ({exc})") from None


def write_ledger(path: Path, entries: dict[str, LedgerEntry]) -> None:
    """Replace the ledger at once (a temporary file beside it, then a rename): never half-written."""
    write_atomically(path, ledger_text(entries))
