"""What the crisis blocks of a page ask for: where to get help (the incident's own, else the site's support
channels), remedies, explorer links for on-chain evidence, and where feedback and scam reports go."""

from __future__ import annotations

from urllib.parse import quote

from generator.content.chain_formats import explorer_link
from generator.content.crisis import HelpLine, help_href, help_lines
from generator.model import Commitment, Evidence, Incident, Localized, Remedy
from generator.site.page_helper import PageHelper


class CrisisHelper:
    """Template helpers for help, remedies, evidence and feedback on one page."""

    def __init__(self, helper: PageHelper) -> None:
        self.h = helper

    def help_lines(self, incident: Incident) -> list[HelpLine]:
        """The incident's own help entries, or else the site's support channels."""
        return help_lines(incident, self.h.settings)

    def help_label(self, line: HelpLine) -> Localized:
        """What a help entry is called: its label, else its kind's name."""
        return line.label or {self.h.lang: self.h.t("help.kind." + line.kind)}

    def help_link(self, line: HelpLine) -> str | None:
        """A help entry's link, an e-mail's subject in this page's language."""
        return help_href(line.kind, line.address, self.h.plain(line.subject) if line.subject else "")

    def help_is_own(self, incident: Incident) -> bool:
        """Whether the help shown is the incident's own (not the site's general support)."""
        return bool(incident.help)

    def remedies(self, incident: Incident) -> list[tuple[Commitment, Remedy]]:
        """Commitments that carry a remedy, in the ledger's order."""
        return [(c, c.remedy) for c in incident.commitments if c.remedy is not None]

    def evidence_link(self, evidence: Evidence) -> tuple[str, str]:
        """(URL, explorer host) of an evidence entry on its chain's block explorer."""
        return explorer_link(evidence.chain, evidence.address, evidence.transaction, self.h.settings.explorers)

    def chain_name(self, chain: str) -> str:
        """A chain's display name."""
        return self.h.t("chain." + chain)

    def feedback_link(self, incident: Incident | None = None) -> str | None:
        """Where questions and feedback go; an e-mail link names the incident in its subject."""
        feedback = self.h.settings.feedback
        if feedback is None:
            return None
        if feedback.link.startswith("mailto:") and incident is not None and "?" not in feedback.link:
            return f"{feedback.link}?subject={quote(self.h.plain(incident.title))}"
        return feedback.link

    def scam_reports(self) -> str | None:
        """Where scam reports go, if configured."""
        feedback = self.h.settings.feedback
        return feedback.scam_reports if feedback else None

    def scam_reward(self) -> Localized:
        """Whether scam reports are rewarded, and how."""
        feedback = self.h.settings.feedback
        return (feedback.scam_reward or {}) if feedback else {}

    def shown_link(self, link: str) -> str:
        """A link as a reader would type it: an e-mail address without ``mailto:`` and its subject."""
        return link.removeprefix("mailto:").split("?")[0]
