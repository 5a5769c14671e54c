"""The channel checker's rules as plain JSON-able data: official channels, impostors named by scam warnings,
the look-alike (confusable) table and the platforms' addresses.

One source of truth: ``channel_check`` (Python, ``herald verify-channel``) and the /verify/ page's script both
apply exactly this data, so their verdicts agree. The confusable table comes from Unicode's confusables.txt
through the ``confusable_homoglyphs`` package: every non-ASCII character that looks like an ASCII letter or
digit (and that NFKC does not already fold to ASCII) maps to that letter.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import regex

from generator.content.channel_check import EXTRACT, PLATFORMS, REASONS, RANK, Verdict, parse_candidate
from generator.model import Incident, Localized
from generator.text import i18n

CASE_LOOKALIKES = (("I", "l"),)
"""Capitals read as another lower-case letter (applied before lower case)."""
ASCII_LOOKALIKES = (("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("|", "l"))
"""ASCII sequences read as another letter (applied to skeletons only, after the confusable table)."""
MAX_DISTANCE = 2
"""Handles, names and domains at most this many edits from an official one (skeletons compared) look alike."""
MIN_LENGTH_FOR_DISTANCE = 5
"""Shorter official values are not compared by distance (too many innocent near misses)."""


@lru_cache(maxsize=1)
def confusable_table() -> dict[str, str]:
    """Non-ASCII character -> the lower-case ASCII letter or digit it is confusable with (Unicode TS #39 data)."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    table = {}
    for char, glyphs in data.items():
        if len(char) != 1 or char.isascii() or unicodedata.normalize("NFKC", char).isascii():
            continue
        target = next((g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum()), None)
        if target is not None:
            table[char] = dict(CASE_LOOKALIKES).get(target, target).lower()
    return dict(sorted(table.items()))


def channel_entries(channels: Iterable[Any], lang: str, default: str) -> list[dict[str, str]]:
    """Official channels as entries ``{kind, value, platform, label, shown}`` (phones and unparsable ones left out)."""
    out = []
    for channel in channels:
        label = _pick(channel.name, lang, default)
        if channel.kind == "app":
            if getattr(channel, "developer", None):
                out.append({"kind": "name", "value": parse_candidate(channel.developer).value, "platform": "",
                            "label": label, "shown": channel.developer})
            continue
        if channel.kind == "phone":
            continue
        parsed = parse_candidate(channel.address)
        if parsed.kind in ("domain", "handle", "email"):
            out.append({"kind": parsed.kind, "value": parsed.value, "platform": parsed.platform, "label": label,
                        "shown": channel.address})
    return out


def impostor_entries(incidents: Iterable[Incident], lang: str, default: str, prefix: str) -> list[dict[str, str]]:
    """Impostors listed by scam-warning notices, each naming its notice (title and page path)."""
    out = []
    for incident in incidents:
        for _kind, address in incident.impostors:
            parsed = parse_candidate(address)
            out.append({"kind": parsed.kind, "value": parsed.value, "platform": parsed.platform,
                        "label": _pick(incident.title, lang, default), "shown": address,
                        "notice": incident.id, "url": f"{prefix}incidents/{incident.id}/"})
    return out


def channel_rules(channels: Iterable[Any], incidents: Iterable[Incident], lang: str, default: str,
                  prefix: str = "") -> dict[str, Any]:
    """Everything the checker needs, for one language's labels: JSON-able, the same for Python and the page."""
    official = channel_entries(channels, lang, default)
    domains = [e["value"] for e in official if e["kind"] == "domain"]
    return {
        "official": official,
        "impostors": impostor_entries(incidents, lang, default, prefix),
        "brands": sorted({_brand(d) for d in domains if _brand(d)}),
        "confusables": confusable_table(),
        "case_lookalikes": [list(pair) for pair in CASE_LOOKALIKES],
        "ascii_lookalikes": [list(pair) for pair in ASCII_LOOKALIKES],
        "platforms": PLATFORMS,
        "extract": EXTRACT,
        "max_distance": MAX_DISTANCE,
        "min_length_for_distance": MIN_LENGTH_FOR_DISTANCE,
    }


def _brand(domain: str) -> str:
    """The name part of a registrable domain: ``larkspur`` of ``status.larkspur.example``."""
    labels = domain.split(".")
    return labels[-2] if len(labels) >= 2 and len(labels[-2]) >= 4 else ""


def _pick(text: Localized | None, lang: str, default: str) -> str:
    """The text in ``lang``, else in the default language, else any."""
    if not text:
        return ""
    return text.get(lang) or text.get(default) or next(iter(text.values()))


def interface_texts(lang: str) -> dict[str, str]:
    """The page's words for verdicts and reasons in ``lang`` (``verdict.<v>`` and ``reason.<code>``)."""
    texts = {f"verdict.{v}": i18n.translate(lang, "verify.verdict." + v) for v in RANK}
    texts |= {f"reason.{code}": i18n.translate(lang, "verify.reason." + code) for code in REASONS}
    return texts | {"never_first": i18n.translate(lang, "verify.never_first"),
                    "read_warning": i18n.translate(lang, "verify.read_warning")}


def describe(verdict: Verdict, texts: dict[str, str]) -> str:
    """A verdict's reason in words, its placeholders filled (plain text: escape it for where it goes)."""
    template = texts["reason." + verdict.reason]
    return regex.sub(r"\{([a-z_]+)\}", lambda m: verdict.params.get(m.group(1), m.group(0)), template)
