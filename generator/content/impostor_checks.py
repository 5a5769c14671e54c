"""Checks of the ``impostors:`` a scam warning names: only on scam warnings, each readable as the kind of address
it is listed as, no hidden characters, and never one of the site's own official channels."""

from __future__ import annotations

from generator.content.channel_check import Candidate, parse_candidate
from generator.content.channel_rules import channel_entries
from generator.content.schema import IncidentIn
from generator.content.settings import Settings
from generator.errors import Diagnostic
from generator.model import Incident

SECTIONS = {"domain": "domains", "handle": "handles", "email": "addresses"}
EXAMPLES = {"domain": "larkspur-refund.example", "handle": "@larkspur_refund_desk or t.me/larkspur_refund_desk",
            "email": "refunds@larkspur-help.example"}


def impostor_diagnostics(incident: Incident, line_of, settings: Settings) -> list[Diagnostic]:
    """Every problem with the incident's ``impostors`` list (``line_of`` maps a field path to its line)."""
    if not incident.impostors:
        return []
    if not incident.scam_warning:
        return [Diagnostic(incident.source, line_of(("impostors",)), "impostors", "impostors-not-scam-warning",
                           "impostors are listed on an incident that is not a scam warning",
                           "set scam_warning: true (kind: notice), or move the list to the scam warning")]
    official = channel_entries(settings.channels, settings.default_language, settings.default_language)
    out = []
    counters = {kind: 0 for kind in SECTIONS}
    for kind, address in incident.impostors:
        index = counters[kind]
        counters[kind] += 1
        field = f"impostors.{SECTIONS[kind]}[{index}]"
        problem = _problem(kind, parse_candidate(address), official)
        if problem:
            out.append(Diagnostic(incident.source, line_of(("impostors", SECTIONS[kind], index)), field,
                                  "bad-impostor", f"'{address}' {problem}",
                                  f"write it as users see it, e.g. {EXAMPLES[kind]}"))
    return out


def _problem(kind: str, parsed: Candidate, official: list[dict[str, str]]) -> str | None:
    """Why one listed impostor cannot be used, or None."""
    if "hidden" in parsed.tricks or "at" in parsed.tricks:
        return "contains invisible characters or a user name before @"
    if parsed.kind != kind:
        return f"is not read as {'an e-mail address' if kind == 'email' else 'a ' + kind} (it reads as a {parsed.kind})"
    if any(e["kind"] == parsed.kind and e["value"] == parsed.value for e in official):
        return "is one of the official channels in herald.yml"
    return None


def impostors_of(meta: IncidentIn) -> tuple[tuple[str, str], ...]:
    """The (kind, address) pairs a scam warning names, in the order written."""
    if meta.impostors is None:
        return ()
    given = meta.impostors
    return tuple([("domain", d) for d in given.domains] + [("handle", h) for h in given.handles]
                 + [("email", a) for a in given.addresses])
