"""Announcing, as configured: the channels told of each update, checked against the rest of herald.yml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from generator.content.announce_schema import AnnounceIn
from generator.content.channel_check import parse_candidate
from generator.content.diagnose import line_for, near
from generator.content.frontmatter import dotted_path
from generator.errors import Diagnostic, Severity
from generator.model import Localized

CONFIG_NAME = "herald.yml"


@dataclass(frozen=True, slots=True)
class AnnounceChannel:
    """One channel that is told of updates: its tag, its format, and which updates it takes."""

    id: str
    format: str
    languages: tuple[str, ...]
    kinds: tuple[str, ...]
    components: tuple[str, ...] | None
    name: Localized
    address: str | None

    def takes(self, kind: str, components: tuple[str, ...]) -> bool:
        """Does this channel take updates of an event of this kind touching these components?"""
        return kind in self.kinds and (self.components is None or bool(set(self.components) & set(components)))


@dataclass(frozen=True, slots=True)
class Signup:
    """Where readers sign up to be e-mailed (the company's mailing list)."""

    address: str
    note: Localized


@dataclass(frozen=True, slots=True)
class Announce:
    """The ``announce`` section: since when, where the record is kept, and the channels."""

    since: datetime
    ledger: str
    channels: tuple[AnnounceChannel, ...]
    signup: Signup | None = None

    def channel(self, channel_id: str) -> AnnounceChannel | None:
        """The channel with this id, if declared."""
        return next((c for c in self.channels if c.id == channel_id), None)


def announce_from_config(section: AnnounceIn | None, languages: tuple[str, ...],
                         localize: Any) -> Announce | None:
    """The validated section as settings (channels without ``languages`` take every site language)."""
    if section is None:
        return None
    default = languages[0]
    channels = tuple(AnnounceChannel(c.id, c.format, tuple(c.languages or languages), tuple(c.kinds),
                                     tuple(c.components) if c.components is not None else None,
                                     localize(c.name, default), c.address) for c in section.channels)
    signup = Signup(section.signup.address, localize(section.signup.note, default)) if section.signup else None
    return Announce(section.since, section.ledger, channels, signup)


def check_announce(section: AnnounceIn | None, languages: list[str], component_ids: list[str],
                   official: list[str], lines: dict[Any, int]) -> list[Diagnostic]:
    """Unique channel ids, known languages and components, a ledger inside the project, official addresses."""
    if section is None:
        return []
    out = _check_ledger(section.ledger, lines)
    seen: set[str] = set()
    for index, channel in enumerate(section.channels):
        where = ("announce", "channels", index)
        if channel.id in seen:
            out.append(_error(lines, (*where, "id"), "duplicate-id", f"channel id '{channel.id}' is declared twice",
                              "give every channel its own id"))
        seen.add(channel.id)
        for position, lang in enumerate(channel.languages or []):
            if lang not in languages:
                out.append(_error(lines, (*where, "languages", position), "unknown-language",
                                  f"'{lang}' is not one of site.languages", near(lang, languages)
                                  or f"use one of: {', '.join(languages)}"))
        for position, component in enumerate(channel.components or []):
            if component not in component_ids:
                out.append(_error(lines, (*where, "components", position), "unknown-component",
                                  f"component '{component}' is not declared", near(component, component_ids)
                                  or "declare it under 'components:'"))
        if channel.address is not None and _read(channel.address) not in {_read(a) for a in official}:
            out.append(Diagnostic(CONFIG_NAME, line_for(lines, (*where, "address")), dotted_path((*where, "address")),
                                  "unofficial-address", f"'{channel.address}' is not one of the official channels",
                                  "add it under 'channels:' too, or readers checking it will be told it is not yours",
                                  Severity.WARNING))
    return out


def _read(address: str) -> tuple[str, str]:
    """An address as the channel checker reads it (kind and normal form), so "official" means what /verify/ says."""
    candidate = parse_candidate(address)
    return candidate.kind, candidate.value


def _check_ledger(ledger: str, lines: dict[Any, int]) -> list[Diagnostic]:
    """The delivery record must be a relative path inside the project."""
    path = PurePosixPath(ledger)
    if path.is_absolute() or ".." in path.parts or "\\" in ledger:
        return [_error(lines, ("announce", "ledger"), "path-escapes", f"'{ledger}' must be a file inside the project",
                       "use a relative path such as announced.json")]
    return []


def _error(lines: dict[Any, int], path: tuple[Any, ...], code: str, message: str, hint: str) -> Diagnostic:
    """An error at a place in herald.yml."""
    return Diagnostic(CONFIG_NAME, line_for(lines, path), dotted_path(path), code, message, hint)
