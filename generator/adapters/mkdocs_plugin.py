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
from mkdocs.structure.toc import get_toc

from generator.adapters.gpg_signer import SigningProblem, build_signed
from generator.adapters.editor_assets import editor_outputs
from generator.adapters.mkdocs_runner import NOW_VARIABLE
from generator.adapters.search_cache import use_private_jieba_cache
from generator.adapters.write import MANIFEST, Protected, TargetRefused, check_target, write_manifest
from generator.content.clock import NowError, resolve_now
from generator.content.files import static_files
from generator.content.settings import Settings
from generator.errors import Severity
from generator.outputs.theme_scripts import ThemeScripts, template_sources
from generator.outputs.wellknown import HEADERS, inline_script_hashes, render_headers
from generator.pipeline import Output, Project, build_site, load_project
from generator.adapters.theme_data import theme_extra
from generator.text.i18n import pick
from generator.text.markup import TooDeep, clean_page_html

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
        self.allow_raw_html = False
        self.theme_scripts: ThemeScripts | None = None
        """The inline scripts of the theme's templates (read in on_env)."""
        self.base_url = ""
        """The base URL of the page being rendered."""
        """The site trusts raw HTML (output.allow_raw_html): pages are not sanitised, active files are published."""
        self.serving = False
        """True under ``mkdocs serve`` / ``herald serve``: drafts shown, content errors shown in the page."""
        self.last_good: Project | None = None
        """While serving: the last project that built, kept on screen while the content has errors."""
        self.serve_errors: list[str] = []
        self.settings: Settings | None = None
        """The settings of the project this build renders (for the output-folder check before MkDocs writes)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this process serves (the plugin lives across rebuilds) or builds once."""
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        """Load and check the project; refuse to build (before anything is written) on errors.

        While serving, a content error does not stop the server: the last good site stays, with the
        diagnostics over every page (and in the terminal).
        """
        self.root = (Path(config.config_file_path).parent / self.config.config_file).parent.resolve()
        self.script_hashes = set()
        project = self._load()
        failing = [d for d in project.diagnostics if d.severity is Severity.ERROR
                   or (self.config.strict and d.severity is Severity.WARNING)]
        self.serve_errors = []
        if failing or not project.ok:
            listing = "\n".join(d.format() for d in project.diagnostics)
            if not self.serving:
                raise PluginError(f"herald: {len(failing)} problem(s) in the content:\n{listing}")
            self._log_error(f"{len(failing)} problem(s) in the content; still serving the last good version:\n"
                            f"{listing}")
            self.serve_errors = [d.format() for d in failing] or ["the project cannot be loaded"]
            if self.last_good is None:
                return self._configure_error_only(config)
            project = self.last_good
        elif self.serving:
            self.last_good = project
        if self.preloaded is None:  # the CLI already printed them
            for warning in project.diagnostics:
                self._log_warning(warning.format())
        self.output = self._build(project)
        settings = project.settings
        self.settings = settings
        self.allow_raw_html = settings.allow_raw_html
        # MkDocs themes print site_name as markup: give it escaped.
        config["site_name"] = str(escape(pick(settings.name, settings.default_language, settings.default_language)[0]))
        config["site_url"] = settings.url
        config["extra"].update(theme_extra(settings, self.output))
        config["extra"]["herald_serve_errors"] = self.serve_errors
        return config

    def _build(self, project: Project) -> Output:
        """Build the site, signed when a key is configured (never while serving: previews hold drafts)."""
        if self.serving:
            return build_site(project, previews=True)
        try:
            return build_signed(project, dict(os.environ))
        except SigningProblem as problem:
            raise PluginError(f"herald: {problem}") from None

    def _load(self) -> Project:
        """The project the CLI preloaded, or loaded here (drafts included while serving)."""
        if self.preloaded is not None:
            return self.preloaded
        assert self.root is not None
        cli_now = self.config.now or (os.environ.get(NOW_VARIABLE) if self.serving else None)
        try:
            return load_project(self.root, lambda pinned: resolve_now(cli_now, os.environ, pinned),
                                include_drafts=self.serving)
        except NowError as exc:
            raise PluginError(f"herald: {exc}") from None

    def _configure_error_only(self, config: Any) -> Any:
        """While serving a project that never built: one page listing the errors."""
        items = "".join(f"<li><code>{escape(line)}</code></li>" for line in self.serve_errors)
        page = (f"# The content has errors\n\n<ul class=\"herald-serve-errors__list\">{items}</ul>\n\n"
                "Fix them and save: this page reloads by itself.\n")
        self.output = Output(files={"index.md": page})
        config["extra"]["herald"] = None
        config["extra"]["herald_serve_errors"] = self.serve_errors
        return config

    def on_pre_build(self, config: Any) -> None:
        """Under a plain ``mkdocs build``, refuse a site_dir that is not Herald's before MkDocs empties it."""
        if self.serving or self.settings is None:
            return
        protected = Protected.for_settings(self.settings, (Path(config["docs_dir"]), *map(Path, config["theme"].dirs)))
        try:
            check_target(Path(config["site_dir"]), protected)
        except TargetRefused as refused:
            raise PluginError(f"herald: {refused}") from None

    @event_priority(-200)  # after mkdocs-static-i18n (-100) and others: generated files need no source path
    def on_files(self, files: Files, config: Any) -> Files:
        """Replace the pages folder's Markdown with Herald's output (translations resolved)."""
        assert self.output is not None
        use_private_jieba_cache(os.environ)  # search's segmenter: never a dictionary planted in the shared temp folder
        for file in list(files):
            if file.src_uri.endswith(".md"):
                files.remove(file)
        _keep_only_static_files(files, Path(config["docs_dir"]), self.allow_raw_html)
        pages = {**self.output.source_pages, **self.output.status_pages}
        generated = {**self.output.files, **{path: page.front_matter()  # HTML comes in on_page_content
                                              for path, page in pages.items()}}
        for path, content in sorted(generated.items()):
            inclusion = (InclusionLevel.NOT_IN_NAV if _out_of_nav(path)
                         else InclusionLevel.INCLUDED if path.startswith(".") else InclusionLevel.UNDEFINED)
            # MkDocs leaves out dot-folders unless told: .well-known/security.txt must be published
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        self._add_editor(files, config)
        return files

    def _add_editor(self, files: Files, config: Any) -> None:
        """``/admin/``: the web editor's page and configuration, and Decap's script copied in (herald.yml editor)."""
        if self.root is None or self.settings is None or self.settings.editor is None:
            return
        texts, copies, warning = editor_outputs(self.root)
        if warning:
            self._log_warning(warning)
        for path, content in {**texts, **copies}.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            source = {"content": content} if isinstance(content, str) else {"abs_src_path": str(content)}
            files.append(File.generated(config, path, inclusion=InclusionLevel.NOT_IN_NAV, **source))

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        """Herald's pages are HTML already: put it in without a Markdown pass (a large share of build time).

        Hand-written pages come from Herald's Markdown engine (the same as updates), cleaned to the page
        allow-list in the core, with their table of contents (MkDocs' own comes from the pass skipped here).
        Anything else (another plugin's page) is cleaned here, unless the site trusts raw HTML.
        """
        assert self.output is not None
        generated = self.output.status_pages.get(page.file.src_uri)
        if generated is not None:
            return generated.html
        source = self.output.source_pages.get(page.file.src_uri)
        if source is not None:
            page.toc = get_toc([entry.token() for entry in source.toc])
            return source.html
        try:
            return html if self.allow_raw_html else clean_page_html(html)
        except TooDeep as exc:
            raise PluginError(f"herald: {page.file.src_uri}: {exc}") from None

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """Read the theme's inline scripts from its templates: the CSP allows those and no other."""
        self.theme_scripts = ThemeScripts(env, template_sources(env))
        return env

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """Note the page's base URL: the theme's scripts are rendered with it."""
        self.base_url = str(context.get("base_url", ""))
        return context

    def on_template_context(self, context: Any, template_name: str, config: Any) -> Any:
        """Same for pages rendered from theme templates alone (404.html)."""
        self.base_url = str(context.get("base_url", ""))
        return context

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """Note the theme's inline scripts in the page; a script that is not the theme's is never allowed."""
        self.script_hashes |= self._theme_hashes(output, config)
        return output

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        """Same for pages rendered from theme templates alone (404.html)."""
        self.script_hashes |= self._theme_hashes(output_content, config)
        return output_content

    def _theme_hashes(self, html: str, config: Any) -> set[str]:
        """Hashes of the page's inline scripts that are the theme's own, as rendered for this page."""
        if self.theme_scripts is None:
            return set()
        return inline_script_hashes(html) & self.theme_scripts.hashes(self.base_url, config)

    def on_post_build(self, config: Any) -> None:
        """Write _headers again, now that every page's inline scripts are known; list what was written."""
        if self.output is not None and HEADERS in self.output.files:
            site = Path(config["site_dir"])
            tops = [MANIFEST, *(entry.name + ("/" if entry.is_dir() else "") for entry in site.iterdir())]
            (site / HEADERS).write_text(render_headers(self.script_hashes, tops), encoding="utf-8")
        if not self.serving and self.preloaded is None:  # under herald build, write.staged lists them as it swaps
            write_manifest(Path(config["site_dir"]))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """Rebuild when incidents or the Herald configuration change."""
        assert self.root is not None
        server.watch(str(self.root / "herald.yml"))
        incidents = self.root / "incidents"
        if incidents.is_dir():
            server.watch(str(incidents))
        return server

    def _log_error(self, message: str) -> None:
        """Report content errors through MkDocs' log (the terminal of ``herald serve``)."""
        import logging
        logging.getLogger("mkdocs.plugins.herald").error(message)

    def _log_warning(self, message: str) -> None:
        """Report a content warning through MkDocs' log."""
        import logging
        logging.getLogger("mkdocs.plugins.herald").warning(message)


def _keep_only_static_files(files: Files, docs_dir: Path, allow_raw_html: bool) -> None:
    """Drop every file MkDocs found in the pages folder that Herald does not publish as it is.

    MkDocs follows links and publishes whatever it finds; Herald publishes only regular files
    (``content_files.static_files``): never a link, a FIFO, misnamed Markdown, or (unless trusted) active files.
    """
    allowed = static_files(docs_dir, allow_raw_html)
    folder = docs_dir.resolve()
    for file in list(files):
        if file.src_dir is not None and Path(file.src_dir).resolve() == folder and file.src_uri not in allowed:
            files.remove(file)


def _out_of_nav(path: str) -> bool:
    """True for generated pages that must not be listed in the navigation."""
    bare = path.split("/", 1)[1] if path.startswith("zh/") else path
    return bare.startswith(NAV_FREE_SECTIONS) and bare not in ("history/index.md", "components/index.md")
