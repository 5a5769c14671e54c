"""Validate raw content into the model: every problem found, each with file, line and field.

Per incident folder: parse each file's front matter, check it against its
schema (``schema.py``), then check what one file cannot know alone: declared
components, times in order, statuses that fit the kind, facts that exist,
translations that match an original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.content.crisis import crisis_fields, help_warnings, remedy
from generator.content.diagnose import near, validate_model
from generator.content.faq import is_faq_entry, validate_entries, validate_topics
from generator.content.frontmatter import FrontMatter, parse_front_matter, parse_translation
from generator.content.impostor_checks import impostor_diagnostics, impostors_of
from generator.content.load import RawContent, RawFile
from generator.content.page_paths import duplicate_titles, shadowed_pages
from generator.content.pages import collect_pages, split_language
from generator.content.schema import ID_PATTERN, IncidentIn, IncidentTranslationIn, UpdateIn, UpdateTranslationIn
from generator.content.settings import Settings
from generator.content.translation_report import translation_diagnostics
from generator.content.update_checks import update_warnings
from generator.errors import Diagnostic, Severity
from generator.model import (
    INCIDENT_STATUSES,
    MAINTENANCE_STATUSES,
    Action,
    Commitment,
    ComponentStatus,
    Content,
    Fact,
    Impact,
    Incident,
    Kind,
    Update,
)

UPDATE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")
INCIDENT_FILE = "incident"


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A file with its front matter parsed."""

    raw: RawFile
    front: FrontMatter


def validate_content(raw: RawContent, settings: Settings) -> tuple[Content, list[Diagnostic]]:
    """Turn raw files into a Content model, collecting every diagnostic."""
    diagnostics: list[Diagnostic] = []
    prefix = settings.pages_dir + "/"
    faq_files = [file for file in raw.pages if is_faq_entry(file.path[len(prefix):])]
    pages = collect_pages([file for file in raw.pages if file not in faq_files], settings, diagnostics)
    known_pages = frozenset(page.path for page in pages)
    incidents = []
    for folder_id, files in raw.incident_folders.items():
        folder = f"{settings.incidents_dir}/{folder_id}/"
        if any(path.startswith(folder) for path in raw.unreadable):
            continue  # already reported; checking the rest would only add confusing follow-on errors
        incident = _validate_incident(folder_id, files, settings, known_pages, diagnostics)
        if incident is not None:
            incidents.append(incident)
    faq = validate_entries(faq_files, prefix + "faq/", lambda relative: tuple(relative.split("/", 1)), settings,
                           diagnostics)
    topics = validate_topics(raw.faq_topics, settings, diagnostics)
    content = Content(incidents=tuple(incidents), pages=tuple(pages), faq=tuple(faq), faq_topics=tuple(topics))
    diagnostics += shadowed_pages(content, settings) + duplicate_titles(content, settings)
    diagnostics += help_warnings(content.incidents, settings) + translation_diagnostics(raw, settings)
    diagnostics.sort(key=lambda d: (d.path, d.line))
    return content, diagnostics


def _validate_incident(folder_id: str, files: list[RawFile], settings: Settings, known_pages: frozenset[str],
                       out: list[Diagnostic]) -> Incident | None:
    """Validate one incident folder; None if it has errors."""
    folder = f"{settings.incidents_dir}/{folder_id}"
    start = len(out)
    if not re.match(ID_PATTERN, folder_id):
        out.append(Diagnostic(folder, 0, "", "bad-id", f"incident id '{folder_id}' is not valid",
                              "use lowercase letters, digits and hyphens, e.g. 2026-11-20-withdrawals-paused"))
    faq_files = [f for f in files if f.path.startswith(folder + "/faq/") and f.path.count("/") == folder.count("/") + 2]
    files = [f for f in files if f not in faq_files]
    base, base_translations, updates, update_translations = _classify(folder, files, settings, out)
    faq = validate_entries(faq_files, folder + "/", lambda relative: (folder_id, relative.split("/", 1)[1]),
                           settings, out)
    if base is None:
        out.append(Diagnostic(folder, 0, "", "missing-incident-file", "the folder has no incident.md",
                              "add incident.md with title, kind, impact, components and started_at"))
        return None
    meta = _parse_as(base, IncidentIn, out)
    parsed_updates = {stem: (_parse_as(p, UpdateIn, out), p) for stem, p in updates.items()}
    translations = {lang: (_parse_as(p, IncidentTranslationIn, out), p) for lang, p in base_translations.items()}
    update_tr = {key: (_parse_as(p, UpdateTranslationIn, out), p) for key, p in update_translations.items()}
    # Cross-file checks run on whatever parsed, so one run reports every problem, not the per-file ones first.
    valid_updates = {stem: pair for stem, pair in parsed_updates.items() if pair[0] is not None}
    if meta is None:
        out.extend(_check_updates_alone(valid_updates, settings))
        return None
    incident = replace(_assemble(folder_id, base, meta, valid_updates, translations, update_tr, settings),
                       faq=tuple(faq))
    out.extend(_cross_check(incident, base, meta, valid_updates, translations, update_tr, settings,
                            expect_updates=any(not f.path.rsplit("/", 1)[1].startswith("incident.") for f in files)))
    out.extend(_check_action_links(incident, base, known_pages, settings))
    if any(d.severity is Severity.ERROR for d in out[start:]):
        return None
    return incident


def _check_updates_alone(updates: dict, settings: Settings) -> list[Diagnostic]:
    """What can be checked of updates whose incident file is broken: components and promised times."""
    declared = [c.id for c in settings.components]
    out: list[Diagnostic] = []
    for meta, parsed in updates.values():
        path, front = parsed.raw.path, parsed.front
        if meta.next_update is not None and meta.next_update <= meta.at:
            out.append(_next_update_too_early(path, front.line_of(("next_update",))))
        out += [_unknown_component(path, front.line_of(("components", component)), f"components.{component}",
                                   component, declared) for component in meta.components if component not in declared]
    return out


def _next_update_too_early(path: str, line: int) -> Diagnostic:
    """The diagnostic for a promised next update that is not after the update itself."""
    return Diagnostic(path, line, "next_update", "time-order", "next_update is not after this update's time",
                      "promise a time in the future")


def _classify(folder: str, files: list[RawFile], settings: Settings, out: list[Diagnostic]):
    """Sort a folder's files into the incident file, updates and translations."""
    base: _Parsed | None = None
    base_tr: dict[str, _Parsed] = {}
    updates: dict[str, _Parsed] = {}
    update_tr: dict[tuple[str, str], _Parsed] = {}
    for raw in files:
        name = raw.path[len(folder) + 1:]
        if "/" in name:
            out.append(Diagnostic(raw.path, 0, "", "unexpected-file", "unexpected sub-folder in an incident folder",
                                  "updates sit directly in the incident folder; FAQ entries in its faq/ folder"))
            continue
        stem, lang = split_language(name[:-3])
        if lang is not None and lang not in settings.languages[1:]:
            out.append(Diagnostic(raw.path, 0, "", "unknown-language", f"'{lang}' is not a configured translation",
                                  f"translations are named <file>.{'|'.join(settings.languages[1:]) or 'zh'}.md"))
            continue
        if not UPDATE_ID_RE.match(stem):
            out.append(Diagnostic(raw.path, 0, "", "bad-id", f"file name '{stem}' is not a valid update id",
                                  "name updates by time, e.g. 2026-11-20T0912.md (letters, digits, - and _)"))
            continue
        front, diagnostics = (parse_front_matter if lang is None else parse_translation)(raw.text, raw.path)
        out.extend(diagnostics)
        if front is None:
            continue
        parsed = _Parsed(raw, front)
        if stem == INCIDENT_FILE:
            if lang is None:
                base = parsed
            else:
                base_tr[lang] = parsed
        elif lang is None:
            updates[stem] = parsed
        else:
            update_tr[(stem, lang)] = parsed
    out.extend(_case_clashes(updates))
    for (stem, lang), parsed in update_tr.items():
        if stem not in updates:
            out.append(Diagnostic(parsed.raw.path, 0, "", "orphan-translation",
                                  f"translation of '{stem}.md', which does not exist",
                                  near(stem, list(updates)) or "name it after the update it translates"))
    return base, base_tr, updates, {k: v for k, v in update_tr.items() if k[0] in updates}


def _case_clashes(updates: dict[str, _Parsed]) -> list[Diagnostic]:
    """Updates whose names differ only in case (``...T1630.md`` and the web editor's ``...t1630.md``).

    Both are valid names, but a checkout on macOS or Windows can hold only one of them.
    """
    seen: dict[str, str] = {}
    out: list[Diagnostic] = []
    for stem, parsed in sorted(updates.items()):
        other = seen.setdefault(stem.lower(), stem)
        if other != stem:
            out.append(Diagnostic(parsed.raw.path, 0, "", "case-clash", f"'{stem}.md' and '{other}.md' differ only "
                                  "in case; many file systems cannot hold both", "rename one of them (add seconds "
                                  "to its time, e.g. 2026-11-20T091230.md)"))
    return out


def _parse_as(parsed: _Parsed, model, out: list[Diagnostic]):
    """Validate a parsed file's front matter against ``model``."""
    value, diagnostics = validate_model(model, parsed.front.meta, parsed.raw.path, parsed.front.lines)
    out.extend(diagnostics)
    return value


def _assemble(folder_id, base: _Parsed, meta: IncidentIn, updates, translations, update_tr,
              settings: Settings) -> Incident:
    """Build the Incident value from validated parts."""
    default = settings.default_language
    title = {default: meta.title} | {lang: t.title for lang, (t, _) in translations.items() if t and t.title}
    summary = {default: base.front.body.strip()} | {
        lang: p.front.body.strip() for lang, (_, p) in translations.items() if p.front.body.strip()}
    facts = tuple(Fact(key, {default: f.label} | _translated(translations, key, "label"),
                       {default: f.value} | _translated(translations, key, "value"))
                  for key, f in meta.facts.items())
    built = []
    for stem, (update_meta, parsed) in updates.items():
        built.append(_build_update(folder_id, stem, update_meta, parsed, update_tr, settings))
    built.sort(key=lambda u: (u.at, u.id))  # time order; id breaks ties so the order is total
    components = tuple(dict.fromkeys(list(meta.components) + [c for u in built for c, _ in u.components]))
    actions = tuple(Action(key, {default: a.text} | {lang: t.actions[key].text for lang, (t, _) in translations.items()
                                                     if t and key in t.actions}, a.urgency, a.link)
                    for key, a in meta.actions.items())
    commitments = tuple(_commitment(key, c, translations, default) for key, c in meta.commitments.items())
    return Incident(
        actions=actions, commitments=commitments,
        id=folder_id, kind=Kind(meta.kind), title=title, impact=Impact(meta.impact), components=components,
        started_at=meta.started_at, detected_at=meta.detected_at, scheduled_for=meta.scheduled_for,
        scheduled_until=meta.scheduled_until, summary=summary, facts=facts, tags=tuple(meta.tags),
        updates=tuple(built), source=base.raw.path, scam_warning=meta.scam_warning, draft=meta.draft,
        impostors=impostors_of(meta),
        **crisis_fields(meta, translations, default))


def _commitment(key: str, c, translations, default: str) -> Commitment:
    """A Commitment with its translations."""
    def localized(attr: str) -> dict[str, str]:
        base = {default: getattr(c, attr)} if getattr(c, attr) else {}
        return base | {lang: getattr(t.commitments[key], attr) for lang, (t, _) in translations.items()
                       if t and key in t.commitments and getattr(t.commitments[key], attr)}
    return Commitment(key, localized("text"), c.due, c.state, c.done_at, c.link, localized("explanation"),
                      remedy(key, c, translations, default))


def _translated(translations, key: str, attr: str) -> dict[str, str]:
    """Translated label or value of fact ``key``, by language."""
    out = {}
    for lang, (tr, _) in translations.items():
        fact = tr.facts.get(key) if tr else None
        if fact is not None and getattr(fact, attr):
            out[lang] = getattr(fact, attr)
    return out


def _build_update(folder_id, stem, meta: UpdateIn, parsed: _Parsed, update_tr, settings) -> Update:
    """Build one Update, merging its translations."""
    default = settings.default_language
    body = {default: parsed.front.body.strip()}
    fact_tr: dict[str, dict[str, dict[str, str]]] = {}
    for (tr_stem, lang), (tr_meta, tr_parsed) in update_tr.items():
        if tr_stem != stem or tr_meta is None:
            continue
        if tr_parsed.front.body.strip():
            body[lang] = tr_parsed.front.body.strip()
        for key, fact in tr_meta.facts.items():
            for attr in ("label", "value"):
                if getattr(fact, attr):
                    fact_tr.setdefault(key, {}).setdefault(attr, {})[lang] = getattr(fact, attr)
    facts = tuple(Fact(key, ({default: f.label} if f.label else {}) | fact_tr.get(key, {}).get("label", {}),
                       {default: f.value} | fact_tr.get(key, {}).get("value", {}))
                  for key, f in meta.facts.items())
    components = tuple((c, ComponentStatus(s)) for c, s in meta.components.items())
    return Update(id=stem, incident_id=folder_id, at=meta.at, status=meta.status, body=body,
                  components=components, next_update=meta.next_update, facts=facts, source=parsed.raw.path,
                  draft=meta.draft)


def _cross_check(incident: Incident, base: _Parsed, meta: IncidentIn, updates, translations, update_tr,
                 settings: Settings, expect_updates: bool = False) -> list[Diagnostic]:
    """Checks that need the whole folder and the settings."""
    out: list[Diagnostic] = []
    declared = [c.id for c in settings.components]
    path, front = base.raw.path, base.front
    for index, component in enumerate(meta.components):
        if component not in declared:
            out.append(_unknown_component(path, front.line_of(("components", index)), f"components[{index}]",
                                          component, declared))
    if not updates and not expect_updates:
        out.append(Diagnostic(path, 0, "", "no-updates", "the incident has no update files",
                              "add a first update, e.g. 2026-11-20T0912.md with 'at:' and 'status:'"))
    if meta.detected_at and meta.detected_at < meta.started_at:
        out.append(Diagnostic(path, front.line_of(("detected_at",)), "detected_at", "time-order",
                              "detected_at is before started_at", "a problem is detected after it starts"))
    out += _check_kind(incident, base)
    out += impostor_diagnostics(incident, front.line_of, settings)
    out += _check_commitments(meta, base)
    out += update_warnings(meta, base, updates, settings.zone)
    known_facts = set(meta.facts)
    for update in incident.updates:
        update_meta, parsed = updates[update.id]
        out += _check_update(incident, update, update_meta, parsed, declared, known_facts)
        known_facts |= set(update_meta.facts)
    for lang, (tr, parsed) in translations.items():
        out += _unknown_fact_translations(tr, parsed, known_facts)
    for (stem, lang), (tr, parsed) in update_tr.items():
        out += _unknown_fact_translations(tr, parsed, known_facts)
    return out


def _check_kind(incident: Incident, base: _Parsed) -> list[Diagnostic]:
    """Maintenance needs a window; statuses must belong to the kind."""
    out: list[Diagnostic] = []
    path, front = base.raw.path, base.front
    if incident.kind is Kind.MAINTENANCE:
        if incident.scheduled_for is None or incident.scheduled_until is None:
            out.append(Diagnostic(path, front.line_of(()), "scheduled_for", "missing-window",
                                  "a maintenance needs scheduled_for and scheduled_until",
                                  "add both, e.g. scheduled_for: 2026-12-01T02:00:00+08:00"))
        elif incident.scheduled_until <= incident.scheduled_for:
            out.append(Diagnostic(path, front.line_of(("scheduled_until",)), "scheduled_until", "time-order",
                                  "scheduled_until is not after scheduled_for", "the window must end after it starts"))
    elif incident.scheduled_for or incident.scheduled_until:
        field = "scheduled_for" if incident.scheduled_for else "scheduled_until"
        out.append(Diagnostic(path, front.line_of((field,)), field, "not-maintenance",
                              f"{field} only applies to kind: maintenance", "remove it, or set kind: maintenance"))
    return out


def _check_update(incident: Incident, update: Update, meta: UpdateIn, parsed: _Parsed,
                  declared: list[str], known_facts: set[str]) -> list[Diagnostic]:
    """Checks on one update against its incident."""
    out: list[Diagnostic] = []
    path, front = parsed.raw.path, parsed.front
    allowed = MAINTENANCE_STATUSES if incident.kind is Kind.MAINTENANCE else INCIDENT_STATUSES
    if update.status not in allowed:
        out.append(Diagnostic(path, front.line_of(("status",)), "status", "bad-value",
                              f"status '{update.status}' does not apply to a {incident.kind.value}; "
                              f"expected one of {', '.join(allowed)}", near(update.status, allowed)))
    earliest = incident.started_at if incident.kind is not Kind.MAINTENANCE else None
    if earliest is not None and update.at < earliest:
        out.append(Diagnostic(path, front.line_of(("at",)), "at", "time-order",
                              f"update is dated {update.at.isoformat()}, before the incident started "
                              f"({earliest.isoformat()})", "check the date, or move started_at earlier"))
    if update.next_update is not None and update.next_update <= update.at:
        out.append(_next_update_too_early(path, front.line_of(("next_update",))))
    for component in meta.components:
        if component not in declared:
            out.append(_unknown_component(path, front.line_of(("components", component)),
                                          f"components.{component}", component, declared))
    for key, change in meta.facts.items():
        if key not in known_facts and change.label is None:
            out.append(Diagnostic(path, front.line_of(("facts", key)), f"facts.{key}", "new-fact-without-label",
                                  f"fact '{key}' is new here and has no label",
                                  near(key, sorted(known_facts)) or "add 'label:' to introduce a new fact"))
    return out


def _unknown_fact_translations(tr, parsed: _Parsed, known: set[str]) -> list[Diagnostic]:
    """A translation may only translate facts that exist."""
    if tr is None:
        return []
    return [Diagnostic(parsed.raw.path, parsed.front.line_of(("facts", key)), f"facts.{key}", "unknown-fact",
                       f"translates fact '{key}', which the original does not have",
                       near(key, sorted(known)) or "use the fact ids of the original files")
            for key in tr.facts if key not in known]


def _unknown_component(path: str, line: int, field: str, component: str, declared: list[str]) -> Diagnostic:
    """The diagnostic for a component id that herald.yml does not declare."""
    return Diagnostic(path, line, field, "unknown-component", f"component '{component}' is not declared in herald.yml",
                      near(component, declared) or f"declared components: {', '.join(declared) or 'none'}")


def _check_action_links(incident: Incident, base: _Parsed, known: frozenset[str], settings: Settings
                        ) -> list[Diagnostic]:
    """Action and commitment links must name a page that exists (or be an https:// address)."""
    out = []
    linked = [("actions", a.key, a.link) for a in incident.actions] + \
             [("commitments", c.key, c.link) for c in incident.commitments]
    for section, key, link in linked:
        if link and not link.startswith("https://") and link.split("#")[0] not in known:
            out.append(Diagnostic(base.raw.path, base.front.line_of((section, key, "link")),
                                  f"{section}.{key}.link", "unknown-page",
                                  f"'{link}' is not a page in {settings.pages_dir}/",
                                  near(link, sorted(known)) or "link a page such as kb/index.md"))
    return out


def _check_commitments(meta: IncidentIn, base: _Parsed) -> list[Diagnostic]:
    """Done commitments need a date; missed ones an explanation."""
    out = []
    for key, c in meta.commitments.items():
        line = base.front.line_of(("commitments", key))
        if c.state == "done" and c.done_at is None:
            out.append(Diagnostic(base.raw.path, line, f"commitments.{key}.done_at", "missing-field",
                                  "a done commitment needs done_at", "add done_at: <when it was done>"))
        if c.state == "missed" and not c.explanation:
            out.append(Diagnostic(base.raw.path, line, f"commitments.{key}.explanation", "missing-field",
                                  "a missed commitment needs an explanation", "say why, and what happens now"))
    return out
