"""What a crisis page answers beyond the facts, for machines and feed readers: the help and feedback parts of
feed entries (and what users can claim under each commitment), and ``api/herald/incidents.json`` (help, remedies,
on-chain evidence, authorities told, claims) under Herald's own namespace beside the Statuspage API."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from generator.content.chain_formats import explorer_link
from generator.content.crisis import HelpLine, help_href, help_lines
from generator.model import CLOSED_STATUSES, Incident, Kind, Localized, Update
from generator.outputs.text import OutputText
from generator.text import urls

INCIDENTS_JSON = "api/herald/incidents.json"


def help_html(text: OutputText, incident: Incident, lang: str) -> Markup:
    """Where to get help, as a feed entry's paragraph and list (empty when there is nowhere)."""
    lines = help_lines(incident, text.settings)
    if not lines:
        return Markup("")
    colon = text.t(lang, "punct.colon")
    items = Markup("").join(Markup("<li>{}</li>").format(_help_item(text, line, lang, colon)) for line in lines)
    return Markup("<p><strong>{}</strong></p><ul>{}</ul>").format(text.t(lang, "help.title"), items)


def _help_item(text: OutputText, line: HelpLine, lang: str, colon: str) -> Markup:
    """One help entry: its name, its link, and the subject, hours and reply time it names."""
    label = text.pick(line.label, lang) if line.label else text.t(lang, "help.kind." + line.kind)
    subject = text.pick(line.subject, lang) if line.subject else ""
    href = help_href(line.kind, line.address, subject)
    where = Markup('<a href="{}">{}</a>').format(href, line.address) if href else Markup("{}").format(line.address)
    item = Markup("<strong>{}</strong>{}{}").format(label, colon, where)
    for key, value in (("help.subject", subject), ("help.hours", text.pick(line.hours, lang) if line.hours else ""),
                       ("help.reply", text.pick(line.reply_within, lang) if line.reply_within else "")):
        if value:
            item += Markup("<br>{}{}{}").format(text.t(lang, key), colon, value)
    return item


def remedies_html(text: OutputText, incident: Incident, lang: str) -> Markup:
    """What users can claim under each commitment that offers a remedy: who, what, how and by when, linked to the
    incident page's own section."""
    colon = text.t(lang, "punct.colon")
    out = Markup("")
    for commitment in (c for c in incident.commitments if c.remedy is not None):
        remedy = commitment.remedy
        claim_by = text.time(remedy.claim_by, lang) if remedy.claim_by else text.t(lang, "remedy.no_deadline")
        rows = Markup("").join(Markup("<li><strong>{}{}</strong>{}</li>").format(text.t(lang, label), colon, value)
                               for label, value in (("remedy.eligibility", text.pick(remedy.eligibility, lang)),
                                                    ("remedy.what", text.pick(remedy.what, lang)),
                                                    ("remedy.how", text.pick(remedy.how_to_claim, lang)),
                                                    ("remedy.claim_by", claim_by)))
        page = text.url(urls.incident(text.prefix(lang), incident.id)) + f"#remedy-{commitment.key}"
        out += Markup('<p><a href="{}">{}</a></p><ul>{}</ul>').format(page, text.pick(commitment.text, lang), rows)
    if not out:
        return out
    return Markup("<p><strong>{}</strong></p>").format(text.t(lang, "remedy.title")) + out


def feedback_html(text: OutputText, incident: Incident, update: Update, lang: str) -> Markup:
    """"Was this clear?" with the feedback address, in a resolution or postmortem entry."""
    feedback = text.settings.feedback
    if feedback is None or update.status not in CLOSED_STATUSES or incident.kind is Kind.MAINTENANCE:
        return Markup("")
    link = feedback.link
    if link.startswith("mailto:") and "?" not in link:
        link += "?subject=" + quote(text.title(incident, lang))
    return Markup('<p><strong>{}</strong> {} <a href="{}">{}</a></p>').format(
        text.t(lang, "feedback.title"), text.t(lang, "feedback.text"), link,
        feedback.link.removeprefix("mailto:"))


def render_crisis_json(text: OutputText) -> dict[str, str]:
    """``api/herald/incidents.json``: each public incident's help, remedies, evidence, disclosures and claims."""
    incidents = [_incident(text, i) for i in sorted(text.state.content.incidents, key=lambda i: i.id, reverse=True)]
    data = {"generated_at": text.state.now.astimezone(timezone.utc).isoformat(), "languages": list(text.settings.languages),
            "incidents": incidents}
    return {INCIDENTS_JSON: json.dumps(data, ensure_ascii=False, indent=1) + "\n"}


def _texts(text: OutputText, localized: Localized) -> dict[str, str]:
    """Every language's text (falling back to the original), so a client need not guess."""
    return {lang: text.pick(localized, lang) for lang in text.settings.languages} if localized else {}


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _incident(text: OutputText, incident: Incident) -> dict[str, Any]:
    """One incident's crisis fields."""
    default = text.settings.default_language
    return {
        "id": incident.id, "shortlink": text.url(urls.incident(text.prefix(default), incident.id)),
        "help": [{"kind": line.kind, "label": _texts(text, line.label), "address": line.address,
                  "subject": _texts(text, line.subject), "hours": _texts(text, line.hours),
                  "reply_within": _texts(text, line.reply_within)} for line in help_lines(incident, text.settings)],
        "remedies": [{"commitment": c.key, "text": _texts(text, c.text), "eligibility": _texts(text, c.remedy.eligibility),
                      "what": _texts(text, c.remedy.what), "how_to_claim": _texts(text, c.remedy.how_to_claim),
                      "claim_by": _time(c.remedy.claim_by)} for c in incident.commitments if c.remedy is not None],
        "evidence": [_evidence(text, e) for e in incident.evidence],
        "disclosures": [{"key": d.key, "authority": _texts(text, d.authority), "notified": _time(d.notified),
                         "reference": d.reference, "link": d.link} for d in incident.disclosures],
        "claims": [{"key": c.key, "claim": _texts(text, c.claim), "fact": _texts(text, c.fact), "source": c.source}
                   for c in incident.claims],
    }


def _evidence(text: OutputText, evidence) -> dict[str, Any]:
    """An on-chain address or transaction with its explorer link."""
    link, _ = explorer_link(evidence.chain, evidence.address, evidence.transaction, text.settings.explorers)
    return {"key": evidence.key, "chain": evidence.chain, "kind": evidence.kind, "address": evidence.address,
            "transaction": evidence.transaction, "amount": evidence.amount, "note": _texts(text, evidence.note),
            "explorer": link}
