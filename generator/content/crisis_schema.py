"""Front-matter and configuration schemas of what a crisis page answers beyond the facts: remedies, where to get
help, on-chain evidence, authorities told, claims and what is true; and where feedback and scam reports go.

Kept beside ``schema.py`` (which imports them) so each stays one readable declaration.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from generator.content.chain_formats import CHAINS, address_problem, transaction_problem
from generator.content.schema_types import Https, Localized, Strict, Text, Time

Chain = Literal[CHAINS]  # type: ignore[valid-type]
FeedbackLink = Annotated[str, StringConstraints(pattern=r"^(mailto:[^\s@]+@[^\s@]+|https://\S+)$")]


class RemedyIn(Strict):
    """What a user can claim under a commitment: who qualifies, what they get, how to claim and by when."""

    eligibility: Text = Field(description="Who qualifies, e.g. 'Accounts with a balance on 20 November 04:00'.")
    what: Text = Field(description="What they get, e.g. 'The full amount, in the same asset'.")
    how_to_claim: Text = Field(description="What to do, e.g. 'Nothing: it is credited automatically'.")
    claim_by: Time | None = Field(None, description="The last day to claim, with offset (none: no deadline).")


class RemedyTranslationIn(Strict):
    """A translated remedy."""

    eligibility: Text | None = None
    what: Text | None = None
    how_to_claim: Text | None = None


class HelpIn(Strict):
    """Where affected users get help with this incident."""

    kind: Literal["form", "email", "chat", "phone", "page"] = Field(description="form, email, chat, phone or page.")
    address: Text = Field(description="https:// address (form, chat, page), e-mail address or phone number.")
    label: Text | None = Field(None, description="What it is, e.g. 'Claims form' (default: by kind).")
    subject: Text | None = Field(None, description="E-mail: the subject line to use.")
    hours: Text | None = Field(None, description="When it is answered, e.g. 'Every day, 08:00-22:00 UTC+8'.")
    reply_within: Text | None = Field(None, description="Expected reply time, e.g. '24 hours'.")

    @field_validator("address")
    @classmethod
    def _address_fits_kind(cls, value: str, info: ValidationInfo) -> str:
        kind = info.data.get("kind")
        patterns = {"email": (r"^[^\s@]+@[^\s@]+\.[^\s@]+$", "an e-mail address such as help@example.com"),
                    "phone": (r"^\+?[0-9][0-9 ()-]{4,}$", "a phone number such as +65 6000 0000")}
        pattern, expected = patterns.get(kind, (r"^https://\S+$", "an https:// address"))
        if not re.match(pattern, value):
            raise ValueError(f"for kind '{kind}' expected {expected}")
        return value


class HelpTranslationIn(Strict):
    """A translated help entry."""

    label: Text | None = None
    subject: Text | None = None
    hours: Text | None = None
    reply_within: Text | None = None


class EvidenceIn(Strict):
    """An on-chain address or transaction made public: stolen funds, frozen funds, reimbursement, reserves."""

    chain: Chain = Field(description="bitcoin, ethereum, bsc, polygon, arbitrum, optimism, base, avalanche, tron or "
                                     "solana.")
    kind: Literal["attacker-address", "theft", "frozen-funds", "reimbursement", "proof-of-reserves", "other"] = Field(
        description="attacker-address, theft (the transaction that took the funds), frozen-funds, reimbursement, "
                    "proof-of-reserves or other.")
    address: Text | None = Field(None, description="The address, exactly as on the chain (give this or transaction).")
    transaction: Text | None = Field(None, description="The transaction hash or signature (or give address).")
    amount: Text | None = Field(None, description="E.g. '1,204 ETH'.")
    note: Text | None = Field(None, description="What it is, in a sentence.")

    @field_validator("address")
    @classmethod
    def _address_fits_chain(cls, value: str | None, info: ValidationInfo) -> str | None:
        problem = address_problem(info.data["chain"], value) if value and "chain" in info.data else None
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("transaction")
    @classmethod
    def _transaction_fits_chain(cls, value: str | None, info: ValidationInfo) -> str | None:
        problem = transaction_problem(info.data["chain"], value) if value and "chain" in info.data else None
        if problem:
            raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _one_of_address_or_transaction(self) -> "EvidenceIn":
        if (self.address is None) == (self.transaction is None):
            raise ValueError("give exactly one of 'address' and 'transaction'")
        return self


class EvidenceTranslationIn(Strict):
    """A translated evidence note."""

    note: Text | None = None


class DisclosureIn(Strict):
    """A regulator, data-protection authority or law-enforcement agency told of the incident."""

    authority: Text = Field(description="Who was told, e.g. 'Monetary Authority of Singapore'.")
    notified: Time = Field(description="When, with offset.")
    reference: Text | None = Field(None, description="Case or report number, if it may be published.")
    link: Https | None = Field(None, description="https:// address of a public notice or report.")


class DisclosureTranslationIn(Strict):
    """A translated disclosure."""

    authority: Text | None = None


class ClaimIn(Strict):
    """Something said in public about the incident, and what is true."""

    claim: Text = Field(description="What is being said, e.g. 'Larkspur is insolvent'.")
    fact: Text = Field(description="What is true, e.g. 'Customer assets are held 1:1; see the reserves report'.")
    source: Https | None = Field(None, description="https:// address that shows it.")


class ClaimTranslationIn(Strict):
    """A translated claim."""

    claim: Text | None = None
    fact: Text | None = None


class FeedbackIn(Strict):
    """Where readers tell us what is unclear, and where scam reports go."""

    link: Annotated[str, StringConstraints(pattern=r"^(mailto:[^\s@]+@[^\s@]+|https://\S+)$")] = Field(
        description="mailto: or https:// address for questions and feedback on incident pages.")
    scam_reports: Annotated[str, StringConstraints(pattern=r"^(mailto:[^\s@]+@[^\s@]+|https://\S+)$")] | None = Field(
        None, description="mailto: or https:// address where scam reports go.")
    scam_reward: Localized | None = Field(None, description="Whether reports are rewarded, and how (none: no reward).")


class ExplorerIn(Strict):
    """Block-explorer links for one chain: {address} and {transaction} are replaced."""

    address: Annotated[str, StringConstraints(pattern=r"^https://\S*\{address\}\S*$")]
    transaction: Annotated[str, StringConstraints(pattern=r"^https://\S*\{transaction\}\S*$")]
