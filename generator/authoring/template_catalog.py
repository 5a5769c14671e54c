"""Incident templates for ``herald new``: find them (the repository's first), list them, render them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml

from generator.authoring.bounded_templates import BoundedSandbox, TemplateLimit, render_bounded
from generator.authoring.workspace import AuthoringError, suggest
from generator.text.safetext import terminal_safe
from generator.text.yamltext import flow, scalar

BUILTIN_DIR = Path(__file__).resolve().parent / "incident_templates"
REPOSITORY_DIR = "templates"
PARTS = ("incident", "first-update")
DEFAULT_FOR_KIND = {"incident": "service-outage", "maintenance": "scheduled-maintenance", "notice": "general-notice"}
PROMPT_RE = re.compile(r"\[[^\[\]\n]*[?？][^\[\]\n]*\](?![(\[:])")
"""A bracketed prompt left to fill in: ``[Which wallet? How much, if known?]`` (links and checkboxes excluded)."""


@dataclass(frozen=True)
class IncidentTemplate:
    """One template folder: ``incident.md``, ``first-update.md``, their ``.zh.md`` twins, and ``template.yml``."""

    name: str
    folder: Path
    source: str
    """``built-in`` or ``repository``."""
    kind: str = "incident"
    impact: str = "minor"
    description: dict[str, str] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)
    """Extra front matter for the original ``incident.md`` (e.g. tags, scam_warning)."""

    def languages(self) -> list[str]:
        """Languages this template has both parts in."""
        langs = ["en"] + sorted({p.name.split(".")[-2] for p in self.folder.glob("incident.*.md")})
        return [lang for lang in langs if all(self.path(part, lang).is_file() for part in PARTS)]

    def path(self, part: str, lang: str) -> Path:
        """``incident.md`` for English, ``incident.zh.md`` for Chinese."""
        return self.folder / (f"{part}.md" if lang == "en" else f"{part}.{lang}.md")


def available(root: Path) -> dict[str, IncidentTemplate]:
    """Every template by name; a repository template replaces the built-in one of the same name."""
    found: dict[str, IncidentTemplate] = {}
    for base, source in ((BUILTIN_DIR, "built-in"), (root / REPOSITORY_DIR, "repository")):
        if not base.is_dir():
            continue
        for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
            if (folder / "incident.md").is_file():
                found[folder.name] = _read(folder, source)
    return dict(sorted(found.items()))


def find(root: Path, name: str | None, kind: str | None) -> IncidentTemplate:
    """The named template, or the default one for ``kind``; unknown names raise with near matches."""
    templates = available(root)
    chosen = name or DEFAULT_FOR_KIND[kind or "incident"]
    if chosen not in templates:
        raise AuthoringError(f"no template '{chosen}'" + (suggest(chosen, list(templates)) or
                                                           f"; available: {', '.join(templates)}")
                             + "\nsee them with: herald templates")
    return templates[chosen]


def render(template: IncidentTemplate, part: str, lang: str, context: dict[str, Any]) -> str:
    """Render one part in one language with Jinja (sandboxed; an unknown placeholder is an error)."""
    path = template.path(part, lang)
    shown = f"{template.source} template '{template.name}', {path.name}"
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AuthoringError(f"{shown}: cannot read it ({exc.strerror})") from None
    environment = BoundedSandbox(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    environment.filters["yaml"] = flow
    environment.filters["scalar"] = scalar
    try:
        return render_bounded(environment.from_string(source), context)
    except (TemplateLimit, ArithmeticError, TypeError, ValueError, LookupError, RecursionError, MemoryError) as exc:
        raise AuthoringError(f"{shown}: the template cannot be rendered: {exc}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise AuthoringError(f"{shown}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise AuthoringError(f"{shown}: {exc}; placeholders are {', '.join(sorted(context))}") from None


def unfilled_prompts(text: str) -> list[tuple[int, str]]:
    """``(line, prompt)`` for every bracketed prompt still in a file."""
    return [(text.count("\n", 0, match.start()) + 1, match.group(0)) for match in PROMPT_RE.finditer(text)]


def _read(folder: Path, source: str) -> IncidentTemplate:
    """A template folder with the defaults of its ``template.yml`` (kind, impact, description)."""
    meta: dict[str, Any] = {}
    meta_path = folder / "template.yml"
    if meta_path.is_file():
        try:
            loaded = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise AuthoringError(f"{meta_path}: cannot read it: {exc}") from None
        meta = loaded if isinstance(loaded, dict) else {}
    description = meta.get("description", {})
    if isinstance(description, str):
        description = {"en": description}
    fields = meta.get("fields", {})
    shown = {str(k): terminal_safe(str(v)) for k, v in description.items()}  # printed by herald templates
    return IncidentTemplate(folder.name, folder, source, str(meta.get("kind", "incident")),
                            str(meta.get("impact", "minor")), shown,
                            fields if isinstance(fields, dict) else {})
