"""Read content files from disk: the only stage that touches the content folders.

Walks folders in sorted order without following links (``content_files.walk``),
refuses symlinks, special files, misnamed Markdown, oversized files and too many
files, decodes UTF-8 and returns raw texts with diagnostics for whatever could
not be read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.files import TOPIC_FILE, Entry, leads_outside, walk
from generator.content.settings import Settings
from generator.errors import Diagnostic, Severity
from generator.text.safetext import CONTROL, MAX_NESTING, controls_in, strip_controls, too_deep


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
                _stray(folder, settings, diagnostics)
                continue
            folders[folder.name] = _read_tree(folder, settings, budget, diagnostics, pages=False)
    pages_root = settings.root / settings.pages_dir
    pages_ok = pages_root.is_dir() and _inside(pages_root, settings.root, diagnostics, settings)
    pages = _read_tree(pages_root, settings, budget, diagnostics, pages=True) if pages_ok else []
    topics = [raw for entry in walk(pages_root) if entry.kind == "file" and entry.path.name == TOPIC_FILE
              and _is_topic(entry.path, pages_root)
              and (raw := read_file(entry.path, settings, diagnostics)) is not None] if pages_ok else []
    if budget.exceeded:
        diagnostics.append(Diagnostic(settings.incidents_dir, 0, "", "too-many-files",
                                      f"more than {settings.max_files} content files",
                                      "raise limits.max_files in herald.yml if this is intended"))
    unreadable = frozenset(d.path for d in diagnostics if d.severity is Severity.ERROR)
    return RawContent(folders, pages, topics, unreadable), diagnostics


def _stray(path: Path, settings: Settings, diagnostics: list[Diagnostic]) -> None:
    """A file directly in the incidents folder: Markdown there belongs in an incident's own folder."""
    if path.suffix == ".md" or Entry(path, "file").looks_like_markdown:
        diagnostics.append(Diagnostic(_rel(path, settings), 0, "", "stray-file",
                                      "incident files must sit in a folder named by the incident id",
                                      f"move it to {settings.incidents_dir}/<id>/incident.md"))


def _is_topic(path: Path, pages_root: Path) -> bool:
    """True for ``faq/<topic>/_topic.yml`` inside the pages folder."""
    parts = path.relative_to(pages_root).parts
    return len(parts) == 3 and parts[0] == "faq"


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
               diagnostics: list[Diagnostic], pages: bool) -> list[RawFile]:
    """Read every Markdown file under ``folder``, sorted by path; report what cannot or will not be read."""
    files: list[RawFile] = []
    for entry in walk(folder):
        if not _readable_entry(entry, settings, diagnostics, pages) or not budget.take():
            continue
        raw = read_file(entry.path, settings, diagnostics)
        if raw is not None:
            files.append(raw)
    return files


def _readable_entry(entry: Entry, settings: Settings, diagnostics: list[Diagnostic], pages: bool) -> bool:
    """True for a Markdown file to read; links, special files and misnamed Markdown are reported instead."""
    shown = _rel(entry.path, settings)
    if entry.kind == "symlink":
        diagnostics.append(_link_diagnostic(entry.path, settings))
    elif entry.kind == "special":
        diagnostics.append(Diagnostic(shown, 0, "", "not-a-file", "this is not a regular file (a FIFO, socket or "
                                      "device); it is not read", "remove it from the content folder"))
    elif entry.is_markdown:
        return True
    elif entry.looks_like_markdown:
        diagnostics.append(Diagnostic(shown, 0, "", "not-read", f"'{entry.path.name}' is not read: Herald reads "
                                      "Markdown only from files ending in .md (lowercase)",
                                      f"rename it to {_markdown_name(entry.path.name)}"))
    elif not pages:
        diagnostics.append(Diagnostic(shown, 0, "", "not-read", "incident folders hold only .md files; this one is "
                                      "not read", "move it to the pages folder if it should be published",
                                      Severity.WARNING))
    elif entry.is_active_content and not settings.allow_raw_html:
        diagnostics.append(Diagnostic(shown, 0, "", "active-content", f"'{entry.path.name}' would run as code in "
                                      "readers' browsers from the site's own address; it is not published",
                                      "publish images or documents instead, or set output.allow_raw_html: true "
                                      "if everyone who can edit the pages folder is trusted"))
    return False


def _markdown_name(name: str) -> str:
    """The ``.md`` name a misnamed Markdown file should have."""
    lower = name.lower()
    for marker in (".md.", ".markdown."):
        if marker in lower:
            return name[:lower.index(marker)] + ".md"
    return name[:len(name) - len(Path(name).suffix)] + ".md"


def _link_diagnostic(path: Path, settings: Settings) -> Diagnostic:
    """A symbolic link in the content: never followed, never published."""
    if leads_outside(path, settings.root):
        return Diagnostic(_rel(path, settings), 0, "", "path-escapes",
                          "this path is a symlink that leads outside the project (or nowhere); it is not read "
                          "or published", "copy the file into the project instead of linking to it")
    return Diagnostic(_rel(path, settings), 0, "", "symlink",
                      "this path is a symlink; links in content folders are not followed, read or published",
                      "copy the file here instead of linking to it")


def read_file(path: Path, settings: Settings, diagnostics: list[Diagnostic]) -> RawFile | None:
    """Read one UTF-8 file within the size limit, or record why not."""
    shown = _rel(path, settings)
    try:  # never through a link, never blocking on a FIFO: open first, then look at what was opened
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if path.is_symlink():
            diagnostics.append(_link_diagnostic(path, settings))
        else:
            diagnostics.append(Diagnostic(shown, 0, "", "unreadable", f"cannot read the file: {exc.strerror}",
                                          "check that it exists and is readable"))
        return None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            diagnostics.append(Diagnostic(shown, 0, "", "not-a-file", "this is not a regular file; it is not read",
                                          "remove it from the content folder"))
            return None
        if status.st_size > settings.max_file_bytes:
            diagnostics.append(Diagnostic(shown, 0, "", "file-too-large",
                                          f"the file is {status.st_size:,} bytes; the limit is "
                                          f"{settings.max_file_bytes:,}",
                                          "split it, or raise limits.max_file_bytes in herald.yml"))
            return None
        data = handle.read(settings.max_file_bytes + 1)
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    deep = too_deep(text)
    if deep is not None:  # refused before any sanitiser sees it: nh3's time grows faster than the depth
        diagnostics.append(Diagnostic(shown, deep, "", "too-deep", f"HTML tags or quotes nest more than "
                                      f"{MAX_NESTING} levels deep here", "flatten the markup; real pages stay far "
                                      "below this depth"))
        return None
    return RawFile(shown, _without_controls(text, shown, diagnostics))


def _without_controls(text: str, shown: str, diagnostics: list[Diagnostic]) -> str:
    """The text without control characters (ESC, BEL, ...), with a warning at the first line holding one."""
    found = controls_in(text)
    if not found:
        return text
    first = CONTROL.search(text)
    line = text.count("\n", 0, first.start()) + 1 if first else 0
    diagnostics.append(Diagnostic(shown, line, "", "control-character",
                                  f"control characters ({', '.join(found)}) are removed from the text",
                                  "delete them (they often come from copying terminal output)", Severity.WARNING))
    return strip_controls(text)


def _inside(path: Path, root: Path, diagnostics: list[Diagnostic], settings: Settings) -> bool:
    """True unless ``path`` is a symlink (reported: content folders are read without following links).

    A link out of the project is ``path-escapes``; any other link is ``symlink``.
    """
    if not path.is_symlink():
        return True
    diagnostics.append(_link_diagnostic(path, settings))
    return False


def _rel(path: Path, settings: Settings) -> str:
    """Path relative to the project root, POSIX style, for messages."""
    try:
        return path.relative_to(settings.root).as_posix()
    except ValueError:
        return path.as_posix()
