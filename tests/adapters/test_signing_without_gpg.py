"""A machine without GnuPG: the demo (whose key is public anyway) still builds, unsigned and saying so; a site
given a real key through HERALD_SIGNING_KEY refuses to publish unsigned."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gates.test_workflows import project_copy



@pytest.fixture
def without_gpg(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the demo, and an environment whose PATH has Python and git but no gpg."""
    project = project_copy(tmp_path / "demo")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, target in (("python3", sys.executable), ("git", shutil.which("git"))):
        (bin_dir / name).symlink_to(target)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path / "home"), "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    return project, env


def build(project: Path, env: dict[str, str], site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build", "--site-dir",
                           str(site)], cwd=project, env=env, capture_output=True, text=True, timeout=600)


def test_the_demo_builds_unsigned_and_says_so(without_gpg, tmp_path: Path) -> None:
    project, env = without_gpg
    result = build(project, env, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "GnuPG (gpg) is not installed, so the demo is published unsigned" in result.stderr
    assert not (tmp_path / "site" / "statements").exists() and not (tmp_path / "site" / "signing-key.asc").exists()


def test_a_real_key_without_gnupg_is_refused_and_nothing_is_published(without_gpg, tmp_path: Path) -> None:
    project, env = without_gpg
    result = build(project, {**env, "HERALD_SIGNING_KEY": "-----BEGIN PGP PRIVATE KEY BLOCK-----"}, tmp_path / "site")
    assert result.returncode == 1
    assert "HERALD_SIGNING_KEY: GnuPG (gpg) is not installed" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_announcements_link_no_statement_when_the_build_could_not_sign(without_gpg, tmp_path: Path) -> None:
    project, env = without_gpg
    update = "incidents/2026-11-20-hot-wallet-theft/2026-11-20T0620.md"
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "announce", "--dry-run",
                             "--only", str(project / update)], cwd=project, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    assert "would send 2026-11-20-hot-wallet-theft/2026-11-20T0620/email-en/en" in result.stdout
    assert "statements/" not in result.stdout  # the demo was built unsigned here: no statement to link
    signed = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "announce", "--dry-run",
                             "--only", str(project / update)], cwd=project, capture_output=True, text=True,
                            timeout=600, env={**os.environ, "HOME": env["HOME"]})
    assert "statements/2026-11-20-hot-wallet-theft/2026-11-20T0620.en.asc" in signed.stdout  # with GnuPG it is
