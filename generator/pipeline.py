"""The pipeline: load -> validate -> derive -> render, returning what a build produces.

Nothing here writes files; adapters (the MkDocs plugin, the CLI) decide where
the output goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from generator.authoring.template_catalog import unfilled_prompts
from generator.content.frontmatter import parse_front_matter
from generator.content.load import RawContent, RawFile, load_content
from generator.content.settings import Settings, load_settings
from generator.content.validate import validate_content
from generator.errors import Diagnostic, Severity
from generator.model import Content
from generator.outputs.announce_plan import Delivery, LedgerEntry, owed
from generator.outputs.announce_previews import channel_previews
from generator.outputs.collect import render_machine_outputs, render_output_pages
from generator.outputs.json_schemas import schema_files
from generator.outputs.statements import Signer
from generator.outputs.record_json import render_record_json
from generator.outputs.text import OutputText
from generator.outputs.wellknown import HEADERS, render_headers
from generator.site import chrome
from generator.site.guidance_pages import render_guidance_pages
from generator.site.page_helper import RenderedPage
from generator.site.source_pages import RenderedSourcePage, render_source_pages
from generator.site.status_pages import render_status_pages
from generator.state import derive, uptime
from generator.state.site_state import SigningKey, SiteState
from generator.text.markup import MarkupRenderer
from generator.text.page_markup import PageMarkup


@dataclass(frozen=True)
class Project:
    """A loaded, validated project: settings, content as published at ``now``, and every diagnostic."""

    settings: Settings | None
    content: Content | None
    now: datetime | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return self.content is not None and not any(d.severity is Severity.ERROR for d in self.diagnostics)


@dataclass(frozen=True)
class Output:
    """What a build produces: source files for the site builder, and the banner data."""

    files: dict[str, str | bytes]
    """Non-page outputs: path relative to the docs root -> content."""
    status_pages: dict[str, RenderedPage] = field(default_factory=dict)
    """Generated pages by source path (front matter + HTML; the MkDocs adapter skips re-parsing them)."""
    source_pages: dict[str, RenderedSourcePage] = field(default_factory=dict)
    """Hand-written pages by source path, rendered by Herald's Markdown engine (HTML and table of contents)."""

    def tree(self) -> dict[str, str | bytes]:
        """Everything as a docs tree of files, pages as Markdown, in path order."""
        pages = {path: page.as_markdown() for path, page in {**self.source_pages, **self.status_pages}.items()}
        return dict(sorted({**self.files, **pages}.items()))
    footer: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per language: the "we will never ask" notice and the official-channels link shown on every page."""
    banner: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """Per language: incidents that get the site-wide banner (title, url relative to the site root)."""
    languages: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per language: its URL folder, ``lang`` and ``dir``, own name and the frame's words (``site/chrome.py``)."""
    status: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per language: the overall status shown under the header of every page (``site/chrome.py``)."""


def load_project(root: Path, now_for=None, include_drafts: bool = False) -> Project:
    """Load settings and content and check them at the build's now.

    ``now_for`` maps the settings' pinned now to the build's now (see ``clock.resolve_now``);
    ``include_drafts`` keeps drafts in the content (``herald serve`` shows them, marked).
    """
    settings, diagnostics = load_settings(root)
    if settings is None:
        return Project(None, None, None, tuple(diagnostics))
    now = now_for(settings.pinned_now) if now_for else settings.pinned_now
    raw, load_diagnostics = load_content(settings)
    content, validate_diagnostics = validate_content(raw, settings)
    diagnostics = diagnostics + load_diagnostics + validate_diagnostics + _unfilled_prompts(raw)
    if now is not None:
        content, future = derive.published(content, now, include_drafts)
        diagnostics += future + derive.check_timeliness(content, now, settings.stale_after)
        diagnostics += derive.check_commitments(content, now)
    diagnostics = _deduplicate(diagnostics)
    return Project(settings, content, now, tuple(diagnostics))


def site_state(project: Project) -> SiteState:
    """What is true at the project's now: component statuses, the indicator, the uptime history."""
    if not project.ok or project.settings is None or project.content is None or project.now is None:
        raise ValueError("the project has errors or no now")
    settings, content, now = project.settings, project.content, project.now
    statuses = derive.component_statuses(content, [c.id for c in settings.components], now)
    component_ids = [c.id for c in settings.components]
    spans = {c: uptime.component_spans(content, [c], now) for c in component_ids}
    spans[""] = [span for c in component_ids for span in spans[c]]
    history = {key: uptime.history(value, settings.zone, now) for key, value in spans.items()}
    return SiteState(content, settings, now, statuses, derive.overall_indicator(content, statuses, now),
                     uptime=history, spans=spans)


def plan_announcements(project: Project, ledger: dict[str, LedgerEntry], signed: bool = False
                       ) -> tuple[list[Delivery], list[str]]:
    """The deliveries ``herald announce`` owes at the project's now, oldest first, and the uncertain keys
    (``signed``: the site publishes signed statements, which the e-mails link)."""
    state = site_state(project)
    if state.settings.announce is None:
        return [], []
    text = OutputText(state, MarkupRenderer(sanitize=not state.settings.allow_raw_html))
    return owed(text, state.settings.announce, ledger, signed)


def build_site(project: Project, signer: Signer | None = None, previews: bool = False) -> Output:
    """Render every output of a project that loaded without errors.

    With a ``signer``, every update's statement is signed and the key published (``outputs/statements.py``);
    ``previews`` (``herald serve``) puts beside each update what every announcement channel will say.
    """
    state = site_state(project)
    if signer is not None:
        state = replace(state, signing_key=SigningKey(signer.fingerprint, signer.public_key))
    settings, content = state.settings, state.content
    markup = MarkupRenderer(sanitize=not settings.allow_raw_html)
    if previews:
        state = replace(state, previews=channel_previews(OutputText(state, markup)))
    source_pages = render_source_pages(content.pages, settings, PageMarkup(sanitize=not settings.allow_raw_html))
    files: dict[str, str | bytes] = {}
    files.update(render_machine_outputs(state, markup, signer))
    files.update(render_record_json(state))
    files.update(schema_files())  # published so editors can fetch them from the site
    pages = {**render_status_pages(state, markup), **render_guidance_pages(state, markup),
             **render_output_pages(state, markup)}
    # _headers names the site's top-level paths; the MkDocs plugin rewrites it with the theme's files and scripts.
    files[HEADERS] = render_headers((), [*files, *pages, *source_pages])
    return Output(files=dict(sorted(files.items())), status_pages=dict(sorted(pages.items())),
                  source_pages=dict(sorted(source_pages.items())),
                  banner=chrome.banner(state), footer=chrome.footer(settings), status=chrome.status_bar(state),
                  languages=chrome.languages(settings))


def _unfilled_prompts(raw: RawContent) -> list[Diagnostic]:
    """Template questions left in incident files ("[Which wallet? How much?]").

    An error in anything that would be published; a warning in a draft, which may keep them until it is done.
    """
    out = []
    for files in raw.incident_folders.values():
        by_path = {file.path: file for file in files}
        for file in files:
            for line, prompt in unfilled_prompts(file.text):
                draft = is_declared_draft(file.path, by_path)
                out.append(Diagnostic(file.path, line, "", "unfilled-prompt", f"template prompt left in: {prompt}",
                                      "replace it with what you know or delete it"
                                      + ("; the file is a draft, so it may wait" if draft else
                                         ", or keep the file unpublished with draft: true"),
                                      Severity.WARNING if draft else Severity.ERROR))
    return out


def is_declared_draft(path: str, folder_files: dict[str, RawFile]) -> bool:
    """True if the file's incident, or the original it translates, says ``draft: true`` in its front matter."""
    folder, _, name = path.rpartition("/")
    if folder.endswith("/faq"):
        folder = folder[: -len("/faq")]
    stem = name[:-3].split(".", 1)[0]
    candidates = (f"{folder}/incident.md", f"{folder}/{stem}.md")
    return any(_says_draft(folder_files.get(candidate)) for candidate in candidates)


def _says_draft(file: RawFile | None) -> bool:
    """True if the file's front matter parses and has ``draft: true``."""
    if file is None:
        return False
    front, _ = parse_front_matter(file.text, file.path)
    return front is not None and front.meta.get("draft") is True


def _deduplicate(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop exact repeats, keeping the first of each."""
    return list(dict.fromkeys(diagnostics))
