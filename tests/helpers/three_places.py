"""One Markdown text put in an update, an FAQ answer and a knowledge-base page of a new project, built by herald."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ProjectFactory, update

INCIDENT = "2026-11-20-sample"
NOW = "2026-11-20T12:00:00+08:00"


def build_in_three_places(root: Path, text: str, faq: str, kb: str) -> Path:
    """Write ``text`` as an update of INCIDENT, as ``site_src/faq/<faq>.md`` and ``site_src/kb/<kb>.md``; build."""
    project = ProjectFactory(root)
    project.incident(INCIDENT, f"title: Sample\nimpact: major\ncomponents: [api]\nstarted_at: {NOW}",
                     updates={"2026-11-20T1200": update(NOW, "identified", body=text)})
    project.file(f"site_src/faq/{faq}.md", "---\nquestion: What should I do?\n---\n" + text)
    project.file(f"site_src/kb/{kb}.md", "---\ntitle: Sample article\n---\n" + text)
    environ = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    environ["HOME"] = str(root.parent / "home")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build", "--now", NOW],
                            capture_output=True, text=True, timeout=300, env=environ, cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"
