"""Expectations computed without the code under test: Statuspage ids as literals (worked out with
``sha256sum`` and ``bc``, see below) and ``_headers`` read against its specification in the README,
with inline-script hashes recomputed from the built pages by lxml and hashlib."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import lxml.html

from tests.conftest import ProjectFactory
from tests.helpers.output_helpers import build, headers_for, parse_headers_file, text_of

NOW = "2026-11-20T12:30:00+08:00"

# Each id: the first 10 bytes of SHA-256("<kind>:<herald id>") as a big-endian number, written in base 36
# (0-9a-z), least significant digit first, 12 digits. Worked out in a shell, independently of Python:
#   h=$(printf '%s' "component:withdrawals" | sha256sum | cut -c1-20 | tr a-f A-F)
#   n=$(echo "ibase=16; $h" | bc); repeat 12 times: digit = n % 36; n = n / 36
# These ids are public (clients store them), so they must never change between versions.
IDS = {
    ("page", "https://status.example.com/"): "owg5tpfjvrg2",
    ("component", "withdrawals"): "pyhxbjc3gnko",
    ("component", "api"): "s3kry2vwjujy",
    ("group", "funds"): "873st9o5vjn0",
    ("incident", "2026-11-20-withdrawals-down"): "6hwhwcc1kgub",
    ("update", "2026-11-20-withdrawals-down/2026-11-20T0830"): "ldquk4vop3h6",
}


def test_statuspage_ids_are_the_documented_hashes(outage: ProjectFactory) -> None:
    summary = json.loads(text_of(build(outage.root, NOW), "api/v2/summary.json"))
    assert summary["page"]["id"] == IDS["page", "https://status.example.com/"]
    components = {c["name"]: c for c in summary["components"]}
    assert components["Withdrawals"]["id"] == IDS["component", "withdrawals"]
    assert components["API"]["id"] == IDS["component", "api"]
    assert components["Withdrawals"]["group_id"] == IDS["group", "funds"] == components["Funds"]["id"]
    assert components["Funds"]["components"][0] == IDS["component", "withdrawals"]
    [incident] = [i for i in summary["incidents"] if i["name"] == "Withdrawals are down"]
    assert incident["id"] == IDS["incident", "2026-11-20-withdrawals-down"]
    first = next(u for u in incident["incident_updates"] if u["status"] == "investigating")
    assert first["id"] == IDS["update", "2026-11-20-withdrawals-down/2026-11-20T0830"]
    assert first["incident_id"] == incident["id"]
    assert [c["code"] for c in first["affected_components"]] == [IDS["component", "withdrawals"]]


# --- _headers against the README ------------------------------------------------------------------

SHORT = "public, max-age=60, must-revalidate"
LONG = "public, max-age=31536000, immutable"


def test_core_headers_file_says_what_the_readme_says(outage: ProjectFactory) -> None:
    rules = parse_headers_file(text_of(build(outage.root, NOW), "_headers"))
    for path in ("/", "/incidents/2026-11-20-withdrawals-down/", "/feed.atom", "/api/v2/summary.json",
                 "/maintenance.ics", "/badges/status.svg", "/zh/history/"):  # security.txt: unset here
        headers = dict(headers_for(rules, path))
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        assert headers["Cache-Control"] == SHORT, path  # one minute for pages, feeds, JSON, calendar, badges
        policy = [d.strip() for d in headers["Content-Security-Policy"].split(";")]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy  # no hash before the theme renders
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert not any("unsafe-inline" in d or "unsafe-eval" in d or "http" in d for d in policy), policy
    for path in ("/assets/stylesheets/main.1a2b3c4d.min.css", "/assets/javascripts/bundle.0f9e8d7c.min.js",
                 "/assets/javascripts/workers/search.1234abcd.min.js"):
        assert dict(headers_for(rules, path))["Cache-Control"] == LONG, path
    # Material's lunr language files have no hash in their name: never immutable.
    assert "immutable" not in dict(headers_for(rules, "/assets/javascripts/lunr/min/lunr.zh.min.js")).get(
        "Cache-Control", "")


def inline_scripts(page: Path) -> list[bytes]:
    """The bodies of a page's inline JavaScript (no src, no data block such as JSON-LD), read by lxml."""
    tree = lxml.html.fromstring(page.read_bytes())
    out = []
    for script in tree.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if script.get("src") is None and kind in ("", "text/javascript", "application/javascript", "module"):
            out.append((script.text or "").encode("utf-8"))
    return out


def test_demo_headers_allow_the_inline_scripts_hashed_independently(demo_site: Path) -> None:
    expected = {"sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode()
                for page in demo_site.rglob("*.html") for body in inline_scripts(page)}
    assert len(expected) >= 1
    policy = dict(headers_for(parse_headers_file((demo_site / "_headers").read_text(encoding="utf-8")), "/"))
    script_src = next(d for d in policy["Content-Security-Policy"].split("; ") if d.startswith("script-src"))
    allowed = {source.strip("'") for source in script_src.split()[1:] if source.startswith("'sha256-")}
    assert allowed == expected
