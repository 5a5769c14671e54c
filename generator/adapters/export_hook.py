"""Finish an exported site's ``_headers``: allow the inline scripts the builder put into its pages, by hash.

``herald export`` copies this file, unchanged, beside the exported ``mkdocs.yml`` as ``herald_headers.py``:
it must run where Herald is not installed, so it uses the standard library only. MkDocs runs it as a hook
after its build (``hooks:`` in the exported ``mkdocs.yml``); after any other builder (Zensical runs no
hooks) run ``python3 herald_headers.py SITE_DIR``.

The Content-Security-Policy in ``_headers`` allows inline scripts only by their SHA-256 hash, and each
builder writes its own (Material's theme settings, Zensical's). Only scripts outside the pages' content
(``<article>``) are allowed: Herald's exported content holds no script, and one that reached it is kept out.
Zensical's search draws its dialog with ``<style>`` elements its script creates, which no hash can name
ahead: for a site Zensical built, ``style-src`` also allows inline styles (scripts stay by hash only).
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path
from typing import Any

HEADERS = "_headers"
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
SCRIPT_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
JS_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
ARTICLE = re.compile(r"<article\b.*?</article\s*>", re.IGNORECASE | re.DOTALL)
SCRIPT_SOURCES = re.compile(r"script-src [^;\n]*")
STYLE_SOURCES = re.compile(r"style-src [^;\n]*")
ZENSICAL_PAGE = re.compile(r"""<meta\s+name=["']?generator["']?\s+content=["'][^"']*zensical""", re.IGNORECASE)


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions (``sha256-...``) of the inline scripts of a page outside its ``<article>``."""
    found = set()
    for match in SCRIPT.finditer(ARTICLE.sub("", html)):
        attributes, body = match.group(1), match.group(2)
        kind = SCRIPT_TYPE.search(attributes)
        if SCRIPT_SRC.search(attributes) or (kind and kind.group(1).lower() not in JS_TYPES):
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        found.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return found


def site_pages(site: Path) -> list[str]:
    """The text of every page of a built site (links are not followed)."""
    return [page.read_text(encoding="utf-8", errors="replace") for page in sorted(site.rglob("*.html"))
            if page.is_file() and not page.is_symlink()]


def with_script_hashes(headers: str, hashes: set[str], inline_styles: bool = False) -> str:
    """``_headers`` text whose policy allows ``'self'`` and exactly these inline scripts (and inline styles)."""
    allowed = " ".join(["script-src 'self'", *(f"'{h}'" for h in sorted(hashes))])
    headers = SCRIPT_SOURCES.sub(allowed, headers)
    return STYLE_SOURCES.sub("style-src 'self' 'unsafe-inline'" if inline_styles else "style-src 'self'", headers)


def finish_headers(site: Path) -> int:
    """Rewrite ``site/_headers`` for the pages built there; the number of scripts allowed (-1: no file)."""
    target = site / HEADERS
    if not target.is_file() or target.is_symlink():
        return -1
    pages = site_pages(site)
    hashes = set().union(*map(inline_script_hashes, pages))
    by_zensical = any(ZENSICAL_PAGE.search(page) for page in pages)
    target.write_text(with_script_hashes(target.read_text(encoding="utf-8"), hashes, by_zensical), encoding="utf-8")
    return len(hashes)


def on_post_build(config: Any, **kwargs: Any) -> None:
    """MkDocs hook: finish ``_headers`` in the site just built."""
    finish_headers(Path(config["site_dir"]))


def main(argv: list[str]) -> int:
    """``python3 herald_headers.py SITE_DIR``: finish the ``_headers`` of a site another builder made."""
    if len(argv) != 1:
        print("usage: python3 herald_headers.py SITE_DIR   (the folder the builder wrote)", file=sys.stderr)
        return 2
    count = finish_headers(Path(argv[0]))
    if count < 0:
        print(f"{argv[0]}: no {HEADERS} file there; is this the built site?", file=sys.stderr)
        return 1
    print(f"{argv[0]}/{HEADERS}: the policy allows {count} inline script(s) of the builder's theme")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
