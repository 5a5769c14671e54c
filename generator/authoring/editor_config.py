"""The web editor at ``/admin/``: Decap CMS's ``config.yml`` and ``index.html``, made from herald.yml and the content.

Pure: a Workspace in, ``{path: text}`` out (the adapters add Decap's script and write). Decap cannot list
``x.md`` beside ``x.zh.md`` in one folder collection, so each incident, FAQ topic and knowledge-base folder
gets generated collections: a *files* collection naming every existing file and translation (exact names,
translations that do not exist yet included, so saving one creates it), and a *folder* collection that only
creates new files (its list is empty on purpose: drafts show under Workflow). A new incident comes from one
collection per incident template, its prompts shown as hints. The list is as of the last build: a new
incident gets its own collections once it is published and the site rebuilt; its first update is part of the
new-incident form (``editor_static/herald-editor.js`` saves it as its own file on the same branch).
"""

from __future__ import annotations

import html
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from generator.authoring import editor_fields as fields
from generator.authoring.template_catalog import IncidentTemplate, available, unfilled_prompts
from generator.authoring.workspace import Workspace
from generator.content.faq import is_faq_entry
from generator.content.frontmatter import parse_translation
from generator.content.load import RawFile
from generator.content.pages import split_language
from generator.content.settings import Editor, Settings
from generator.text.i18n import pick, translate

ADMIN = "admin"
SCRIPT = "vendor/decap-cms.js"
OWN_SCRIPT = "herald-editor.js"
OWN_SCRIPT_SOURCE = Path(__file__).resolve().parent / "editor_static" / OWN_SCRIPT
"""Herald's own script: the new-incident form saves the first update as its own file, on the same branch."""
UPDATE_SLUG = "{{fields.at | date('YYYY-MM-DD[T]HHmm')}}"
"""The name ``herald update`` gives an update; Decap lowercases it (``2026-11-20t0912.md``), which Herald reads."""
NEVER = {"field": "title", "value": "\u2063herald: list nothing\u2063"}
"""A filter no file matches: a creating collection lists nothing (the files collection beside it lists them)."""


def editor_files(workspace: Workspace, script_present: bool) -> dict[str, str]:
    """``admin/index.html`` and ``admin/config.yml``, or nothing when herald.yml has no ``editor`` section."""
    settings = workspace.settings
    if settings.editor is None:
        return {}
    return {f"{ADMIN}/config.yml": config_text(workspace), f"{ADMIN}/index.html": index_html(settings, script_present),
            f"{ADMIN}/{OWN_SCRIPT}": OWN_SCRIPT_SOURCE.read_text(encoding="utf-8")}


def config_text(workspace: Workspace) -> str:
    """Decap's configuration as YAML text (deterministic: same content, same bytes)."""
    settings = workspace.settings
    assert settings.editor is not None
    config: dict[str, Any] = {"backend": backend(settings.editor)}
    if settings.editor.local_server:
        config["local_backend"] = {"url": settings.editor.local_server, "allowed_hosts": ["127.0.0.1", "localhost"]}
    config |= {"publish_mode": "editorial_workflow", "site_url": settings.url,
               "media_folder": f"{settings.pages_dir}/assets/uploads", "public_folder": "/assets/uploads",
               "editor": {"preview": False}, "show_preview_links": False,
               "slug": {"encoding": "ascii", "clean_accents": True},
               "collections": collections(workspace)}
    return yaml.dump(config, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=120)


class _PlainDumper(yaml.SafeDumper):
    """Writes a value used twice in full, never as a YAML anchor and alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def backend(editor: Editor) -> dict[str, Any]:
    """The git host the editor commits to; reviewed entries become pull (merge) requests there."""
    out: dict[str, Any] = {"name": editor.backend}
    for key in ("repo", "branch", "base_url", "api_root", "app_id"):
        value = getattr(editor, key)
        if value:
            out[key] = value
    if editor.app_id and editor.backend in ("gitlab", "gitea"):
        out["auth_type"] = "pkce"
    return out


def collections(workspace: Workspace) -> list[dict[str, Any]]:
    """New incidents (one per template), then each incident newest first, then FAQ topics and knowledge base."""
    settings = workspace.settings
    out = [new_incident(settings, template) for template in available(settings.root).values()]
    for folder in sorted(workspace.raw.incident_folders, reverse=True):
        out += incident_collections(settings, folder, workspace.raw.incident_folders[folder])
    return out + page_collections(settings, workspace.raw.pages)


def new_incident(settings: Settings, template: IncidentTemplate) -> dict[str, Any]:
    """One form for a new incident from ``template``: its prompts are hints, never text in the file."""
    lang = settings.default_language
    description = pick(template.description, lang, "en")[0] or template.name
    return {"name": f"new-{template.name}", "label": f"{translate(lang, 'editor.new_incident')}{description}",
            "label_singular": description, "folder": settings.incidents_dir, "path": "{{slug}}/incident",
            "slug": "{{year}}-{{month}}-{{day}}-{{slug}}", "identifier_field": "title", "create": True,
            "filter": NEVER, "description": translate(lang, "editor.new_incident.description"),
            "fields": fields.new_incident_fields(settings, template.kind, template.impact, template.fields,
                                                 template_hint(template, "incident"),
                                                 template_hint(template, "first-update"))}


def template_hint(template: IncidentTemplate, part: str) -> str:
    """The template's questions for ``part``, as one hint (placeholders shown as their names)."""
    try:
        source = template.path(part, "en").read_text(encoding="utf-8")
    except OSError:
        return ""
    body = source.split("\n---", 1)[-1].split("\n", 1)[-1] if source.startswith("---") else source
    prompts = [prompt for _, prompt in unfilled_prompts(body)]
    return " ".join(prompt.replace("{{ ", "{").replace(" }}", "}") for prompt in prompts)


def incident_collections(settings: Settings, folder: str, files: list[RawFile]) -> list[dict[str, Any]]:
    """An incident's files (each existing one, and every translation) and a form for its next update."""
    base = f"{settings.incidents_dir}/{folder}"
    metas = {PurePosixPath(f.path).name: _meta(f) for f in files}
    meta = metas.get("incident.md", {})
    kind = str(meta.get("kind", "incident"))
    title = str(meta.get("title") or folder)
    stems = sorted((n[:-3] for n in metas if n.endswith(".md") and split_language(n[:-3])[1] is None
                    and n != "incident.md"), reverse=True)
    fact_keys = _fact_keys(meta, [metas[f"{s}.md"] for s in stems])
    others = settings.languages[1:]
    lang = settings.default_language
    entries = [_file("incident", f"{translate(lang, 'editor.incident_file')}", f"{base}/incident.md",
                     fields.incident_fields(settings, kind, meta))]
    entries += [_file(f"incident-{o}", f"{translate(lang, 'editor.incident_file')} ({o})",
                      f"{base}/incident.{o}.md", fields.translation_fields(settings, o, titled=True)) for o in others]
    for stem in stems:
        entries.append(_file(f"u-{stem}", f"{translate(lang, 'editor.update_file')} {stem}", f"{base}/{stem}.md",
                             fields.update_fields(settings, kind, fact_keys)))
        entries += [_file(f"u-{stem}-{o}", f"{translate(lang, 'editor.update_file')} {stem} ({o})",
                          f"{base}/{stem}.{o}.md", fields.translation_fields(settings, o, titled=False))
                    for o in others]
    first = "" if stems else _first_update_hint(settings)
    return [{"name": f"incident-{folder}", "label": f"{title} · {folder}", "files": entries},
            {"name": f"update-{folder}", "label": f"{translate(lang, 'editor.new_update')}{title}",
             "label_singular": translate(lang, "editor.update_file"), "folder": base, "create": True,
             "slug": UPDATE_SLUG, "identifier_field": "at", "summary": "{{at}} · {{status}}", "filter": NEVER,
             "fields": fields.update_fields(settings, kind, fact_keys, first)}]


def _first_update_hint(settings: Settings) -> str:
    """The first-update questions of the default template for incidents."""
    templates = available(settings.root)
    template = templates.get("service-outage") or next(iter(templates.values()), None)
    return template_hint(template, "first-update") if template else ""


def page_collections(settings: Settings, pages: list[RawFile]) -> list[dict[str, Any]]:
    """FAQ topics and knowledge-base folders: their pages and translations, and a form for a new one."""
    prefix = settings.pages_dir + "/"
    groups: dict[str, list[str]] = {}
    for raw in pages:
        relative = raw.path[len(prefix):]
        if is_faq_entry(relative) or relative.startswith("kb/"):
            groups.setdefault(str(PurePosixPath(relative).parent), []).append(relative)
    out: list[dict[str, Any]] = []
    for group, names in sorted(groups.items()):
        out += _page_group(settings, group, sorted(names))
    return out


def _page_group(settings: Settings, group: str, names: list[str]) -> list[dict[str, Any]]:
    """One FAQ topic or knowledge-base folder."""
    lang = settings.default_language
    faq = group.startswith("faq/")
    original = fields.faq_fields(settings) if faq else fields.page_fields(settings)
    folder = f"{settings.pages_dir}/{group}"
    key = group.replace("/", "-")
    entries = []
    for name in names:
        stem, language = split_language(PurePosixPath(name).name[:-3])
        if language is not None:
            continue
        entries.append(_file(stem, stem, f"{folder}/{stem}.md", original))
        entries += [_file(f"{stem}-{o}", f"{stem} ({o})", f"{folder}/{stem}.{o}.md",
                          fields.faq_translation_fields(settings, o) if faq
                          else fields.translation_fields(settings, o, titled=True)) for o in settings.languages[1:]]
    label = translate(lang, "editor.faq") if faq else translate(lang, "editor.kb")
    return [{"name": key, "label": f"{label}: {group.split('/', 1)[-1]}", "files": entries},
            {"name": f"new-{key}", "label": f"{translate(lang, 'editor.new_page')}{label}: {group.split('/', 1)[-1]}",
             "folder": folder, "create": True, "slug": "{{slug}}",
             "identifier_field": "question" if faq else "title", "filter": NEVER, "fields": original}]


def _file(name: str, label: str, path: str, form: list[dict[str, Any]]) -> dict[str, Any]:
    """One named file of a files collection (saving it creates it when it does not exist yet)."""
    return {"name": name, "label": label, "file": path, "fields": form}


def _meta(raw: RawFile) -> dict[str, Any]:
    """A file's front matter, or nothing when it cannot be read (the editor still lists the file)."""
    front, _ = parse_translation(raw.text, raw.path)
    return front.meta if front is not None else {}


def _fact_keys(meta: dict[str, Any], updates: list[dict[str, Any]]) -> list[str]:
    """Fact ids of the incident and its updates, in order of appearance."""
    keys: list[str] = []
    for source in [meta, *updates]:
        facts = source.get("facts")
        keys += [str(k) for k in facts if str(k) not in keys] if isinstance(facts, dict) else []
    return keys


def index_html(settings: Settings, script_present: bool) -> str:
    """The editor's page: Decap's script from this site (no CDN), or why the script is missing."""
    lang = settings.default_language
    title = html.escape(f"{translate(lang, 'editor.title')} · {pick(settings.name, lang, lang)[0]}")
    content = (f'<noscript><p>{html.escape(translate(lang, "editor.needs_javascript"))}</p></noscript>\n'
               f'<script src="{SCRIPT}"></script>\n<script src="{OWN_SCRIPT}"></script>' if script_present
               else f"<main><h1>{title}</h1><p>{html.escape(translate(lang, 'editor.missing_script'))}</p></main>")
    return (f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="robots" content="noindex">\n'
            f'<title>{title}</title>\n<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
            f"</head>\n<body>\n{content}\n</body>\n</html>\n")
