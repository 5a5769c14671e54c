"""What ``herald verify`` finds out about a statement: read it (a file, or a path of the built site), check its
signature with GnuPG against the site's public key only, and name the update it is (and whether the site's
current text of that update still says the same)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from generator.adapters.gpg_signer import GpgHome, verify_detached
from generator.outputs.statements import statement_of, statement_text
from generator.outputs.text import OutputText
from generator.pipeline import Project
from generator.state.site_state import SiteState
from generator.text.markup import MarkupRenderer


def read_target(root: Path, settings, target: str, site_dir: Path | None) -> bytes:
    """The statement's bytes: a file as given, or a site path (``/statements/...`` or the site's own URL)."""
    if Path(target).is_file():
        return Path(target).read_bytes()
    path = target[len(settings.url):] if target.startswith(settings.url) else target
    folder = site_dir or root / "site"
    candidate = (folder / path.lstrip("/")).resolve()
    if folder.resolve() not in candidate.parents or not candidate.is_file():
        raise FileNotFoundError(f"{target}: no such file, nor a statement of the built site in {folder}")
    return candidate.read_bytes()


def check_statement(project: Project, root: Path, target: str, signature: Path | None, key_file: Path | None,
                    site_dir: Path | None) -> tuple[list[str], bool]:
    """Lines to print, and whether the statement is authentic and unchanged."""
    settings = project.settings
    key_path = key_file or (root / settings.signing.public_key if settings.signing else None)
    if key_path is None or not key_path.is_file():
        return ["no public key to check with: give --key FILE, or set signing.public_key in herald.yml"], False
    try:
        data = read_target(root, settings, target, site_dir)
    except FileNotFoundError as exc:
        return [str(exc)], False
    with GpgHome() as gpg:
        gpg.import_keys(key_path.read_text(encoding="utf-8"))
        if signature is None:
            result = gpg.decrypt(data)  # a clearsigned message: gpg checks it and gives back the signed text
            signed_text = result.data.decode("utf-8", "replace")
        else:
            result = verify_detached(gpg, data, signature.read_bytes())
            signed_text = data.decode("utf-8", "replace")
    return _verdict_lines(project, result, signed_text, key_path)


def _verdict_lines(project: Project, result, signed_text: str, key_path: Path) -> tuple[list[str], bool]:
    """What the check says, in words."""
    expected = project.settings.signing.fingerprint if project.settings.signing else None
    fingerprint = (getattr(result, "fingerprint", None) or "").upper()
    if not getattr(result, "valid", False) or (expected and fingerprint != expected):
        why = getattr(result, "status", None) or "no valid signature"
        return [f"NOT AUTHENTIC: {why} (checked with {key_path.name} only; the text was changed, or it was not "
                "signed with the site's key)"], False
    made = datetime.fromtimestamp(int(result.sig_timestamp), timezone.utc).astimezone(project.settings.zone)
    lines = [f"authentic and unchanged: signed by {fingerprint} at {made.isoformat()}"]
    return lines + _which_update(project, signed_text), True


def _which_update(project: Project, signed_text: str) -> list[str]:
    """Which update the statement is, and whether the site's current text of it differs."""
    named = statement_of(signed_text)
    content = project.content
    if named is None or content is None:
        return ["it names no update of this site"]
    incident_id, update_id, lang = named
    incident = next((i for i in content.incidents if i.id == incident_id), None)
    update = next((u for u in incident.updates if u.id == update_id), None) if incident else None
    if incident is None or update is None or lang not in project.settings.languages:
        return [f"it names update {incident_id}/{update_id} ({lang}), which this site does not publish (now)"]
    state = SiteState(content, project.settings, project.now, {}, "none")
    text = OutputText(state, MarkupRenderer(sanitize=not project.settings.allow_raw_html))
    current = statement_text(text, incident, update, lang)
    same = current.strip("\n") == signed_text.replace("\r\n", "\n").strip("\n")
    return [f"update {incident_id}/{update_id} ({lang}): {text.title(incident, lang)}",
            f"  {text.update_url(incident, update, lang)}",
            "  the site's current text of this update is the same" if same else
            "  note: the site's current text of this update differs (edited after it was signed)"]
