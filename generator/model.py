"""The incident model: frozen values that every later stage reads and none changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Mapping

Localized = Mapping[str, str]
"""Text by language code; a language missing from the mapping has no translation."""


class Kind(str, Enum):
    """What sort of event an incident folder describes."""

    INCIDENT = "incident"
    MAINTENANCE = "maintenance"
    NOTICE = "notice"


class Impact(str, Enum):
    """How much of the service an incident affects, in Statuspage's terms."""

    NONE = "none"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Order of severity, 0 for none."""
        return list(Impact).index(self)


class ComponentStatus(str, Enum):
    """A component's state, with Statuspage's names."""

    OPERATIONAL = "operational"
    UNDER_MAINTENANCE = "under_maintenance"
    DEGRADED_PERFORMANCE = "degraded_performance"
    PARTIAL_OUTAGE = "partial_outage"
    MAJOR_OUTAGE = "major_outage"

    @property
    def rank(self) -> int:
        """Order of badness: operational 0 ... major outage 4."""
        return list(ComponentStatus).index(self)


INCIDENT_STATUSES = ("investigating", "identified", "monitoring", "resolved", "postmortem")
MAINTENANCE_STATUSES = ("scheduled", "in_progress", "verifying", "completed")
CLOSED_STATUSES = frozenset({"resolved", "postmortem", "completed"})


@dataclass(frozen=True, slots=True)
class Group:
    """A declared group of components."""

    id: str
    name: Localized
    description: Localized
    order: int


@dataclass(frozen=True, slots=True)
class Component:
    """A declared part of the service whose status is shown."""

    id: str
    name: Localized
    description: Localized
    group: str | None
    order: int


@dataclass(frozen=True, slots=True)
class Fact:
    """A key fact as stated at one moment (label and value by language)."""

    key: str
    label: Localized
    value: Localized


@dataclass(frozen=True, slots=True)
class Action:
    """Something users should do because of an incident."""

    key: str
    text: Localized
    urgency: str
    """``now``, ``soon`` or ``optional``."""
    link: str | None
    """Pages-folder path of a knowledge-base article (``kb/...md``), or an https:// address."""


@dataclass(frozen=True, slots=True)
class Remedy:
    """What users can claim under a commitment."""

    eligibility: Localized
    what: Localized
    how_to_claim: Localized
    claim_by: datetime | None = None


@dataclass(frozen=True, slots=True)
class Help:
    """Where affected users get help with an incident (a form, an e-mail address, a chat, a phone line, a page)."""

    key: str
    kind: str
    address: str
    label: Localized
    subject: Localized
    hours: Localized
    reply_within: Localized


@dataclass(frozen=True, slots=True)
class Evidence:
    """An on-chain address or transaction made public, in its chain's format (checked when loaded)."""

    key: str
    chain: str
    kind: str
    """``attacker-address``, ``theft``, ``frozen-funds``, ``reimbursement``, ``proof-of-reserves`` or ``other``."""
    address: str | None
    transaction: str | None
    amount: str | None
    note: Localized


@dataclass(frozen=True, slots=True)
class Disclosure:
    """An authority told of the incident."""

    key: str
    authority: Localized
    notified: datetime
    reference: str | None
    link: str | None


@dataclass(frozen=True, slots=True)
class Claim:
    """Something said in public about an incident, and what is true."""

    key: str
    claim: Localized
    fact: Localized
    source: str | None


@dataclass(frozen=True, slots=True)
class Commitment:
    """A promise made to users, with a due time and what became of it."""

    key: str
    text: Localized
    due: datetime
    state: str
    """``pending``, ``done`` or ``missed`` (as declared; "overdue" is derived at now)."""
    done_at: datetime | None
    link: str | None
    explanation: Localized
    remedy: Remedy | None = None


@dataclass(frozen=True, slots=True)
class FaqEntry:
    """One question and its answer."""

    id: str
    """``<topic>/<slug>`` for the site FAQ, ``<incident id>/<slug>`` for an incident's own."""
    topic: str
    question: Localized
    answer: Localized
    """Markdown by language."""
    tags: tuple[str, ...]
    order: int
    source: str


@dataclass(frozen=True, slots=True)
class FaqTopic:
    """A group of FAQ entries."""

    id: str
    title: Localized
    order: int


@dataclass(frozen=True, slots=True)
class Update:
    """One published update, from one file."""

    id: str
    """The file's stem, stable forever: anchor, feed id and API id derive from it."""
    incident_id: str
    at: datetime
    status: str
    body: Localized
    """Markdown body by language."""
    components: tuple[tuple[str, ComponentStatus], ...]
    next_update: datetime | None
    facts: tuple[Fact, ...]
    source: str
    draft: bool = False
    """Kept out of everything public; ``herald serve`` shows it, marked as a draft."""


@dataclass(frozen=True, slots=True)
class Incident:
    """An incident, maintenance or notice, with its updates in time order."""

    id: str
    kind: Kind
    title: Localized
    impact: Impact
    components: tuple[str, ...]
    started_at: datetime
    detected_at: datetime | None
    scheduled_for: datetime | None
    scheduled_until: datetime | None
    summary: Localized
    facts: tuple[Fact, ...]
    tags: tuple[str, ...]
    updates: tuple[Update, ...]
    source: str
    scam_warning: bool = False
    actions: tuple[Action, ...] = ()
    faq: tuple[FaqEntry, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    help: tuple[Help, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    disclosures: tuple[Disclosure, ...] = ()
    claims: tuple[Claim, ...] = ()
    impostors: tuple[tuple[str, str], ...] = ()
    """(kind, address) a scam warning names as fake: ``domain``, ``handle`` or ``email``."""
    draft: bool = False
    """The whole incident is kept out of everything public (``herald serve`` shows it)."""


@dataclass(frozen=True, slots=True)
class SourcePage:
    """A hand-written page from the pages folder, in each language it exists in."""

    path: str
    """Path relative to the pages folder, in the default language (``kb/index.md``)."""
    text: Localized
    """Whole file text (front matter included) by language."""
    title: Localized = field(default_factory=dict)
    description: Localized = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    """Tag ids from the default-language file's front matter."""


@dataclass(frozen=True, slots=True)
class Content:
    """Everything loaded and validated from a Herald project."""

    incidents: tuple[Incident, ...] = ()
    pages: tuple[SourcePage, ...] = field(default_factory=tuple)
    faq: tuple[FaqEntry, ...] = ()
    faq_topics: tuple[FaqTopic, ...] = ()
