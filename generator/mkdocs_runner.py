"""Run MkDocs for the CLI: build into a staging folder and swap, or serve with live reload."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from .build import Project
from .write import staging_dir, swap_into_place


class BuildFailed(Exception):
    """MkDocs could not build the site; the message says why."""


def build_with_mkdocs(config_file: Path, site_dir: Path | None, project: Project, strict: bool) -> Path:
    """Build the site aside with the given now, then swap it into ``site_dir``; return the site path."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # MkDocs stamps the sitemap and its gzip header with the build time; tie them to Herald's now.
    os.environ["SOURCE_DATE_EPOCH"] = str(int(project.now.timestamp()))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(config_file))
        target = (site_dir.resolve() if site_dir else Path(config["site_dir"]))
        staging = staging_dir(target)
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
    except (MkDocsException, OSError, KeyError) as exc:
        raise BuildFailed(str(exc)) from None
    swap_into_place(staging, target)
    return target


def serve_with_mkdocs(config_file: Path, dev_addr: str) -> None:
    """Serve with live reload; the plugin watches incidents/ and herald.yml."""
    from mkdocs.commands.serve import serve

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
