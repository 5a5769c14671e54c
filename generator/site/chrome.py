"""What the frame of every page shows, per language: the site-wide banner, the status bar under the header,
the Subscribe link and the "we will never ask" footer. Plain data for the theme; computed once per build."""

from __future__ import annotations

from generator.content.settings import Settings
from generator.site.page_helper import INDICATOR_ICON
from generator.state import derive
from generator.state.site_state import SiteState
from generator.text import i18n, urls


def banner(state: SiteState) -> dict[str, list[dict[str, str]]]:
    """Banner entries per language for unresolved major or critical incidents."""
    settings = state.settings
    out: dict[str, list[dict[str, str]]] = {}
    for lang in settings.languages:
        p = urls.prefix(lang, settings.default_language)
        out[lang] = [{"title": i18n.pick(i.title, lang, settings.default_language)[0],
                      "url": urls.incident(p, i.id), "impact": i.impact.value}
                     for i in derive.banner_incidents(state.content, state.now)]
    return out


def footer(settings: Settings) -> dict[str, dict[str, str]]:
    """The never-ask notice per language, with links to the official channels and to /verify/."""
    out = {}
    for lang in settings.languages:
        company = i18n.pick(settings.company, lang, settings.default_language)[0]
        out[lang] = {"title": i18n.translate(lang, "never.title"),
                     "text": i18n.translate(lang, "never.text").replace("{company}", company),
                     "channels_label": i18n.translate(lang, "channels.title"),
                     "channels_url": urls.channels(urls.prefix(lang, settings.default_language)),
                     "verify_label": i18n.translate(lang, "verify.link"),
                     "verify_url": urls.verify(urls.prefix(lang, settings.default_language))}
    return out


def status_bar(state: SiteState) -> dict[str, dict[str, str]]:
    """The overall status per language: indicator, its shape, its words, and the time it was true."""
    settings = state.settings
    iso = state.now.astimezone(settings.zone).isoformat()
    out = {}
    for lang in settings.languages:
        p = urls.prefix(lang, settings.default_language)
        out[lang] = {"indicator": state.indicator, "icon": INDICATOR_ICON[state.indicator],
                     "text": i18n.translate(lang, "indicator." + state.indicator),
                     "as_of": i18n.translate(lang, "home.updated"), "datetime": iso,
                     "time": i18n.format_time(state.now, settings.zone, lang),
                     "home": urls.home(p), "subscribe_label": i18n.translate(lang, "subscribe.title"),
                     "subscribe": urls.subscribe(p)}
    return out


def languages(settings: Settings) -> dict[str, dict[str, str]]:
    """Per language, what the frame needs to know of it: its URL folder, ``lang`` and ``dir`` attributes,
    its own name, and the frame's words (colon, "Ongoing incident", "your time")."""
    return {lang: {"code": lang, "prefix": urls.prefix(lang, settings.default_language),
                   "html_lang": i18n.html_lang(lang), "dir": i18n.direction(lang), "name": i18n.language_name(lang),
                   "colon": i18n.translate(lang, "punct.colon"), "ongoing": i18n.translate(lang, "banner.ongoing"),
                   "your_time": i18n.translate(lang, "time.yours")}
            for lang in settings.languages}
