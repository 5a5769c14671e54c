"""Text for the machine outputs: XML-safe strings, absolute URLs, update bodies as HTML and plain text.

Feeds, the calendar, badges and the Statuspage-compatible API all take their words from
here, so control characters are stripped in one place and every output says the same thing.
"""

from __future__ import annotations

import posixpath
import re
from datetime import datetime
from urllib.parse import urljoin

import lxml.html

from generator.model import Incident, Localized, Update
from generator.state.site_state import SiteState
from generator.text import i18n, urls
from generator.text.markup import MarkupRenderer

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot carry (C0 controls other than tab and line breaks, lone surrogates, non-characters)."""


def clean(text: str) -> str:
    """Text without the characters XML 1.0 forbids (the one place they are stripped)."""
    return NOT_XML.sub("", text)


def markup_free(text: str) -> str:
    """One line of text with no markup left for a reader that takes it as HTML (tags dropped, no ``<`` or ``>``)."""
    if not text.strip():
        return ""
    content = lxml.html.fragment_fromstring(clean(text), create_parent="div").text_content()
    return " ".join(content.replace("<", " ").replace(">", " ").split())


def plain_text(html: str) -> str:
    """Readable text of an HTML fragment: blocks separated by blank lines, list items on their own lines."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    blocks = []
    for child in root:
        if child.tag in ("ul", "ol"):
            blocks.append("\n".join("- " + " ".join(li.text_content().split()) for li in child.iter("li")))
        elif child.tag == "pre":
            blocks.append(child.text_content().rstrip("\n"))
        else:
            blocks.append(" ".join(child.text_content().split()))
    lead = " ".join((root.text or "").split())
    return "\n\n".join(b for b in [lead, *blocks] if b)


class OutputText:
    """What every output says about the content, per language, computed once per build."""

    def __init__(self, state: SiteState, markup: MarkupRenderer) -> None:
        self.state, self.settings = state, state.settings
        self._markup = markup
        self._html: dict[tuple[str, str, str], str] = {}

    def t(self, lang: str, key: str, **values: str) -> str:
        """Interface text, with ``{name}`` placeholders filled."""
        text = i18n.translate(lang, key)
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        return clean(text)

    def pick(self, localized: Localized, lang: str) -> str:
        """Localized text in ``lang``, falling back to the default language."""
        return clean(i18n.pick(localized, lang, self.settings.default_language)[0])

    def title(self, incident: Incident, lang: str) -> str:
        """An incident's title; its id if nothing is left once unusable characters are gone."""
        return self.pick(incident.title, lang).strip() or incident.id

    def site_name(self, lang: str) -> str:
        """The site's name."""
        return self.pick(self.settings.name, lang)

    def company(self, lang: str) -> str:
        """The company's name (feed author)."""
        return self.pick(self.settings.company, lang) or self.site_name(lang)

    def component_name(self, component_id: str, lang: str) -> str:
        """A declared component's name."""
        return self.pick(self.settings.component(component_id).name, lang)

    def prefix(self, lang: str) -> str:
        """Folder of a language ('' or 'zh/')."""
        return urls.prefix(lang, self.settings.default_language)

    def url(self, path: str) -> str:
        """Absolute URL of a path relative to the site root."""
        return self.settings.url + path

    def update_url(self, incident: Incident, update: Update, lang: str) -> str:
        """Absolute URL of an update's anchor on its incident page."""
        return self.url(urls.incident(self.prefix(lang), incident.id)) + f"#update-{update.id}"

    def time(self, moment: datetime, lang: str) -> str:
        """A time as the pages show it (site zone, with offset)."""
        return i18n.format_time(moment, self.settings.zone, lang)

    def update_html(self, incident: Incident, update: Update, lang: str) -> str:
        """An update's body as sanitised HTML with absolute links."""
        return self._body(incident, update.id, update.body, update.source, lang)

    def update_text(self, incident: Incident, update: Update, lang: str) -> str:
        """An update's body as plain text."""
        return plain_text(self.update_html(incident, update, lang))

    def summary_text(self, incident: Incident, lang: str) -> str:
        """An incident's summary as plain text."""
        return plain_text(self._body(incident, "", incident.summary, incident.source, lang))

    def _body(self, incident: Incident, key: str, body: Localized, source: str, lang: str) -> str:
        """Markdown in ``lang`` (or the default language) rendered once per build."""
        cache_key = (incident.id, key, lang)
        if cache_key not in self._html:
            page = urls.incident(self.prefix(lang), incident.id)
            text = clean(i18n.pick(body, lang, self.settings.default_language)[0])
            self._html[cache_key] = clean(self._markup.to_html(text, lambda href: self._absolute(href, page, source,
                                                                                              lang)))
        return self._html[cache_key]

    def _absolute(self, href: str, page: str, source: str, lang: str) -> str:
        """A link target as an absolute URL; relative links to Markdown pages go to the built page."""
        path, _, fragment = href.partition("#")
        if not path.endswith(".md") or "://" in path or path.startswith(("/", "mailto:")):
            return urljoin(self.url(page), href)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        pages = self.settings.pages_dir + "/"
        relative = target[len(pages):] if target.startswith(pages) else posixpath.normpath(path)
        return self.url(urls.page_url(self.prefix(lang), relative)) + (f"#{fragment}" if fragment else "")
