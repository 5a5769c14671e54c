"""The URL scheme: where every generated page and file lives, per language."""

from __future__ import annotations


def prefix(lang: str, default_language: str) -> str:
    """Folder a language is served from: '' for the default, 'zh/' for Chinese."""
    return "" if lang == default_language else f"{lang}/"


def home(p: str) -> str:
    """URL of the home page (relative to the site root)."""
    return p


def incident(p: str, incident_id: str) -> str:
    """URL of an incident page; the id is the permalink."""
    return f"{p}incidents/{incident_id}/"


def history(p: str, page: int = 1) -> str:
    """URL of a history page (1-based)."""
    return f"{p}history/" if page == 1 else f"{p}history/{page}/"


def components(p: str) -> str:
    """URL of the components index."""
    return f"{p}components/"


def component(p: str, component_id: str) -> str:
    """URL of one component's page."""
    return f"{p}components/{component_id}/"


def page_url(p: str, source: str) -> str:
    """URL of a hand-written page from its path in the pages folder (``kb/x.md`` -> ``kb/x/``)."""
    stem = source[:-3]
    if stem == "index" or stem.endswith("/index"):
        return p + stem[: -len("index")]
    return f"{p}{stem}/"


def component_uptime(p: str, component_id: str) -> str:
    """URL of a component's monthly uptime calendar."""
    return f"{p}components/{component_id}/uptime/"


def uptime(p: str) -> str:
    """URL of the whole page's monthly uptime calendar."""
    return f"{p}uptime/"


def track_record(p: str) -> str:
    """URL of the track-record page."""
    return f"{p}track-record/"


def faq(p: str) -> str:
    """URL of the FAQ page."""
    return f"{p}faq/"


def tags(p: str) -> str:
    """URL of the knowledge-base tag index."""
    return f"{p}kb/tags/"


def channels(p: str) -> str:
    """URL of the official-channels page."""
    return f"{p}official-channels/"


def subscribe(p: str) -> str:
    """URL of the Subscribe page."""
    return f"{p}subscribe/"


def verify(p: str) -> str:
    """URL of the "Is this really us?" page."""
    return f"{p}verify/"


SIGNING_KEY = "signing-key.asc"
"""The public key every update's statement is signed with (when the site signs)."""


def statement(incident_id: str, update_id: str, lang: str) -> str:
    """Path of an update's signed statement in one language (relative to the site root)."""
    return f"statements/{incident_id}/{update_id}.{lang}.asc"


def source_path(url: str) -> str:
    """The Markdown source path that MkDocs serves at ``url`` (directory URLs)."""
    return f"{url}index.md"


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at ``from_url`` to ``to_url``; both relative to the site root.

    Pages are served as folders (``incidents/x/``), so climbing one level per ``/``
    reaches the root; every link is relative, so the site works from a sub-path.
    """
    return "../" * from_url.count("/") + to_url or "./"


def alternate(url: str, lang: str, to_lang: str, default_language: str) -> str:
    """The same page in another language."""
    bare = url[len(prefix(lang, default_language)):]
    return prefix(to_lang, default_language) + bare
