"""The publishing guide is a page of the site in both languages and explains every status and field."""

from __future__ import annotations

import pytest

from generator.pipeline import build_site, load_project
from generator.model import INCIDENT_STATUSES, MAINTENANCE_STATUSES, ComponentStatus
from generator.content.schema import IncidentIn, UpdateIn
from tests.conftest import REPO


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    project = load_project(REPO)
    assert project.ok
    output = build_site(project)
    return {path: page.html for path, page in output.source_pages.items() if path.endswith("guide/index.md")}


def test_guide_exists_in_both_languages(pages: dict[str, str]) -> None:
    assert set(pages) == {"guide/index.md", "zh/guide/index.md"}
    assert "Post an update from the web editor" in pages["guide/index.md"]
    assert "通过网页编辑器发布更新" in pages["zh/guide/index.md"]


@pytest.mark.parametrize("path", ["guide/index.md", "zh/guide/index.md"])
def test_guide_explains_every_status_and_field(pages: dict[str, str], path: str) -> None:
    text = pages[path]
    words = list(INCIDENT_STATUSES + MAINTENANCE_STATUSES) + [s.value for s in ComponentStatus]
    words += [f for f in IncidentIn.model_fields if f not in ("scam_warning",)] + list(UpdateIn.model_fields)
    missing = [word for word in words if f"<code>{word}" not in text]
    assert missing == []
    for command in ("herald update", "herald resolve", "herald new", "herald list", "--lang zh"):
        assert command in text
