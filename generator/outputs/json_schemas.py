"""JSON Schemas of every front-matter kind and of ``herald.yml``, for editors and for the published site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.schema import (
    ConfigIn,
    FaqIn,
    FaqTopicIn,
    FaqTranslationIn,
    IncidentIn,
    IncidentTranslationIn,
    UpdateIn,
    UpdateTranslationIn,
)

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
TIME_PATTERN = r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)$"
"""Times must carry their UTC offset, as ``herald check`` demands (JSON Schema's date-time format alone is not
asserted by most validators)."""

MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "config": (ConfigIn, "herald.yml"),
    "incident": (IncidentIn, "incidents/<id>/incident.md"),
    "incident-translation": (IncidentTranslationIn, "incidents/<id>/incident.zh.md"),
    "update": (UpdateIn, "incidents/<id>/<time>.md"),
    "update-translation": (UpdateTranslationIn, "incidents/<id>/<time>.zh.md"),
    "faq": (FaqIn, "site_src/faq/<topic>/<slug>.md and incidents/<id>/faq/<slug>.md"),
    "faq-translation": (FaqTranslationIn, "the .zh.md twin of an FAQ entry"),
    "faq-topic": (FaqTopicIn, "site_src/faq/<topic>/_topic.yml"),
}
"""Schema name -> (model, the files it describes)."""


def schema_documents() -> dict[str, dict[str, Any]]:
    """Every schema as a JSON value, by name."""
    return {name: _document(name, model, files) for name, (model, files) in MODELS.items()}


def schema_files() -> dict[str, str]:
    """Schemas to publish with the site: ``{"schemas/update.schema.json": text, ...}``."""
    return {f"schemas/{name}.schema.json": _text(document) for name, document in schema_documents().items()}


def stale_schemas(out_dir: Path) -> list[str]:
    """Names of the files in ``out_dir`` that are missing or differ from the current schemas."""
    stale = []
    for relative, text in schema_files().items():
        path = out_dir / Path(relative).name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(path.name)
    return stale


def schema_name_for(path: str, pages_dir: str = "site_src") -> str | None:
    """Which schema a content file's front matter follows (path relative to the project root), or None."""
    parts = path.split("/")
    name = parts[-1]
    translated = name.count(".") == 2
    if name == "herald.yml":
        return "config"
    if name == "_topic.yml":
        return "faq-topic"
    if not name.endswith(".md"):
        return None
    if "faq" in parts[:-1]:
        return "faq-translation" if translated else "faq"
    if parts[0] == pages_dir:
        return None
    if name.startswith("incident."):
        return "incident-translation" if translated else "incident"
    return "update-translation" if translated else "update"


def _document(name: str, model: type[BaseModel], files: str) -> dict[str, Any]:
    """One model's schema, tightened where pydantic's export is looser than ``herald check``."""
    schema = _tighten(model.model_json_schema())
    header = {"$schema": SCHEMA_DIALECT, "$id": f"{name}.schema.json",
              "title": f"Herald {name.replace('-', ' ')}",
              "description": f"{schema.get('description', '')} Describes: {files}.".strip()}
    return header | {key: value for key, value in schema.items() if key not in ("title", "description")}


def _tighten(node: Any) -> Any:
    """Times need an offset; text may not be blank; id-keyed maps refuse other keys."""
    if isinstance(node, list):
        return [_tighten(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _tighten(value) for key, value in node.items()}
    if node.get("format") == "date-time":
        node["pattern"] = TIME_PATTERN
    if node.get("type") == "string" and node.get("minLength") == 1 and "pattern" not in node:
        node["pattern"] = r"\S"
    if "patternProperties" in node and "properties" not in node:
        node.setdefault("additionalProperties", False)
    return node


def _text(document: dict[str, Any]) -> str:
    """Stable, readable JSON text."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
