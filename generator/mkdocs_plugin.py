"""MkDocs adapter: runs the Herald core inside ``mkdocs build`` and ``mkdocs serve``.

It only translates: settings and "now" in, generated files out. All content
logic lives in the core, which never imports MkDocs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .build import Output, Project, build_site, load_project
from .clock import NowError, resolve_now
from .errors import Severity
from .i18n import HTML_LANG, LANGUAGE_NAMES, pick
from .wellknown import HEADERS, inline_script_hashes, render_headers

NAV_FREE_SECTIONS = ("incidents/", "components/", "history/")
"""Generated pages under these folders stay out of the navigation (which Material renders into every page)."""


class HeraldPluginConfig(Config):
    """Options under ``plugins: - herald:`` in mkdocs.yml."""

    config_file = config_options.Type(str, default="herald.yml")
    now = config_options.Optional(config_options.Type(str))
    strict = config_options.Type(bool, default=False)


class HeraldPlugin(BasePlugin[HeraldPluginConfig]):
    """Injects Herald's generated pages and outputs into an MkDocs build."""

    def __init__(self) -> None:
        self.output: Output | None = None
        self.root: Path | None = None
        self.preloaded: Project | None = None
        """A project the CLI already loaded and checked, so the build does not load it twice."""
        self.script_hashes: set[str] = set()
        """Hashes of the theme's inline scripts seen in this build's pages, for the _headers CSP."""

    def on_config(self, config: Any) -> Any:
        """Load and check the project; refuse to build (before anything is written) on errors."""
        self.root = (Path(config.config_file_path).parent / self.config.config_file).parent.resolve()
        self.script_hashes = set()
        try:
            project = self.preloaded or load_project(
                self.root, lambda pinned: resolve_now(self.config.now, os.environ, pinned))
        except NowError as exc:
            raise PluginError(f"herald: {exc}") from None
        failing = [d for d in project.diagnostics if d.severity is Severity.ERROR
                   or (self.config.strict and d.severity is Severity.WARNING)]
        if failing or not project.ok:
            listing = "\n".join(d.format() for d in project.diagnostics)
            raise PluginError(f"herald: {len(failing)} problem(s) in the content:\n{listing}")
        for warning in project.diagnostics:
            self._log_warning(warning.format())
        self.output = build_site(project)
        settings = project.settings
        # MkDocs themes print site_name as markup: give it escaped.
        config["site_name"] = str(escape(pick(settings.name, settings.default_language, settings.default_language)[0]))
        config["site_url"] = settings.url
        config["extra"]["herald"] = {"banner": self.output.banner, "footer": self.output.footer,
                                     "names": {lang: pick(settings.name, lang, settings.default_language)[0]
                                               for lang in settings.languages}, "languages": list(settings.languages),
                                     "default_language": settings.default_language}
        config["extra"]["alternate"] = [
            {"name": LANGUAGE_NAMES[lang], "lang": HTML_LANG[lang], "code": lang,
             "link": "/" if lang == settings.default_language else f"/{lang}/"}
            for lang in settings.languages]
        return config

    @event_priority(-200)  # after mkdocs-static-i18n (-100) and others: generated files need no source path
    def on_files(self, files: Files, config: Any) -> Files:
        """Replace the pages folder's Markdown with Herald's output (translations resolved)."""
        assert self.output is not None
        for file in list(files):
            if file.src_uri.endswith(".md"):
                files.remove(file)
        generated = {**self.output.files, **{path: page.front_matter()  # HTML comes in on_page_content
                                              for path, page in self.output.status_pages.items()}}
        for path, content in sorted(generated.items()):
            inclusion = (InclusionLevel.NOT_IN_NAV if _out_of_nav(path)
                         else InclusionLevel.INCLUDED if path.startswith(".") else InclusionLevel.UNDEFINED)
            # MkDocs leaves out dot-folders unless told: .well-known/security.txt must be published
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        return files

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        """Generated pages are HTML already: put it in without a Markdown pass (a large share of build time)."""
        assert self.output is not None
        generated = self.output.status_pages.get(page.file.src_uri)
        return generated.html if generated is not None else html

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """Note the inline scripts the theme put into the page (the CSP allows exactly those)."""
        self.script_hashes |= inline_script_hashes(output)
        return output

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        """Same for pages rendered from theme templates alone (404.html)."""
        self.script_hashes |= inline_script_hashes(output_content)
        return output_content

    def on_post_build(self, config: Any) -> None:
        """Write _headers again, now that every page's inline scripts are known."""
        if self.output is not None and HEADERS in self.output.files:
            (Path(config["site_dir"]) / HEADERS).write_text(render_headers(self.script_hashes), encoding="utf-8")

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """Rebuild when incidents or the Herald configuration change."""
        assert self.root is not None
        server.watch(str(self.root / "herald.yml"))
        incidents = self.root / "incidents"
        if incidents.is_dir():
            server.watch(str(incidents))
        return server

    def _log_warning(self, message: str) -> None:
        """Report a content warning through MkDocs' log."""
        import logging
        logging.getLogger("mkdocs.plugins.herald").warning(message)


def _out_of_nav(path: str) -> bool:
    """True for generated pages that must not be listed in the navigation."""
    bare = path.split("/", 1)[1] if path.startswith("zh/") else path
    return bare.startswith(NAV_FREE_SECTIONS) and bare not in ("history/index.md", "components/index.md")
