"""Machine-readable outputs (feeds, Statuspage-compatible API, calendar, badges, well-known files).

Each is produced from the same model as the pages, in every build, and is
deterministic for a given now. Returns ``{path relative to the site root: content}``.
"""

from __future__ import annotations

from generator.outputs.badges import render_badges
from generator.outputs.calendar import render_calendars
from generator.outputs.crisis_outputs import render_crisis_json
from generator.outputs.feeds import render_feeds
from generator.outputs.short_links import render_short_links
from generator.outputs.statuspage_api import render_api
from generator.outputs.statuspage_feeds import render_history_feeds
from generator.outputs.statements import Signer, render_statements
from generator.outputs.subscribe import render_subscribe_pages
from generator.outputs.text import OutputText
from generator.outputs.verify_page import render_verify_pages, verify_assets
from generator.outputs.wellknown import SECURITY_TXT, render_security_txt
from generator.site.page_helper import RenderedPage
from generator.state.site_state import SiteState
from generator.text.markup import MarkupRenderer


def render_machine_outputs(state: SiteState, markup: MarkupRenderer, signer: Signer | None = None
                           ) -> dict[str, str | bytes]:
    """Every non-page output of a build (with a signer: the signed statements and the public key)."""
    text = OutputText(state, markup)
    out: dict[str, str | bytes] = {}
    out.update(render_feeds(text))
    out.update(render_history_feeds(text))
    out.update(render_api(text))
    out.update(render_calendars(text))
    out.update(render_badges(text))
    out.update(render_crisis_json(text))
    out.update(render_short_links(text))
    out.update(verify_assets())
    if signer is not None:
        out.update(render_statements(text, signer))
    security = render_security_txt(state.settings, state.now, state.signing_key is not None)
    if security is not None:
        out[SECURITY_TXT] = security
    return dict(sorted(out.items()))


def render_output_pages(state: SiteState, markup: MarkupRenderer) -> dict[str, RenderedPage]:
    """Pages about those outputs (the Subscribe page, the "Is this really us?" page), in every language."""
    return {**render_subscribe_pages(state, markup), **render_verify_pages(state, markup)}
