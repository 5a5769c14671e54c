"""Text safety: what may pass from content into HTML, inline JSON, terminals and official addresses.

Pure functions, no state: control characters found and removed, bidirectional controls found,
scripts of an address (look-alike detection), JSON safe inside ``<script>``, text safe for a
terminal, and how deeply tags nest (bounded before any sanitiser sees the text).
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import regex

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls except tab and line feed, DEL, and C1 controls: never meaningful in published text."""
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Marks, embeddings, overrides and isolates: they change the order in which text is shown."""
RIGHT_TO_LEFT = frozenset({"R", "AL", "RLE", "RLO", "RLI", "LRE", "LRO", "FSI", "LRI", "PDF", "PDI", "AN"})
"""Bidirectional classes that can change how neighbouring text is shown."""
TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""What a terminal would act on: controls (CR, ESC and so OSC/CSI sequences, BEL) and bidi controls."""
JSON_IN_HTML = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
SCRIPT_OF_LETTER = regex.compile(r"\p{L}|\p{M}")
ALLOWED_MIXES = (frozenset({"Latin", "Han", "Hiragana", "Katakana"}), frozenset({"Latin", "Han", "Bopomofo"}),
                 frozenset({"Latin", "Han", "Hangul"}))
"""Scripts that may share one address (Unicode TS #39, "highly restrictive"); any other mix is a look-alike risk."""
SCRIPTS = ("Latin", "Cyrillic", "Greek", "Armenian", "Hebrew", "Arabic", "Han", "Hiragana", "Katakana", "Bopomofo",
           "Hangul", "Thai", "Devanagari", "Georgian", "Cherokee", "Ethiopic")
SCRIPT_PATTERNS = {name: regex.compile(rf"\p{{Script={name}}}") for name in SCRIPTS}
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})
MAX_NESTING = 100
"""Deepest nesting of HTML tags (or Markdown block quotes) content may have; real pages stay under 20."""


def controls_in(text: str) -> list[str]:
    """The distinct control characters in ``text``, as ``U+001B`` names, in order of appearance."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in CONTROL.findall(text)))


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and line feed kept)."""
    return CONTROL.sub("", text)


def bidi_controls_in(text: str) -> list[str]:
    """The distinct bidirectional control characters in ``text``, as ``U+202E`` names."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in text if c in BIDI_CONTROLS))


def needs_isolation(text: str) -> bool:
    """True if ``text`` could reorder what is shown around it (right-to-left letters or bidi controls)."""
    return any(c in BIDI_CONTROLS or unicodedata.bidirectional(c) in RIGHT_TO_LEFT for c in text)


def isolated(text: str) -> str:
    """Plain text that cannot reorder what surrounds it: wrapped in FSI ... PDI when it needs isolation.

    The plain-text counterpart of ``<bdi>``, for ``<title>`` and other places that take no markup; an
    unterminated override inside (``U+202E``) ends at the closing PDI.
    """
    return f"\u2068{text}\u2069" if needs_isolation(text) else text


def scripts_of(text: str) -> frozenset[str]:
    """The writing systems of the letters in ``text`` (marks and digits, which every script uses, left out)."""
    found = set()
    for letter in SCRIPT_OF_LETTER.findall(text):
        name = next((name for name, pattern in SCRIPT_PATTERNS.items() if pattern.match(letter)), None)
        if name is not None:
            found.add(name)
        elif unicodedata.category(letter) != "Mn":
            found.add("Other")
    return frozenset(found)


def mixed_scripts(text: str) -> frozenset[str] | None:
    """The scripts of ``text`` when they mix in a way look-alike addresses do (e.g. Latin with Cyrillic), else None."""
    found = scripts_of(text)
    if len(found) <= 1 or any(found <= allowed for allowed in ALLOWED_MIXES):
        return None
    return found


def inline_json(data: Any) -> str:
    """JSON text that is inert inside an HTML ``<script>`` element: ``<``, ``>`` and ``&`` are escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return re.sub("[<>&\u2028\u2029]", lambda match: JSON_IN_HTML[match.group(0)], text)


def terminal_safe(text: str) -> str:
    """Text a terminal shows as it is: controls and bidi controls dropped, line breaks and tabs become spaces."""
    return TERMINAL_UNSAFE.sub(lambda match: " " if match.group(0) in "\n\t" else "", text.replace("\t", " "))


def terminal_safe_lines(text: str) -> str:
    """Like ``terminal_safe`` but keeping line breaks (for multi-line messages)."""
    return "\n".join(terminal_safe(line) for line in text.split("\n"))


def too_deep(text: str, limit: int = MAX_NESTING) -> int | None:
    """The 1-based line where HTML tags or Markdown quotes nest deeper than ``limit``, or None.

    One pass over the text (linear time), so it can run before the sanitiser, whose time grows
    faster than linearly with nesting. Unclosed tags count as open: the bound is conservative.
    """
    depth = 0
    for match in TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in VOID or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > limit:
            return text.count("\n", 0, match.start()) + 1
    for number, line in enumerate(text.split("\n"), 1):
        quotes = len(line) - len(line.lstrip("> \t"))
        if quotes > limit and line[:quotes].count(">") > limit:
            return number
    return None
