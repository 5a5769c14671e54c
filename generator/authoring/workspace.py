"""Prepare new content files in memory, check them with the whole project, and only then write them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from generator.content.load import RawContent, RawFile, decode_file, load_content
from generator.content.settings import Settings, load_settings
from generator.content.translation_report import ALL_CODES as TRANSLATION_CODES
from generator.content.validate import validate_content
from generator.errors import Diagnostic, Severity
from generator.model import Content, Incident
from generator.state import derive


class AuthoringError(Exception):
    """The command cannot go on; nothing was written. Carries the reasons."""

    def __init__(self, message: str, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = tuple(diagnostics)


@dataclass(frozen=True)
class Workspace:
    """A project as it is on disk: settings, raw files, what validated, and the errors already there."""

    settings: Settings
    raw: RawContent
    content: Content
    errors: tuple[Diagnostic, ...]

    def incident(self, incident_id: str) -> Incident:
        """The valid incident with this id; unknown or broken ids raise with near matches."""
        for incident in self.content.incidents:
            if incident.id == incident_id:
                return incident
        if incident_id in self.raw.incident_folders:
            broken = [d for d in self.errors if d.path.startswith(f"{self.settings.incidents_dir}/{incident_id}/")]
            raise AuthoringError(f"incident '{incident_id}' has {len(broken) or 'some'} error(s); fix them first "
                                 "(run herald check), then try again", broken)
        raise AuthoringError(f"no incident '{incident_id}' in {self.settings.incidents_dir}/"
                             + suggest(incident_id, list(self.raw.incident_folders)))


@dataclass(frozen=True)
class Draft:
    """Files to add: path relative to the project root -> full text. None are written until all pass."""

    files: dict[str, str]
    new_folder: str | None = None
    """Set when the draft creates a whole incident folder (written aside, then renamed into place)."""


@dataclass(frozen=True)
class Verdict:
    """What checking a draft found: errors it would introduce, and warnings about its own files."""

    errors: tuple[Diagnostic, ...] = ()
    warnings: tuple[Diagnostic, ...] = field(default_factory=tuple)


def load_workspace(root: Path) -> Workspace:
    """Read and validate the project at ``root`` (no derived state, no now)."""
    settings, diagnostics = load_settings(root)
    if settings is None:
        raise AuthoringError("herald.yml cannot be used; fix it first", diagnostics)
    raw, load_diagnostics = load_content(settings)
    content, validate_diagnostics = validate_content(raw, settings)
    errors = [d for d in load_diagnostics + validate_diagnostics if d.severity is Severity.ERROR]
    return Workspace(settings, raw, content, tuple(errors))


def suggest(word: str, choices: list[str]) -> str:
    """'; did you mean ...?' for the closest of ``choices``, or ''."""
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.5)
    close += [c for c in choices if word and word in c and c not in close][: 3 - len(close)]
    if not close:
        return ""
    return "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"


def check_draft(workspace: Workspace, draft: Draft, now: datetime) -> Verdict:
    """Validate the draft together with the whole project, exactly as ``herald check`` would."""
    settings = workspace.settings
    errors: list[Diagnostic] = []
    folders = {name: list(files) for name, files in workspace.raw.incident_folders.items()}
    for path, text in draft.files.items():
        raw = _as_loaded(path, text, settings, errors)
        if raw is not None:
            folder = path.split("/")[1]
            folders[folder] = sorted([f for f in folders.get(folder, []) if f.path != path] + [raw],
                                     key=lambda f: f.path)
    if errors:
        return Verdict(tuple(errors))
    content, diagnostics = validate_content(replace(workspace.raw, incident_folders=folders), settings)
    before = set(workspace.errors)
    new = [d for d in diagnostics if d.severity is Severity.ERROR and (d not in before or d.path in draft.files)]
    # A translation is written after its original: required translations never stop the original being written.
    untranslated = [replace(d, severity=Severity.WARNING) for d in new if d.code in TRANSLATION_CODES]
    new = [d for d in new if d.code not in TRANSLATION_CODES]
    if new:
        return Verdict(tuple(new))
    return Verdict((), tuple(_warnings_about(content, draft, settings, now) + untranslated))


def _as_loaded(path: str, text: str, settings: Settings, errors: list[Diagnostic]) -> RawFile | None:
    """The file as the loader would read it back (size limit, UTF-8, no NUL), or None with errors."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        errors.append(Diagnostic(path, 0, "", "not-utf8", "the text cannot be saved as UTF-8",
                                 "remove unpaired surrogate characters"))
        return None
    if len(data) > settings.max_file_bytes:
        errors.append(Diagnostic(path, 0, "", "file-too-large",
                                 f"the file would be {len(data):,} bytes; the limit is {settings.max_file_bytes:,}",
                                 "shorten the text, or raise limits.max_file_bytes in herald.yml"))
        return None
    return decode_file(data, path, errors)


def _warnings_about(content: Content, draft: Draft, settings: Settings, now: datetime) -> list[Diagnostic]:
    """Warnings ``herald check`` would give about the draft's files at ``now`` (e.g. dated in the future)."""
    published, future = derive.published(content, now)
    warnings = future + derive.check_timeliness(published, now, settings.stale_after)
    return [d for d in warnings if d.path in draft.files]
