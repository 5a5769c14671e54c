"""Write front matter as YAML text that reads back exactly what was meant (quoting, flow lists and maps)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

_PLAIN_RE = re.compile(r"^[A-Za-z0-9\u00a0-\ufffd][^\n:#{}\[\],&*!|>'\"%@`\\]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}
_NUMBER_RE = re.compile(r"^[-+.\d][\d_.:eE+-]*$|^0[xob]")
_NEEDS_ESCAPE = {0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF}


def scalar(value: Any) -> str:
    """One YAML scalar: times in ISO form, safe words plain, anything else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    plain = _PLAIN_RE.match(text) and text == text.strip() and not any(_escaped(c) for c in text)
    if plain and text.lower() not in _RESERVED and not _NUMBER_RE.match(text) and not text.endswith(("-", "?")):
        return text
    return quoted(text)


def quoted(text: str) -> str:
    """A double-quoted YAML scalar; non-printable characters escaped, everything else kept readable."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif _escaped(char):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out) + '"'


def _escaped(char: str) -> bool:
    """True for characters YAML does not accept raw (controls, line separators, BOM, surrogates)."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or code in _NEEDS_ESCAPE or 0xD800 <= code <= 0xDFFF


def flow(value: Any) -> str:
    """A value on one line: ``[a, b]``, ``{a: b}`` or a scalar."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(key)}: {flow(item)}" for key, item in value.items()) + "}"
    return scalar(value)


def block(fields: dict[str, Any]) -> str:
    """Front-matter lines, one field per line; mappings of mappings (facts) one entry per line."""
    lines = []
    for key, value in fields.items():
        if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            lines.append(f"{key}:")
            lines.extend(f"  {scalar(sub)}: {flow(item)}" for sub, item in value.items())
        else:
            lines.append(f"{key}: {flow(value)}")
    return "\n".join(lines)


def document(fields: dict[str, Any], body: str) -> str:
    """A whole Markdown file: front matter between '---' lines, then the body ending in one newline."""
    head = block(fields)
    text = f"---\n{head}\n---\n" if head else "---\n---\n"
    return text + (body.strip("\n") + "\n" if body.strip() else "")
