"""Signed statements: each published update as a canonical plain-text statement, clearsigned by a ``Signer``.

The text is built here (pure, from the update as published); the signing is an adapter's (GnuPG in
``adapters/gpg_signer.py``), given to ``build_site``. Clearsigned rather than detached: one file holds the
statement and its signature, so it can be downloaded, forwarded or pasted whole into /verify/ and still be
checked (``gpg --verify file.asc``); the time of the signature is the update's own ``at``, so rebuilds give the
same bytes.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from typing import Protocol

from generator.model import Incident, Update
from generator.outputs.text import OutputText
from generator.state import derive
from generator.text import urls

STATEMENT_ID = re.compile(r"/statements/([a-z0-9][a-z0-9-]*)/([A-Za-z0-9_.-]+?)\.([A-Za-z-]+)\.asc\b")
"""The statement's own address inside its text: which incident, update and language it is."""


class Signer(Protocol):
    """Makes OpenPGP clearsigned messages with one key, the signature dated at a given time."""

    fingerprint: str
    public_key: str

    def clearsign(self, text: str, at: datetime) -> str:
        """``text`` clearsigned, the signature's creation time ``at`` (byte-identical for the same inputs)."""
        ...


def statement_text(text: OutputText, incident: Incident, update: Update, lang: str) -> str:
    """The canonical statement of one update in one language: what it says, when, where, and the facts then."""
    colon = text.t(lang, "punct.colon")
    position = incident.updates.index(update)
    facts = derive.current_facts(dataclasses.replace(incident, updates=incident.updates[:position + 1]))
    lines = [
        f"{text.site_name(lang)} — {text.t(lang, 'statement.heading')}",
        f"{text.t(lang, 'statement.incident')}{colon}{text.title(incident, lang)}",
        f"{text.t(lang, 'statement.status')}{colon}{text.t(lang, 'status.' + update.status)} ({update.status})",
        f"{text.t(lang, 'statement.time')}{colon}{update.at.astimezone(text.settings.zone).isoformat()}",
        f"{text.t(lang, 'statement.url')}{colon}{text.update_url(incident, update, lang)}",
        f"{text.t(lang, 'statement.id')}{colon}{text.url(urls.statement(incident.id, update.id, lang))}",
        "",
        text.update_text(incident, update, lang),
    ]
    if facts:
        lines += ["", f"{text.t(lang, 'statement.facts')}{colon}"]
        lines += [f"* {text.pick(f.label, lang)}{colon}{text.pick(f.value, lang)}" for f in facts]
    return _canonical("\n".join(lines))


def _canonical(text: str) -> str:
    """One form for signing: LF line ends, no trailing spaces (OpenPGP's cleartext rule), no ``-`` at a line's
    start (no dash-escaping, so the signed text reads as the statement), one final line end."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = ["* " + line[2:] if line.startswith("- ") else ("\u2010" + line[1:] if line.startswith("-") else line)
             for line in lines]
    return "\n".join(lines).strip("\n") + "\n"


def render_statements(text: OutputText, signer: Signer) -> dict[str, str | bytes]:
    """Every published update's clearsigned statement in every language, and the public key."""
    out: dict[str, str | bytes] = {urls.SIGNING_KEY: signer.public_key}
    for incident in text.state.content.incidents:
        for update in incident.updates:
            for lang in text.settings.languages:
                body = statement_text(text, incident, update, lang)
                out[urls.statement(incident.id, update.id, lang)] = signer.clearsign(body, update.at)
    return out


def statement_of(signed: str) -> tuple[str, str, str] | None:
    """(incident id, update id, language) named by a statement's own address, or None."""
    match = STATEMENT_ID.search(signed)
    return (match.group(1), match.group(2), match.group(3)) if match else None
