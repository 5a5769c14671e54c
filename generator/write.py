"""Put a finished build in place: build aside, then swap, so readers never see half a site."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Callable
from pathlib import Path

RENAME_EXCHANGE = 2


def staging_dir(target: Path) -> Path:
    """A fresh sibling folder to build into (same file system, so the swap is a rename)."""
    staging = target.parent / f".{target.name}.herald-new"
    if staging.exists():
        shutil.rmtree(staging)
    return staging


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging``; atomically where the OS can exchange two paths."""
    recover_interrupted(target)
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)  # now holds the previous site
        return
    previous = target.parent / f".{target.name}.herald-old"
    if previous.exists():
        shutil.rmtree(previous)
    os.rename(target, previous)
    os.rename(staging, target)
    shutil.rmtree(previous)


def recover_interrupted(target: Path) -> None:
    """If a non-atomic swap was interrupted between its two renames, put the old site back."""
    previous = target.parent / f".{target.name}.herald-old"
    if previous.exists() and not target.exists():
        os.rename(previous, target)


def write_files(files: dict[str, str | bytes], target: Path,
                advance: Callable[[int], None] = lambda count: None) -> None:
    """Write ``{relative path: content}`` as a tree at ``target``, built aside and swapped in.

    ``advance(1)`` is called after each file (for a progress bar).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(target)
    staging.mkdir()
    root = staging.resolve()
    for relative, content in sorted(files.items()):
        path = staging / relative
        if not path.resolve().is_relative_to(root):
            raise ValueError(f"refusing to write outside the output folder: {relative}")
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        advance(1)
    swap_into_place(staging, target)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically exchange two paths with Linux renameat2; False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), RENAME_EXCHANGE)
    return result == 0
