"""Herald: compile Markdown incident updates and pages into a static incident-communication site.

The core (load, validate, derive, render) imports nothing from MkDocs; the MkDocs plugin and the
``herald`` command are thin adapters around ``load_project`` and ``build_site``.
"""

from generator.content.settings import Settings
from generator.errors import Diagnostic
from generator.pipeline import Output, Project, build_site, load_project

__all__ = ["Diagnostic", "Output", "Project", "Settings", "build_site", "load_project"]
