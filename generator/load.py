"""Read content files from disk: the only stage that touches the content folders.

Walks folders in sorted order, refuses files that escape the project (symlinks
out, oversized files, too many files), decodes UTF-8 and returns raw texts
with diagnostics for whatever could not be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic
from .settings import Settings


@dataclass(frozen=True, slots=True)
class RawFile:
    """One file's text and its path relative to the project root (POSIX form)."""

    path: str
    text: str


@dataclass(frozen=True, slots=True)
class RawContent:
    """Everything read from disk, before validation."""

    incident_folders: dict[str, list[RawFile]]
    """Incident folder name -> its Markdown files (including nested ones, e.g. faq/)."""
    pages: list[RawFile]
    """Markdown files of the pages folder, paths relative to the project root."""
    faq_topics: list[RawFile] = field(default_factory=list)
    """``faq/<topic>/_topic.yml`` files of the pages folder."""
    unreadable: frozenset[str] = frozenset()
    """Paths that could not be read (already reported); their folders are not checked further."""


def load_content(settings: Settings) -> tuple[RawContent, list[Diagnostic]]:
    """Read every incident folder and page under the project root."""
    diagnostics: list[Diagnostic] = []
    budget = _Budget(settings.max_files)
    folders: dict[str, list[RawFile]] = {}
    incidents_root = settings.root / settings.incidents_dir
    if incidents_root.is_dir() and _inside(incidents_root, settings.root, diagnostics, settings):
        for folder in sorted(incidents_root.iterdir()):
            if folder.name.startswith(".") or not _inside(folder, settings.root, diagnostics, settings):
                continue
            if not folder.is_dir():
                if folder.suffix == ".md":
                    diagnostics.append(Diagnostic(_rel(folder, settings), 0, "", "stray-file",
                                                  "incident files must sit in a folder named by the incident id",
                                                  f"move it to {settings.incidents_dir}/<id>/incident.md"))
                continue
            folders[folder.name] = _read_tree(folder, settings, budget, diagnostics)
    pages_root = settings.root / settings.pages_dir
    pages = (_read_tree(pages_root, settings, budget, diagnostics)
             if pages_root.is_dir() and _inside(pages_root, settings.root, diagnostics, settings) else [])
    topics = [raw for path in sorted(pages_root.glob("faq/*/_topic.yml")) if _inside(path, settings.root, diagnostics, settings)
              and (raw := read_file(path, settings, diagnostics)) is not None] if pages_root.is_dir() else []
    if budget.exceeded:
        diagnostics.append(Diagnostic(settings.incidents_dir, 0, "", "too-many-files",
                                      f"more than {settings.max_files} content files",
                                      "raise limits.max_files in herald.yml if this is intended"))
    return RawContent(folders, pages, topics, frozenset(d.path for d in diagnostics)), diagnostics


class _Budget:
    """Counts files read so a runaway folder cannot exhaust memory."""

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.exceeded = False

    def take(self) -> bool:
        """Use one file of the budget; False once it is spent."""
        self.left -= 1
        self.exceeded = self.exceeded or self.left < 0
        return not self.exceeded


def _read_tree(folder: Path, settings: Settings, budget: _Budget,
               diagnostics: list[Diagnostic]) -> list[RawFile]:
    """Read every Markdown file under ``folder``, sorted by path."""
    files: list[RawFile] = []
    for path in sorted(folder.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if not _inside(path, settings.root, diagnostics, settings) or not budget.take():
            continue
        raw = read_file(path, settings, diagnostics)
        if raw is not None:
            files.append(raw)
    return files


def read_file(path: Path, settings: Settings, diagnostics: list[Diagnostic]) -> RawFile | None:
    """Read one UTF-8 file within the size limit, or record why not."""
    shown = _rel(path, settings)
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            diagnostics.append(Diagnostic(shown, 0, "", "file-too-large",
                                          f"the file is {size:,} bytes; the limit is {settings.max_file_bytes:,}",
                                          "split it, or raise limits.max_file_bytes in herald.yml"))
            return None
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.append(Diagnostic(shown, 0, "", "unreadable", f"cannot read the file: {exc.strerror}",
                                      "check that it exists and is readable"))
        return None
    return decode_file(data, shown, diagnostics)


def decode_file(data: bytes, shown: str, diagnostics: list[Diagnostic]) -> RawFile | None:
    """Decode a file's bytes as UTF-8 text (BOM allowed, NUL refused), or record why not."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        diagnostics.append(Diagnostic(shown, line, "", "not-utf8",
                                      f"byte {exc.start} is not valid UTF-8 (0x{data[exc.start]:02x})",
                                      "save the file as UTF-8"))
        return None
    if "\x00" in text:
        diagnostics.append(Diagnostic(shown, text.count("\n", 0, text.index("\x00")) + 1, "", "binary-file",
                                      "the file contains NUL bytes", "is this really a text file?"))
        return None
    return RawFile(shown, text.replace("\r\n", "\n"))


def _inside(path: Path, root: Path, diagnostics: list[Diagnostic], settings: Settings) -> bool:
    """True if ``path`` (after following symlinks) stays inside the project root.

    Only symlinks can lead out (the walk never follows symlinked folders), so plain
    files skip the costly resolve().
    """
    if not path.is_symlink():
        return True
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        diagnostics.append(Diagnostic(_rel(path, settings), 0, "", "path-escapes",
                                      "this path is a symlink that leads outside the project",
                                      "copy the file into the project instead of linking to it"))
        return False


def _rel(path: Path, settings: Settings) -> str:
    """Path relative to the project root, POSIX style, for messages."""
    try:
        return path.relative_to(settings.root).as_posix()
    except ValueError:
        return path.as_posix()
