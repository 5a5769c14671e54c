"""The theme's own inline scripts, taken from its templates, so the CSP allows those and nothing else.

The policy in ``_headers`` allows inline scripts by hash. Hashing whatever the rendered pages
contain would allow any script that reached a page (raw HTML in trusted content, a theme
override) by the very policy meant to stop it. So the allowed scripts come from the template
sources: each inline script of a template is rendered with the page's ``base_url`` (the only
value Material's scripts take) and hashed; a page's script counts only if it is one of those.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

import jinja2

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
SCRIPT_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
JS_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})


def inline_scripts(html: str) -> list[str]:
    """The bodies of the inline JavaScript elements of some HTML (``src`` scripts and data blocks left out)."""
    bodies = []
    for match in SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        kind = SCRIPT_TYPE.search(attributes)
        if SCRIPT_SRC.search(attributes) or (kind and kind.group(1).lower() not in JS_TYPES):
            continue
        bodies.append(body)
    return bodies


def script_hash(body: str) -> str:
    """The CSP source expression (``sha256-...``) of one inline script."""
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")


class ThemeScripts:
    """Inline scripts of a set of templates, rendered per page context and hashed."""

    def __init__(self, env: jinja2.Environment, sources: Iterable[str]) -> None:
        self._templates: list[jinja2.Template] = []
        for body in sorted({body for source in sources for body in inline_scripts(source)}):
            try:
                self._templates.append(env.from_string(body))
            except jinja2.TemplateError:
                continue  # a script split by template logic cannot be rendered alone: it is not allowed
        self._cache: dict[tuple[str, str], frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self._templates)

    def hashes(self, base_url: str, config: Mapping[str, Any]) -> frozenset[str]:
        """Hashes of the theme's scripts as a page at ``base_url`` has them."""
        scope = str((config.get("extra") or {}).get("scope", ""))
        key = (base_url, scope)
        if key not in self._cache:
            found = set()
            for template in self._templates:
                try:
                    found.add(script_hash(template.render(base_url=base_url, config=config)))
                except Exception:  # noqa: BLE001 - a script that needs more than the page's base cannot be allowed
                    continue
            self._cache[key] = frozenset(found)
        return self._cache[key]


def template_sources(env: jinja2.Environment) -> list[str]:
    """The source text of every HTML template an environment can load (the theme and its overrides)."""
    loader = env.loader
    if loader is None:
        return []
    sources = []
    for name in sorted(env.list_templates(filter_func=lambda name: name.endswith(".html"))):
        try:
            sources.append(loader.get_source(env, name)[0])
        except (jinja2.TemplateNotFound, OSError, UnicodeDecodeError):
            continue
    return sources
