"""The source hash of a translatable file, and stamping it into a translation's front matter.

A translation records ``source_hash:``, the first 12 hex digits of a SHA-256 over its original's translatable
text: the fields its translation schema lets a translator write (title, fact labels and values, action texts,
commitments, help, evidence notes, ... ; an FAQ entry's question; a page's title and description), and the body.
What a translator never writes (times, statuses, components, urgency, links, tags, order) is left out, so is
formatting that does not change the text: YAML layout, quoting and key order, spaces at the ends of lines (also
around each field's value), blank lines before and after the body, and line endings. Any other change to the
text, whitespace inside a line included, gives another hash.
"""

from __future__ import annotations

import hashlib
import json
import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from generator.content.frontmatter import FRONT_MATTER_RE, parse_front_matter
from generator.content.schema import FaqTranslationIn, IncidentTranslationIn, UpdateTranslationIn

HASH_KEY = "source_hash"
HASH_LENGTH = 12
Spec = dict[str, Any]
"""Field name -> ``"text"``, a nested spec (a sub-model), or ``("each", spec)`` (a mapping of sub-models by id)."""


def spec_of(model: type[BaseModel]) -> Spec:
    """The translatable text fields of a translation model (not ``source_hash``, lists or numbers)."""
    out: Spec = {}
    for name, field in model.model_fields.items():
        kind = _kind(field.annotation)
        if name != HASH_KEY and kind is not None:
            out[name] = kind
    return out


def _kind(annotation: Any) -> Any:
    """``"text"``, a spec or ``("each", ...)`` for an annotation; None for what is not translatable text."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        kinds = [k for arg in get_args(annotation) if arg is not type(None) and (k := _kind(arg)) is not None]
        return kinds[0] if kinds else None
    if origin is Annotated:
        return _kind(get_args(annotation)[0])
    if origin is dict:
        inner = _kind(get_args(annotation)[1])
        return ("each", inner) if inner is not None else None
    if annotation is str:
        return "text"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return spec_of(annotation) or None
    return None


SPECS: dict[str, Spec] = {"incident": spec_of(IncidentTranslationIn), "update": spec_of(UpdateTranslationIn),
                          "faq": spec_of(FaqTranslationIn), "page": {"title": "text", "description": "text"}}
"""The translatable fields of each kind of file; pages have no schema, only a title and a description."""


def project(meta: Any, spec: Any) -> Any:
    """The translatable text of ``meta`` by ``spec``, with every value stripped; None where there is none."""
    if spec == "text":
        return normal_body(str(meta)).strip() if isinstance(meta, (str, int, float)) else None
    if isinstance(spec, tuple):
        if not isinstance(meta, dict):
            return None
        items = {str(key): project(value, spec[1]) for key, value in meta.items()}
        return {key: value for key, value in items.items() if value not in (None, {})} or None
    if not isinstance(meta, dict):
        return None
    fields = {name: project(meta.get(name), inner) for name, inner in spec.items()}
    return {name: value for name, value in fields.items() if value not in (None, {})} or None


def normal_body(body: str) -> str:
    """The body without spaces at line ends or blank lines around it (line endings already made ``\\n``)."""
    return "\n".join(line.rstrip() for line in body.replace("\r\n", "\n").split("\n")).strip("\n")


def source_hash(meta: dict[str, Any], body: str, kind: str) -> str:
    """12 hex digits of SHA-256 over the translatable fields of ``meta`` (by ``kind``) and the body."""
    fields = project(meta, SPECS[kind]) or {}
    canonical = json.dumps({"fields": fields, "body": normal_body(body)}, ensure_ascii=False, sort_keys=True,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def split_text(text: str, path: str) -> tuple[dict[str, Any], str] | None:
    """Front matter and body of a file (a page may have no front matter); None when the front matter is broken."""
    if has_no_front_matter(text):
        return {}, text
    front, _ = parse_front_matter(text, path)
    return (front.meta, front.body) if front is not None else None


def has_no_front_matter(text: str) -> bool:
    """True for a text without a front matter block (hand-written pages may have none)."""
    return not text.startswith("---")


def hash_of_text(text: str, path: str, kind: str) -> str | None:
    """The source hash of an original file's text; None when its front matter does not parse."""
    parts = split_text(text, path)
    return source_hash(parts[0], parts[1], kind) if parts is not None else None


_HASH_LINE = re.compile(rf"^{HASH_KEY}[ \t]*:.*$", re.M)


def stamp(text: str, digest: str, path: str = "") -> str:
    """``text`` with ``source_hash: <digest>`` in its front matter (replaced, or added as its last line).

    A text without front matter gets one holding only the hash. Raises ValueError when the result would not
    read back the same hash (the front matter is broken, or holds the key in a form this cannot replace).
    """
    match = FRONT_MATTER_RE.match(text)
    line = f"{HASH_KEY}: {digest}"
    if match is None:
        stamped = f"---\n{line}\n---\n{text}"
    else:
        yaml_text = match.group(1)
        if _HASH_LINE.search(yaml_text):
            yaml_text = _HASH_LINE.sub(line, yaml_text, count=1)
        else:
            yaml_text = yaml_text + ("" if yaml_text.endswith("\n") or not yaml_text else "\n") + line + "\n"
        closing = text[match.start(1) + len(match.group(1)):match.end()]
        stamped = text[:match.start(1)] + yaml_text + closing + text[match.end():]
    front, _ = parse_front_matter(stamped, path)
    if front is None or front.meta.get(HASH_KEY) != digest:
        raise ValueError("its front matter cannot be read; fix it (herald check says where), then stamp again")
    return stamped
