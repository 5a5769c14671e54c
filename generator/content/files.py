"""What is in a content folder, found without following links: the one walk every reader of content uses.

Symbolic links are reported, never followed (a link can lead to ``/etc/shadow``, ``/proc/self/environ``
or the checkout's ``.git/config``); FIFOs, sockets and devices are reported, never opened (reading
a FIFO blocks forever). Names that look like Markdown but are not read as Markdown (``*.MD``,
``*.markdown``, ``*.md.txt``) are told apart, and so are files a browser would run as code.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

MARKDOWN = ".md"
MARKDOWN_LOOKALIKES = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"})
"""Extensions other tools read as Markdown (MkDocs renders several of them itself)."""
ACTIVE_CONTENT = frozenset({".html", ".htm", ".xhtml", ".shtml", ".xht", ".js", ".mjs", ".cjs", ".svg", ".svgz",
                            ".xml", ".xsl", ".xslt", ".wasm", ".swf"})
"""Files a browser runs as code when opened from the site's own address (SVG only when it holds code)."""
SVG_MAX_BYTES = 5_000_000
SVG_ACTIVE_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener",
                                 "animate", "set", "animatetransform", "animatemotion"})
"""SVG elements that run code, embed documents or can rewrite a link's target (animations of href)."""
TOPIC_FILE = "_topic.yml"


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing found in a content folder."""

    path: Path
    kind: str
    """``file`` (a regular file), ``symlink`` (never followed) or ``special`` (FIFO, socket, device)."""

    @property
    def is_markdown(self) -> bool:
        """A regular file Herald reads as Markdown (``*.md``, lowercase)."""
        return self.kind == "file" and self.path.suffix == MARKDOWN

    @property
    def looks_like_markdown(self) -> bool:
        """A name another tool would read as Markdown but Herald would not (``x.MD``, ``x.markdown``, ``x.md.txt``)."""
        name = self.path.name.lower()
        return not self.path.name.endswith(MARKDOWN) and (self.path.suffix.lower() in MARKDOWN_LOOKALIKES
                                                          or ".md." in name or ".markdown." in name)

    @property
    def is_active_content(self) -> bool:
        """A file a browser would run as code (HTML, scripts, XML; SVG that holds scripts or handlers)."""
        suffix = self.path.suffix.lower()
        if suffix == ".svg":
            return not inert_svg(self.path)
        return suffix in ACTIVE_CONTENT


def walk(folder: Path) -> list[Entry]:
    """Everything under ``folder`` except hidden names (``.git``, ``.DS_Store``), sorted by path; links not followed."""
    found: list[Entry] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue  # an unlistable folder holds nothing Herald could read
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            kind = _kind(entry)
            if kind == "folder":
                pending.append(path)
            else:
                found.append(Entry(path, kind))
    return sorted(found, key=lambda entry: entry.path.as_posix())


def _kind(entry: os.DirEntry) -> str:
    """``folder``, ``file``, ``symlink`` or ``special``, without following a link."""
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:
        return "special"
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "special"


def inert_svg(path: Path) -> bool:
    """True for an SVG image without scripts, event handlers, embedded documents, DTDs or ``javascript:`` links."""
    from lxml import etree

    try:
        data = read_regular(path)
        if len(data) > SVG_MAX_BYTES or b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
            return False
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        root = etree.fromstring(data, parser)
    except (OSError, etree.XMLSyntaxError, ValueError):
        return False
    siblings = [*root.itersiblings(preceding=True), *root.itersiblings()]
    if any(isinstance(sibling, etree._ProcessingInstruction) for sibling in siblings):
        return False  # an xml-stylesheet instruction would turn the image into a transformed document
    for element in root.iter():
        if not isinstance(element.tag, str):
            return False  # processing instructions (xml-stylesheet) and the like
        if etree.QName(element).localname.lower() in SVG_ACTIVE_ELEMENTS:
            return False
        for name, value in element.attrib.items():
            local = etree.QName(name).localname.lower()
            if local.startswith("on") or (local == "href" and not _inert_href(value)):
                return False
    return True


def _inert_href(value: str) -> bool:
    """A link inside an SVG that loads or runs nothing: a fragment of the image itself, or an http(s) address."""
    target = "".join(value.split()).lower()
    return target.startswith(("#", "https://", "http://")) or target == ""


def leads_outside(path: Path, root: Path) -> bool:
    """True if the link at ``path`` resolves outside ``root`` (or cannot be resolved: a loop, a missing target)."""
    try:
        return not path.resolve(strict=True).is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return True


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file, refusing (OSError) a link or a FIFO put in its place since it was listed."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path} is not a regular file")
        return handle.read()


def static_files(pages: Path, allow_active: bool) -> dict[str, Path]:
    """Files of the pages folder published as they are (images, downloads), by path inside it.

    Only regular files: links, FIFOs and devices never; Markdown and Herald's own inputs are not static;
    files a browser would run (HTML, scripts, SVG) only when the site trusts raw HTML.
    """
    if not pages.is_dir():
        return {}
    out = {}
    for entry in walk(pages):
        if entry.kind != "file" or entry.is_markdown or entry.looks_like_markdown or entry.path.name == TOPIC_FILE:
            continue
        if entry.is_active_content and not allow_active:
            continue
        out[entry.path.relative_to(pages).as_posix()] = entry.path
    return out
