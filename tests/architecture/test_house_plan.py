"""The house plan holds: stage packages whose imports flow one way, no import circles, only adapters touch
MkDocs, click or the file system for writing, every module says its job, and modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "generator"
LAYERS = {"model": 0, "errors": 0, "text": 0, "content": 1, "state": 2, "site": 3, "outputs": 4, "authoring": 4,
          "pipeline": 5, "adapters": 6, "__main__": 7}
"""A module may import modules of its own layer or below (``__init__`` is the package face, imported lazily)."""
ADAPTER_ONLY_IMPORTS = {"click", "mkdocs", "material"}
WRITING_CALLS = {"write_text", "write_bytes", "mkdir", "rename", "replace", "rmtree", "unlink", "link", "mkstemp",
                 "mkdtemp", "symlink_to", "touch", "makedirs", "rmdir", "copyfile", "copytree", "move"}


def modules() -> dict[str, Path]:
    """``generator.content.load`` -> its file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports (anywhere in the file, function bodies included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import; the house uses absolute generator.* imports"
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in known else node.module)
    return {name for name in found if name in known}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(path, set(found)) - {name} for name, path in found.items()}


def layer(name: str) -> int:
    parts = name.split(".")
    return LAYERS[parts[1]] if len(parts) > 1 else -1


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_circle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles() -> None:
    edges = {name: targets - {"generator"} for name, targets in graph().items() if name != "generator"}
    assert len(edges) > 40
    assert cycles(edges) == []


def test_imports_flow_one_way() -> None:
    wrong = sorted(f"{name} -> {target}" for name, targets in graph().items() if name != "generator"
                   for target in targets if target != "generator" and layer(target) > layer(name))
    assert wrong == []


def test_every_module_sits_in_a_stage_package() -> None:
    unplaced = sorted(name for name in modules() if name != "generator" and name.split(".")[1] not in LAYERS)
    assert unplaced == []


def external_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def is_adapter(name: str) -> bool:
    return name.startswith("generator.adapters") or name == "generator.__main__"


def test_only_adapters_import_click_or_mkdocs() -> None:
    offenders = sorted(name for name, path in modules().items() if not is_adapter(name)
                       and external_imports(path) & ADAPTER_ONLY_IMPORTS)
    assert offenders == []


def writing_calls(path: Path) -> list[str]:
    """Calls that create, change or remove files, and ``open`` in a writing mode."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        if name == "link" and not (isinstance(receiver, ast.Name) and receiver.id == "os"):
            continue  # a feed's or a helper's link(), not os.link
        if name in WRITING_CALLS and not (name == "replace" and not _is_file_replace(node)):
            found.append(f"{name} (line {node.lineno})")
        if name == "open":
            modes = [a.value for a in node.args[1:2] + [k.value for k in node.keywords if k.arg == "mode"]
                     if isinstance(a, ast.Constant)]
            if any(set(str(mode)) & set("wax+") for mode in modes):
                found.append(f"open for writing (line {node.lineno})")
    return found


def _is_file_replace(node: ast.Call) -> bool:
    """``os.replace(a, b)`` or ``path.replace(target)``, not ``str.replace(old, new)`` nor ``replace(x, field=...)``."""
    receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
    if isinstance(receiver, ast.Name) and receiver.id == "os":
        return True
    return receiver is not None and len(node.args) == 1 and not node.keywords


def test_the_write_detector_sees_writes(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom pathlib import Path\nPath('x').write_text('y')\nos.replace('a', 'b')\n"
                      "open('f', 'w')\n'abc'.replace('a', 'b')\nopen('g')\nmoment.replace(microsecond=0)\n"
                      "Path('t').replace(Path('u'))\n", encoding="utf-8")
    assert writing_calls(sample) == ["write_text (line 3)", "replace (line 4)", "open for writing (line 5)",
                                     "replace (line 9)"]


def test_only_adapters_write_files() -> None:
    offenders = {name: calls for name, path in modules().items() if not is_adapter(name)
                 and (calls := writing_calls(path))}
    assert offenders == {}


def test_every_module_says_its_job() -> None:
    missing = sorted(name for name, path in modules().items() if not ast.get_docstring(ast.parse(path.read_text())))
    assert missing == []


@pytest.mark.parametrize("limit_lines,limit_function", [(400, 60)])
def test_modules_and_functions_stay_small(limit_lines: int, limit_function: int) -> None:
    long_modules = sorted(name for name, path in modules().items()
                          if len(path.read_text(encoding="utf-8").splitlines()) > limit_lines)
    long_functions = sorted(f"{name}.{node.name}" for name, path in modules().items()
                            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                            if isinstance(node, ast.FunctionDef) and node.end_lineno - node.lineno + 1 > limit_function)
    assert long_modules == [] and long_functions == []


def test_the_readme_table_names_every_module_of_each_folder() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    rows = {row.split("|")[1].strip().strip("`").rstrip("/"): row for row in section.splitlines()
            if row.startswith("| `")}
    missing = []
    for name in modules():
        parts = name.split(".")
        if len(parts) == 3 and parts[2] != "__init__":
            row = rows.get(parts[1], "")
            if f"`{parts[2]}`" not in row:
                missing.append(name)
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert missing == [] and packages <= set(rows)
