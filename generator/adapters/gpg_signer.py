"""The signing adapter: GnuPG (through python-gnupg) in a temporary GNUPGHOME signs statements and verifies them.

Where the secret key comes from: ``HERALD_SIGNING_KEY`` (the armored secret key, e.g. a CI secret), else the
demo's ``signing.demo_secret_key`` file in herald.yml. Every signature's time is pinned to the update's own time
(``--faked-system-time <at>!``) with SHA-256, so the same content gives the same bytes. The key must be dated
before the first update it signs (GnuPG refuses a signature older than its key; so does OpenPGP.js).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import gnupg

from generator.content.settings import CONFIG_NAME, Settings
from generator.pipeline import Output, Project, build_site

KEY_VARIABLE = "HERALD_SIGNING_KEY"


@dataclass(frozen=True)
class SigningProblem(Exception):
    """A configured key that cannot be used: where, what, and what to do."""

    where: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}\n  hint: {self.hint}"


def gpg_installed() -> bool:
    """Is GnuPG's ``gpg`` on the PATH (python-gnupg runs it by that name)?"""
    return shutil.which("gpg") is not None


def faked_time(at: datetime) -> str:
    """GnuPG's ``--faked-system-time`` value for ``at``: UTC, and ``!`` to keep the clock still."""
    return at.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S") + "!"


class GpgHome:
    """A private, temporary GnuPG home: created on enter, its agent stopped and its folder removed on exit."""

    def __enter__(self) -> gnupg.GPG:
        self.path = tempfile.mkdtemp(prefix="herald-gpg-")  # short: the agent's socket path has a length limit
        self.gpg = gnupg.GPG(gnupghome=self.path)
        self.gpg.encoding = "utf-8"
        return self.gpg

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], env={**os.environ, "GNUPGHOME": self.path},
                       capture_output=True, check=False, timeout=30)
        shutil.rmtree(self.path, ignore_errors=True)


class GpgSigner:
    """Clearsigns with one imported secret key (a ``Signer`` for ``build_site``)."""

    def __init__(self, gpg: gnupg.GPG, fingerprint: str) -> None:
        self._gpg, self.fingerprint = gpg, fingerprint
        self.public_key = gpg.export_keys(fingerprint, armor=True)

    def clearsign(self, text: str, at: datetime) -> str:
        # No passphrase argument: python-gnupg would send it on the input ahead of the text.
        signed = self._gpg.sign(text, keyid=self.fingerprint, clearsign=True,
                                extra_args=["--faked-system-time", faked_time(at), "--digest-algo", "SHA256"])
        if not signed.data:
            raise SigningProblem("signing", f"GnuPG could not sign the update of {at.isoformat()}: "
                                 f"{signed.status or signed.stderr.strip()[-200:]}",
                                 "the key must be created before the first update's time, never expire and "
                                 "have no passphrase")
        return signed.data.decode("utf-8")


def secret_key_text(settings: Settings, environ: dict[str, str]) -> tuple[str, str] | None:
    """(armored secret key, where it came from), or None for an unsigned site. Raises SigningProblem when
    signing is configured but no key is given."""
    if environ.get(KEY_VARIABLE, "").strip():
        return environ[KEY_VARIABLE], KEY_VARIABLE
    signing = settings.signing
    if signing is None:
        return None
    if signing.demo_secret_key:
        path = settings.root / signing.demo_secret_key
        try:
            return path.read_text(encoding="utf-8"), f"{CONFIG_NAME} signing.demo_secret_key ({signing.demo_secret_key})"
        except (OSError, UnicodeDecodeError) as exc:
            raise SigningProblem(f"{CONFIG_NAME}: signing.demo_secret_key", f"cannot read {signing.demo_secret_key}: "
                                 f"{exc.__class__.__name__}", "point it at an armored secret key file in the "
                                 "project, or remove the line and set HERALD_SIGNING_KEY") from None
    raise SigningProblem(f"{CONFIG_NAME}: signing", f"signing is configured but {KEY_VARIABLE} is not set",
                         f"set {KEY_VARIABLE} to the armored secret key (gpg --armor --export-secret-keys "
                         f"{signing.fingerprint}), or remove the signing section to build unsigned")


def signing_key(settings: Settings, environ: dict[str, str]) -> tuple[str, str] | None:
    """(armored secret key, where it came from) that a build signs with, or None when it publishes unsigned.

    Raises SigningProblem for a configured key that cannot be used; the demo's key (public anyway) is left
    unused on a machine without GnuPG, and the build is unsigned.
    """
    found = secret_key_text(settings, environ)
    if found is None or gpg_installed():
        return found
    if found[1] == KEY_VARIABLE:
        raise SigningProblem(KEY_VARIABLE, "GnuPG (gpg) is not installed on this machine, so nothing can be signed",
                             "install it (Debian or Ubuntu: apt-get install gnupg; macOS: brew install gnupg), "
                             "then build again")
    return None


def build_signed(project: Project, environ: dict[str, str]) -> Output:
    """``build_site``, with a GnuPG signer when a key is configured (raises SigningProblem for an unusable one)."""
    found = signing_key(project.settings, environ)
    if found is None:
        return build_site(project)
    with GpgHome() as gpg:
        return build_site(project, import_secret_key(gpg, found[0], found[1], project.settings))


def import_secret_key(gpg: gnupg.GPG, armored: str, source: str, settings: Settings) -> GpgSigner:
    """The signer for the one secret key in ``armored``, checked against ``signing.fingerprint``."""
    result = gpg.import_keys(armored)
    secret = [key["fingerprint"] for key in gpg.list_keys(secret=True)]
    if len(secret) != 1:
        raise SigningProblem(source, f"expected one armored OpenPGP secret key, found {len(secret)} "
                             f"({result.summary()})", "export it with gpg --armor --export-secret-keys FINGERPRINT")
    fingerprint = secret[0].upper()
    expected = settings.signing.fingerprint if settings.signing else None
    if expected and expected != fingerprint:
        raise SigningProblem(f"{CONFIG_NAME}: signing.fingerprint", f"the key in {source} is {fingerprint}, not the "
                             f"configured {expected}", "give the configured key, or update the fingerprint (and "
                             "publish the new key: see README, rotating the key)")
    return GpgSigner(gpg, fingerprint)


def verify_detached(gpg: gnupg.GPG, signed: bytes, detached: bytes) -> gnupg.Verify:
    """GnuPG's verdict on ``signed`` data and its ``detached`` signature, with the keys imported in ``gpg``."""
    with tempfile.NamedTemporaryFile(dir=gpg.gnupghome, suffix=".sig", delete=False) as handle:
        handle.write(detached)
    try:
        return gpg.verify_data(handle.name, signed)
    finally:
        Path(handle.name).unlink(missing_ok=True)
