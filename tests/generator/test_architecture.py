"""The core stays independent of MkDocs: only the adapters import it."""

from __future__ import annotations

import ast
from pathlib import Path

ADAPTERS = {"mkdocs_plugin.py", "mkdocs_runner.py", "cli.py", "cli_authoring.py"}
PACKAGE = Path(__file__).resolve().parents[2] / "generator"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_modules_do_not_import_mkdocs() -> None:
    core = [p for p in PACKAGE.rglob("*.py") if p.name not in ADAPTERS]
    assert len(core) > 10
    offenders = sorted(p.name for p in core if "mkdocs" in imported_modules(p) or "material" in imported_modules(p))
    assert offenders == []


def test_every_module_says_its_job() -> None:
    missing = sorted(p.name for p in PACKAGE.rglob("*.py") if not ast.get_docstring(ast.parse(p.read_text())))
    assert missing == []
