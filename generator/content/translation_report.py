"""The translation report: per language, what has no translation and what changed after it was translated.

Every incident, update, FAQ entry and hand-written page is a file that may have a ``<name>.<lang>.md`` twin; the
facts and actions of incidents and updates are translated inside that twin, by key. An item is ``missing`` (no
twin, or a fact or action the twin does not give), ``outdated`` (the twin's recorded ``source_hash`` is not the
original's hash now, see ``translation_hash``; or, when the caller knows it, the original was committed after a
twin that records none) or ``translated``. Pure: raw files in, items and diagnostics out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.content.faq import is_faq_entry
from generator.content.frontmatter import parse_front_matter
from generator.content.load import RawContent, RawFile
from generator.content.pages import split_language
from generator.content.settings import Settings
from generator.content.translation_hash import HASH_KEY, hash_of_text, split_text
from generator.errors import Diagnostic, Severity

KINDS = ("incident", "update", "fact", "action", "faq", "page")
STATES = ("translated", "missing", "outdated")
CODES = {"missing": "untranslated", "outdated": "outdated-translation"}
ITEM_CODES = {"fact": "untranslated-fact", "action": "untranslated-action"}
ALL_CODES = frozenset(CODES.values()) | frozenset(ITEM_CODES.values())
"""Every diagnostic code of the report (authoring commands never refuse a file for these)."""
EXCERPT = 160
NewerThan = Callable[[str, str], bool]
"""``newer(original, translation)``: True when the original was changed after the translation (e.g. by git)."""


@dataclass(frozen=True, slots=True)
class Item:
    """One translatable thing in one language, and how its translation stands."""

    kind: str
    """incident, update, fact, action, faq or page."""
    lang: str
    state: str
    """translated, missing or outdated."""
    source: str
    """The original file (project-relative)."""
    target: str
    """The translation file to write or update."""
    key: str = ""
    """A fact's or an action's id."""
    excerpt: str = ""
    """The original text, shortened."""
    detail: str = ""
    """Why: the hashes, "git", the fields a fact lacks, "no file"."""
    line: int = 0
    """Where in ``target`` (facts, actions, source_hash), when it exists."""


@dataclass(frozen=True, slots=True)
class _File:
    """An original file and its translations by language."""

    kind: str
    original: RawFile
    translations: dict[str, RawFile]


def report_items(raw: RawContent, settings: Settings, newer: NewerThan | None = None) -> list[Item]:
    """Every translatable item of the project in every language but the default, in file order."""
    items: list[Item] = []
    for file in _files(raw, settings):
        parts = split_text(file.original.text, file.original.path)
        if parts is None:
            continue  # its front matter is broken: herald check reports that already
        for lang in settings.languages[1:]:
            items += _items_of(file, parts, lang, newer)
    return items


def _files(raw: RawContent, settings: Settings) -> list[_File]:
    """Originals with their translations: incidents, updates and their FAQ, site FAQ entries and pages."""
    others = set(settings.languages[1:])
    groups: dict[str, dict[str | None, RawFile]] = {}
    folders = [files for name, files in sorted(raw.incident_folders.items())
               if not any(p.startswith(f"{settings.incidents_dir}/{name}/") for p in raw.unreadable)]
    for file in [f for files in folders for f in files] + list(raw.pages):
        stem, lang = split_language(file.path[:-3])
        if lang is not None and lang not in others:
            stem, lang = file.path[:-3], None
        groups.setdefault(stem + ".md", {})[lang] = file
    out = []
    for path, by_lang in sorted(groups.items()):
        original = by_lang.pop(None, None)
        kind = _kind_of(path, settings)
        if original is not None and kind is not None:
            out.append(_File(kind, original, {lang: f for lang, f in by_lang.items() if lang is not None}))
    return out


def _kind_of(path: str, settings: Settings) -> str | None:
    """What an original file is, by where it sits; None for files Herald does not read as such."""
    incidents, pages = settings.incidents_dir + "/", settings.pages_dir + "/"
    if path.startswith(incidents):
        parts = path[len(incidents):].split("/")
        if len(parts) == 3 and parts[1] == "faq":
            return "faq"
        if len(parts) != 2:
            return None
        return "incident" if parts[1] == "incident.md" else "update"
    if path.startswith(pages):
        return "faq" if is_faq_entry(path[len(pages):]) else "page"
    return None


def _items_of(file: _File, parts: tuple[dict[str, Any], str], lang: str, newer: NewerThan | None) -> list[Item]:
    """The file's own item and those of its facts and actions, in one language."""
    meta, body = parts
    source = file.original.path
    target = f"{source[:-3]}.{lang}.md"
    excerpt = _excerpt(file.kind, meta, body)
    translation = file.translations.get(lang)
    keyed = _keyed(file.kind, meta)
    if translation is None:
        return [Item(file.kind, lang, "missing", source, target, excerpt=excerpt, detail="no file")] + [
            Item(kind, lang, "missing", source, target, key, text, "no file") for kind, key, text, _ in keyed]
    front, _ = parse_front_matter(translation.text, translation.path) if translation.text.startswith("---") \
        else (None, [])
    given = front.meta if front is not None else {}
    state, detail = _state(file, given, newer, translation.path)
    line = front.line_of((HASH_KEY,)) if front is not None and HASH_KEY in given else 0
    items = [Item(file.kind, lang, state, source, target, excerpt=excerpt, detail=detail, line=line)]
    for kind, key, text, needed in keyed:
        entry = given.get(kind + "s", {}) if isinstance(given.get(kind + "s"), dict) else {}
        have = entry.get(key) if isinstance(entry.get(key), dict) else {}
        lacking = [attr for attr in needed if not have.get(attr)]
        where = front.line_of((kind + "s", key)) if front is not None else 0
        items.append(Item(kind, lang, "missing" if lacking else "translated", source, target, key, text,
                          ", ".join(lacking), where))
    return items


def _state(file: _File, given: dict[str, Any], newer: NewerThan | None, target: str) -> tuple[str, str]:
    """translated or outdated (by the recorded hash, else by ``newer``), with the reason."""
    recorded = given.get(HASH_KEY)
    if isinstance(recorded, str):
        current = hash_of_text(file.original.text, file.original.path, file.kind)
        if current is not None and recorded != current:
            return "outdated", f"source_hash {recorded}, the original's is now {current}"
        return "translated", ""
    if newer is not None and newer(file.original.path, target):
        return "outdated", "the original was committed after the translation (git)"
    return "translated", ""


def _keyed(kind: str, meta: dict[str, Any]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(fact or action, key, its text, the fields a translation must give) of an incident or an update."""
    if kind not in ("incident", "update"):
        return []
    out = []
    facts = meta.get("facts") if isinstance(meta.get("facts"), dict) else {}
    for key, fact in facts.items():
        if isinstance(fact, dict):
            needed = tuple(attr for attr in ("label", "value") if fact.get(attr))
            text = ": ".join(str(fact[attr]) for attr in needed)
            out.append(("fact", str(key), _short(text), needed))
    actions = meta.get("actions") if kind == "incident" and isinstance(meta.get("actions"), dict) else {}
    for key, action in actions.items():
        if isinstance(action, dict) and action.get("text"):
            out.append(("action", str(key), _short(str(action["text"])), ("text",)))
    return out


def _excerpt(kind: str, meta: dict[str, Any], body: str) -> str:
    """What the original says, shortened: its title or question, else its first line of text."""
    for key in ("title", "question"):
        if isinstance(meta.get(key), str) and kind in ("incident", "faq", "page"):
            return _short(meta[key])
    first = next((line.strip(" #") for line in body.splitlines() if line.strip(" #")), "")
    return _short(first)


def _short(text: str) -> str:
    """One line of at most ``EXCERPT`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[:EXCERPT - 1] + "…"


def translation_diagnostics(raw: RawContent, settings: Settings) -> list[Diagnostic]:
    """``herald check``'s view: each missing or outdated item, a warning (an error when translations are required).

    A missing translation file is one diagnostic (its facts and actions go with it).
    """
    if settings.translations == "off" or len(settings.languages) < 2:
        return []
    severity = Severity.ERROR if settings.translations == "required" else Severity.WARNING
    return [_diagnostic(item, severity) for item in report_items(raw, settings)
            if item.state != "translated" and not (item.key and item.detail == "no file")]


def _diagnostic(item: Item, severity: Severity) -> Diagnostic:
    """One item as a diagnostic, with the file to write or update."""
    stamp = f"then run herald translations --stamp {item.target}"
    if item.key:
        section = item.kind + "s"
        fields = " and ".join(item.detail.split(", "))
        return Diagnostic(item.target, item.line, f"{section}.{item.key}", ITEM_CODES[item.kind],
                          f"{item.kind} '{item.key}' of {item.source} is not translated into {item.lang}",
                          f"add {section}.{item.key} with its {fields} to {item.target}", severity)
    if item.state == "outdated":
        return Diagnostic(item.target, item.line, HASH_KEY if item.line else "", CODES["outdated"],
                          f"{item.source} changed after this translation ({item.detail})",
                          f"bring it up to date with {item.source}, {stamp}", severity)
    return Diagnostic(item.source, 0, "", CODES["missing"],
                      f"this {_noun(item.kind)} has no {item.lang} translation", _write_hint(item), severity)


def _noun(kind: str) -> str:
    """How a message names a kind of file."""
    return {"faq": "FAQ entry", "page": "page"}.get(kind, kind)


def _write_hint(item: Item) -> str:
    """Which file to write, and the command that writes it when there is one."""
    hint = f"write {item.target}"
    if item.kind == "update":
        folder, _, name = item.source.rpartition("/")
        hint += (f" (herald update {folder.rsplit('/', 1)[-1]} --lang {item.lang} --of {name[:-3]} -m TEXT "
                 "writes it)")
    return hint + "; or set checks.translations: off in herald.yml if this site is not translated"


def hash_for_translation(raw: RawContent, settings: Settings, path: str) -> str:
    """The hash the translation at ``path`` should record: its original's, now.

    Raises ValueError saying why when ``path`` is not a translation Herald reads, or its original is missing or broken.
    """
    stem, lang = split_language(path[:-3]) if path.endswith(".md") else (path, None)
    if lang not in settings.languages[1:]:
        raise ValueError(f"{path} is not a translation: its name must end in "
                         f".{'|'.join(settings.languages[1:]) or '<lang>'}.md")
    files = {file.path: file for files in raw.incident_folders.values() for file in files} | \
        {file.path: file for file in raw.pages}
    original, kind = files.get(stem + ".md"), _kind_of(stem + ".md", settings)
    if kind is None:
        raise ValueError(f"{path} is not a file Herald reads in {settings.incidents_dir}/ or {settings.pages_dir}/")
    if original is None:
        raise ValueError(f"{stem}.md, the original of {path}, does not exist")
    digest = hash_of_text(original.text, original.path, kind)
    if digest is None:
        raise ValueError(f"the front matter of {original.path} cannot be read; run herald check")
    return digest


def counts(items: list[Item]) -> dict[str, dict[str, Counter]]:
    """language -> kind -> Counter of states."""
    out: dict[str, dict[str, Counter]] = {}
    for item in items:
        out.setdefault(item.lang, {kind: Counter() for kind in KINDS})[item.kind][item.state] += 1
    return out


def worklist(items: list[Item], marker: str) -> str:
    """A Markdown worklist for translators: per language, each missing or outdated item and where it goes."""
    lines = [marker, "", "# Translation worklist", ""]
    todo = [item for item in items if item.state != "translated"]
    if not todo:
        return "\n".join(lines + ["Nothing to translate: every item is translated and up to date.", ""])
    lines += ["Write or update each translation file, then run `herald translations --stamp FILE` for it.", ""]
    for lang in dict.fromkeys(item.lang for item in todo):
        lines += [f"## {lang}", "", "| state | what | original | translation file | original text |",
                  "|---|---|---|---|---|"]
        for item in (i for i in todo if i.lang == lang):
            what = f"{item.kind} `{item.key}`" if item.key else _noun(item.kind)
            state = item.state + (f" ({item.detail})" if item.detail and item.detail != "no file" else "")
            lines.append(f"| {_cell(state)} | {_cell(what)} | `{item.source}` | `{item.target}` | "
                         f"{_cell(item.excerpt)} |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|")
