"""Build a new incident folder for ``herald new``: its id, ``incident.md`` and first update, from a template."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from generator.authoring.durations import DurationError, resolve_next
from generator.authoring.template_catalog import IncidentTemplate, render, unfilled_prompts
from generator.authoring.updates import parse_components, with_article
from generator.authoring.workspace import AuthoringError, Draft, Workspace, suggest
from generator.content.schema import ID_PATTERN
from generator.model import INCIDENT_STATUSES, MAINTENANCE_STATUSES, Impact
from generator.state.derive import IMPACT_DEFAULT_STATUS
from generator.text import i18n
from generator.text.yamltext import block

SLUG_WORDS = 6
MAX_SLUG = 48
TITLE_HINT = {"en": "# title: write the English title here, then remove the '#' at the start of this line",
              "zh": "# title: 在此填写中文标题，然后删除本行开头的 #"}


@dataclass(frozen=True)
class NewIncident:
    """What ``herald new`` was asked for; None means 'the template's default' or 'now'."""

    title: str
    now: datetime
    kind: str | None = None
    impact: str | None = None
    components: tuple[str, ...] = ()
    """Component ids, or ``id=status`` pairs for the first update."""
    started_at: datetime | None = None
    window: tuple[datetime, datetime] | None = None
    message: str | None = None
    status: str | None = None
    next_update: str | None = None
    translations: tuple[str, ...] = ()
    """Languages to write translation files for (from the template's twins)."""
    incident_id: str | None = None
    draft: bool | None = None
    """Write a draft; None: a draft exactly when template prompts are left in the files."""


def slugify(title: str) -> str:
    """ASCII slug of a title (``'Withdrawals paused!'`` -> ``'withdrawals-paused'``); '' if nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)[:SLUG_WORDS]
    slug = "-".join(words)
    while len(slug) > MAX_SLUG and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug[:MAX_SLUG].strip("-")


def plan_new(workspace: Workspace, request: NewIncident, template: IncidentTemplate) -> Draft:
    """The new folder's files, rendered from ``template``; raises AuthoringError (nothing written) on bad options."""
    settings = workspace.settings
    if not request.title.strip():
        raise AuthoringError("the incident needs a title (--title)")
    kind = request.kind or template.kind
    impact = request.impact or template.impact
    pairs = tuple(c if "=" in c else f"{c}={_default_status(kind, impact)}" for c in request.components)
    statuses = parse_components(workspace, pairs)
    start = _start(request, kind, settings.zone)
    incident_id = _new_id(workspace, request, start, template)
    folder = f"{settings.incidents_dir}/{incident_id}"
    default = settings.default_language
    unknown = [lang for lang in request.translations if lang not in settings.languages]
    if unknown:
        raise AuthoringError(f"--lang: '{unknown[0]}' is not in site.languages ({', '.join(settings.languages)})")
    languages = [default] + [lang for lang in dict.fromkeys(request.translations) if lang != default]
    missing = [lang for lang in languages if lang not in template.languages()]
    if missing:
        raise AuthoringError(f"template '{template.name}' has no {', '.join(missing)} version; "
                             f"it has {', '.join(template.languages())}")
    plan = _plan(workspace, request, kind, impact, statuses, start, template)
    files = _render_files(workspace, template, plan, request, folder, languages)
    draft = request.draft if request.draft is not None else any(unfilled_prompts(text) for text in files.values())
    if draft:
        plan = replace(plan, incident={"draft": True, **plan.incident}, update={"draft": True, **plan.update})
        files = _render_files(workspace, template, plan, request, folder, languages)
    return Draft(files, new_folder=folder)


def _render_files(workspace: Workspace, template: IncidentTemplate, plan: _Plan, request: NewIncident, folder: str,
                  languages: list[str]) -> dict[str, str]:
    """Every file of the new folder, rendered from the template in each language."""
    default = workspace.settings.default_language
    files = {}
    for lang in languages:
        original = lang == default
        context = {**plan.context, **_localized(workspace, lang, plan), "original": original}
        suffix = "" if original else f".{lang}"
        front = block(plan.incident) if original else TITLE_HINT.get(lang, TITLE_HINT["en"])
        files[f"{folder}/incident{suffix}.md"] = render(template, "incident", lang, context | {"front_matter": front})
        front = block(plan.update) if original else ""
        update = render(template, "first-update", lang, context | {"front_matter": front})
        files[f"{folder}/{plan.update_id}{suffix}.md"] = _with_message(update, request.message, original)
    return {path: _tidy(text) for path, text in files.items()}


def _default_status(kind: str, impact: str) -> str:
    """The status an affected component starts with: the impact's default (maintenance: under maintenance)."""
    if kind == "maintenance":
        return "under_maintenance"
    try:
        return IMPACT_DEFAULT_STATUS[Impact(impact)].value
    except ValueError:
        raise AuthoringError(f"--impact: unknown impact '{impact}'; expected one of "
                             f"{', '.join(i.value for i in Impact)}" + suggest(impact, [i.value for i in Impact])
                             ) from None


def _start(request: NewIncident, kind: str, zone) -> datetime:
    """When it began: --started-at, the window start for a maintenance, or now."""
    if kind == "maintenance":
        if request.window is None:
            raise AuthoringError("a maintenance needs its window: --window-start and --window-end")
        return request.window[0].astimezone(zone)
    return (request.started_at or request.now).astimezone(zone).replace(microsecond=0)


def _new_id(workspace: Workspace, request: NewIncident, start: datetime, template: IncidentTemplate) -> str:
    """``2026-11-20-withdrawals-paused``: local date plus slug (template name if the title has no ASCII words)."""
    if request.incident_id is not None:
        if not re.match(ID_PATTERN, request.incident_id):
            raise AuthoringError(f"--id: '{request.incident_id}' is not a valid id; use lowercase letters, digits "
                                 "and hyphens, e.g. 2026-11-20-withdrawals-paused")
        if (workspace.settings.root / workspace.settings.incidents_dir / request.incident_id).exists():
            raise AuthoringError(f"--id: incident '{request.incident_id}' already exists")
        return request.incident_id
    base = f"{start:%Y-%m-%d}-{slugify(request.title) or template.name}"
    existing = set(workspace.raw.incident_folders)
    incidents_dir = workspace.settings.root / workspace.settings.incidents_dir
    existing |= {p.name for p in incidents_dir.iterdir()} if incidents_dir.is_dir() else set()
    return next(c for c in [base] + [f"{base}-{n}" for n in range(2, 1000)] if c not in existing)


@dataclass(frozen=True)
class _Plan:
    """Front-matter fields of the original files, times, and the placeholders shared by every language."""

    incident: dict[str, Any]
    update: dict[str, Any]
    update_id: str
    moments: tuple[datetime, datetime | None, tuple[datetime, datetime]]
    """Start, promised next update, maintenance window (start, start outside maintenance)."""
    context: dict[str, Any]


def _plan(workspace: Workspace, request: NewIncident, kind: str, impact: str, statuses: dict[str, str],
          start: datetime, template: IncidentTemplate) -> _Plan:
    """Front matter of the original files, and the placeholders shared by every language."""
    zone = workspace.settings.zone
    at = request.now.astimezone(zone).replace(microsecond=0)
    status = request.status or ("scheduled" if kind == "maintenance" else "investigating")
    allowed = MAINTENANCE_STATUSES if kind == "maintenance" else INCIDENT_STATUSES
    if status not in allowed:
        raise AuthoringError(f"--status: '{status}' does not apply to {with_article(kind)}; expected one of "
                             f"{', '.join(allowed)}" + suggest(status, list(allowed)))
    try:
        next_update = resolve_next(request.next_update, at, zone) if request.next_update else None
    except DurationError as exc:
        raise AuthoringError(f"--next: {exc}") from None
    incident: dict[str, Any] = {"title": request.title.strip(), "kind": kind, "impact": impact,
                                "components": list(statuses), "started_at": start}
    if request.window is not None:
        incident |= {"scheduled_for": request.window[0].astimezone(zone),
                     "scheduled_until": request.window[1].astimezone(zone)}
    incident |= {key: value for key, value in template.fields.items() if key not in incident}
    update: dict[str, Any] = {"at": at, "status": status}
    if statuses and kind != "maintenance":
        update["components"] = statuses
    if next_update is not None:
        update["next_update"] = next_update
    window = request.window or (start, start)
    context = {"title": request.title.strip(), "kind": kind, "impact": impact, "components": list(statuses),
               "status": status, "started_at": start.isoformat(), "at": at.isoformat(),
               "next_update": next_update.isoformat() if next_update else ""}
    return _Plan(incident, update, f"{at:%Y-%m-%dT%H%M}", (start, next_update, window), context)


def _localized(workspace: Workspace, lang: str, plan: _Plan) -> dict[str, Any]:
    """Placeholders in one language: readable times, component names, company and site name."""
    settings = workspace.settings
    zone, default = settings.zone, settings.default_language
    start, next_update, window = plan.moments
    names = [i18n.pick(settings.component(c).name, lang, default)[0] for c in plan.incident["components"]]

    def when(moment: datetime | None) -> str:
        return i18n.format_time(moment, zone, lang) if moment is not None else ""
    return {"lang": lang, "started": when(start), "next": when(next_update), "window_from": when(window[0]),
            "window_to": when(window[1]), "component_names": ("、" if lang == "zh" else ", ").join(names),
            "company": i18n.pick(settings.company, lang, default)[0],
            "site_name": i18n.pick(settings.name, lang, default)[0]}


def _with_message(text: str, message: str | None, original: bool) -> str:
    """The first update with its body replaced by --message (originals only; translations keep their prompts)."""
    if not message or not message.strip() or not original:
        return text
    end = text.find("\n---", 3)
    head = text[: text.index("\n", end + 1) + 1] if end != -1 else text
    return head + message.strip("\n") + "\n"


def _tidy(text: str) -> str:
    """An empty front matter as two lines, not three."""
    return "---\n---\n" + text[len("---\n\n---\n"):] if text.startswith("---\n\n---\n") else text
