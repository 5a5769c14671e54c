"""Files for hosts and scanners: ``/.well-known/security.txt`` (RFC 9116) and ``_headers`` (Netlify and
Cloudflare Pages) with cache lifetimes, security headers and a Content-Security-Policy.

The theme (Material) puts a few small inline scripts into every page, so the policy allows
exactly those by their SHA-256 hashes: the MkDocs plugin renders the inline scripts of the
theme's templates for each page (``theme_scripts.py``), keeps those found in the page
(``inline_script_hashes``) and writes ``_headers`` again after the build. No other inline
script is ever allowed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

from generator.content.settings import Settings
from generator.text.urls import SIGNING_KEY

SECURITY_TXT = ".well-known/security.txt"
HEADERS = "_headers"
EXPIRES_AFTER = timedelta(days=180)
"""RFC 9116 recommends an Expires less than a year ahead; the next build moves it on."""
SHORT_CACHE = "public, max-age=60, must-revalidate"
"""Pages, feeds, JSON, calendar and badges: a new update reaches readers within a minute."""
LONG_CACHE = "public, max-age=31536000, immutable"
"""Fingerprinted assets: their name changes whenever their content does."""
ASSETS = "assets"
"""The theme's folder: its fingerprinted files get the long cache, the others the host's default."""
FINGERPRINTED = ("/assets/stylesheets/*.min.css", "/assets/javascripts/bundle.*.min.js",
                 "/assets/javascripts/workers/*.min.js")
"""Material's assets with a content hash in their name (its lunr language files have none)."""
CROSS_ORIGIN = ("/api/v2/*", "/api/herald/*", "/badges/*", "/*.atom", "/*.rss", "/*feed.json")
"""The Statuspage-compatible API, the record JSON, badges and every feed (``history.rss`` and ``history.atom``
among them), readable from any origin as Statuspage serves its API; no two of these patterns match one path."""
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
JS_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})


def render_security_txt(settings: Settings, now: datetime, signed: bool = False) -> str | None:
    """security.txt from the ``security`` settings, expiring 180 days after the build's now; None if unset.

    A signed site names its public key under ``Encryption`` (RFC 9116 2.5.4: a key for writing to us, which is
    also the key its statements are signed with)."""
    security = settings.security
    if security is None:
        return None
    expires = (now + EXPIRES_AFTER).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [f"Contact: {contact}" for contact in security.contact]
    lines.append(f"Expires: {expires}")
    if security.preferred_languages:
        lines.append(f"Preferred-Languages: {', '.join(security.preferred_languages)}")
    lines.append(f"Canonical: {settings.url}{SECURITY_TXT}")
    if signed:
        lines.append(f"Encryption: {settings.url}{SIGNING_KEY}")
    if security.policy:
        lines.append(f"Policy: {security.policy}")
    return "\n".join(lines) + "\n"


def content_security_policy(script_hashes: Iterable[str] = ()) -> str:
    """A policy the built site satisfies: everything from the site itself, inline scripts only by hash."""
    scripts = " ".join(["'self'", *(f"'{h}'" for h in sorted(set(script_hashes)))])
    return "; ".join([
        "default-src 'self'", f"script-src {scripts}", "style-src 'self'",
        "img-src 'self' data:",  # Material's icons are data: SVGs in its stylesheet
        "font-src 'self'", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'",
        "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
    ])


def short_cache_patterns(paths: Iterable[str]) -> list[str]:
    """Patterns for everything outside the theme's ``assets/``, none of two matching one path on either host.

    Netlify reads ``/x/*`` as "starts with /x" and ``/*/`` as everything, while Cloudflare's splat needs the
    slash, so each top-level name gets ``/name*`` (a folder, and a page ``name.md`` served at ``/name/``) or
    ``/name`` (a file), which both hosts read alike; a name that starts with a folder's is already covered.
    """
    folders, files = set(), set()
    for path in paths:
        top, slash, _ = path.partition("/")
        if slash or (top.endswith(".md") and top != "index.md"):
            folders.add(top[:-3] if not slash else top)
        elif top not in ("index.md", HEADERS):
            files.add(top)
    folders.discard(ASSETS)
    prefixes: list[str] = []
    for name in sorted(folders):
        if not any(name.startswith(p) for p in prefixes):
            prefixes.append(name)
    exact = sorted(f for f in files if not any(f.startswith(p) for p in prefixes) and not f.startswith(ASSETS + "/"))
    return ["/", *(f"/{p}*" for p in prefixes), *(f"/{f}" for f in exact)]


def render_headers(script_hashes: Iterable[str] = (), paths: Iterable[str] = ()) -> str:
    """The ``_headers`` file for a site of these files; no header is set by two rules that can match one path,
    under Netlify's or Cloudflare's matching, as hosts would join them."""
    lines = ["# Written by Herald at every build. Hosts join a header set by several matching rules with",
             "# commas, so each header below is set by exactly one rule for any path.",
             "/*", "  X-Content-Type-Options: nosniff", "  Referrer-Policy: strict-origin-when-cross-origin",
             f"  Content-Security-Policy: {content_security_policy(script_hashes)}", "",
             "# Pages, feeds, JSON, calendar, badges, security.txt: short, so new updates show at once."]
    for path in short_cache_patterns(paths):
        lines += [path, f"  Cache-Control: {SHORT_CACHE}"]
    lines += ["", "# The API, the record JSON, badges and feeds: readable by a page on any origin, as Statuspage's API."]
    for path in CROSS_ORIGIN:
        lines += [path, "  Access-Control-Allow-Origin: *"]
    lines += ["", "# Fingerprinted assets: a new version gets a new name."]
    for path in FINGERPRINTED:
        lines += [path, f"  Cache-Control: {LONG_CACHE}"]
    return "\n".join(lines) + "\n"


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions (``sha256-...``) of the inline scripts in a page (data blocks such as JSON-LD skipped)."""
    found = set()
    for match in SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        kind = SCRIPT_TYPE.search(attributes)
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE) or (kind and kind.group(1).lower() not in JS_TYPES):
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        found.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return found
