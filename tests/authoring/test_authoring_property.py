"""Property: whatever the options, ``herald update`` either writes one file that ``herald check`` accepts,
or writes nothing and says why."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.content.frontmatter import parse_front_matter
from generator.model import INCIDENT_STATUSES, MAINTENANCE_STATUSES
from generator.text.yamltext import document
from tests.conftest import ProjectFactory, add_outage
from tests.authoring.test_authoring import DOWN, herald, snapshot

STATUSES = list(INCIDENT_STATUSES)
BAD_STATUSES = list(MAINTENANCE_STATUSES) + ["resovled", "Monitoring", "in-progress", ""]
COMPONENTS = ["withdrawals", "deposits", "api"]
BAD_COMPONENTS = ["withdrawls", "Withdrawals", "nope", ""]
COMPONENT_STATUSES = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance",
                      "partial-outage", "Major Outage"]
BAD_COMPONENT_STATUSES = ["down", "", "partial"]
NEXTS = ["30m", "2h", "1h30m", "1d", "2026-11-21T10:00:00Z", "2027-06-01T00:00:00+00:00"]
BAD_NEXTS = ["0m", "9999d", "2x", "soon", "-1h", "2026-11-20T10:00:00+08:00", "2026-11-21T10:00:00"]
TIMES = ["2026-11-20T11:00:00+08:00", "2026-11-20T03:00:00Z", "2026-11-21T00:00:00-05:00", "2026-11-20T07:00:00+08:00"]


def mostly(good: list[str], bad: list[str]) -> st.SearchStrategy[str]:
    """Usually a valid value; sometimes a misspelt or arbitrary one."""
    return st.integers(0, 9).flatmap(lambda n: st.sampled_from(good) if n < 8 else
                                     st.sampled_from(bad) if n == 8 else st.text(max_size=12))


def pairs(keys: st.SearchStrategy[str], values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``key=value`` options (sometimes with the wrong separator)."""
    separator = st.integers(0, 9).map(lambda n: "=" if n < 9 else ":")
    return st.builds(lambda k, v, sep: f"{k}{sep}{v}", keys, values, separator)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The outage project, copied afresh for every example."""
    root = tmp_path_factory.mktemp("base")
    add_outage(ProjectFactory(root))
    return root


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(status=st.one_of(st.none(), mostly(STATUSES, BAD_STATUSES)),
       components=st.lists(pairs(mostly(COMPONENTS, BAD_COMPONENTS), mostly(COMPONENT_STATUSES, BAD_COMPONENT_STATUSES)),
                           max_size=3),
       next_update=st.one_of(st.none(), mostly(NEXTS, BAD_NEXTS)),
       facts=st.lists(pairs(mostly(["amount"], ["amont", "new"]), st.text(max_size=20)), max_size=2),
       message=st.one_of(st.text(min_size=1, max_size=200), st.sampled_from([
           "---\nstatus: resolved\n---\n", "# Title\n\n* item", "\x00", "\ufeffBOM", "a\r\nb", "   ", "<script>x</script>"])),
       lang=st.sampled_from([None] * 6 + ["en", "zh", "fr"]),
       now=st.sampled_from(TIMES))
def test_update_never_writes_a_file_check_rejects(base: Path, status, components, next_update, facts, message, lang,
                                                  now) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary) / "site"
        shutil.copytree(base, root)
        before = snapshot(root)
        args = ["update", DOWN, "--message", message, "--now", now]
        args += ["--status", status] if status is not None else []
        args += [f"--component={c}" for c in components] + [f"--fact={f}" for f in facts]
        args += ["--next", next_update] if next_update is not None else []
        args += ["--lang", lang] if lang is not None else []
        result = herald(root, *args)
        after = snapshot(root)
        event("written" if result.exit_code == 0 else "refused: " + result.stderr.partition(": ")[2][:24])
        if result.exit_code == 0:
            added = sorted(set(after) - set(before))
            assert len(added) == 1 and {k: v for k, v in after.items() if k in before} == before
            check = herald(root, "check", "--now", "2026-11-30T00:00:00+08:00")
            assert check.exit_code == 0, (args, check.stderr, after[added[0]].decode())
        else:
            assert after == before, args
            assert result.exit_code in (1, 2) and result.stderr.strip(), args
            assert "Traceback" not in result.output


@settings(max_examples=300, deadline=None)
@given(text=st.text(), body=st.text())
def test_front_matter_text_reads_back_exactly(text: str, body: str) -> None:
    written = document({"title": text, "facts": {"f": {"value": text}}, "components": [text]}, body)
    front, diagnostics = parse_front_matter(written, "x.md")
    assert front is not None, diagnostics
    assert front.meta == {"title": text, "facts": {"f": {"value": text}}, "components": [text]}
    assert front.body.strip("\n") == body.strip("\n") or not body.strip()
