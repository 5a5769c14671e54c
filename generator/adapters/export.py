"""Export the generated site as a Markdown tree, with an mkdocs.yml and Herald's theme, for other site builders.

The tree carries what the Herald plugin adds at build time, so plain MkDocs (Material) and Zensical
render the same site without it: the theme overrides (``overrides/``: language switcher, ``lang`` of each
page, feed autodiscovery, status bar, incident banner), their data under ``extra:``, the search settings
for Chinese, ``.well-known/`` (``exclude_docs``) and a hook that lets ``_headers`` allow the builder's
inline scripts (``export_hook.py``, copied as ``herald_headers.py``). What a builder without the plugin
still cannot do is listed in ``WITHOUT_PLUGIN`` and printed by ``herald export``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import yaml
from markupsafe import escape as escape_html

from generator.adapters import export_hook
from generator.adapters.write import Protected, write_files
from generator.content.files import read_regular, walk
from generator.content.files import static_files as content_static_files
from generator.content.mkdocs_yaml import theme_folder
from generator.content.settings import Settings
from generator.pipeline import Output
from generator.adapters.theme_data import theme_extra
from generator.text import i18n, urls

DOCS = "docs"
EXPORT_SITE_DIR = "site"
"""Where the export's mkdocs.yml builds: a later export replaces it with the rest."""
NAV_PAGES = ("index.md", "history/index.md", "components/index.md", "uptime/index.md", "track-record/index.md",
             "kb/index.md", "faq/index.md", "official-channels/index.md", "guide/index.md")
NOT_IN_NAV = ("incidents/", "components/*/", "history/*/")
"""Generated pages kept out of the navigation, as the Herald plugin does (Material renders it into every page)."""
OVERRIDES = "overrides"
HOOK = "herald_headers.py"
SEARCH_LANGUAGES = ("en", "zh")
"""Languages Material's search (lunr) is told about; Chinese words are cut by jieba when it is installed."""
SEARCH_SEPARATOR = r"[\s\u200b\-]"
"""Keeps jieba's word breaks (``mkdocs-notes``): with several languages the first one's separator wins."""
WITHOUT_PLUGIN = (
    "the content is fixed at the export's --now: export again for each update (the plugin rebuilds from incidents/)",
    "herald serve's live preview, drafts and error overlay need the plugin",
    "pages are rendered from the exported Markdown by the builder's Markdown engine, not Herald's "
    "(the same text, but a builder's extensions may change it)",
    "Zensical runs no hooks: after `zensical build` run `python3 herald_headers.py site` so that _headers "
    "allows its inline scripts (until then the policy blocks them; the pages still work without script)",
    "under Zensical the policy allows inline styles: its search dialog makes <style> elements by script",
    "MkDocs' search keeps jieba's cache in the shared temp folder (build with TMPDIR set to a folder of your own); "
    "the plugin keeps it private",
)


def export_files(settings: Settings, output: Output) -> dict[str, str | bytes]:
    """Everything an export holds: ``mkdocs.yml``, and under ``docs/`` the generated tree and static files."""
    docs: dict[str, str | bytes] = {**static_files(settings), **output.tree()}
    files: dict[str, str | bytes] = {f"{DOCS}/{path}": content for path, content in sorted(docs.items())}
    theme = theme_files(settings)
    files.update({f"{OVERRIDES}/{path}": content for path, content in theme.items()})
    files["mkdocs.yml"] = mkdocs_config(settings, docs, output, bool(theme))
    files[HOOK] = Path(export_hook.__file__).read_bytes()
    return files


def static_files(settings: Settings) -> dict[str, bytes]:
    """Non-Markdown files of the pages folder (images, downloads), by path inside it; Herald's own inputs left out.

    Links, FIFOs and files a browser would run are never exported (``content_files.static_files``).
    """
    found = content_static_files(settings.root / settings.pages_dir, settings.allow_raw_html)
    return {relative: read_regular(path) for relative, path in found.items()}


def mkdocs_config(settings: Settings, docs: dict[str, str | bytes], output: Output, themed: bool = True) -> str:
    """An mkdocs.yml (Material, no Herald plugin) with one navigation section per language and Herald's theme."""
    default = settings.default_language
    names = {lang: str(escape_html(i18n.pick(settings.name, lang, default)[0])) for lang in settings.languages}
    config = {
        "site_name": names[default],  # Material prints site_name as markup: given escaped, as the plugin does
        "site_url": settings.url,
        "docs_dir": DOCS,
        "site_dir": EXPORT_SITE_DIR,
        "use_directory_urls": True,
        "theme": _theme(default, themed),
        "plugins": [{"search": {"lang": [lang for lang in SEARCH_LANGUAGES if lang in settings.languages] or ["en"],
                                "separator": SEARCH_SEPARATOR}}],
        "hooks": [HOOK],
        "exclude_docs": "!.well-known/\n",  # MkDocs leaves out dot-folders: security.txt must be published
        "markdown_extensions": ["attr_list", "md_in_html", "admonition", "tables", {"toc": {"permalink": True}}],
        "nav": _nav(settings, docs),
        "not_in_nav": "\n".join(NOT_IN_NAV) + "\n",
        "extra": theme_extra(settings, output),
    }
    header = ("# Written by `herald export`: the site as Markdown, for MkDocs without the Herald plugin,\n"
              "# Zensical or another builder. Regenerate it rather than editing it.\n")
    return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def _theme(default: str, themed: bool) -> dict[str, object]:
    """Material with Herald's overrides (when the project has a theme folder), no web fonts."""
    theme: dict[str, object] = {"name": "material", "font": False, "language": default,
                                "features": ["search.suggest"]}
    if themed:
        theme |= {"custom_dir": OVERRIDES, "favicon": "assets/herald-favicon.svg",
                  "logo": "assets/herald-favicon.svg"}
    return theme


def _nav(settings: Settings, docs: dict[str, str | bytes]) -> list[dict[str, list[str]]]:
    """One section per language, named in that language; the theme shows only the page's own."""
    nav = []
    for lang in settings.languages:
        prefix = urls.prefix(lang, settings.default_language)
        pages = [prefix + page for page in NAV_PAGES if prefix + page in docs]
        if pages:
            nav.append({i18n.language_name(lang): pages})
    return nav


def theme_files(settings: Settings) -> dict[str, bytes]:
    """The project's theme folder (``custom_dir`` of its mkdocs.yml: templates and assets), regular files only."""
    folder = theme_folder(settings.root)
    if folder is None or not folder.is_dir() or folder.is_symlink():
        return {}
    return {entry.path.relative_to(folder).as_posix(): read_regular(entry.path)
            for entry in walk(folder) if entry.kind == "file"}


def protected_folders(settings: Settings) -> Protected:
    """What an export may never replace: the project and its content, pages, theme and template folders."""
    return Protected.for_settings(settings)


def write_export(files: dict[str, str | bytes], target: Path, settings: Settings, force: bool = False,
                 advance: Callable[[int], None] = lambda n: None) -> None:
    """Write the tree aside, then swap it in (``write.py`` refuses folders that are not Herald's)."""
    write_files(files, target, protected_folders(settings), force, advance, derived=(EXPORT_SITE_DIR,))
