"""Where jieba (Chinese word segmentation for the search index) keeps its dictionary cache: a folder of our own.

jieba loads its prefix dictionary from ``$TMPDIR/jieba.cache`` with ``marshal`` when that file
exists, so anyone who can write the shared temporary folder could plant a dictionary (or a
malformed file) in every build on the machine. Herald points it at a private folder instead:
``$XDG_CACHE_HOME/herald/jieba`` (default ``~/.cache/herald/jieba``), created with mode 0700 and
used only if it belongs to this user and nobody else can write to it; otherwise a fresh private
temporary folder of this process.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

CACHE_PARTS = ("herald", "jieba")


def private_cache_dir(environ: Mapping[str, str]) -> Path:
    """A folder only this user can write, for jieba's cache (created if needed)."""
    base = environ.get("XDG_CACHE_HOME") or (str(Path(environ["HOME"]) / ".cache") if environ.get("HOME") else "")
    if base and Path(base).is_absolute():
        folder = Path(base).joinpath(*CACHE_PARTS)
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            folder.mkdir(mode=0o700, exist_ok=True)
            if _private(folder):
                return folder
        except OSError:
            pass
    return Path(tempfile.mkdtemp(prefix="herald-jieba-"))  # mode 0700, new: nobody else can have planted anything


def _private(folder: Path) -> bool:
    """True if ``folder`` is a real folder of this user that no one else can write (its mode is tightened to 0700)."""
    status = folder.lstat()
    if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid():
        return False
    if status.st_mode & 0o077:
        folder.chmod(0o700)
    return not folder.lstat().st_mode & 0o077


def use_private_jieba_cache(environ: Mapping[str, str], tokenizer: Any = None) -> Path | None:
    """Point jieba's tokenizer (the default one, which mkdocs-material's search uses) at a private cache folder."""
    if tokenizer is None:
        try:
            import jieba
        except ImportError:
            return None
        tokenizer = jieba.dt
    folder = private_cache_dir(environ)
    tokenizer.tmp_dir = str(folder)
    return folder
