"""Front-matter and configuration schemas: what each field may hold.

These pydantic models are the single declaration of every field an author can
write. Validation turns their errors into file/line diagnostics
(``validate.py``), and ``herald schema`` exports them as JSON Schema for editors.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints

from generator.content.announce_schema import AnnounceIn
from generator.content.crisis_schema import (
    Chain,
    ClaimIn,
    ClaimTranslationIn,
    DisclosureIn,
    DisclosureTranslationIn,
    EvidenceIn,
    EvidenceTranslationIn,
    ExplorerIn,
    FeedbackIn,
    HelpIn,
    HelpTranslationIn,
    RemedyIn,
    RemedyTranslationIn,
)
from generator.content.schema_types import ID_PATTERN, LANGUAGE_PATTERN, Https, LanguageTag, Id, Localized, Strict, Text, Time
from generator.model import INCIDENT_STATUSES, MAINTENANCE_STATUSES

__all__ = ["ID_PATTERN", "LANGUAGE_PATTERN", "LanguageTag", "Https", "Id", "Localized", "Strict", "Text", "Time", "RemedyIn",
           "HelpIn", "EvidenceIn", "DisclosureIn", "ClaimIn", "FeedbackIn", "ExplorerIn"]

Kind = Literal["incident", "maintenance", "notice"]
Impact = Literal["none", "minor", "major", "critical"]
ComponentStatus = Literal["operational", "degraded_performance", "partial_outage", "major_outage",
                          "under_maintenance"]
Status = Literal[INCIDENT_STATUSES + MAINTENANCE_STATUSES]  # type: ignore[valid-type]


class FactIn(Strict):
    """A key fact: a short label and its current value."""

    label: Text = Field(description="Short label, e.g. 'Funds affected'.")
    value: Text = Field(description="What is known, e.g. '1,204 ETH from one hot wallet'.")


class FactChangeIn(Strict):
    """A fact revised or added by an update; label needed only for a new fact."""

    label: Text | None = None
    value: Text


class FactTranslationIn(Strict):
    """A translated fact label and/or value."""

    label: Text | None = None
    value: Text | None = None


Urgency = Literal["now", "soon", "optional"]
SourceHash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]
SOURCE_HASH_HELP = ("The original's translatable text when this translation was made (12 hex digits, written by "
                    "herald translations --stamp); herald check calls the translation outdated when it differs.")


class ActionIn(Strict):
    """Something users should do, shown as a checklist on the incident and home pages."""

    text: Text = Field(description="The step, e.g. 'Change your password'.")
    urgency: Urgency = Field("soon", description="now, soon or optional.")
    link: Annotated[str, StringConstraints(pattern=r"^(https://\S+|[A-Za-z0-9_./-]+\.md(#[\w-]+)?)$")] | None = Field(
        None, description="A knowledge-base page (kb/...md) or an https:// address.")


class ActionTranslationIn(Strict):
    """A translated action."""

    text: Text


class FaqIn(Strict):
    """Front matter of one FAQ entry file (faq/<topic>/<slug>.md or incidents/<id>/faq/<slug>.md)."""

    question: Text = Field(description="The question, as users ask it.")
    tags: list[Id] = Field(default_factory=list)
    order: int = Field(100, description="Position within its topic (smaller first).")


class FaqTranslationIn(Strict):
    """Front matter of an FAQ entry's translation."""

    question: Text
    tags: list[Id] = Field(default_factory=list)
    order: int | None = None
    source_hash: SourceHash | None = Field(None, description=SOURCE_HASH_HELP)


class FaqTopicIn(Strict):
    """faq/<topic>/_topic.yml."""

    title: Text
    title_zh: Text | None = None
    order: int = 100


class CommitmentIn(Strict):
    """A promise to users: due by a time; pending, done (with date and link) or missed (with explanation)."""

    text: Text = Field(description="The promise, e.g. 'Full compensation for affected users'.")
    due: Time = Field(description="When it is due, with offset.")
    state: Literal["pending", "done", "missed"] = "pending"
    done_at: Time | None = Field(None, description="When it was done (state: done).")
    link: Annotated[str, StringConstraints(pattern=r"^(https://\S+|[A-Za-z0-9_./-]+\.md(#[\w-]+)?)$")] | None = Field(
        None, description="Evidence: a page of the site or an https:// address (state: done).")
    explanation: Text | None = Field(None, description="Why it was missed (state: missed).")
    remedy: RemedyIn | None = Field(None, description="Compensation or another remedy users can act on.")


class CommitmentTranslationIn(Strict):
    """A translated commitment."""

    text: Text | None = None
    explanation: Text | None = None
    remedy: RemedyTranslationIn | None = None


class ImpostorsIn(Strict):
    """What a scam warning names as fake: the checker calls each a known impostor and names the warning."""

    domains: list[Text] = Field(default_factory=list, description="Fake sites, e.g. larkspur-refund.example.")
    handles: list[Text] = Field(default_factory=list, description="Fake accounts: @name, t.me/name, x.com/name.")
    addresses: list[Text] = Field(default_factory=list, description="Fake e-mail addresses.")


class IncidentIn(Strict):
    """Front matter of ``incidents/<id>/incident.md``."""

    title: Text = Field(description="Headline, written for users.")
    kind: Kind = Field("incident", description="incident, maintenance or notice.")
    impact: Impact = Field("none", description="none, minor, major or critical.")
    components: list[Id] = Field(default_factory=list, description="Ids of affected components.")
    started_at: Time = Field(description="When the problem began (may be revised).")
    detected_at: Time | None = Field(None, description="When it was detected.")
    scheduled_for: Time | None = Field(None, description="Maintenance window start.")
    scheduled_until: Time | None = Field(None, description="Maintenance window end.")
    facts: dict[Id, FactIn] = Field(default_factory=dict, description="Key facts by id.")
    tags: list[Id] = Field(default_factory=list, description="Tags linking knowledge-base articles.")
    scam_warning: bool = Field(False, description="A notice warning users about scams.")
    impostors: ImpostorsIn | None = Field(None, description="Fake domains, accounts and addresses this scam warning "
                                                            "names; /verify/ and herald verify-channel flag them.")
    actions: dict[Id, ActionIn] = Field(default_factory=dict, description="What users should do, by id.")
    commitments: dict[Id, CommitmentIn] = Field(default_factory=dict, description="Promises to users, by id.")
    help: dict[Id, HelpIn] = Field(default_factory=dict, description="Where affected users get help, by id.")
    evidence: dict[Id, EvidenceIn] = Field(default_factory=dict, description="On-chain addresses and transactions.")
    disclosures: dict[Id, DisclosureIn] = Field(default_factory=dict, description="Authorities told, by id.")
    claims: dict[Id, ClaimIn] = Field(default_factory=dict, description="What is said in public, and what is true.")
    draft: bool = Field(False, description="Keep the whole incident out of the public site (herald publish clears "
                                           "it); herald serve shows it.")


class UpdateIn(Strict):
    """Front matter of one update file in an incident folder."""

    at: Time = Field(description="When this update was published, with offset.")
    status: Status = Field(description="The incident's (or maintenance's) status at this update.")
    components: dict[Id, ComponentStatus] = Field(default_factory=dict,
                                                   description="Status of each affected component now.")
    next_update: Time | None = Field(None, description="When the next update is promised.")
    facts: dict[Id, FactChangeIn] = Field(default_factory=dict, description="Facts revised or added.")
    draft: bool = Field(False, description="Keep this update out of the public site (herald publish clears it); "
                                           "herald serve shows it.")


class IncidentTranslationIn(Strict):
    """Front matter of ``incident.zh.md``: only translatable fields."""

    title: Text | None = None
    facts: dict[Id, FactTranslationIn] = Field(default_factory=dict)
    actions: dict[Id, ActionTranslationIn] = Field(default_factory=dict)
    commitments: dict[Id, CommitmentTranslationIn] = Field(default_factory=dict)
    help: dict[Id, HelpTranslationIn] = Field(default_factory=dict)
    evidence: dict[Id, EvidenceTranslationIn] = Field(default_factory=dict)
    disclosures: dict[Id, DisclosureTranslationIn] = Field(default_factory=dict)
    claims: dict[Id, ClaimTranslationIn] = Field(default_factory=dict)
    source_hash: SourceHash | None = Field(None, description=SOURCE_HASH_HELP)


class UpdateTranslationIn(Strict):
    """Front matter of an update's translation: only translatable fields."""

    facts: dict[Id, FactTranslationIn] = Field(default_factory=dict)
    source_hash: SourceHash | None = Field(None, description=SOURCE_HASH_HELP)


class GroupIn(Strict):
    """A component group in ``herald.yml``."""

    id: Id
    name: Localized
    description: Localized | None = None
    order: int = 0


class ComponentIn(Strict):
    """A component in ``herald.yml``."""

    id: Id
    name: Localized
    description: Localized | None = None
    group: Id | None = None
    order: int = 0


class SiteIn(Strict):
    """The ``site`` section of ``herald.yml``."""

    name: Localized
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$")] = Field(
        description="Public URL the site is served from, e.g. https://status.example.com/ or "
                    "https://example.github.io/status/")
    time_zone: str = Field("UTC", description="IANA time zone for showing times, e.g. Asia/Shanghai.")
    languages: list[LanguageTag] = Field(["en", "zh"], description="BCP 47 tags (en, zh-Hans, zh-Hant, ja, ...); the first is the default, served at /, each other at /<tag>/.")
    now: Time | None = Field(None, description="Pin the build's 'now' (demos); --now and "
                                               "SOURCE_DATE_EPOCH take precedence.")
    description: Localized | None = None


def _off(value: object) -> object:
    """YAML reads a bare ``off`` as false: take it as the word."""
    return "off" if value is False else value


class ChecksIn(Strict):
    """The ``checks`` section: when to warn."""

    stale_after_hours: int = Field(72, ge=1, description="Warn when an incident stays unresolved longer.")
    translations: Annotated[Literal["optional", "required", "off"], BeforeValidator(_off)] = Field(
        "optional", description="Missing or outdated translations: optional (warnings), required (errors) or off.")


class LimitsIn(Strict):
    """The ``limits`` section: refuse content that would exhaust a build."""

    max_file_bytes: int = Field(2_000_000, ge=1000)
    max_files: int = Field(200_000, ge=10)


class OutputIn(Strict):
    """The ``output`` section."""

    history_per_page: int = Field(50, ge=5)
    home_days: int = Field(14, ge=1, le=90)
    allow_raw_html: bool = Field(False, description="Trust raw HTML in content (turns the sanitiser off).")
    search_incidents: bool = Field(False, description="Put incident pages in the search index. Off by default: "
                                                      "Material fetches the whole index on every first visit, so it "
                                                      "would grow with the incident history.")
    feeds_max_entries: int = Field(50, ge=1, description="Entries kept in the site-wide, component and maintenance "
                                                         "feeds (newest first); per-incident feeds keep all.")


class ChannelIn(Strict):
    """One official channel users can trust."""

    kind: Literal["website", "status", "email", "support", "press", "social", "chat", "app", "phone", "other"]
    name: Localized
    address: Text = Field(description="URL, e-mail address, handle or number, exactly as users see it.")
    note: Localized | None = None
    contact: Localized | None = Field(None, description="A person to ask for (press: the spokesperson).")
    developer: Text | None = Field(None, description="kind: app: the developer name the app stores show "
                                                     "(/verify/ checks pasted developer names against it).")




SecurityContact = Annotated[str, StringConstraints(pattern=r"^(mailto:[^\s@]+@[^\s@]+|https://\S+|tel:\+?[0-9-]+)$")]


class SecurityIn(Strict):
    """The ``security`` section: what ``/.well-known/security.txt`` (RFC 9116) says."""

    contact: list[SecurityContact] = Field(min_length=1, description="mailto:, https:// or tel: addresses, "
                                                                      "most preferred first.")
    policy: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = Field(
        None, description="https:// address of the vulnerability disclosure policy.")
    preferred_languages: list[Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]] = Field(
        default_factory=list, description="Language tags reports may be written in, e.g. [en, zh].")


class SigningIn(Strict):
    """The ``signing`` section: the OpenPGP key every update's statement is signed with (opt-in)."""

    fingerprint: Annotated[str, StringConstraints(pattern=r"^\s*([0-9A-Fa-f]{4}\s*){10}$")] = Field(
        description="The key's full fingerprint (40 hex digits, spaces allowed); the build refuses any other key.")
    public_key: str = Field(description="The armored public key file in the project (herald verify reads it).")
    demo_secret_key: str | None = Field(None, description="DEMO SITES ONLY: an armored secret key file in the "
                                                          "project, used when HERALD_SIGNING_KEY is not set. A real "
                                                          "site never puts its secret key in the repository.")


EditorBackend = Literal["github", "gitlab", "gitea", "git-gateway"]
LOOPBACK_API = r"^http://(127\.0\.0\.1|localhost|\[::1\]):[0-9]{1,5}/api/v1$"


class EditorIn(Strict):
    """The ``editor`` section: publish the web editor at ``/admin/`` (Decap CMS) with this git backend."""

    backend: EditorBackend = Field(description="github, gitlab, gitea or git-gateway (Netlify).")
    repo: Annotated[str, StringConstraints(pattern=r"^[\w.-]+(/[\w.-]+)+$")] | None = Field(
        None, description="owner/name of the repository holding this project (github, gitlab, gitea).")
    branch: Annotated[str, StringConstraints(pattern=r"^[\w./-]+$")] = Field(
        "main", description="The branch the site is built from; reviewed changes are merged into it.")
    base_url: Https | None = Field(None, description="The OAuth proxy that signs editors in (github).")
    api_root: Https | None = Field(None, description="The API of a self-hosted GitLab or Gitea, e.g. "
                                                     "https://git.example.com/api/v1.")
    app_id: Annotated[str, StringConstraints(pattern=r"^[\w-]+$")] | None = Field(
        None, description="The OAuth application id (gitlab and gitea sign-in with PKCE).")
    local_server: Annotated[str, StringConstraints(pattern=LOOPBACK_API)] | None = Field(
        None, description="Edit a local clone through decap-server at this loopback address, e.g. "
                          "http://127.0.0.1:8081/api/v1 (the editor uses it when opened from localhost).")


class ConfigIn(Strict):
    """The whole of ``herald.yml``."""

    site: SiteIn
    groups: list[GroupIn] = Field(default_factory=list)
    components: list[ComponentIn] = Field(default_factory=list)
    checks: ChecksIn = Field(default_factory=ChecksIn)
    limits: LimitsIn = Field(default_factory=LimitsIn)
    output: OutputIn = Field(default_factory=OutputIn)
    channels: list[ChannelIn] = Field(default_factory=list, description="Official channels.")
    company: Localized | None = Field(None, description="Company name used in 'we will never ask' notices.")
    security: SecurityIn | None = Field(None, description="Publish /.well-known/security.txt (skipped when absent).")
    feedback: FeedbackIn | None = Field(None, description="Where readers send questions, feedback and scam reports.")
    signing: SigningIn | None = Field(None, description="Sign every update (OpenPGP); the secret key comes from "
                                                        "HERALD_SIGNING_KEY.")
    explorers: dict[Chain, ExplorerIn] = Field(default_factory=dict, description="Block explorers by chain (defaults "
                                                                               "are built in).")
    announce: AnnounceIn | None = Field(None, description="Tell channels (e-mail, chat, social, SMS) of each update.")
    incidents_dir: str = "incidents"
    pages_dir: str = "site_src"
    editor: EditorIn | None = Field(None, description="Publish the web editor at /admin/ (skipped when absent).")
