"""Read ``mkdocs.yml`` safely before MkDocs does: refuse the YAML tags that run Python code.

MkDocs loads its configuration with a loader that honours ``!!python/object/apply:...`` and the
like, so a pull request or a CMS edit to ``mkdocs.yml`` could run code on the build machine.
``herald check`` and ``herald build`` read the file first with a safe loader (composing nodes,
never constructing objects) and refuse every ``python/`` tag with its line, and ``hooks:`` (Python
files MkDocs runs). MkDocs' own ``!ENV`` and ``!relative`` tags are allowed.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import Diagnostic

CONFIG_NAME = "mkdocs.yml"
PYTHON_TAG = "tag:yaml.org,2002:python/"


def check_mkdocs_yaml(root: Path, name: str = CONFIG_NAME) -> list[Diagnostic]:
    """Diagnostics for Python tags (and unreadable YAML) in ``root/name``; none when the file is absent."""
    path = root / name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        return [Diagnostic(name, 0, "", "unreadable", f"cannot read the file: {exc}", "save it as UTF-8 text")]
    try:
        nodes = list(yaml.compose_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return [Diagnostic(name, (mark.line + 1) if mark else 1, "", "bad-yaml",
                           f"malformed YAML: {exc.problem or exc.context or 'syntax error'}",
                           "check the indentation and quoting")]
    except yaml.YAMLError as exc:
        return [Diagnostic(name, 1, "", "bad-yaml", f"malformed YAML: {exc}", "check the file's syntax")]
    found = _hooks(nodes, name) + [Diagnostic(name, node.start_mark.line + 1, "", "python-tag",
                        f"the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' would run Python code when "
                        "MkDocs loads this file", "remove it: Herald refuses mkdocs.yml files that can run code")
             for document in nodes for node in _walk(document) if node.tag.startswith(PYTHON_TAG)]
    return sorted(found, key=lambda diagnostic: diagnostic.line)


def _hooks(documents: list[yaml.Node], name: str) -> list[Diagnostic]:
    """``hooks:`` makes MkDocs run Python files named in the configuration: refused like Python tags."""
    out = []
    for document in documents:
        if isinstance(document, yaml.MappingNode):
            out += [Diagnostic(name, key.start_mark.line + 1, "hooks", "python-hooks",
                               "'hooks' makes MkDocs run Python files when it loads this configuration",
                               "remove it; code belongs in an installed MkDocs plugin, not in a file a pull request "
                               "can change") for key, _ in document.value if getattr(key, "value", None) == "hooks"]
    return out


def _walk(node: yaml.Node | None):
    """Every node of a composed document (aliases point at nodes already seen, so each is visited once)."""
    pending, seen = [node] if node is not None else [], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                pending.extend((key, value))


def theme_folder(root: Path, name: str = CONFIG_NAME) -> Path | None:
    """The theme folder ``root/name`` names (``theme: custom_dir:``), relative to ``root``; None when it names none.

    Read from composed nodes, so MkDocs' own tags (``!ENV``) need no constructor; a value that is not plain
    text (a tag, a list) names no folder.
    """
    try:
        documents = list(yaml.compose_all((root / name).read_text(encoding="utf-8-sig"),
                                          Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    for document in documents:
        theme = _value(document, "theme")
        folder = _value(theme, "custom_dir") if theme is not None else None
        if isinstance(folder, yaml.ScalarNode) and folder.tag == "tag:yaml.org,2002:str" and folder.value:
            return root / folder.value
    return None


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value under ``key`` of a mapping node, or None."""
    if isinstance(node, yaml.MappingNode):
        for name, value in node.value:
            if getattr(name, "value", None) == key:
                return value
    return None
