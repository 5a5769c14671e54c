"""FAQ entries: validate the files (site FAQ and incidents' own) into FaqEntry values.

Site FAQ: ``<pages>/faq/<topic>/<slug>.md`` (+ ``.zh.md``), topics described by
``<pages>/faq/<topic>/_topic.yml``. An incident's FAQ: ``incidents/<id>/faq/<slug>.md``.
"""

from __future__ import annotations

import re

from generator.content.diagnose import validate_model
from generator.content.frontmatter import parse_front_matter, parse_yaml_mapping
from generator.content.load import RawFile
from generator.content.schema import FaqIn, FaqTopicIn, FaqTranslationIn
from generator.content.settings import Settings
from generator.errors import Diagnostic
from generator.model import FaqEntry, FaqTopic

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
TOPIC_FILE = "_topic.yml"


def is_faq_entry(relative: str) -> bool:
    """True for ``faq/<topic>/<slug>.md`` paths (relative to the pages folder)."""
    parts = relative.split("/")
    return len(parts) == 3 and parts[0] == "faq" and parts[2].endswith(".md") and not parts[2].startswith("index.")


def validate_entries(files: list[RawFile], prefix: str, group_of, settings: Settings,
                     out: list[Diagnostic]) -> list[FaqEntry]:
    """Validate FAQ entry files under ``prefix``; ``group_of(relative)`` gives (topic, slug)."""
    originals: dict[tuple[str, str], tuple[RawFile, FaqIn, str]] = {}
    translations: dict[tuple[str, str], dict[str, tuple[FaqTranslationIn, str]]] = {}
    for raw in files:
        relative = raw.path[len(prefix):]
        topic, name = group_of(relative)
        stem, _, lang = name[:-3].partition(".")
        if not SLUG_RE.match(stem):
            out.append(Diagnostic(raw.path, 0, "", "bad-id", f"'{stem}' is not a valid FAQ entry name",
                                  "use lowercase letters, digits and hyphens, e.g. are-my-funds-safe.md"))
            continue
        if lang and lang not in settings.languages[1:]:
            out.append(Diagnostic(raw.path, 0, "", "unknown-language", f"'{lang}' is not a configured translation",
                                  f"name translations <entry>.{'|'.join(settings.languages[1:])}.md"))
            continue
        front, diagnostics = parse_front_matter(raw.text, raw.path)
        out.extend(diagnostics)
        if front is None:
            continue
        model = FaqTranslationIn if lang else FaqIn
        meta, diagnostics = validate_model(model, front.meta, raw.path, front.lines)
        out.extend(diagnostics)
        if meta is None:
            continue
        if lang:
            translations.setdefault((topic, stem), {})[lang] = (meta, front.body.strip())
        else:
            originals[(topic, stem)] = (raw, meta, front.body.strip())
    for key in translations:
        if key not in originals:
            out.append(Diagnostic(f"{prefix}{key[0]}/{key[1]}", 0, "", "orphan-translation",
                                  "translation of an FAQ entry that does not exist", "add the original entry"))
    return [_entry(key, originals[key], translations.get(key, {}), settings) for key in sorted(originals)]


def _entry(key: tuple[str, str], original, translated, settings: Settings) -> FaqEntry:
    """Merge an entry with its translations."""
    raw, meta, body = original
    default = settings.default_language
    question = {default: meta.question} | {lang: t.question for lang, (t, _) in translated.items()}
    answer = {default: body} | {lang: text for lang, (_, text) in translated.items() if text}
    return FaqEntry(id=f"{key[0]}/{key[1]}", topic=key[0], question=question, answer=answer, tags=tuple(meta.tags),
                    order=meta.order, source=raw.path)


def validate_topics(files: list[RawFile], settings: Settings, out: list[Diagnostic]) -> list[FaqTopic]:
    """Read every ``_topic.yml``."""
    topics = []
    for raw in files:
        topic_id = raw.path.rsplit("/", 2)[-2]
        data, lines, diagnostics = parse_yaml_mapping(raw.text, raw.path)
        out.extend(diagnostics)
        if data is None:
            continue
        meta, diagnostics = validate_model(FaqTopicIn, data, raw.path, lines)
        out.extend(diagnostics)
        if meta is not None:
            title = {settings.default_language: meta.title} | ({"zh": meta.title_zh} if meta.title_zh else {})
            topics.append(FaqTopic(topic_id, title, meta.order))
    return sorted(topics, key=lambda t: (t.order, t.id))
