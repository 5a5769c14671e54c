"""Machine-readable outputs (feeds, Statuspage-compatible API, calendar, badges, well-known files).

Each is produced from the same model as the pages, in every build, and is
deterministic for a given now. Returns ``{path relative to the site root: content}``.
"""

from __future__ import annotations

from .markup import MarkupRenderer
from .render import RenderedPage, SiteState


def render_machine_outputs(state: SiteState, markup: MarkupRenderer) -> dict[str, str | bytes]:
    """Every non-page output of a build."""
    return {}


def render_output_pages(state: SiteState, markup: MarkupRenderer) -> dict[str, RenderedPage]:
    """Pages about those outputs (the Subscribe page), in every language."""
    return {}
