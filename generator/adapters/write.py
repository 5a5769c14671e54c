"""Put a finished tree in place without ever destroying what Herald did not write.

Every tree Herald writes (a built site, an export) carries a manifest of its files. A target folder is
replaced only if it does not exist, is empty, or holds exactly what a manifest says Herald wrote there; the
project, its content and theme folders, the home directory and file-system roots are never replaced, not even
with ``force``. The new tree is built aside in a staging folder of its own and swapped in under a lock, so
readers never see half a site and two builds into one folder never mix.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from generator.content.settings import Settings

RENAME_EXCHANGE = 2
MANIFEST = ".herald-manifest.json"
"""Written at the top of every tree Herald writes: the list of the files it wrote there."""
LEGACY_MARKERS = (".herald-export",)
"""Markers of earlier Herald versions: the whole folder was written by Herald."""
STAGING_INFIX = ".herald-new-"
SHOWN_STRANGERS = 5


class TargetRefused(Exception):
    """The output folder may not be replaced; the message says why and what to do instead."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message}\nhint: {hint}")
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Protected:
    """Folders that no output may replace, hold, or sit inside (for content folders)."""

    project: Path
    """The project folder (holds herald.yml)."""
    inputs: tuple[Path, ...] = ()
    """Content and theme folders: never replaced, never written into."""
    home: Path | None = None
    system_roots: frozenset[Path] = field(default_factory=lambda: frozenset({Path("/")}))
    """File-system roots (tests simulate one; the real ``/`` is never touched)."""

    @classmethod
    def for_project(cls, project: Path, inputs: tuple[Path, ...] = (), environ: dict[str, str] | None = None
                    ) -> Protected:
        """The protection for a project, with the home directory from ``HOME``."""
        home = (environ if environ is not None else os.environ).get("HOME")
        return cls(project, inputs, Path(home) if home else None)

    @classmethod
    def for_settings(cls, settings: Settings, builder_inputs: tuple[Path, ...] = ()) -> Protected:
        """The protection for a loaded project: its content, pages, theme and template folders, and the folders
        its site builder reads (``builder_inputs``: MkDocs' docs_dir and theme folders)."""
        root = settings.root.resolve()
        folders = (settings.incidents_dir, settings.pages_dir, "theme", "templates")
        return cls.for_project(root, tuple(root / folder for folder in folders) + builder_inputs)


def check_target(target: Path, protected: Protected, force: bool = False) -> None:
    """Raise TargetRefused unless ``target`` may be replaced by a tree Herald writes."""
    target = target.resolve()
    _refuse_protected(target, protected)
    if target.exists() and not target.is_dir():
        raise TargetRefused(f"{target} is a file, not a folder", "choose a folder for the output")
    if force or not target.is_dir():
        return
    strangers = files_not_written_by_herald(target)
    if strangers:
        listed = ", ".join(strangers[:SHOWN_STRANGERS]) + (" ..." if len(strangers) > SHOWN_STRANGERS else "")
        raise TargetRefused(
            f"{target} holds {len(strangers)} file(s) Herald did not write ({listed}); "
            "writing the site there would delete them",
            "choose a new or empty folder, move those files away, or pass --force if they may be deleted")


def _refuse_protected(target: Path, protected: Protected) -> None:
    """Refuse file-system roots, the home directory, the project, and content or theme folders."""
    resolved_roots = {root.resolve() for root in protected.system_roots}
    if target in resolved_roots or target == Path(target.anchor):
        raise TargetRefused(f"{target} is the root of the file system", "give a folder inside the project, e.g. site")
    if protected.home is not None and _holds(target, protected.home.resolve()):
        raise TargetRefused(f"{target} is your home directory or holds it",
                            "give a folder of its own, e.g. site inside the project")
    project = protected.project.resolve()
    if _holds(target, project):
        raise TargetRefused(f"{target} is the project folder or holds it (herald.yml, incidents, pages)",
                            "give a separate folder, e.g. site inside the project")
    for folder in protected.inputs:
        folder = folder.resolve()
        if _holds(target, folder) or target.is_relative_to(folder):
            raise TargetRefused(f"{target} is, holds or is inside the content or theme folder {folder}",
                                "give a separate folder, e.g. site inside the project")


def _holds(target: Path, other: Path) -> bool:
    """True if ``target`` is ``other`` or one of its ancestors."""
    return other == target or other.is_relative_to(target)


def files_not_written_by_herald(folder: Path) -> list[str]:
    """Files under ``folder`` that no manifest of Herald's lists (all of them without a manifest)."""
    if any((folder / marker).is_file() for marker in LEGACY_MARKERS):
        return []
    present = sorted(path.relative_to(folder).as_posix() for path in _walk(folder))
    manifest = read_manifest(folder)
    if manifest is None:
        return present
    written, derived = manifest
    return [path for path in present if path not in written and path != MANIFEST
            and not any(path.startswith(prefix + "/") for prefix in derived)]


def _walk(folder: Path) -> Iterator[Path]:
    """Every file and symlink under ``folder`` (symlinked folders are not followed)."""
    for base, directories, files in os.walk(folder):
        for name in files + [d for d in directories if os.path.islink(os.path.join(base, d))]:
            yield Path(base) / name


def read_manifest(folder: Path) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """The files a Herald manifest in ``folder`` lists, and the folders built from them; None without one."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("generator") != "herald":
        return None
    files, derived = data.get("files"), data.get("derived", [])
    if not all(isinstance(value, list) and all(isinstance(name, str) for name in value) for value in (files, derived)):
        return None
    return frozenset(files), tuple(name.strip("/") for name in derived if name.strip("/"))


def write_manifest(folder: Path, derived: tuple[str, ...] = ()) -> None:
    """List every file under ``folder`` in its manifest (sorted, so identical trees give identical bytes).

    ``derived`` names sub-folders that builders write from this tree (an export's ``site/``): replaced with it.
    """
    files = sorted(path.relative_to(folder).as_posix() for path in _walk(folder)
                   if path.relative_to(folder).as_posix() != MANIFEST)
    document = {"generator": "herald", "note": "Files written by Herald; the next build replaces them.",
                "files": files} | ({"derived": list(derived)} if derived else {})
    text = json.dumps(document, indent=1, ensure_ascii=False)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


@contextmanager
def staged(target: Path, protected: Protected, force: bool = False, derived: tuple[str, ...] = ()
           ) -> Iterator[Path]:
    """Lock ``target``, check it, yield a fresh staging folder; on success swap it in, else remove it.

    The caller writes the whole tree into the yielded folder. A second writer to the same target waits for
    the lock, then checks the target again (it is Herald's by then). The lock file records the staging
    folder, so a write killed midway is cleaned up (or its old site put back) by the next one, and nothing
    else beside the target is ever removed, whatever its name.
    """
    target = target.resolve()
    check_target(target, protected, force)  # before creating anything
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target) as journal:
        recorded = _recorded_staging(journal, target)
        if recorded is not None:
            recover_interrupted(target, _previous_of(recorded))
            _remove_own(recorded)
            _remove_own(_previous_of(recorded))
        check_target(target, protected, force)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}{STAGING_INFIX}"))
        _record_staging(journal, staging)
        try:
            yield staging
            write_manifest(staging, derived)
            swap_into_place(staging, target)
        finally:
            if staging.exists():
                shutil.rmtree(staging)


@contextmanager
def _locked(target: Path) -> Iterator[BinaryIO]:
    """Hold an exclusive lock for writing ``target`` (a lock file beside it, left for the next build)."""
    lock_path = target.parent / f".{target.name}.herald-lock"
    with open(lock_path, "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield lock
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _recorded_staging(journal: BinaryIO, target: Path) -> Path | None:
    """The staging folder the last write to ``target`` recorded in the lock file (one of Herald's names)."""
    journal.seek(0)
    name = journal.read().decode("utf-8", "replace").strip()
    if not name.startswith(f".{target.name}{STAGING_INFIX}") or "/" in name:
        return None
    return target.parent / name


def _record_staging(journal: BinaryIO, staging: Path) -> None:
    """Note this write's staging folder in the lock file before anything is written into it."""
    journal.seek(0)
    journal.truncate()
    journal.write(staging.name.encode("utf-8"))
    journal.flush()
    os.fsync(journal.fileno())


def _previous_of(staging: Path) -> Path:
    """Where a swap without renameat2 parks the previous site: named after this write's own staging folder."""
    return staging.with_name(staging.name + "-old")


def _remove_own(path: Path) -> None:
    """Remove a folder this code created (a link planted at its name is removed, never followed)."""
    if path.is_symlink() or (os.path.lexists(path) and not path.is_dir()):
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging``; atomically where the OS can exchange two paths."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)  # now holds the previous site, checked to be Herald's (or empty)
        return
    previous = _previous_of(staging)
    os.rename(target, previous)
    os.rename(staging, target)
    shutil.rmtree(previous)


def recover_interrupted(target: Path, previous: Path) -> None:
    """If a swap without renameat2 was interrupted between its two renames, put the old site back."""
    if previous.is_dir() and not previous.is_symlink() and not os.path.lexists(target):
        os.rename(previous, target)


def write_files(files: dict[str, str | bytes], target: Path, protected: Protected, force: bool = False,
                advance: Callable[[int], None] = lambda count: None, derived: tuple[str, ...] = ()) -> None:
    """Write ``{relative path: content}`` as a tree at ``target``, built aside and swapped in.

    ``advance(1)`` is called after each file (for a progress bar).
    """
    with staged(target, protected, force, derived) as staging:
        root = staging.resolve()
        for relative, content in sorted(files.items()):
            path = staging / relative
            if not path.resolve().is_relative_to(root) or relative == MANIFEST:
                raise ValueError(f"refusing to write outside the output folder: {relative}")
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
            advance(1)


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
