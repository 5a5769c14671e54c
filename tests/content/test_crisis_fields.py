"""The crisis fields of an incident (help, remedies, on-chain evidence, authorities told, claims): every mistake is
reported with its file, line and field, and a serious incident that says nowhere where to get help is a warning."""

from __future__ import annotations

from datetime import datetime, timezone

from generator.errors import Severity
from generator.pipeline import load_project
from tests.conftest import ProjectFactory, update

NOW = datetime(2026, 11, 21, 0, 0, tzinfo=timezone.utc)
FOLDER = "incidents/2026-11-20-theft"
HEAD = """
title: Funds taken
impact: critical
components: [withdrawals]
started_at: 2026-11-20T03:00:00+08:00
"""
GOOD_ETH = "0x630017B6caC990483478639E452f984181F93223"  # EIP-55 checksummed
GOOD_TX = "0x2bd78cb076d24795c9488deac31fbe487e082b252e54c416c4630744e821864b"


def incident(project: ProjectFactory, extra: str) -> None:
    """A critical incident whose front matter ends with ``extra`` (YAML), with one update."""
    project.incident("2026-11-20-theft", HEAD + extra, updates={
        "2026-11-20T0400": update("2026-11-20T04:00:00+08:00", "investigating")})


def found(project: ProjectFactory, severity: Severity = Severity.ERROR):
    """Diagnostics of one severity."""
    loaded = load_project(project.root, lambda pinned: NOW)
    return [d for d in loaded.diagnostics if d.severity is severity]


def only_error(project: ProjectFactory):
    errors = found(project)
    assert len(errors) == 1, [d.format() for d in errors]
    return errors[0]


def line_of(project: ProjectFactory, text: str) -> int:
    """The 1-based line of ``text`` in the incident file."""
    lines = (project.root / FOLDER / "incident.md").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_a_mistyped_ethereum_address_is_caught_by_its_checksum(project: ProjectFactory) -> None:
    wrong = GOOD_ETH[:-1] + "4"  # one character off: the EIP-55 mixed-case checksum no longer matches
    incident(project, f"""evidence:
  attacker:
    chain: ethereum
    kind: attacker-address
    address: "{wrong}"
""")
    error = only_error(project)
    assert error.path == f"{FOLDER}/incident.md"
    assert error.field == "evidence.attacker.address"
    assert error.line == line_of(project, wrong)
    assert "checksum" in error.message and "Ethereum" in error.message


def test_an_address_of_the_wrong_shape_says_what_was_expected(project: ProjectFactory) -> None:
    incident(project, """evidence:
  attacker:
    chain: tron
    kind: attacker-address
    address: "0x630017B6caC990483478639E452f984181F93223"
""")
    error = only_error(project)
    assert error.field == "evidence.attacker.address"
    assert "Tron address" in error.message and "T and 33 Base58" in error.message


def test_an_unknown_chain_lists_the_known_ones(project: ProjectFactory) -> None:
    incident(project, f"""evidence:
  attacker:
    chain: etherium
    kind: attacker-address
    address: "{GOOD_ETH}"
""")
    error = only_error(project)
    assert error.field == "evidence.attacker.chain"
    assert error.line == line_of(project, "etherium")
    assert "ethereum" in error.message + (error.hint or "") and "solana" in error.message + (error.hint or "")


def test_evidence_needs_exactly_one_of_address_and_transaction(project: ProjectFactory) -> None:
    incident(project, f"""evidence:
  both:
    chain: ethereum
    kind: theft
    address: "{GOOD_ETH}"
    transaction: "{GOOD_TX}"
""")
    error = only_error(project)
    assert error.field.startswith("evidence.both")
    assert "exactly one of 'address' and 'transaction'" in error.message


def test_a_remedy_without_eligibility_names_the_missing_field(project: ProjectFactory) -> None:
    incident(project, """commitments:
  refund:
    text: Refund the fees.
    due: 2026-11-30T23:59:00+08:00
    remedy:
      what: The fee.
      how_to_claim: Nothing to do.
""")
    error = only_error(project)
    assert error.path == f"{FOLDER}/incident.md"
    assert error.field == "commitments.refund.remedy.eligibility"
    assert error.line == line_of(project, "remedy:")
    assert "required" in error.message.lower() or "missing" in error.message.lower()


def test_help_address_must_fit_its_kind(project: ProjectFactory) -> None:
    incident(project, """help:
  mail:
    kind: email
    address: https://example.com/support
""")
    error = only_error(project)
    assert error.field == "help.mail.address"
    assert "e-mail address" in error.message


def test_a_disclosure_needs_a_time_with_offset(project: ProjectFactory) -> None:
    incident(project, """disclosures:
  police:
    authority: City Police
    notified: 2026-11-20T07:30:00
""")
    error = only_error(project)
    assert error.field == "disclosures.police.notified"
    assert error.line == line_of(project, "notified:")


def test_every_crisis_mistake_is_reported_in_one_run(project: ProjectFactory) -> None:
    incident(project, """evidence:
  a: {chain: bitcoin, kind: attacker-address, address: bc1qnotanaddress}
  b: {chain: solana, kind: theft, transaction: "abc"}
claims:
  rumour: {claim: They are insolvent.}
""")
    fields = sorted(d.field for d in found(project))
    assert fields == ["claims.rumour.fact", "evidence.a.address", "evidence.b.transaction"]


def test_valid_crisis_fields_load_into_the_model(project: ProjectFactory) -> None:
    incident(project, f"""help:
  form: {{kind: form, address: "https://example.com/claims", hours: "08:00-22:00"}}
evidence:
  attacker: {{chain: ethereum, kind: attacker-address, address: "{GOOD_ETH}", amount: 1 ETH}}
  btc: {{chain: bitcoin, kind: proof-of-reserves, address: bc1q9wfntadq9c3qql9kvnwcxlmr66snqzpc0q896e}}
  tron: {{chain: tron, kind: frozen-funds, address: TLvcdkipbM7guQX51RpYHFDLRyYW9kNiEZ}}
disclosures:
  police: {{authority: City Police, notified: "2026-11-20T07:30:00+08:00", reference: A-1}}
claims:
  rumour: {{claim: They are insolvent., fact: Reserves are whole.}}
commitments:
  refund:
    text: Refund the fees.
    due: 2026-11-30T23:59:00+08:00
    remedy: {{eligibility: Everyone., what: The fee., how_to_claim: Nothing to do.}}
""")
    loaded = load_project(project.root, lambda pinned: NOW)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    theft = loaded.content.incidents[0]
    assert [e.chain for e in theft.evidence] == ["ethereum", "bitcoin", "tron"]
    assert theft.help[0].hours == {"en": "08:00-22:00"}
    assert theft.disclosures[0].notified.utcoffset().total_seconds() == 8 * 3600
    assert theft.commitments[0].remedy.eligibility == {"en": "Everyone."}
    assert theft.claims[0].fact == {"en": "Reserves are whole."}


def test_translations_of_crisis_fields_are_attached_by_key(project: ProjectFactory) -> None:
    incident(project, """help:
  mail: {kind: email, address: help@example.com, subject: Theft}
claims:
  rumour: {claim: They are insolvent., fact: Reserves are whole.}
""")
    project.file(f"{FOLDER}/incident.zh.md", "---\ntitle: 资金被盗\nhelp:\n  mail: {subject: 被盗事件}\n"
                                            "claims:\n  rumour: {claim: 已破产。, fact: 储备完整。}\n---\n摘要。\n")
    theft = load_project(project.root, lambda pinned: NOW).content.incidents[0]
    assert theft.help[0].subject == {"en": "Theft", "zh": "被盗事件"}
    assert theft.claims[0].fact == {"en": "Reserves are whole.", "zh": "储备完整。"}


def test_a_critical_incident_with_nowhere_to_ask_is_a_warning(project: ProjectFactory) -> None:
    incident(project, "")
    warnings = [d for d in found(project, Severity.WARNING) if d.code == "no-help"]
    assert len(warnings) == 1
    assert warnings[0].path == f"{FOLDER}/incident.md" and warnings[0].field == "help"
    assert "support" in warnings[0].hint


def test_no_warning_with_a_help_entry_or_a_support_channel(project: ProjectFactory) -> None:
    incident(project, "help:\n  mail: {kind: email, address: help@example.com}\n")
    assert not [d for d in found(project, Severity.WARNING) if d.code == "no-help"]
    incident(project, "")
    config = (project.root / "herald.yml").read_text(encoding="utf-8")
    project.file("herald.yml", config + "channels:\n  - kind: support\n    name: {en: Help}\n"
                                        "    address: help@example.com\n")
    assert not [d for d in found(project, Severity.WARNING) if d.code == "no-help"]


def test_a_minor_incident_without_help_is_not_warned(project: ProjectFactory) -> None:
    project.incident("2026-11-20-theft", HEAD.replace("critical", "minor"), updates={
        "2026-11-20T0400": update("2026-11-20T04:00:00+08:00", "investigating")})
    assert not [d for d in found(project, Severity.WARNING) if d.code == "no-help"]
