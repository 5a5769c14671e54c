"""Split a Markdown document into YAML front matter and body, keeping line numbers.

Pure: takes text, returns values and diagnostics. The YAML is read with a
loader that keeps times as strings (they are validated later, with offsets
required), refuses aliases and duplicate keys, and remembers the file line of
every key so that later errors can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.errors import Diagnostic

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

LinePath = tuple[str | int, ...]


class _StringTimesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader that leaves ISO times as strings for the schema to check."""


_StringTimesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A parsed document: its metadata, body and where each key sits in the file."""

    meta: dict[str, Any]
    body: str
    body_line: int
    """1-based file line where the body starts."""
    lines: dict[LinePath, int] = field(default_factory=dict)
    """File line of each key path, e.g. ``("components", "api") -> 7``; ``() -> 1``."""

    def line_of(self, path: LinePath) -> int:
        """Line of the deepest known prefix of ``path`` (the key itself when present)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


def parse_front_matter(text: str, path: str) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Parse ``text`` (already decoded) into front matter and body, or diagnostics."""
    if not text.strip():
        return None, [Diagnostic(path, 1, "", "empty-file", "the file is empty",
                                 "start it with a front matter block between two '---' lines")]
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return None, [Diagnostic(path, 1, "", "no-front-matter",
                                 "expected a front matter block starting with '---' on the first line",
                                 "begin the file with '---', the fields, then '---' and the text")]
    yaml_text = match.group(1)
    body = text[match.end():]
    body_line = text.count("\n", 0, match.end()) + 1
    meta, lines, diagnostics = parse_yaml_mapping(yaml_text, path, first_line=2)
    if meta is None:
        return None, diagnostics
    return FrontMatter(meta, body, body_line, lines), diagnostics


def parse_translation(text: str, path: str) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """A translation's front matter and body; one with no translated field may be the text alone.

    The web editor (and any tool that writes no empty ``---`` block) saves a translation of an update
    without front matter; the whole file is then its text.
    """
    if text.strip() and not text.startswith("---"):
        return FrontMatter({}, text, 1, {(): 1}), []
    return parse_front_matter(text, path)


def parse_yaml_mapping(
    yaml_text: str, path: str, first_line: int = 1
) -> tuple[dict[str, Any] | None, dict[LinePath, int], list[Diagnostic]]:
    """Load a YAML mapping, returning it with a key-to-line map, or diagnostics."""
    loader = _StringTimesLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {(): first_line}, []
        lines: dict[LinePath, int] = {}
        diagnostics = _map_node_lines(node, (), first_line, path, lines, set())
        if diagnostics:
            return None, lines, diagnostics
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = exc.problem or exc.context or "malformed YAML"
        return None, {}, [Diagnostic(path, line, "", "bad-yaml", f"malformed YAML: {problem}",
                                     "check indentation, and quote values that contain ': ' or start with a symbol")]
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return None, {}, [Diagnostic(path, first_line, "", "bad-yaml", f"malformed YAML: {exc}",
                                     "check the front matter's syntax")]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None, {}, [Diagnostic(path, first_line, "", "not-a-mapping",
                                     f"expected 'field: value' lines, got a {type(data).__name__}",
                                     "write one 'field: value' per line")]
    return data, lines, []


def _map_node_lines(
    node: yaml.Node, path: LinePath, first_line: int, file: str,
    lines: dict[LinePath, int], seen: set[int],
) -> list[Diagnostic]:
    """Record the line of every mapping key; refuse aliases and duplicate keys."""
    line = first_line + node.start_mark.line
    lines.setdefault(path, line)
    if id(node) in seen:
        return [Diagnostic(file, lines[path], dotted_path(path), "yaml-alias", "YAML aliases (*name) are not allowed",
                           "write the value out in full")]
    seen.add(id(node))
    diagnostics: list[Diagnostic] = []
    if isinstance(node, yaml.MappingNode):
        keys_seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            key_line = first_line + key_node.start_mark.line
            if key in keys_seen:
                diagnostics.append(Diagnostic(file, key_line, dotted_path(path + (key,)), "duplicate-key",
                                              f"field '{key}' appears twice", "keep one of them"))
                continue
            keys_seen.add(key)
            lines[path + (key,)] = key_line
            diagnostics += _map_node_lines(value_node, path + (key,), first_line, file, lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = first_line + item.start_mark.line
            diagnostics += _map_node_lines(item, path + (index,), first_line, file, lines, seen)
    return diagnostics


def dotted_path(path: LinePath) -> str:
    """Format a key path as ``a.b[0].c``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


