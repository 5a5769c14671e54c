"""The web editor in a build: Herald's ``admin/`` files plus Decap CMS's script, copied from where setup put it.

Decap's script (about 6 MB in 96 files) is not kept in git: ``.ci/setup.sh`` installs the pinned npm package
into ``~/.cache/herald-tools/decap`` (or ``HERALD_DECAP_DIST`` names its ``dist`` folder), and each build copies
it into ``admin/vendor/``. Without it the build still succeeds and ``/admin/`` says what is missing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from generator.authoring.editor_config import ADMIN, editor_files
from generator.authoring.workspace import AuthoringError, load_workspace

DIST_VARIABLE = "HERALD_DECAP_DIST"
DEFAULT_DIST = Path(".cache/herald-tools/decap/node_modules/decap-cms/dist")
MAIN = "decap-cms.js"


def decap_dist(environ: dict[str, str] | os._Environ = os.environ) -> Path | None:
    """Decap's ``dist`` folder when it holds the script, else None."""
    given = environ.get(DIST_VARIABLE)
    folder = Path(given) if given else Path(environ.get("HOME", str(Path.home()))) / DEFAULT_DIST
    return folder if (folder / MAIN).is_file() else None


def vendor_files(dist: Path) -> dict[str, Path]:
    """``admin/vendor/<name>`` -> the file to copy: the script, its lazy chunks and WebAssembly, its licences."""
    names = [p for p in sorted(dist.iterdir()) if p.is_file() and (
        p.name == MAIN or p.name.endswith((".decap-cms.js", ".wasm")) or p.name == f"{MAIN}.LICENSE.txt")]
    return {f"{ADMIN}/vendor/{p.name}": p for p in names}


def about_vendor(dist: Path) -> str:
    """Which Decap CMS this build carries, and under which licence (from its package.json)."""
    try:
        package = json.loads((dist.parent / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        package = {}
    return (f"{package.get('name', 'decap-cms')} {package.get('version', '?')} "
            f"({package.get('license', 'see the package')} licence), copied from the npm package's dist/ "
            "by Herald's build. Source: https://github.com/decaporg/decap-cms\n")


def editor_outputs(root: Path, environ: dict[str, str] | os._Environ = os.environ
                   ) -> tuple[dict[str, str], dict[str, Path], str | None]:
    """Generated texts, files to copy, and a warning (the script is missing) for the project at ``root``."""
    try:
        workspace = load_workspace(root)
    except AuthoringError as exc:
        return {}, {}, f"the web editor was left out: {exc.message}"
    if workspace.settings.editor is None:
        return {}, {}, None
    dist = decap_dist(environ)
    texts = editor_files(workspace, script_present=dist is not None)
    if dist is None:
        return texts, {}, ("the web editor's script (Decap CMS) is not installed, so /admin/ only says so: run "
                           f".ci/setup.sh, or set {DIST_VARIABLE} to the dist folder of the decap-cms npm package")
    return texts | {f"{ADMIN}/vendor/ABOUT.txt": about_vendor(dist)}, vendor_files(dist), None
