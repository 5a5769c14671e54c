"""Herald: compile Markdown incident updates and pages into a static incident-communication site.

The package face: the few names an integrator needs. ``load_project`` reads and checks a project at a
given now; ``build_site`` turns it into pages and outputs in memory; nothing here writes a file. The
stages live in ``text``, ``content``, ``state``, ``site``, ``outputs`` and ``authoring``; ``adapters``
holds the command line, the MkDocs plugin and everything that writes to disk (see ARCHITECTURE.md).

The names are imported on first use, so importing one stage does not load the whole pipeline.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_FACE = {"load_project": "generator.pipeline", "build_site": "generator.pipeline", "Project": "generator.pipeline",
         "Output": "generator.pipeline", "Diagnostic": "generator.errors", "Severity": "generator.errors",
         "Settings": "generator.content.settings"}

__all__ = sorted(_FACE)


def __getattr__(name: str) -> Any:
    """Import a face name from its stage module when it is first asked for."""
    if name not in _FACE:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    return getattr(import_module(_FACE[name]), name)
