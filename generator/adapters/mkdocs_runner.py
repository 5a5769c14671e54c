"""Run MkDocs for the CLI: build into a staging folder and swap, or serve with live reload."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from generator.adapters.write import Protected, TargetRefused, staged
from generator.pipeline import Project

NOW_VARIABLE = "HERALD_NOW"
"""How ``herald serve --now`` reaches the plugin, which MkDocs creates itself for each rebuild."""


class BuildFailed(Exception):
    """MkDocs could not build the site; the message says why."""


def build_with_mkdocs(config_file: Path, site_dir: Path | None, project: Project, strict: bool,
                      force: bool = False) -> Path:
    """Build the site aside with the given now, then swap it into ``site_dir``; return the site path.

    Raises TargetRefused (before anything is written) when the output folder is not Herald's to replace.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # MkDocs stamps the sitemap and its gzip header with the build time; tie them to Herald's now.
    os.environ["SOURCE_DATE_EPOCH"] = str(int(project.now.timestamp()))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(config_file))
        target = (site_dir.resolve() if site_dir else Path(config["site_dir"]).resolve())
        assert project.settings is not None
        protected = Protected.for_settings(project.settings,
                                           (Path(config["docs_dir"]), *map(Path, config["theme"].dirs)))
        with staged(target, protected, force) as staging:
            _build_into(config_file, staging, project, strict)
    except (MkDocsException, OSError, KeyError) as exc:
        raise BuildFailed(str(exc)) from None
    return target


def _build_into(config_file: Path, staging: Path, project: Project, strict: bool) -> None:
    """Run one MkDocs build into ``staging`` with the project the CLI already checked."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(staging), strict=strict)
    plugin = config["plugins"]["herald"]
    plugin.config["now"] = project.now.isoformat()
    plugin.preloaded = project
    plugin.config["strict"] = strict
    config["plugins"].on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config["plugins"].on_shutdown()


def serve_with_mkdocs(config_file: Path, dev_addr: str, now: str | None) -> None:
    """Serve with live reload; the plugin watches incidents/ and herald.yml, and shows content errors."""
    from mkdocs.commands.serve import serve

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if now is not None:
        os.environ[NOW_VARIABLE] = now
    serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)


__all__ = ["BuildFailed", "TargetRefused", "build_with_mkdocs", "serve_with_mkdocs"]
