"""Every message id the code and the templates use is in every shipped catalog: extracted by the real
``pybabel extract`` (with Herald's template extractor), plus the ids formed from the model's values."""

from __future__ import annotations

import subprocess
import sys
import typing
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.content import crisis_schema
from generator.content.chain_formats import CHAINS
from generator.content.channel_check import RANK, REASONS
from generator.content.schema import ChannelIn
from generator.model import INCIDENT_STATUSES, MAINTENANCE_STATUSES, ComponentStatus, Impact, Kind
from generator.text import i18n
from tests.conftest import REPO

EXTRACT_KEYWORDS = ["-k", "translate:2", "-k", "t:1,1t", "-k", "t:2,2t", "-k", "translate_plural:2"]


def _literal_values(model: type, field: str) -> tuple[str, ...]:
    """The values a pydantic field's Literal type allows."""
    return typing.get_args(model.model_fields[field].annotation)


def formed_ids() -> set[str]:
    """Ids the code builds from a prefix and a value of the model (``'status.' + status``)."""
    families = {
        "status": INCIDENT_STATUSES + MAINTENANCE_STATUSES, "component": [s.value for s in ComponentStatus],
        "impact": [i.value for i in Impact], "kind": [k.value for k in Kind] + ["scam"],
        "indicator": ["none", "minor", "major", "critical", "maintenance"], "urgency": ["now", "soon", "optional"],
        "promise": ["kept", "late", "overdue", "pending"], "commitment": ["done", "missed", "overdue", "pending"],
        "chain": CHAINS, "help.kind": _literal_values(crisis_schema.HelpIn, "kind"),
        "evidence.kind": _literal_values(crisis_schema.EvidenceIn, "kind"),
        "verify.reason": REASONS, "verify.verdict": tuple(RANK),
    }
    ids = {f"{prefix}.{value}" for prefix, values in families.items() for value in values}
    return ids | {f"channel.{k}" for k in _literal_values(ChannelIn, "kind") if k in ("support", "press")}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    """Literal ids found by ``pybabel extract -F babel.cfg`` over the generator."""
    out = tmp_path_factory.mktemp("extract") / "herald.pot"
    run = subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                          "--no-default-keywords", *EXTRACT_KEYWORDS, "--omit-header", "-o", str(out), "."],
                         cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    with out.open("rb") as handle:
        ids = {m.id for m in read_po(handle) if m.id}
    prefixes = {i for i in ids if i.endswith(".")}
    assert {"status.", "component.", "indicator."} <= prefixes  # the extractor sees the computed ones too
    return (ids - prefixes) | formed_ids()


def catalog_ids(catalog: str) -> dict[str, object]:
    """Id -> translation (a tuple for plural entries) of one shipped catalog, translated entries only."""
    path = i18n.LOCALES_DIR / catalog / "LC_MESSAGES" / "herald.po"
    with path.open("rb") as handle:
        parsed = read_po(handle)
    out = {}
    for message in parsed:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key and (all(message.string) if isinstance(message.string, tuple) else message.string):
            out[key] = message.string
    return out


def test_the_template_extractor_finds_ids_in_templates(extracted: set[str]) -> None:
    # Only used from templates (h.t(...)): seen only if the template extractor ran.
    assert {"evidence.copy", "remedy.how", "feedback.title", "record.share"} <= extracted
    # Only used from Python.
    assert {"badge.status", "incident.status"} <= extracted


@pytest.mark.parametrize("catalog", i18n.shipped_catalogs())
def test_every_used_id_is_in_every_shipped_catalog(extracted: set[str], catalog: str) -> None:
    missing = sorted(extracted - set(catalog_ids(catalog)))
    assert not missing, f"{catalog} lacks {missing}"


def test_the_template_lists_every_id_of_the_english_catalog() -> None:
    with (i18n.LOCALES_DIR / "herald.pot").open("rb") as handle:
        template = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(handle) if m.id}
    assert template == set(catalog_ids("en"))


def test_a_missing_id_is_caught(extracted: set[str], tmp_path: Path) -> None:
    # The check above fails when a catalog lacks one id the code uses.
    english = catalog_ids("en")
    english.pop("status.identified")
    assert extracted - set(english) == {"status.identified"}


def test_shipped_catalogs_include_three_non_english_ones() -> None:
    assert {"en", "zh_Hans", "zh_Hant", "ja"} <= set(i18n.shipped_catalogs())
