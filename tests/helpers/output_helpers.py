"""Helpers shared by the tests of the machine outputs (feeds, API, calendar, badges, well-known files)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from generator.state import derive
from generator.pipeline import Output, build_site, load_project
from generator.model import ComponentStatus, Content, Impact, Incident, Kind, Update
from generator.state.site_state import SiteState
from generator.content.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "tests" / "reference" / "statuspage-examples"
"""Captured Statuspage payloads and feeds (copied from the shared reference folder, so a plain clone tests alone)."""


def when(text: str) -> datetime:
    """An aware time from ISO 8601."""
    return datetime.fromisoformat(text)


def build(root: Path, now: str) -> Output:
    """Load and build a project at an explicit now (no MkDocs)."""
    project = load_project(root, lambda pinned: when(now))
    assert project.ok, [d.format() for d in project.diagnostics]
    return build_site(project)


def text_of(output: Output, path: str) -> str:
    """A generated file as text."""
    content = output.files[path]
    return content.decode("utf-8") if isinstance(content, bytes) else content


def bytes_of(output: Output, path: str) -> bytes:
    """A generated file as bytes."""
    content = output.files[path]
    return content if isinstance(content, bytes) else content.encode("utf-8")


def settings_of(root: Path) -> Settings:
    """A project's settings."""
    settings, diagnostics = load_settings(root)
    assert settings is not None, diagnostics
    return settings


def state_with(settings: Settings, incidents: list[Incident], now: datetime) -> SiteState:
    """Derived state of hand-made incidents (bypassing files, so any text can be tried)."""
    content = Content(incidents=tuple(incidents))
    statuses = derive.component_statuses(content, [c.id for c in settings.components], now)
    return SiteState(content, settings, now, statuses, derive.overall_indicator(content, statuses, now))


def incident(incident_id: str, title: str, body: str, at: datetime, kind: Kind = Kind.INCIDENT,
             window: tuple[datetime, datetime] | None = None) -> Incident:
    """An incident of one update on component ``api``, with the same text in English and Chinese."""
    first = Update("2026-11-20T0900", incident_id, at, "scheduled" if kind is Kind.MAINTENANCE else "investigating",
                   {"en": body, "zh": body}, (("api", ComponentStatus.MAJOR_OUTAGE),), None, (),
                   f"incidents/{incident_id}/2026-11-20T0900.md")
    return Incident(incident_id, kind, {"en": title, "zh": title}, Impact.MAJOR, ("api",), at, None,
                    window[0] if window else None, window[1] if window else None, {"en": body}, (), (), (first,),
                    f"incidents/{incident_id}/incident.md")


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The rules of a ``_headers`` file: (URL pattern, [(name, value), ...]) in file order."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules: list[tuple[str, list[tuple[str, str]]]], path: str) -> list[tuple[str, str]]:
    """Every header the matching rules give a URL path, as Cloudflare Pages documents its matching: a splat ``*``
    matches anything, slashes included; a placeholder ``:name`` matches one path segment; all matching rules apply."""
    import re

    found = []
    for pattern, headers in rules:
        parts = re.split(r"(\*|:[A-Za-z_]\w*)", pattern)
        regex = "".join(".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts)
        if re.fullmatch(regex, path):
            found += headers
    return found


def cloudflare_headers(rules: list[tuple[str, list[tuple[str, str]]]], path: str) -> dict[str, str]:
    """The headers Cloudflare Pages sends for a path: a header set by several matching rules is joined with ", "."""
    joined: dict[str, list[str]] = {}
    for name, value in headers_for(rules, path):
        joined.setdefault(name.lower(), []).append(value)
    return {name: ", ".join(values) for name, values in joined.items()}
