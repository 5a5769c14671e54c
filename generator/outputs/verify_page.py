"""The "Is this really us?" page (/verify/) in every language, and the script it loads.

Without JavaScript the page lists the official channels, the impostors scam warnings name, and how to check by
hand. With it, ``herald-verify.mjs`` applies the channel checker's rules, embedded in the page as JSON by
``content/channel_rules.py`` (the same data ``herald verify-channel`` applies in Python), and checks pasted
signed statements with the vendored OpenPGP.js against the site's own key, pinned by fingerprint.
"""

from __future__ import annotations

from importlib import resources

from generator.content.channel_rules import channel_rules, interface_texts
from generator.model import Incident
from generator.site.page_helper import RenderedPage
from generator.site.renderer import PageRenderer
from generator.state.site_state import SiteState
from generator.text import i18n, urls
from generator.text.markup import MarkupRenderer
from generator.text.safetext import inline_json

ASSETS = "assets/herald-verify/"
SCRIPTS = ("verify.mjs", "openpgp.min.mjs", "openpgp-LICENSE.txt")
"""Files published under ASSETS from ``generator/site/scripts/`` (OpenPGP.js 6 is LGPL-3.0: licence beside it)."""
SIGNED_TEXTS = ("signed_ok", "signed_bad", "signed_unreadable")


def scam_warnings(state: SiteState) -> list[Incident]:
    """Published scam warnings, in the order the content lists them."""
    return [incident for incident in state.content.incidents if incident.scam_warning]


def page_data(state: SiteState, lang: str) -> dict:
    """What the page's script needs: the rules (impostor links relative to the page), words, and the key."""
    settings = state.settings
    p = urls.prefix(lang, settings.default_language)
    page = urls.verify(p)
    rules = channel_rules(settings.channels, scam_warnings(state), lang, settings.default_language, p)
    for entry in rules["impostors"]:
        entry["url"] = urls.relative(page, entry["url"])
    texts = interface_texts(lang) | {key: i18n.translate(lang, "verify." + key) for key in SIGNED_TEXTS}
    key = state.signing_key
    return {"rules": rules, "texts": texts, "lang": i18n.html_lang(lang),
            "zone": settings.time_zone, "fingerprint": key.fingerprint if key else None,
            "key": urls.relative(page, urls.SIGNING_KEY) if key else None,
            "openpgp": "openpgp.min.mjs"}


def render_verify_pages(state: SiteState, markup: MarkupRenderer) -> dict[str, RenderedPage]:
    """/verify/ in every language."""
    renderer = PageRenderer(state, markup)
    settings = state.settings
    impostors = [(incident, address) for incident in scam_warnings(state) for _, address in incident.impostors]
    newest = max(((i, u) for i in state.content.incidents for u in i.updates), key=lambda pair: pair[1].at,
                 default=None)
    pages = []
    for lang in settings.languages:
        p = urls.prefix(lang, settings.default_language)
        example = (urls.statement(newest[0].id, newest[1].id, lang).rsplit("/", 1)[1] if newest
                   else "statement.asc")
        pages.append(renderer.render(lang, urls.verify(p), "verify.html", i18n.translate(lang, "verify.title"),
                                     hide_toc=False, impostors=impostors, example=example,
                                     data_json=inline_json(page_data(state, lang))))
    return dict(pages)


def verify_assets() -> dict[str, str | bytes]:
    """The page's script and the vendored OpenPGP.js with its licence."""
    folder = resources.files("generator.site").joinpath("scripts")
    return {ASSETS + name: folder.joinpath(name).read_bytes() for name in SCRIPTS}
