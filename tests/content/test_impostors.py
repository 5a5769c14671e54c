"""``impostors:`` on scam warnings: checked (only on scam warnings, readable, never official), then used by
``herald verify-channel``, whose exit status says official (0) or not (1) and whose output is terminal-safe."""

from __future__ import annotations

import subprocess
import sys

from generator.pipeline import load_project
from tests.conftest import REPO, ProjectFactory, update

CHANNELS = """
channels:
  - kind: website
    name: Main website
    address: https://example.com
  - kind: social
    name: X
    address: "@ExampleStatus"
"""


def scam_warning(project: ProjectFactory, impostors: str, scam: bool = True) -> None:
    project.file("herald.yml", (project.root / "herald.yml").read_text() + CHANNELS)
    project.incident("2026-11-20-fakes", f"""
        title: Fake support accounts
        kind: notice
        started_at: 2026-11-20T07:30:00+08:00
        scam_warning: {'true' if scam else 'false'}
        impostors:
        {impostors}
        """, updates={"2026-11-20T0730": update("2026-11-20T07:30:00+08:00", "identified")})


def errors(project: ProjectFactory) -> list[tuple[str, int, str, str]]:
    loaded = load_project(project.root, lambda pinned: __import__("datetime").datetime.fromisoformat(
        "2026-11-21T12:00:00+08:00"))
    return [(d.path, d.line, d.field, d.code) for d in loaded.diagnostics if d.severity.name == "ERROR"]


def test_listed_impostors_load(project: ProjectFactory) -> None:
    scam_warning(project, "  domains: [example-refund.com]\n          handles: ['@ExampleSupport']")
    assert errors(project) == []


def test_impostors_only_on_a_scam_warning(project: ProjectFactory) -> None:
    scam_warning(project, "  domains: [example-refund.com]", scam=False)
    assert [e[3] for e in errors(project)] == ["impostors-not-scam-warning"]


def test_an_official_channel_cannot_be_listed_as_impostor(project: ProjectFactory) -> None:
    scam_warning(project, "  domains: [example-refund.com, www.example.com]\n          handles: ['@examplestatus']")
    found = errors(project)
    assert [(e[2], e[3]) for e in found] == [("impostors.domains[1]", "bad-impostor"),
                                            ("impostors.handles[0]", "bad-impostor")]
    assert all(e[1] > 0 for e in found)


def test_an_impostor_of_the_wrong_kind_is_refused(project: ProjectFactory) -> None:
    scam_warning(project, "  addresses: [example-refund.com]")
    assert [(e[2], e[3]) for e in errors(project)] == [("impostors.addresses[0]", "bad-impostor")]


def run(root, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "verify-channel", *args,
                           "--now", "2026-11-21T12:00:00+08:00"], capture_output=True, text=True, timeout=120)


def test_verify_channel_exits_0_only_for_official(project: ProjectFactory) -> None:
    scam_warning(project, "  domains: [example-refund.com]")
    official = run(project.root, "HTTPS://WWW.Example.com/")
    assert official.returncode == 0 and official.stdout.startswith("verdict: Official (official)")
    impostor = run(project.root, "https://example-refund.com/claim")
    assert impostor.returncode == 1 and "(impostor)" in impostor.stdout
    assert "Fake support accounts" in impostor.stdout
    assert "https://status.example.com/incidents/2026-11-20-fakes/" in impostor.stdout
    lookalike = run(project.root, "https://exаmple.com")
    assert lookalike.returncode == 1 and "look-alike letters" in lookalike.stdout


def test_verify_channel_output_is_terminal_safe_and_localised(project: ProjectFactory) -> None:
    scam_warning(project, "  domains: [example-refund.com]")
    hostile = run(project.root, "https://evil.io/\x1b]0;owned\x07\u202e")
    assert hostile.returncode == 1 and "\x1b" not in hostile.stdout and "\u202e" not in hostile.stdout
    chinese = run(project.root, "example.io", "--lang", "zh")
    assert chinese.returncode == 1 and "不是我们的" in chinese.stdout


def test_the_demo_names_its_impostors() -> None:
    result = run(REPO, "t.me/larkspur_refund_desk")
    assert result.returncode == 1 and "(impostor)" in result.stdout


def test_channels_page_scam_warning_and_footer_link_to_verify(project: ProjectFactory) -> None:
    from datetime import datetime

    from generator.pipeline import build_site

    scam_warning(project, "  domains: [example-refund.com]")
    loaded = load_project(project.root, lambda pinned: datetime.fromisoformat("2026-11-21T12:00:00+08:00"))
    output = build_site(loaded)
    pages = output.status_pages
    assert 'href="../verify/"' in pages["official-channels/index.md"].html
    assert 'href="../../zh/verify/"' in pages["zh/official-channels/index.md"].html  # links go through the root
    assert 'href="../../verify/"' in pages["incidents/2026-11-20-fakes/index.md"].html
    assert 'href="verify/"' in pages["index.md"].html  # the scam warning's card on the home page
    assert [output.footer[lang]["verify_url"] for lang in ("en", "zh")] == ["verify/", "zh/verify/"]
    verify = pages["verify/index.md"].html
    assert "example-refund.com" in verify and "@ExampleStatus" in verify
