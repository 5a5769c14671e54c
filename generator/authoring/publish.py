"""Plan ``herald publish``: the drafts to clear (and re-date if asked), as new file texts, changing nothing else.

Front matter is edited line by line (``draft:`` removed, ``at:`` replaced) so comments and layout stay as the
author wrote them; every edited text is parsed again and must mean exactly the old front matter minus the
draft flag (plus the new time), or the plan is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

from generator.authoring.template_catalog import unfilled_prompts
from generator.authoring.workspace import AuthoringError, Draft, Workspace
from generator.content.frontmatter import FRONT_MATTER_RE, parse_front_matter
from generator.content.load import RawFile
from generator.model import Incident
from generator.text.yamltext import scalar

DRAFT_LINE_RE = re.compile(r"^draft:[^\n]*\n", re.M)
AT_LINE_RE = re.compile(r"^at:[^\n]*\n", re.M)


@dataclass(frozen=True)
class PublishPlan:
    """The files to replace, and notes for the author (e.g. the incident itself is still a draft)."""

    draft: Draft
    notes: tuple[str, ...] = ()


def plan_publish(workspace: Workspace, target: str, at: datetime | None) -> PublishPlan:
    """What publishing ``target`` (an incident folder, its ``incident.md``, or an update file) changes.

    ``target`` is relative to the project root. Raises AuthoringError when it is not a draft, is unknown, or
    would publish a template prompt.
    """
    incident, stem = _locate(workspace, target)
    folder = f"{workspace.settings.incidents_dir}/{incident.id}"
    files = {f.path: f for f in workspace.raw.incident_folders.get(incident.id, [])}
    if stem is None:
        chosen = ([f"{folder}/incident.md"] if incident.draft else []) + \
                 [u.source for u in incident.updates if u.draft]
        redate = {u.source for u in incident.updates if u.draft}
        if not chosen:
            raise AuthoringError(f"incident '{incident.id}' has no drafts; it is already public")
        notes: tuple[str, ...] = ()
    else:
        update = next(u for u in incident.updates if u.id == stem)
        if not update.draft:
            raise AuthoringError(f"{update.source} is not a draft; it is already public (or held by its time)")
        chosen, redate = [update.source], {update.source}
        notes = (f"the incident itself is still a draft: publish it with herald publish {folder}",) \
            if incident.draft else ()
    _refuse_prompts(chosen, files, publishing_incident=stem is None)
    texts = {path: published_text(files[path], at if path in redate else None) for path in chosen}
    return PublishPlan(Draft(texts), notes)


def _locate(workspace: Workspace, target: str) -> tuple[Incident, str | None]:
    """The incident a path names, and the update stem (None for the incident itself)."""
    incidents_dir = PurePosixPath(workspace.settings.incidents_dir)
    path = PurePosixPath(target)
    try:
        relative = path.relative_to(incidents_dir)
    except ValueError:
        raise AuthoringError(f"{target} is not in {incidents_dir}/; give an incident folder or an update file, "
                             f"e.g. {incidents_dir}/<id>/2026-11-20T0912.md") from None
    parts = relative.parts
    if not parts or len(parts) > 2:
        raise AuthoringError(f"{target}: give an incident folder or a file directly inside one")
    incident = workspace.incident(parts[0])
    if len(parts) == 1 or parts[1] == "incident.md":
        return incident, None
    name = parts[1]
    if not name.endswith(".md") or "." in name[:-3]:
        raise AuthoringError(f"{target}: give the original update file (translations follow it)")
    stem = name[:-3]
    if stem not in {u.id for u in incident.updates}:
        raise AuthoringError(f"incident '{incident.id}' has no update '{stem}'")
    return incident, stem


def _refuse_prompts(chosen: list[str], files: dict[str, RawFile], publishing_incident: bool) -> None:
    """Template prompts in the files to publish, or in their translations, stop the publication."""
    stems = {PurePosixPath(path).name[:-3] for path in chosen}
    affected = [file for path, file in sorted(files.items())
                if publishing_incident or PurePosixPath(path).name.split(".")[0] in stems]
    found = [f"{file.path}:{line}: {prompt}" for file in affected for line, prompt in unfilled_prompts(file.text)]
    if found:
        raise AuthoringError(f"{len(found)} template prompt(s) are still to fill in:\n  " + "\n  ".join(found)
                             + "\nreplace each with what you know (or delete it), then publish again")


def published_text(file: RawFile, at: datetime | None) -> str:
    """The file's text with ``draft:`` removed and, if given, ``at:`` set; refused if the meaning would change."""
    match = FRONT_MATTER_RE.match(file.text)
    if match is None:
        raise AuthoringError(f"{file.path}: no front matter to edit")
    head, rest = file.text[: match.start(1)], file.text[match.start(1):]
    block_end = match.end(1) - match.start(1)
    block, tail = rest[:block_end], rest[block_end:]
    block = DRAFT_LINE_RE.sub("", block)
    if at is not None:
        block, count = AT_LINE_RE.subn(f"at: {scalar(at)}\n", block)
        if count != 1:
            raise AuthoringError(f"{file.path}: cannot find its one 'at:' line; set the time by hand")
    text = head + block + tail
    _confirm_same_meaning(file, text, at)
    return text


def _confirm_same_meaning(file: RawFile, text: str, at: datetime | None) -> None:
    """The edited front matter must be the old one without ``draft`` (and with the new ``at``)."""
    before, _ = parse_front_matter(file.text, file.path)
    after, _ = parse_front_matter(text, file.path)
    if before is None or after is None:
        raise AuthoringError(f"{file.path}: its front matter cannot be read; run herald check")
    expected = {key: value for key, value in before.meta.items() if key != "draft"}
    if at is not None:
        expected["at"] = scalar(at)
    if after.meta != expected or after.body != before.body:
        raise AuthoringError(f"{file.path}: 'draft:' is not on a line of its own; remove it by hand")
