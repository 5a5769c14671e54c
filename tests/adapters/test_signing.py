"""Signed updates with a throwaway key made in a temporary GnuPG home: every update's statement verifies with
plain ``gpg --verify`` (and with ``herald verify``), one changed character fails, two builds are byte-identical,
an unsigned build publishes no signature and says so once, and an unusable key is a clear error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ProjectFactory, add_outage

NOW = "2026-11-21T12:00:00+08:00"
UID = "Example Status (test key) <status@example.com>"


def gpg(home: Path, *args: str, data: str | None = None) -> subprocess.CompletedProcess:
    """Plain GnuPG in ``home``."""
    return subprocess.run(["gpg", "--batch", "--homedir", str(home), *args], input=data, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "GNUPGHOME": str(home)})


@pytest.fixture(scope="module")
def throwaway_key(tmp_path_factory) -> tuple[str, str, str]:
    """(fingerprint, armored secret key, armored public key) of an ed25519 key dated 2026-01-01."""
    home = tmp_path_factory.mktemp("gpg")
    home.chmod(0o700)
    made = gpg(home, "--passphrase", "", "--pinentry-mode", "loopback", "--faked-system-time", "20260101T000000!",
               "--quick-gen-key", UID, "ed25519", "sign", "never")
    assert made.returncode == 0, made.stderr
    listing = gpg(home, "--with-colons", "--list-secret-keys").stdout
    fingerprint = next(line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr"))
    secret = gpg(home, "--armor", "--export-secret-keys", fingerprint).stdout
    public = gpg(home, "--armor", "--export", fingerprint).stdout
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], env={**os.environ, "GNUPGHOME": str(home)}, timeout=30)
    return fingerprint, secret, public


def build(root: Path, target: Path, key: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "HERALD_SIGNING_KEY"}
    if key is not None:
        env["HERALD_SIGNING_KEY"] = key
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build", "--now", NOW,
                           "--site-dir", str(target)], capture_output=True, text=True, timeout=600, env=env)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def signed_site(tmp_path_factory, throwaway_key) -> tuple[Path, Path]:
    """A project with incidents, built signed with the throwaway key: (project, site)."""
    root = tmp_path_factory.mktemp("project")
    add_outage(ProjectFactory(root))
    site = root.parent / "site-signed"
    result = build(root, site, throwaway_key[1])
    assert result.returncode == 0, result.stderr
    assert "unsigned" not in result.stderr
    return root, site


def test_every_statement_verifies_with_plain_gpg_and_one_changed_character_fails(signed_site, throwaway_key,
                                                                                  tmp_path) -> None:
    root, site = signed_site
    home = tmp_path / "g"
    home.mkdir(mode=0o700)
    assert gpg(home, "--import", data=throwaway_key[2]).returncode == 0
    statements = sorted((site / "statements").rglob("*.asc"))
    assert {p.name.rsplit(".", 2)[1] for p in statements} == {"en", "zh"}
    updates = [p for p in (root / "incidents").rglob("2026-*.md") if p.name.count(".") == 1]
    assert len(statements) == 2 * len(updates) > 0  # every update, in each of the two languages
    for path in statements:
        good = gpg(home, "--verify", str(path))
        assert good.returncode == 0 and "Good signature" in good.stderr, (path, good.stderr)
        text = path.read_text(encoding="utf-8")
        body_start = text.index("\n\n") + 2
        position = text.index("Status", body_start) if "Status" in text else body_start + 5
        changed = tmp_path / path.name
        changed.write_text(text[:position] + ("X" if text[position] != "X" else "Y") + text[position + 1:],
                           encoding="utf-8")
        bad = gpg(home, "--verify", str(changed))
        assert bad.returncode != 0 and "BAD signature" in bad.stderr, (path, bad.stderr)
    assert (site / "signing-key.asc").read_text() == throwaway_key[2]


def test_the_statement_says_what_the_update_says(signed_site) -> None:
    _, site = signed_site
    text = (site / "statements/2026-11-20-withdrawals-down/2026-11-20T0830.en.asc").read_text(encoding="utf-8")
    assert "Incident: Withdrawals are down" in text
    assert "Time: 2026-11-20T08:30:00+08:00" in text
    assert "https://status.example.com/incidents/2026-11-20-withdrawals-down/#update-2026-11-20T0830" in text
    page = (site / "incidents/2026-11-20-withdrawals-down/index.html").read_text(encoding="utf-8")
    assert "../../statements/2026-11-20-withdrawals-down/2026-11-20T0830.en.asc" in page
    feed = (site / "feed.atom").read_text(encoding="utf-8")
    assert "statements/2026-11-20-withdrawals-down/2026-11-20T0830.en.asc" in feed
    security = (site / ".well-known/security.txt").read_text() if (site / ".well-known/security.txt").exists() else ""
    channels = (site / "official-channels/index.html").read_text(encoding="utf-8")
    assert "signing-key.asc" in channels and security == "" or "Encryption:" in security


def test_two_signed_builds_are_byte_identical(signed_site, throwaway_key, tmp_path) -> None:
    root, site = signed_site
    again = build(root, tmp_path / "again", throwaway_key[1])
    assert again.returncode == 0, again.stderr
    assert tree(tmp_path / "again") == tree(site)


def test_herald_verify_names_the_update_and_refuses_a_changed_copy(signed_site, throwaway_key, tmp_path) -> None:
    root, site = signed_site
    key = tmp_path / "key.asc"
    key.write_text(throwaway_key[2])
    path = site / "statements/2026-11-20-withdrawals-down/2026-11-20T0830.zh.asc"
    run = [sys.executable, "-m", "generator", "--root", str(root), "verify", "--key", str(key), "--now", NOW]
    good = subprocess.run([*run, str(path)], capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stdout + good.stderr
    assert good.stdout.startswith(f"authentic and unchanged: signed by {throwaway_key[0]}")
    assert "update 2026-11-20-withdrawals-down/2026-11-20T0830 (zh)" in good.stdout
    by_path = subprocess.run([*run, "--site-dir", str(site), "/statements/2026-11-20-withdrawals-down/"
                              "2026-11-20T0830.en.asc"], capture_output=True, text=True, timeout=120)
    assert by_path.returncode == 0 and "(en)" in by_path.stdout
    changed = tmp_path / "changed.asc"
    changed.write_text(path.read_text(encoding="utf-8").replace("正在调查", "调查完毕", 1), encoding="utf-8")
    bad = subprocess.run([*run, str(changed)], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and bad.stdout.startswith("NOT AUTHENTIC")


def test_an_unsigned_build_publishes_no_signature_and_says_so_once(tmp_path) -> None:
    root = tmp_path / "project"
    add_outage(ProjectFactory(root))
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("unsigned") == 1 and "HERALD_SIGNING_KEY" in result.stderr
    files = tree(tmp_path / "site")
    assert not any(name.startswith("statements/") or name.endswith(".asc") for name in files)
    assert "signing-key" not in files["official-channels/index.html"].decode()
    assert b"does not sign its updates" in files["verify/index.html"]


@pytest.mark.parametrize(("key", "config", "expected"), [
    ("not a key", "", "HERALD_SIGNING_KEY: expected one armored OpenPGP secret key, found 0"),
    (None, "signing:\n  fingerprint: " + "ABCD " * 10 + "\n  public_key: key.asc\n",
     "herald.yml: signing: signing is configured but HERALD_SIGNING_KEY is not set"),
    ("THROWAWAY", "signing:\n  fingerprint: " + "ABCD " * 10 + "\n  public_key: key.asc\n",
     "herald.yml: signing.fingerprint: the key in HERALD_SIGNING_KEY is"),
    (None, "signing:\n  fingerprint: " + "ABCD " * 10 + "\n  public_key: key.asc\n  demo_secret_key: missing.asc\n",
     "signing.demo_secret_key names 'missing.asc', which is not a file in the project"),
])
def test_an_unusable_key_is_a_clear_error(tmp_path, throwaway_key, key, config, expected) -> None:
    root = tmp_path / "project"
    project = ProjectFactory(root)
    project.file("herald.yml", (root / "herald.yml").read_text() + config)
    project.file("key.asc", throwaway_key[2])
    result = build(root, tmp_path / "site", throwaway_key[1] if key == "THROWAWAY" else key)
    assert result.returncode == 1
    assert expected in result.stderr and "hint" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()


def test_herald_check_names_a_missing_key_file(tmp_path) -> None:
    root = tmp_path / "project"
    project = ProjectFactory(root)
    project.file("herald.yml", (root / "herald.yml").read_text()
                 + "signing:\n  fingerprint: " + "ABCD " * 10 + "\n  public_key: keys/signing-key.asc\n")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check", "--now", NOW],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "herald.yml:" in result.stderr and "signing.public_key" in result.stderr and "missing-file" in result.stderr
