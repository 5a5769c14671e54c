"""Hand-written pages of the pages folder: grouped with their translations, with titles, descriptions and tags."""

from __future__ import annotations

import re

from generator.content.frontmatter import parse_front_matter
from generator.content.load import RawFile
from generator.content.schema import ID_PATTERN
from generator.content.settings import Settings
from generator.errors import Diagnostic
from generator.model import SourcePage


def split_language(stem: str) -> tuple[str, str | None]:
    """``'x.zh'`` -> ``('x', 'zh')``; ``'x'`` -> ``('x', None)``."""
    if "." in stem:
        head, _, lang = stem.rpartition(".")
        return head, lang
    return stem, None


def collect_pages(files: list[RawFile], settings: Settings, out: list[Diagnostic]) -> list[SourcePage]:
    """Group hand-written pages with their translations (``x.md`` + ``x.zh.md``)."""
    by_base: dict[str, dict[str, str]] = {}
    metas: dict[str, dict[str, dict]] = {}
    prefix = settings.pages_dir + "/"
    for raw in files:
        relative = raw.path[len(prefix):]
        stem, lang = split_language(relative[:-3])
        if lang is not None and lang not in settings.languages:
            out.append(Diagnostic(raw.path, 0, "", "unknown-language", f"'{lang}' is not a configured language",
                                  f"translations are named <page>.{'|'.join(settings.languages[1:])}.md"))
            continue
        by_base.setdefault(stem + ".md", {})[lang or settings.default_language] = raw.text
        metas.setdefault(stem + ".md", {})[lang or settings.default_language] = _page_meta(raw, out)
    return [_source_page(path, texts, metas[path], settings) for path, texts in sorted(by_base.items())]


def _page_meta(raw: RawFile, out: list[Diagnostic]) -> dict:
    """A hand-written page's front matter (empty when it has none); malformed YAML is reported."""
    if not raw.text.startswith("---"):
        return {}
    front, diagnostics = parse_front_matter(raw.text, raw.path)
    out.extend(diagnostics)
    meta = front.meta if front else {}
    tags = meta.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and re.match(ID_PATTERN, t) for t in tags):
        out.append(Diagnostic(raw.path, front.line_of(("tags",)) if front else 1, "tags", "bad-value",
                              "tags must be a list of ids", "write e.g. tags: [phishing, 2fa]"))
        meta = {**meta, "tags": []}
    return meta


def _source_page(path: str, texts: dict[str, str], metas: dict[str, dict], settings: Settings) -> SourcePage:
    """A SourcePage with its titles, descriptions and tags."""
    def field(name: str) -> dict[str, str]:
        return {lang: str(meta[name]) for lang, meta in metas.items() if isinstance(meta.get(name), (str, int))}
    default_meta = metas.get(settings.default_language) or next(iter(metas.values()))
    return SourcePage(path, texts, field("title"), field("description"), tuple(default_meta.get("tags", [])))
