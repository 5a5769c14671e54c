"""Build the file ``herald update``, ``resolve`` and ``postmortem`` add: an update or its translation."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from generator.authoring.durations import DurationError, resolve_next
from generator.authoring.workspace import AuthoringError, Draft, Workspace, suggest
from generator.content.translation_hash import HASH_KEY
from generator.content.translation_report import hash_for_translation
from generator.model import CLOSED_STATUSES, INCIDENT_STATUSES, MAINTENANCE_STATUSES, ComponentStatus, Incident, Kind
from generator.text.yamltext import document

COMPONENT_STATUSES = tuple(status.value for status in ComponentStatus)


@dataclass(frozen=True)
class UpdateRequest:
    """What the author asked for, as given on the command line (checked by ``plan_update``)."""

    incident_id: str
    at: datetime
    body: str
    status: str | None = None
    """None keeps the latest status."""
    components: tuple[str, ...] = ()
    """``id=status`` pairs."""
    next_update: str | None = None
    """A delay (``2h``) or a time with offset."""
    facts: tuple[str, ...] = ()
    """``key=value`` pairs revising known facts."""
    lang: str | None = None
    """A translation language: write the translation of an update instead of a new update."""
    of: str | None = None
    """With ``lang``: the update to translate (default: the latest)."""
    draft: bool = False
    """Write the update as a draft (kept out of the public site until ``herald publish``)."""


def plan_update(workspace: Workspace, request: UpdateRequest) -> Draft:
    """The file to add for ``request``; raises AuthoringError (nothing written) on any bad option."""
    incident = workspace.incident(request.incident_id)
    body = request.body.strip("\n")
    if not body.strip():
        raise AuthoringError("the update has no text; give it with --message, --file or standard input")
    settings = workspace.settings
    if request.lang is not None and request.lang not in settings.languages:
        raise AuthoringError(f"language '{request.lang}' is not in site.languages "
                             f"({', '.join(settings.languages)})" + suggest(request.lang, list(settings.languages)))
    if request.lang not in (None, settings.default_language):
        return _plan_translation(workspace, incident, request, body)
    at = request.at.astimezone(settings.zone).replace(microsecond=0)
    fields: dict[str, object] = {"at": at, "status": _status(incident, request.status)}
    components = parse_components(workspace, request.components)
    if components:
        fields["components"] = components
    if request.next_update:
        try:
            fields["next_update"] = resolve_next(request.next_update, at, settings.zone)
        except DurationError as exc:
            raise AuthoringError(f"--next: {exc}") from None
    facts = _facts(incident, request.facts)
    if facts:
        fields["facts"] = {key: {"value": value} for key, value in facts.items()}
    if request.draft:
        fields["draft"] = True
    path = _free_update_path(workspace, incident, at)
    return Draft({path: document(fields, body)})


def closing_request(workspace: Workspace, request: UpdateRequest, status: str) -> UpdateRequest:
    """``request`` as a resolution (or postmortem): the closing status, every affected component operational."""
    incident = workspace.incident(request.incident_id)
    if status == "postmortem" and incident.kind is Kind.MAINTENANCE:
        raise AuthoringError("a maintenance has no postmortem; use herald resolve to mark it completed")
    if status == "resolved" and incident.kind is Kind.MAINTENANCE:
        status = "completed"
    latest = latest_status(incident)
    already_closed = latest in CLOSED_STATUSES
    affected = tuple(f"{c}=operational" for c in incident.components)
    return replace(request, status=status, components=request.components if already_closed else
                   affected + request.components)


def latest_status(incident: Incident) -> str:
    """The status of the latest update (in time order), or the first status of its kind."""
    if incident.updates:
        return incident.updates[-1].status
    return "scheduled" if incident.kind is Kind.MAINTENANCE else "investigating"


def _status(incident: Incident, given: str | None) -> str:
    """The update's status: as given (normalised, checked against the kind) or unchanged."""
    if given is None:
        return latest_status(incident)
    allowed = MAINTENANCE_STATUSES if incident.kind is Kind.MAINTENANCE else INCIDENT_STATUSES
    status = _normalise(given)
    if status in allowed:
        return status
    if status in INCIDENT_STATUSES + MAINTENANCE_STATUSES:
        raise AuthoringError(f"--status: '{status}' does not apply to {with_article(incident.kind.value)}; "
                             f"expected one of {', '.join(allowed)}")
    raise AuthoringError(f"--status: unknown status '{given}'; expected one of {', '.join(allowed)}"
                         + suggest(status, list(allowed)))


def parse_components(workspace: Workspace, pairs: tuple[str, ...]) -> dict[str, str]:
    """``('withdrawals=partial_outage',)`` -> ``{'withdrawals': 'partial_outage'}``, every id and status checked."""
    declared = [c.id for c in workspace.settings.components]
    out: dict[str, str] = {}
    for pair in pairs:
        component, sep, status = pair.partition("=")
        component, status = component.strip(), _normalise(status)
        if not sep or not component or not status:
            raise AuthoringError(f"--component: '{pair}' is not ID=STATUS; write e.g. withdrawals=partial_outage")
        if component not in declared:
            raise AuthoringError(f"--component: component '{component}' is not declared in herald.yml"
                                 + (suggest(component, declared) or f"; declared: {', '.join(declared) or 'none'}"))
        if status not in COMPONENT_STATUSES:
            raise AuthoringError(f"--component: unknown status '{status}' for {component}; expected one of "
                                 f"{', '.join(COMPONENT_STATUSES)}" + suggest(status, list(COMPONENT_STATUSES)))
        out[component] = status
    return out


def _facts(incident: Incident, pairs: tuple[str, ...]) -> dict[str, str]:
    """``('funds=1,204 ETH',)`` -> revised values of facts the incident already has."""
    known = list(dict.fromkeys([f.key for f in incident.facts] + [f.key for u in incident.updates for f in u.facts]))
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            raise AuthoringError(f"--fact: '{pair}' is not KEY=VALUE; write e.g. funds='1,204 ETH'")
        if key not in known:
            raise AuthoringError(f"--fact: the incident has no fact '{key}' (add new facts by editing the file)"
                                 + (suggest(key, known) or f"; its facts: {', '.join(known) or 'none'}"))
        out[key] = value
    return out


def _plan_translation(workspace: Workspace, incident: Incident, request: UpdateRequest, body: str) -> Draft:
    """The translation of one update: only translatable fields (fact values) and the text."""
    given = [name for name, value in (("--status", request.status), ("--component", request.components),
                                      ("--next", request.next_update)) if value]
    if given:
        raise AuthoringError(f"{', '.join(given)} cannot be translated; a translation (--lang {request.lang}) holds "
                             "only the text and fact values. Set them on the original update.")
    if not incident.updates:
        raise AuthoringError(f"incident '{incident.id}' has no update to translate yet")
    ids = [u.id for u in incident.updates]
    stem = request.of or ids[-1]
    if stem not in ids:
        raise AuthoringError(f"--of: incident '{incident.id}' has no update '{stem}'" + suggest(stem, ids))
    folder = f"{workspace.settings.incidents_dir}/{incident.id}"
    path = f"{folder}/{stem}.{request.lang}.md"
    if (workspace.settings.root / path).exists():
        raise AuthoringError(f"{path} already exists; edit that file to change the translation")
    facts = {key: {"value": value} for key, value in _facts(incident, request.facts).items()}
    fields: dict[str, object] = {"facts": facts} if facts else {}
    fields[HASH_KEY] = hash_for_translation(workspace.raw, workspace.settings, path)  # translated from it as it is
    return Draft({path: document(fields, body)})


def _free_update_path(workspace: Workspace, incident: Incident, at: datetime) -> str:
    """``incidents/<id>/2026-11-20T0912.md``; seconds, then a suffix, keep it from clashing."""
    folder = f"{workspace.settings.incidents_dir}/{incident.id}"
    taken = {Path(f.path).name.split(".")[0].lower() for f in workspace.raw.incident_folders.get(incident.id, [])}
    disk = workspace.settings.root / folder
    taken |= {p.name.split(".")[0].lower() for p in disk.iterdir()} if disk.is_dir() else set()
    candidates = [at.strftime("%Y-%m-%dT%H%M"), at.strftime("%Y-%m-%dT%H%M%S")]
    candidates += [f"{candidates[1]}-{n:02d}" for n in range(2, 100)]
    stem = next(c for c in candidates if c.lower() not in taken)  # the web editor writes 2026-11-20t0912.md
    return f"{folder}/{stem}.md"


def _normalise(value: str) -> str:
    """``'Partial Outage'`` / ``'partial-outage'`` -> ``'partial_outage'``."""
    return "_".join(value.strip().lower().replace("-", " ").split())


def with_article(kind: str) -> str:
    """``'an incident'``, ``'a maintenance'``, ``'a notice'``."""
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"
