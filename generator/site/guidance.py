"""What guidance pages ask for: FAQ anchors and structured data, related articles, links to hand-written pages."""

from __future__ import annotations

from markupsafe import Markup

from generator.model import FaqEntry, Incident, SourcePage
from generator.site.page_helper import PageHelper
from generator.text import urls
from generator.text.safetext import inline_json

KB_PREFIX = "kb/"


def faq_anchor(entry: FaqEntry) -> str:
    """The anchor of an FAQ entry (stable: from its id)."""
    return "faq-" + entry.id.replace("/", "-")


def kb_articles(pages: tuple[SourcePage, ...]) -> list[SourcePage]:
    """Knowledge-base articles (not section landing pages)."""
    return [p for p in pages if p.path.startswith(KB_PREFIX) and not p.path.endswith("index.md")]


def related_articles(tags: tuple[str, ...], pages: tuple[SourcePage, ...], exclude: str = "",
                     limit: int = 5) -> list[SourcePage]:
    """Articles sharing the most tags with ``tags`` (ties broken by path, so the order is total)."""
    scored = [(len(set(tags) & set(p.tags)), p) for p in kb_articles(pages) if p.path != exclude]
    return [p for score, p in sorted(scored, key=lambda item: (-item[0], item[1].path)) if score][:limit]


def faq_json_ld(entries: list[FaqEntry], helper: PageHelper) -> Markup:
    """schema.org FAQPage structured data for ``entries``."""
    data = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": helper.plain(e.question),
         "acceptedAnswer": {"@type": "Answer", "text": str(helper.html(e.answer, "faq/" + e.id, e.source))}}
        for e in entries]}
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(inline_json(data)))


class GuidanceHelper:
    """Template helpers for guidance content on one page."""

    def __init__(self, helper: PageHelper) -> None:
        self.h = helper

    def page_link(self, source: str) -> str:
        """Relative link to a hand-written page (``kb/x.md``) in this page's language."""
        path, _, anchor = source.partition("#")
        return self.h.link(urls.page_url(self.h.p, path)) + (f"#{anchor}" if anchor else "")

    def action_link(self, link: str) -> str:
        """An action's link: a page of the site or an https:// address."""
        return link if link.startswith("https://") else self.page_link(link)

    def page_title(self, page: SourcePage) -> Markup:
        """A page's title in this language."""
        return self.h.text(page.title or {self.h.settings.default_language: page.path})

    def tag_link(self, tag: str) -> str:
        """Link to a tag on the tag index."""
        return self.h.link(urls.tags(self.h.p)) + f"#tag-{tag}"

    def faq_anchor(self, entry: FaqEntry) -> str:
        """Anchor of an FAQ entry."""
        return faq_anchor(entry)

    def json_ld(self, entries: list[FaqEntry]) -> Markup:
        """FAQPage structured data."""
        return faq_json_ld(entries, self.h)

    def related(self, incident: Incident) -> list[SourcePage]:
        """Knowledge-base articles sharing the incident's tags."""
        return related_articles(incident.tags, self.h.state.content.pages)
