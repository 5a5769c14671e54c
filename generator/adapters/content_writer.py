"""Write new content files of a checked draft: each atomically, never replacing a file that appeared meanwhile."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.authoring.workspace import AuthoringError, Draft


def write_draft(root: Path, draft: Draft) -> list[Path]:
    """Write every file of a checked draft without replacing anything that exists; return the paths."""
    targets = [root / path for path in sorted(draft.files)]
    existing = [p for p in targets if p.exists()]
    if draft.new_folder is not None and (root / draft.new_folder).exists():
        existing.append(root / draft.new_folder)
    if existing:
        raise AuthoringError(f"{existing[0].relative_to(root).as_posix()} already exists; nothing was written")
    if draft.new_folder is not None:
        _write_folder(root, draft)
    else:
        for path in targets:
            write_atomically(path, draft.files[path.relative_to(root).as_posix()], replace_existing=False)
    return targets


def write_atomically(path: Path, text: str, replace_existing: bool = True) -> None:
    """Write a temporary file beside ``path``, then move it into place (readers never see half a file).

    Without ``replace_existing``, a file that appeared meanwhile (another author, same name) is kept and
    AuthoringError is raised: the temporary file is hard-linked into place, which fails if the name exists.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        if replace_existing:
            os.replace(temporary, path)
        else:
            _link_new(Path(temporary), path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _link_new(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path`` only if nothing has that name yet."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise AuthoringError(f"{path.name} appeared while writing (another update at the same time?); "
                             "nothing was replaced, run the command again") from None
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise AuthoringError(f"{path.name} already exists; nothing was replaced") from None
        os.replace(temporary, path)


def _write_folder(root: Path, draft: Draft) -> None:
    """Build a new incident folder aside (hidden, so never loaded), then rename it into place."""
    assert draft.new_folder is not None
    target = root / draft.new_folder
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".herald-new"))
    try:
        for path, text in draft.files.items():
            relative = Path(path).relative_to(draft.new_folder)
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).write_text(text, encoding="utf-8", newline="\n")
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
