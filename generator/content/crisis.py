"""Build what a crisis page answers beyond the facts (help, remedies, evidence, authorities told, claims) from an
incident's validated front matter and its translations, and warn where a serious incident leaves readers without
anywhere to ask."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from generator.content.settings import Settings
from generator.errors import Diagnostic, Severity
from generator.model import Claim, Disclosure, Evidence, Help, Impact, Incident, Kind, Localized, Remedy

SUPPORT_KINDS = ("support",)
"""Official channel kinds an incident without its own help entries points readers to."""


@dataclass(frozen=True, slots=True)
class HelpLine:
    """One place to get help, ready to show: what it is, where it goes, and what to expect."""

    kind: str
    label: Localized
    address: str
    subject: Localized
    hours: Localized
    reply_within: Localized


def help_href(kind: str, address: str, subject: str = "") -> str | None:
    """Where a help entry links: the page itself, ``mailto:`` with the subject to use, or ``tel:``."""
    if kind == "email":
        return f"mailto:{address}" + (f"?subject={quote(subject)}" if subject else "")
    if kind == "phone":
        return "tel:" + "".join(ch for ch in address if ch.isdigit() or ch == "+")
    return address if address.startswith("https://") else None


def _channel_kind(address: str) -> str:
    """How a support channel's address is reached."""
    if address.startswith("https://"):
        return "page"
    return "email" if "@" in address and " " not in address else "other"


def help_lines(incident: Incident, settings: Settings) -> list[HelpLine]:
    """The incident's own help entries, or else the site's support channels (label empty: name it by kind)."""
    if incident.help:
        return [HelpLine(h.kind, h.label, h.address, h.subject, h.hours, h.reply_within) for h in incident.help]
    return [HelpLine(kind, c.name, c.address, {}, c.note or {}, {})
            for c in settings.channels if c.kind in SUPPORT_KINDS for kind in (_channel_kind(c.address),)]


def localized(base: Any, translations: dict, section: str, key: str, attr: str, default: str,
              sub: str | None = None) -> dict[str, str]:
    """``attr`` of entry ``key`` (of ``sub`` inside it, for a remedy) by language: the original, then translations."""
    out = {default: getattr(base, attr)} if base is not None and getattr(base, attr) else {}
    for lang, (translation, _) in translations.items():
        entry = getattr(translation, section, {}).get(key) if translation else None
        if entry is not None and sub is not None:
            entry = getattr(entry, sub)
        value = getattr(entry, attr, None) if entry is not None else None
        if value:
            out[lang] = value
    return out


def crisis_fields(meta: Any, translations: dict, default: str) -> dict[str, tuple]:
    """The Incident fields ``help``, ``evidence``, ``disclosures`` and ``claims``."""
    def text(section: str, key: str, item: Any, attr: str) -> dict[str, str]:
        return localized(item, translations, section, key, attr, default)

    return {
        "help": tuple(Help(key, h.kind, h.address, text("help", key, h, "label"), text("help", key, h, "subject"),
                           text("help", key, h, "hours"), text("help", key, h, "reply_within"))
                      for key, h in meta.help.items()),
        "evidence": tuple(Evidence(key, e.chain, e.kind, e.address, e.transaction, e.amount,
                                   text("evidence", key, e, "note")) for key, e in meta.evidence.items()),
        "disclosures": tuple(Disclosure(key, text("disclosures", key, d, "authority"), d.notified, d.reference, d.link)
                             for key, d in meta.disclosures.items()),
        "claims": tuple(Claim(key, text("claims", key, c, "claim"), text("claims", key, c, "fact"), c.source)
                        for key, c in meta.claims.items()),
    }


def remedy(key: str, commitment: Any, translations: dict, default: str) -> Remedy | None:
    """A commitment's remedy with its translations, or None."""
    given = commitment.remedy
    if given is None:
        return None
    def text(attr: str) -> dict[str, str]:
        return localized(given, translations, "commitments", key, attr, default, sub="remedy")
    return Remedy(text("eligibility"), text("what"), text("how_to_claim"), given.claim_by)


def help_warnings(incidents: tuple[Incident, ...], settings: Settings) -> list[Diagnostic]:
    """A critical or major incident with no help entry, on a site with no support channel, is a warning."""
    if any(channel.kind in SUPPORT_KINDS for channel in settings.channels):
        return []
    return [Diagnostic(incident.source, 1, "help", "no-help",
                       f"a {incident.impact.value} incident that says nowhere where affected users get help",
                       "add help: entries (a form, an e-mail address with the subject to use, hours, reply time), "
                       "or a channel of kind 'support' in herald.yml", Severity.WARNING)
            for incident in incidents
            if incident.kind is Kind.INCIDENT and incident.impact in (Impact.CRITICAL, Impact.MAJOR) and not incident.help]
