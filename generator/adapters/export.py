"""Export the generated site as a plain Markdown tree with a minimal mkdocs.yml, for other site builders."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import yaml

from generator.adapters.write import Protected, write_files
from generator.content.files import read_regular
from generator.content.files import static_files as content_static_files
from generator.content.settings import Settings
from generator.pipeline import Output
from generator.text import i18n, urls

DOCS = "docs"
EXPORT_SITE_DIR = "site"
"""Where the export's mkdocs.yml builds: a later export replaces it with the rest."""
NAV_PAGES = ("index.md", "history/index.md", "components/index.md", "uptime/index.md", "track-record/index.md",
             "kb/index.md", "faq/index.md", "official-channels/index.md", "guide/index.md")
NOT_IN_NAV = ("incidents/", "components/*/", "history/*/")
"""Generated pages kept out of the navigation, as the Herald plugin does (Material renders it into every page)."""
THEME_ASSETS = ("theme/assets/herald.css", "theme/assets/herald.js")


def export_files(settings: Settings, output: Output) -> dict[str, str | bytes]:
    """Everything an export holds: ``mkdocs.yml``, and under ``docs/`` the generated tree and static files."""
    docs: dict[str, str | bytes] = {**static_files(settings), **_theme_assets(settings)}
    docs.update(output.tree())
    files: dict[str, str | bytes] = {f"{DOCS}/{path}": content for path, content in sorted(docs.items())}
    files["mkdocs.yml"] = mkdocs_config(settings, docs)
    return files


def static_files(settings: Settings) -> dict[str, bytes]:
    """Non-Markdown files of the pages folder (images, downloads), by path inside it; Herald's own inputs left out.

    Links, FIFOs and files a browser would run are never exported (``content_files.static_files``).
    """
    found = content_static_files(settings.root / settings.pages_dir, settings.allow_raw_html)
    return {relative: read_regular(path) for relative, path in found.items()}


def mkdocs_config(settings: Settings, docs: dict[str, str | bytes]) -> str:
    """A minimal mkdocs.yml (Material, no Herald plugin) with one navigation section per language."""
    default = settings.default_language
    nav = []
    for lang in settings.languages:
        prefix = urls.prefix(lang, default)
        pages = [prefix + page for page in NAV_PAGES if prefix + page in docs]
        if pages:
            nav.append({i18n.LANGUAGE_NAMES.get(lang, lang): pages})
    config = {
        "site_name": i18n.pick(settings.name, default, default)[0],
        "site_url": settings.url,
        "docs_dir": DOCS,
        "site_dir": EXPORT_SITE_DIR,
        "use_directory_urls": True,
        "theme": {"name": "material", "font": False, "language": default},
        "plugins": ["search"],
        "markdown_extensions": ["attr_list", "md_in_html", "admonition", "tables", {"toc": {"permalink": True}}],
        "nav": nav,
        "not_in_nav": "\n".join(NOT_IN_NAV) + "\n",
    }
    config |= {key: [asset] for key, asset in (("extra_css", "assets/herald.css"),
                                               ("extra_javascript", "assets/herald.js")) if asset in docs}
    header = ("# Written by `herald export`: the site as plain Markdown, for MkDocs without the Herald plugin,\n"
              "# Zensical or another builder. Regenerate it rather than editing it.\n")
    return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def protected_folders(settings: Settings) -> Protected:
    """What an export may never replace: the project and its content, pages, theme and template folders."""
    return Protected.for_settings(settings)


def write_export(files: dict[str, str | bytes], target: Path, settings: Settings, force: bool = False,
                 advance: Callable[[int], None] = lambda n: None) -> None:
    """Write the tree aside, then swap it in (``write.py`` refuses folders that are not Herald's)."""
    write_files(files, target, protected_folders(settings), force, advance, derived=(EXPORT_SITE_DIR,))


def _theme_assets(settings: Settings) -> dict[str, bytes]:
    """Herald's stylesheet and local-time script from the project's theme folder, when it has them."""
    found = {}
    for relative in THEME_ASSETS:
        path = settings.root / relative
        if path.is_file():
            found[f"assets/{path.name}"] = path.read_bytes()
    return found
