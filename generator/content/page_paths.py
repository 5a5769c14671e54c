"""Which page paths Herald generates, so a hand-written page at one of them is reported, not dropped.

Mirrors the URL scheme of the renderers (``render.py``, ``guidance.py``, ``subscribe.py``); a test
builds a project and compares this set with the pages it really generated, so the two cannot drift.
"""

from __future__ import annotations

from generator.content.settings import Settings
from generator.errors import Diagnostic, Severity
from generator.model import Content
from generator.text import urls


def generated_pages(content: Content, settings: Settings) -> set[str]:
    """Source paths (``history/index.md``, ``zh/index.md``, ...) of every page Herald generates."""
    per_page = max(1, settings.history_per_page)
    history_pages = max(1, -(-len(content.incidents) // per_page))
    out: set[str] = set()
    for lang in settings.languages:
        p = urls.prefix(lang, settings.default_language)
        found = [urls.home(p), urls.components(p), urls.uptime(p), urls.track_record(p), urls.faq(p), urls.tags(p),
                 urls.channels(p), urls.subscribe(p), urls.verify(p)]
        found += [urls.history(p, number) for number in range(1, history_pages + 1)]
        found += [urls.incident(p, incident.id) for incident in content.incidents]
        for component in settings.components:
            found += [urls.component(p, component.id), urls.component_uptime(p, component.id)]
        out.update(urls.source_path(url) for url in found)
    return out


def shadowed_pages(content: Content, settings: Settings) -> list[Diagnostic]:
    """An error for each hand-written page whose path is a generated page's (Herald's page would replace it)."""
    generated = generated_pages(content, settings)
    out = []
    for page in content.pages:
        clashes = sorted(urls.prefix(lang, settings.default_language) + page.path for lang in page.text
                         if urls.prefix(lang, settings.default_language) + page.path in generated)
        if clashes:
            out.append(Diagnostic(f"{settings.pages_dir}/{page.path}", 0, "", "generated-path",
                                  f"Herald generates the page at {', '.join(clashes)}; this hand-written page "
                                  "would be replaced by it", "move or rename the page"))
    return out


def duplicate_titles(content: Content, settings: Settings) -> list[Diagnostic]:
    """A warning for each title that several incidents share (readers cannot tell them apart)."""
    default = settings.default_language
    by_title: dict[str, list[str]] = {}
    for incident in sorted(content.incidents, key=lambda i: i.id):
        title = " ".join(incident.title.get(default, "").split()).casefold()
        by_title.setdefault(title, []).append(incident.id)
    out = []
    for ids in by_title.values():
        if len(ids) > 1:
            first = next(i for i in content.incidents if i.id == ids[0])
            shown = ", ".join(ids[1:6]) + (f" and {len(ids) - 6} more" if len(ids) > 6 else "")
            out.append(Diagnostic(first.source, 0, "title", "duplicate-title",
                                  f"{len(ids)} incidents have this title (also {shown})",
                                  "give each incident a title that tells it apart (date, what was affected)",
                                  Severity.WARNING))
    return out
