"""The web editor's form fields (Decap CMS widgets), with the rules ``herald check`` applies to each file kind.

A field the editor does not show is kept as it is when a file is saved (Decap keeps every key it read), so
what a widget cannot express (new fact ids, crisis blocks) is left out here rather than shown wrongly.
"""

from __future__ import annotations

from typing import Any

from generator.content.settings import Settings
from generator.model import INCIDENT_STATUSES, MAINTENANCE_STATUSES, ComponentStatus, Impact
from generator.text.i18n import translate

Field = dict[str, Any]
TIME_FORMAT = "YYYY-MM-DDTHH:mm:ssZ"
"""Moment.js format of a time with its offset (``2026-11-20T09:12:00+08:00``), as ``herald check`` requires."""
COMPONENT_STATUSES = [status.value for status in ComponentStatus]
URGENCIES = ["now", "soon", "optional"]
COMMITMENT_STATES = ["pending", "done", "missed"]


def time_field(name: str, label: str, required: bool = True, hint: str = "") -> Field:
    """A date and time saved with the browser's UTC offset."""
    field: Field = {"name": name, "label": label, "widget": "datetime", "format": TIME_FORMAT,
                    "date_format": "YYYY-MM-DD", "time_format": "HH:mm", "required": required}
    return field | ({"hint": hint} if hint else {})


def select(name: str, label: str, options: list[str], required: bool = True, **extra: Any) -> Field:
    """A choice among fixed values."""
    return {"name": name, "label": label, "widget": "select", "options": list(options), "required": required} | extra


def text(name: str, label: str, required: bool = True, hint: str = "") -> Field:
    """One line of text."""
    return {"name": name, "label": label, "widget": "string", "required": required} | ({"hint": hint} if hint else {})


def body(lang: str, hint: str = "") -> Field:
    """The Markdown text of a file."""
    return {"name": "body", "label": translate(lang, "editor.field.body"), "widget": "markdown",
            "hint": hint or translate(lang, "editor.hint.body")}


def statuses_for(kind: str) -> list[str]:
    """The statuses ``herald check`` accepts for an incident of ``kind``."""
    return list(MAINTENANCE_STATUSES if kind == "maintenance" else INCIDENT_STATUSES)


def update_fields(settings: Settings, kind: str, fact_keys: list[str], first_hint: str = "") -> list[Field]:
    """An update of an incident of ``kind``: time, status, component statuses, next update, revised facts, text."""
    lang = settings.default_language
    fields = [time_field("at", translate(lang, "editor.field.at"), hint=translate(lang, "editor.hint.at")),
              select("status", translate(lang, "editor.field.status"), statuses_for(kind)),
              {"name": "components", "label": translate(lang, "editor.field.components"), "widget": "object",
               "required": False, "collapsed": False, "hint": translate(lang, "editor.hint.components"),
               "fields": [select(c.id, c.name.get(lang, c.id), COMPONENT_STATUSES, required=False)
                          for c in settings.components]},
              time_field("next_update", translate(lang, "editor.field.next_update"), required=False,
                         hint=translate(lang, "editor.hint.next_update"))]
    if fact_keys:
        fields.append({"name": "facts", "label": translate(lang, "editor.field.facts"), "widget": "object",
                       "required": False, "collapsed": True, "hint": translate(lang, "editor.hint.facts"),
                       "fields": [{"name": key, "label": key, "widget": "object", "required": False,
                                   "fields": [text("label", translate(lang, "editor.field.label"), False),
                                              text("value", translate(lang, "editor.field.value"), False)]}
                                  for key in fact_keys]})
    return fields + [body(lang, first_hint)]


def incident_fields(settings: Settings, kind: str, meta: dict[str, Any]) -> list[Field]:
    """An existing ``incident.md``: its kind stays; facts, actions and commitments are edited by their ids."""
    lang = settings.default_language
    fields = _headline_fields(settings, kind)
    fields.append(time_field("detected_at", translate(lang, "editor.field.detected_at"), required=False))
    fields.append({"name": "tags", "label": translate(lang, "editor.field.tags"), "widget": "list",
                   "required": False, "hint": translate(lang, "editor.hint.tags")})
    fields += _keyed_objects(lang, meta)
    return fields + [body(lang)]


def new_incident_fields(settings: Settings, kind: str, impact: str, extra: dict[str, Any],
                        hint: str, first_hint: str) -> list[Field]:
    """A new ``incident.md`` and its first update from a template: kind and the template's fields preset, its
    prompts as hints."""
    lang = settings.default_language
    preset = [{"name": key, "widget": "hidden", "default": value} for key, value in extra.items()]
    fields = [{"name": "kind", "widget": "hidden", "default": kind}, *preset]
    fields += _headline_fields(settings, kind, impact)
    return fields + [body(lang, hint)] + first_update_fields(settings, kind, first_hint)


def first_update_fields(settings: Settings, kind: str, hint: str) -> list[Field]:
    """The first update inside the new-incident form, and the widget that saves it as its own file.

    ``admin/herald-editor.js`` attaches the update file to the entry (same branch, same review) and takes
    ``first_update`` out of ``incident.md`` before it is saved.
    """
    lang = settings.default_language
    update = update_fields(settings, kind, [], hint)
    _field_named(update, "status")["default"] = statuses_for(kind)[0]
    return [{"name": "first_update", "label": translate(lang, "editor.field.first_update"), "widget": "object",
             "collapsed": False, "fields": update},
            {"name": "first_update_file", "label": translate(lang, "editor.field.first_update_file"),
             "widget": "herald-first-update", "required": False, "media_folder": "", "public_folder": "",
             "herald_saved": translate(lang, "editor.first_update.saved"),
             "herald_pending": translate(lang, "editor.first_update.pending")}]


def _field_named(form: list[Field], name: str) -> Field:
    """The field called ``name`` in ``form``."""
    return next(field for field in form if field["name"] == name)


def _headline_fields(settings: Settings, kind: str, impact: str | None = None) -> list[Field]:
    """Title, impact, affected components and times: what every incident file has."""
    lang = settings.default_language
    impacts = [i.value for i in Impact]
    fields = [text("title", translate(lang, "editor.field.title"), hint=translate(lang, "editor.hint.title")),
              select("impact", translate(lang, "editor.field.impact"), impacts,
                     **({"default": impact} if impact else {})),
              select("components", translate(lang, "editor.field.affected"), [c.id for c in settings.components],
                     required=False, multiple=True),
              time_field("started_at", translate(lang, "editor.field.started_at"))]
    if kind == "maintenance":
        fields += [time_field("scheduled_for", translate(lang, "editor.field.scheduled_for")),
                   time_field("scheduled_until", translate(lang, "editor.field.scheduled_until"))]
    return fields


def _keyed_objects(lang: str, meta: dict[str, Any]) -> list[Field]:
    """Facts, actions and commitments the incident already has, one sub-form per id (new ids: in the file)."""
    out: list[Field] = []
    shapes = {
        "facts": [text("label", translate(lang, "editor.field.label")),
                  text("value", translate(lang, "editor.field.value"))],
        "actions": [text("text", translate(lang, "editor.field.text")),
                    select("urgency", translate(lang, "editor.field.urgency"), URGENCIES, default="soon"),
                    text("link", translate(lang, "editor.field.link"), False)],
        "commitments": [text("text", translate(lang, "editor.field.text")),
                        time_field("due", translate(lang, "editor.field.due")),
                        select("state", translate(lang, "editor.field.state"), COMMITMENT_STATES, default="pending"),
                        time_field("done_at", translate(lang, "editor.field.done_at"), required=False),
                        text("link", translate(lang, "editor.field.link"), False),
                        text("explanation", translate(lang, "editor.field.explanation"), False)],
    }
    for name, shape in shapes.items():
        keys = list(meta.get(name) or {}) if isinstance(meta.get(name), dict) else []
        if keys:
            out.append({"name": name, "label": translate(lang, f"editor.field.{name}"), "widget": "object",
                        "collapsed": True, "hint": translate(lang, "editor.hint.keyed"),
                        "fields": [{"name": key, "label": key, "widget": "object", "fields": shape}
                                   for key in keys]})
    return out


def translation_fields(settings: Settings, lang: str, titled: bool) -> list[Field]:
    """A translation: the title (incident files and pages) and the text; every other field stays in the original."""
    shown = settings.default_language
    label = f"{translate(shown, 'editor.field.title')} ({lang})"
    fields = [text("title", label, required=False)] if titled else []
    return fields + [body(shown, translate(shown, "editor.hint.translation"))]


def faq_fields(settings: Settings) -> list[Field]:
    """A FAQ entry: the question as users ask it, tags, its place in the topic, and the answer."""
    lang = settings.default_language
    return [text("question", translate(lang, "editor.field.question")),
            {"name": "tags", "label": translate(lang, "editor.field.tags"), "widget": "list", "required": False},
            {"name": "order", "label": translate(lang, "editor.field.order"), "widget": "number",
             "value_type": "int", "default": 100, "required": False},
            body(lang)]


def faq_translation_fields(settings: Settings, lang: str) -> list[Field]:
    """A FAQ entry's translation: the question is required, the answer is the text."""
    shown = settings.default_language
    return [text("question", f"{translate(shown, 'editor.field.question')} ({lang})"),
            body(shown, translate(shown, "editor.hint.translation"))]


def page_fields(settings: Settings) -> list[Field]:
    """A knowledge-base page: title, description, tags and text."""
    lang = settings.default_language
    return [text("title", translate(lang, "editor.field.title")),
            text("description", translate(lang, "editor.field.description"), False),
            {"name": "tags", "label": translate(lang, "editor.field.tags"), "widget": "list", "required": False},
            body(lang)]
