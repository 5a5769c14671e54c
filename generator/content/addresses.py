"""Addresses users are told to trust: the site's own URL and the official channels' addresses.

Pure checks returning what is wrong (or None): the site URL must be a plain absolute http(s)
address that cannot break out of an attribute; a channel address may not carry bidirectional
controls, and mixed scripts or punycode in it are pointed out (look-alike addresses).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from generator.text.safetext import bidi_controls_in, controls_in, mixed_scripts

UNSAFE_IN_URL = re.compile(r"""[\s"'<>`\\{}|^]""")
PUNYCODE = re.compile(r"(^|[./@])xn--", re.IGNORECASE)


def site_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the site's address, or None if it is a plain absolute http(s) URL."""
    if controls_in(url) or bidi_controls_in(url):
        return "it contains control or text-direction characters"
    if UNSAFE_IN_URL.search(url):
        return "it contains spaces, quotes, angle brackets or other characters that are not allowed in a URL"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        return f"it is not a valid URL ({exc})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "it is not an absolute http:// or https:// address with a host name"
    if "?" in url or "#" in url:
        return "it has a query (?...) or a fragment (#...), which would end up inside every link"
    if parts.username is not None or parts.password is not None:
        return "it holds a user name or password"
    return None


def channel_address_problem(address: str) -> str | None:
    """Why an official channel's address is refused: text-direction controls make it show as another address."""
    found = bidi_controls_in(address)
    if found:
        return (f"it contains text-direction control characters ({', '.join(found)}), "
                "which make it show as a different address")
    return None


def channel_address_warning(address: str) -> str | None:
    """What makes an address look like another one (mixed scripts, punycode), or None."""
    scripts = mixed_scripts(address)
    if scripts:
        return (f"it mixes letters of several scripts ({', '.join(sorted(scripts))}), as look-alike addresses do "
                "(e.g. a Cyrillic 'а' in a Latin name)")
    if PUNYCODE.search(address):
        return "it contains punycode (xn--), which browsers may show as different letters than users expect"
    return None
