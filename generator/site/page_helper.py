"""What a page template may ask for (text, links, times, statuses), the rendered page, and the template environment."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import jinja2
import lxml.html
from markupsafe import Markup, escape

from generator.model import CLOSED_STATUSES, ComponentStatus, Incident, Localized, Update
from generator.state import derive
from generator.state.site_state import ChannelPreview, SiteState
from generator.text import i18n, urls
from generator.text.markup import MarkupRenderer
from generator.text.safetext import needs_isolation

STATUS_ICON = {"operational": "✓", "degraded_performance": "▲", "partial_outage": "◆", "major_outage": "✕",
               "under_maintenance": "⚙"}
EXCERPT_CHARACTERS = 300
"""How much of an active incident's latest update the home page shows before "Read the whole update"."""
PHASE_ICON = {"investigating": "?", "identified": "!", "monitoring": "◔", "resolved": "✓", "postmortem": "✎",
              "scheduled": "◷", "in_progress": "⚙", "verifying": "◑", "completed": "✓"}
"""A shape per lifecycle status, beside its word and colour."""
INDICATOR_ICON = {"none": "✓", "minor": "▲", "major": "◆", "critical": "✕", "maintenance": "⚙"}


class PageHelper:
    """What a template may ask for on one page: text, links, times, statuses."""

    def __init__(self, state: SiteState, lang: str, url: str, markup: MarkupRenderer,
                 cache: dict[tuple, str]) -> None:
        self.state, self.lang, self.url = state, lang, url
        self.settings = state.settings
        self.p = urls.prefix(lang, state.settings.default_language)
        self._markup, self._html_cache = markup, cache
        """Shared by every page of a build: rendered Markdown and formatted times are computed once."""

    def t(self, key: str) -> str:
        """Interface text."""
        return i18n.translate(self.lang, key)

    @property
    def colon(self) -> str:
        """The colon after a label in this language, with its space (': ' or '：')."""
        return self.t("punct.colon")

    @property
    def semicolon(self) -> str:
        """The separator between items of a run-in list ('; ' or '；')."""
        return self.t("punct.semicolon")

    @property
    def open(self) -> str:
        """An opening parenthesis after a word (' (' or '（')."""
        return self.t("punct.open")

    @property
    def close(self) -> str:
        """The closing parenthesis (')' or '）')."""
        return self.t("punct.close")

    def previews(self, update: Update) -> tuple[ChannelPreview, ...]:
        """What each announcement channel will say of ``update`` in this language (only under herald serve)."""
        return self.state.previews.get((update.incident_id, update.id, self.lang), ())

    def preview_size(self, preview: ChannelPreview) -> str:
        """"280 of 280 weighted characters": a preview's length against its channel's limit."""
        return (self.t("preview.size").replace("{size}", str(preview.size)).replace("{limit}", str(preview.limit))
                .replace("{unit}", self.t("preview.unit." + preview.unit)))

    def link(self, to_url: str) -> str:
        """Relative link from this page."""
        return urls.relative(self.url, to_url)

    def text(self, localized: Localized) -> Markup:
        """Localized plain text, marked with its language when it fell back."""
        value, fell_back = i18n.pick(localized, self.lang, self.settings.default_language)
        if fell_back:
            shown = Markup('<span lang="{}">{}</span>').format(i18n.html_lang(self._source_lang(localized)), value)
        else:
            shown = escape(value)
        # Right-to-left letters or direction controls in a title or name must not reorder the page around it.
        return Markup("<bdi>{}</bdi>").format(shown) if needs_isolation(value) else shown

    def plain(self, localized: Localized) -> str:
        """Localized text without markup (for attributes and titles)."""
        return i18n.pick(localized, self.lang, self.settings.default_language)[0]

    def html(self, localized: Localized, cache_key: str, source: str | None = None) -> Markup:
        """Localized Markdown rendered to HTML, with a visible note when untranslated.

        Relative links to ``.md`` files are resolved against ``source`` (the file the text
        came from) and pointed at the page they become, in this page's language.
        """
        value, fell_back = i18n.pick(localized, self.lang, self.settings.default_language)
        has_page_links = source is not None and ".md" in value
        key = (cache_key, self._source_lang(localized) if fell_back else self.lang, self.url if has_page_links else "")
        if key not in self._html_cache:
            resolver = (lambda href: self._resolve_page_link(source, href)) if has_page_links else None
            self._html_cache[key] = self._markup.to_html(value, resolver)
        body = Markup(self._html_cache[key])
        if not fell_back:
            return body
        note = Markup('<p class="herald-untranslated">{}</p>').format(self.t("fallback.text"))  # a part of the page
        lang = i18n.html_lang(self._source_lang(localized))
        return note + Markup('<div lang="{}">').format(lang) + body + Markup("</div>")

    def _resolve_page_link(self, source: str, href: str) -> str:
        """A relative link to a Markdown page, as a link to the built page in this language."""
        path, _, fragment = href.partition("#")
        if not path.endswith(".md") or "://" in path or path.startswith(("/", "mailto:")):
            return href
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        pages = self.settings.pages_dir + "/"
        page = target[len(pages):] if target.startswith(pages) else posixpath.normpath(path)
        return self.link(urls.page_url(self.p, page)) + (f"#{fragment}" if fragment else "")

    def _source_lang(self, localized: Localized) -> str:
        """The language a fallback text is shown in."""
        default = self.settings.default_language
        return default if default in localized else next(iter(localized), default)

    def time(self, moment: datetime | None, second_line: bool = False) -> Markup:
        """A ``<time>`` element, printed once in the site's zone with its offset.

        The script offers the reader's own time where it differs: on hover and focus, or (``second_line``) as a
        small line of its own, for the few times that matter most on a page.
        """
        if moment is None:
            return Markup("")
        key = ("time", moment, self.lang, second_line)
        if key not in self._html_cache:
            iso = moment.astimezone(self.settings.zone).isoformat()
            shown = i18n.format_time(moment, self.settings.zone, self.lang)
            variant = Markup(' data-herald-local="line"') if second_line else Markup(" data-herald-local")
            self._html_cache[key] = Markup('<time datetime="{}"{}>{}</time>').format(iso, variant, shown)
        return Markup(self._html_cache[key])

    def excerpt(self, localized: Localized, cache_key: str, source: str | None, more_url: str,
                limit: int = EXCERPT_CHARACTERS) -> Markup:
        """An update as the home page shows it: whole when short, else its first ``limit`` characters as text."""
        full = self.html(localized, cache_key, source)
        text = " ".join(lxml.html.fragment_fromstring(str(full), create_parent="div").text_content().split())
        if len(text) <= limit:
            return full
        cut = text[:limit]
        if " " in cut[limit // 2:]:
            cut = cut[: cut.rindex(" ")]
        return Markup('<p class="herald-excerpt">{}… <a href="{}">{}</a></p>').format(
            cut.rstrip(" ,;:.，；：。"), more_url, self.t("home.read_more"))

    def later(self, earlier: datetime, later: datetime) -> str:
        """``2 h 10 min later``: the gap since the previous update."""
        return self.t("incident.later").replace("{duration}", i18n.format_duration(later - earlier, self.lang))

    def lead_updates(self, incident: Incident, resolved_at: datetime | None) -> list[Update]:
        """What an incident page opens with: the latest update; once resolved, the resolution, then any postmortem."""
        latest = incident.updates[-1]
        if resolved_at is None:
            return [latest]
        closing = next((u for u in incident.updates if u.status in CLOSED_STATUSES and u.status != "postmortem"),
                       latest)
        postmortem = next((u for u in reversed(incident.updates) if u.status == "postmortem"), None)
        return [closing] + ([postmortem] if postmortem is not None and postmortem is not closing else [])

    def day(self, day) -> str:
        """A calendar day."""
        return i18n.format_day(day, self.lang)

    def month(self, day) -> str:
        """A month."""
        return i18n.format_month(day, self.lang)

    def duration(self, incident: Incident) -> str:
        """How long it lasted (or has lasted)."""
        return i18n.format_duration(derive.duration(incident, self.state.now), self.lang)

    def component_badge(self, status: ComponentStatus | str) -> Markup:
        """A component status as icon plus words, never colour alone."""
        value = status.value if isinstance(status, ComponentStatus) else status
        return Markup('<span class="herald-status herald-status--{}"><span aria-hidden="true">{}</span> {}</span>'
                      ).format(value, STATUS_ICON[value], self.t("component." + value))

    def status_badge(self, incident: Incident) -> Markup:
        """An incident's lifecycle status now, as a labelled badge."""
        return self.phase_badge(derive.status_of(incident, self.state.now))

    def phase_badge(self, status: str) -> Markup:
        """A lifecycle status (investigating ... completed) as shape plus words, in the state's own colour."""
        return Markup('<span class="herald-phase herald-phase--{}"><span aria-hidden="true">{}</span> {}</span>').format(
            status, PHASE_ICON.get(status, "•"), self.t("status." + status))

    def kind_label(self, incident: Incident) -> str:
        """Incident, Maintenance, Notice or Scam warning."""
        return self.t("kind.scam") if incident.scam_warning else self.t("kind." + incident.kind.value)

    def component_name(self, component_id: str) -> Markup:
        """A declared component's name."""
        return self.text(self.settings.component(component_id).name)

    def incident_url(self, incident: Incident) -> str:
        """Link to an incident page."""
        return self.link(urls.incident(self.p, incident.id))


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A generated page: its front matter and its HTML body."""

    meta: dict[str, Any]
    html: str

    def front_matter(self) -> str:
        """The YAML front matter block (written as JSON values, which YAML reads as they are)."""
        lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in sorted(self.meta.items()))
        return f"---\n{lines}---\n"

    def as_markdown(self) -> str:
        """The page as a Markdown file (front matter, then the HTML block) for any site builder."""
        return f"{self.front_matter()}\n{self.html}\n"


def tidy(html: str) -> str:
    """Drop blank lines between tags so the page is one HTML block to any Markdown parser.

    Lines inside ``<pre>`` are kept exactly: blank lines there are content.
    """
    out: list[str] = []
    pre_depth = 0
    for line in html.strip().split("\n"):
        if line.strip() or pre_depth > 0:
            out.append(line)
        pre_depth = max(0, pre_depth + line.count("<pre") - line.count("</pre>"))
    return "\n".join(out)


def environment() -> jinja2.Environment:
    """A Jinja environment for the page templates shipped in this package."""
    return jinja2.Environment(loader=jinja2.PackageLoader("generator.site", "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=False)
