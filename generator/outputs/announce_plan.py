"""What ``herald announce`` owes: every published update not yet delivered to each channel, oldest first.

The delivery record (the ledger) is a small JSON file the adapter keeps: one entry per
``<incident>/<update>/<channel>/<language>``, ``sending`` before a delivery starts and ``sent``
or ``failed`` after. A run sends what has no entry and what ``failed``; it never sends again
what was ``sent``, and it does not guess about ``sending`` (a run that stopped mid-delivery):
a person checks the channel and edits the entry. Only updates published at the run's now
(not drafts, not future-dated) and not before ``announce.since`` are owed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from generator.content.announce_settings import Announce, AnnounceChannel
from generator.model import Incident, Update
from generator.outputs.announcements import Message, TooShort, compose
from generator.outputs.text import OutputText

LEDGER_MARK = "herald-announce-ledger"
LEDGER_VERSION = 1
STATES = ("sending", "sent", "failed")


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """What became of one delivery."""

    state: str
    at: str
    """When the state was recorded (ISO 8601)."""
    detail: str = ""
    done: tuple[str, ...] = ()
    """Fingerprints of the addresses that already have it (a retry skips them; see ``adapters/announce.py``)."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """One update owed to one channel in one language, with its message (or why it cannot be written)."""

    key: str
    channel: AnnounceChannel
    lang: str
    incident: Incident
    update: Update
    message: Message | None
    problem: str = ""
    done: tuple[str, ...] = ()
    """Addresses (fingerprints) an earlier, partly failed run already delivered it to."""


class LedgerError(ValueError):
    """The ledger file is not a delivery record Herald can read."""


def delivery_key(incident_id: str, update_id: str, channel_id: str, lang: str) -> str:
    """The ledger key of one delivery."""
    return f"{incident_id}/{update_id}/{channel_id}/{lang}"


def parse_ledger(text: str) -> dict[str, LedgerEntry]:
    """The entries of a ledger file's text; LedgerError if it is not a Herald ledger."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise LedgerError(f"it is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get(LEDGER_MARK) != LEDGER_VERSION:
        raise LedgerError(f'it has no "{LEDGER_MARK}": {LEDGER_VERSION} mark, so Herald did not write it')
    entries = data.get("deliveries")
    if not isinstance(entries, dict):
        raise LedgerError('its "deliveries" is not an object')
    return {key: _entry(key, value) for key, value in entries.items()}


def _entry(key: str, value: Any) -> LedgerEntry:
    """One entry, checked."""
    if not isinstance(value, dict) or value.get("state") not in STATES:
        raise LedgerError(f'the entry "{key}" has no state among {", ".join(STATES)}')
    done = value.get("done", [])
    if not isinstance(done, list) or not all(isinstance(item, str) for item in done):
        raise LedgerError(f'the entry "{key}" has a "done" that is not a list of address fingerprints')
    return LedgerEntry(value["state"], str(value.get("at", "")), str(value.get("detail", "")), tuple(done))


def ledger_text(entries: dict[str, LedgerEntry]) -> str:
    """A ledger file's text: sorted, one delivery a line group, readable in a diff."""
    deliveries = {key: {k: v for k, v in (("state", e.state), ("at", e.at), ("detail", e.detail),
                                          ("done", list(e.done))) if v}
                  for key, e in sorted(entries.items())}
    return json.dumps({LEDGER_MARK: LEDGER_VERSION, "deliveries": deliveries}, ensure_ascii=False, indent=2) + "\n"


def owed(text: OutputText, announce: Announce, ledger: dict[str, LedgerEntry], signed: bool = False
         ) -> tuple[list[Delivery], list[str]]:
    """(deliveries to make now, oldest first; keys left ``sending`` by a run that stopped). ``signed``: the site
    publishes signed statements (the e-mails link them)."""
    out, uncertain = [], []
    for incident, update in _published_since(text, announce.since):
        for channel in announce.channels:
            if not channel.takes(incident.kind.value, incident.components):
                continue
            for lang in channel.languages:
                key = delivery_key(incident.id, update.id, channel.id, lang)
                entry = ledger.get(key)
                if entry is not None and entry.state == "sending":
                    uncertain.append(key)
                elif entry is None or entry.state == "failed":
                    delivery = _delivery(text, key, channel, lang, incident, update, signed)
                    out.append(replace(delivery, done=entry.done) if entry else delivery)
    return out, uncertain


def _published_since(text: OutputText, since: datetime) -> list[tuple[Incident, Update]]:
    """Every published update at or after ``since``, oldest first (incident and update ids break ties)."""
    pairs = [(i, u) for i in text.state.content.incidents if not i.draft for u in i.updates
             if not u.draft and since <= u.at <= text.state.now]
    return sorted(pairs, key=lambda pair: (pair[1].at, pair[0].id, pair[1].id))


def _delivery(text: OutputText, key: str, channel: AnnounceChannel, lang: str, incident: Incident,
              update: Update, signed: bool) -> Delivery:
    """The delivery with its message; a channel too short for the link carries the problem instead."""
    try:
        message = compose(text, incident, update, channel.format, lang, signed)
        return Delivery(key, channel, lang, incident, update, message)
    except TooShort as exc:
        return Delivery(key, channel, lang, incident, update, None, f"the message cannot be written: {exc}")
