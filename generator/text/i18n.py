"""Interface text and date formatting in any language: gettext catalogs read with Babel, CLDR data from Babel.

The catalogs are ``generator/locales/<locale>/LC_MESSAGES/herald.po``. Message ids are stable keys
(``status.investigating``); ``en`` holds the English text and every other catalog its translation, with
the English text above each entry for translators. A site's languages are BCP 47 tags (``en``, ``zh``,
``zh-Hant``, ``ja``, ...); each finds its catalog by Babel's locale matching (``zh`` and ``zh-CN`` read
``zh_Hans``, ``zh-TW`` reads ``zh_Hant``), and a text missing from it falls back to English.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_datetime, get_day_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator.model import Localized

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "herald"
SOURCE = "en"
"""The catalog every other falls back to."""


@dataclass(frozen=True)
class Language:
    """What the pages need to know about one configured language."""

    tag: str
    """As written in herald.yml: the URL folder and the content suffix (``incident.<tag>.md``)."""
    html_lang: str
    """The ``lang`` attribute: the tag, with the script where the catalog names one (``zh`` -> ``zh-Hans``)."""
    direction: str
    """``ltr`` or ``rtl``."""
    catalog: str | None
    """The catalog's folder under ``locales/`` (``zh_Hans``), or None: English interface text."""


def known_tag(tag: str) -> bool:
    """Whether Babel (CLDR) knows the language of ``tag``."""
    try:
        Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return False
    return True


@lru_cache(maxsize=None)
def language(tag: str) -> Language:
    """The language for a BCP 47 tag (one the site configured; unknown tags get English text, left to right)."""
    locale = _locale(tag)
    catalog = _catalog_id(locale)
    html = tag
    if catalog and "_" in catalog and "-" not in tag:
        html = catalog.replace("_", "-")  # zh -> zh-Hans: say which script the page is in
    direction = "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"
    return Language(tag, html, direction, catalog)


def _catalog_id(locale: Locale | None) -> str | None:
    """The most specific catalog for a locale: zh_Hant_TW, zh_Hant, then by likely script (zh -> zh_Hans), zh."""
    if locale is None:
        return None
    likely = get_global("likely_subtags").get(str(locale)) or get_global("likely_subtags").get(locale.language)
    script = locale.script or (Locale.parse(likely).script if likely else None)
    candidates = [str(locale), f"{locale.language}_{script}" if script else "", locale.language]
    for candidate in candidates:
        if candidate and (LOCALES_DIR / candidate / "LC_MESSAGES" / f"{DOMAIN}.po").is_file():
            return candidate
    return None


def shipped_catalogs() -> list[str]:
    """Every catalog folder shipped with Herald (``en``, ``ja``, ``zh_Hans``, ...)."""
    return sorted(p.parent.parent.name for p in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


@lru_cache(maxsize=None)
def _translations(catalog: str) -> gettext.GNUTranslations:
    """A catalog compiled by Babel into gettext's binary form, loaded by the standard library."""
    with (LOCALES_DIR / catalog / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        parsed = read_po(handle, locale=catalog, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, parsed)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _chain(lang: str) -> list[gettext.GNUTranslations]:
    """The language's catalog, then English."""
    own = language(lang).catalog
    return [_translations(c) for c in dict.fromkeys((own, SOURCE)) if c]


def translate(lang: str, key: str) -> str:
    """Interface text for ``key`` in ``lang``, falling back to English, then the key."""
    for catalog in _chain(lang):
        text = catalog.gettext(key)
        if text != key:
            return text
    return key


def translate_plural(lang: str, key: str, count: int) -> str:
    """The form of ``key`` for ``count`` (the catalog's plural rule), with ``{n}`` filled in."""
    plural_key = key + ".plural"
    for catalog in _chain(lang):
        text = catalog.ngettext(key, plural_key, count)
        if text not in (key, plural_key):
            return text.replace("{n}", str(count))
    return key


def html_lang(lang: str) -> str:
    """The ``lang`` attribute of text in ``lang``."""
    return language(lang).html_lang


def direction(lang: str) -> str:
    """``rtl`` for right-to-left languages, else ``ltr``."""
    return language(lang).direction


def language_name(lang: str) -> str:
    """A language's name in its own language (for the language switcher)."""
    name = _own_text(lang, "language.name")
    if name is not None:
        return name
    locale = _locale(lang)
    return locale.get_display_name(locale) if locale is not None else lang


def has_catalog(lang: str) -> bool:
    """Whether the language has interface text of its own (else English is shown, with a warning at check)."""
    return language(lang).catalog is not None


def pick(text: Localized, lang: str, default: str) -> tuple[str, bool]:
    """Text in ``lang`` if translated, else the default language's; second value: fell back."""
    if lang in text:
        return text[lang], False
    if default in text:
        return text[default], lang != default
    for value in text.values():
        return value, True
    return "", False


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale | None:
    """Babel's locale for a tag (parsing one is costly; they never change); None if CLDR does not know it."""
    try:
        return Locale.parse(lang, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


def _cldr(lang: str) -> Locale:
    """The locale whose CLDR data formats dates, English for a tag CLDR does not know."""
    return _locale(lang) or Locale.parse(SOURCE)


def _own_text(lang: str, key: str) -> str | None:
    """``key`` from the language's own catalog only (no English fallback); None where it has none."""
    own = language(lang).catalog
    text = _translations(own).gettext(key) if own else key
    return None if text == key else text


def _pattern(lang: str, key: str, fallback: str) -> str:
    """A date pattern from the language's own catalog, else CLDR's for the locale."""
    return _own_text(lang, key) or fallback


def format_time(moment: datetime, zone: ZoneInfo, lang: str) -> str:
    """A time in the page's zone, with its UTC offset, in the language's style."""
    locale = _cldr(lang)
    pattern = _pattern(lang, "format.datetime", f"{locale.date_formats['medium'].pattern} HH:mm 'UTC'xxx")
    return format_datetime(moment.astimezone(zone), pattern, tzinfo=zone, locale=locale)


def format_day(day: date, lang: str) -> str:
    """A calendar day with its weekday."""
    locale = _cldr(lang)
    return format_date(day, _pattern(lang, "format.date", f"EEE {locale.date_formats['medium'].pattern}"), locale=locale)


def format_month(day: date, lang: str) -> str:
    """A month and year."""
    locale = _cldr(lang)
    fallback = locale.datetime_skeletons.get("yMMMM")
    return format_date(day, _pattern(lang, "format.month", fallback.pattern if fallback else "MMMM yyyy"),
                       locale=locale)


def weekday_names(lang: str) -> list[str]:
    """Short weekday names, Monday first (CLDR's abbreviated stand-alone names)."""
    names = get_day_names("abbreviated", context="stand-alone", locale=_cldr(lang))
    return [names[n] for n in range(7)]


def format_duration(delta: timedelta, lang: str) -> str:
    """A duration as days, hours and minutes, e.g. '2 h 15 min' (forms and spacing from the catalog)."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return translate(lang, "duration.less")
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    parts = [translate_plural(lang, "duration." + unit, n) for n, unit in ((days, "d"), (hours, "h"), (minutes, "min"))
             if n]
    return translate(lang, "duration.join").join(parts)
