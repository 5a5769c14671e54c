"""Render generated pages: one template environment, one cache and one set of helpers per build."""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from generator.site.crisis_helper import CrisisHelper
from generator.site.guidance import GuidanceHelper
from generator.site.page_helper import PageHelper, RenderedPage, environment, tidy
from generator.site.scorecard import RecordHelper
from generator.state.site_state import SiteState
from generator.text import urls
from generator.text.markup import MarkupRenderer
from generator.text.safetext import isolated


class PageRenderer:
    """Renders generated pages: one template environment, one cache and one set of helpers per build."""

    def __init__(self, state: SiteState, markup: MarkupRenderer) -> None:
        self.state, self._markup = state, markup
        self._env = environment()
        self._cache: dict[tuple, str] = {}

    def render(self, lang: str, url: str, template: str, title: str, *, hide_toc: bool = True,
               searchable: bool = True, status_layout: bool = False, own_feeds: bool = False,
               **context: Any) -> tuple[str, RenderedPage]:
        """``(source path, page)`` of one page; ``context`` goes to the template beside the helpers.

        ``status_layout``: a status page (one centred column, no navigation column), not a documentation page.
        ``own_feeds``: the page has feeds of its own (an incident, a component), announced in its head.
        """
        helper = PageHelper(self.state, lang, url, self._markup, self._cache)
        html = self._env.get_template(template).render(h=helper, g=GuidanceHelper(helper), r=RecordHelper(helper),
                                                       c=CrisisHelper(helper),
                                                       s=self.state, now=self.state.now, **context)
        # MkDocs themes print the title as markup (no autoescape), so it is given already escaped.
        meta: dict[str, Any] = {"title": str(escape(isolated(title)))}
        if hide_toc or status_layout:
            meta["hide"] = ["navigation", "toc"] if status_layout else ["toc"]
        if status_layout:
            meta["herald_layout"] = "status"
        if own_feeds:
            meta["herald_own_feeds"] = True
        if not searchable:  # lists that only repeat incident titles would crowd search results
            meta["search"] = {"exclude": True}
        return urls.source_path(url), RenderedPage(meta, tidy(html))
