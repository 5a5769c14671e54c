"""The demo's ``_headers`` read as each host reads it: Netlify's own parser (npm ``@netlify/headers-parser``,
installed by .ci/setup.sh) and Cloudflare Pages' documented matching (modelled in tests/helpers/output_helpers.py).
Both join a header set by several matching rules, so every path must get each header from one rule only."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers.output_helpers import cloudflare_headers, parse_headers_file

TOOLS = Path(os.environ.get("HERALD_TOOLS", Path.home() / ".cache" / "herald-tools"))
SCRIPT = Path(__file__).resolve().parent.parent / "helpers" / "netlify_headers.mjs"
SHORT = "public, max-age=60, must-revalidate"
LONG = "public, max-age=31536000, immutable"
FINGERPRINTED = re.compile(r"^/assets/.*\.[0-9a-f]{8}\.min\.(css|js)$")


def site_paths(site: Path) -> list[str]:
    """Every URL path the built site serves (pages also at their folder URL); hosts never serve ``_headers``."""
    paths = []
    for file in sorted(p for p in site.rglob("*") if p.is_file() and p.name != "_headers"):
        relative = "/" + file.relative_to(site).as_posix()
        paths.append(relative)
        if relative.endswith("/index.html"):
            paths.append(relative[: -len("index.html")])
    return paths


def netlify_headers(headers_file: Path, paths: list[str]) -> dict[str, dict[str, list[str]]]:
    """{path: {header name: [value of each matching rule]}} from Netlify's parser."""
    node = shutil.which("node")
    if node is None or not (TOOLS / "node_modules/@netlify/headers-parser/lib/index.js").is_file():
        pytest.skip("node or @netlify/headers-parser missing: run .ci/setup.sh")
    result = subprocess.run([node, str(SCRIPT), str(TOOLS), str(headers_file)], input=json.dumps(paths),
                            capture_output=True, text=True, timeout=120, check=True)
    found: dict[str, dict[str, list[str]]] = {}
    for path, pairs in json.loads(result.stdout).items():
        for name, value in pairs:
            found.setdefault(path, {}).setdefault(name.lower(), []).append(value)
    return found


def expected_cache(path: str) -> list[str]:
    if FINGERPRINTED.match(path):
        return [LONG]
    return [] if path.startswith("/assets/") else [SHORT]  # Material's unhashed assets keep the host's default


def test_netlify_gives_every_path_one_cache_control_and_one_policy(demo_site: Path) -> None:
    paths = site_paths(demo_site)
    netlify = netlify_headers(demo_site / "_headers", paths)
    assert len([p for p in paths if FINGERPRINTED.match(p)]) >= 4
    for path in paths:
        got = netlify.get(path, {})
        assert got.get("cache-control", []) == expected_cache(path), path
        assert len(got["content-security-policy"]) == len(got["x-content-type-options"]) == 1, path
        assert [n for n, values in got.items() if len(values) > 1] == [], path
    assert netlify["/history.rss"]["cache-control"] == [SHORT]  # not also from the rule for /history/
    assert netlify["/assets/javascripts/lunr/min/lunr.zh.min.js"].get("cache-control") is None


def test_cloudflare_gives_every_path_one_cache_control_and_one_policy(demo_site: Path) -> None:
    rules = parse_headers_file((demo_site / "_headers").read_text(encoding="utf-8"))
    for path in site_paths(demo_site):
        got = cloudflare_headers(rules, path)
        assert got.get("cache-control", "") == "".join(expected_cache(path)), path
        assert "," not in got["x-content-type-options"] and got["content-security-policy"].count("default-src") == 1
    assert cloudflare_headers(rules, "/zh/history/")["cache-control"] == SHORT


def test_both_hosts_allow_cross_origin_reads_of_the_same_paths(demo_site: Path) -> None:
    paths = site_paths(demo_site)
    netlify = netlify_headers(demo_site / "_headers", paths)
    rules = parse_headers_file((demo_site / "_headers").read_text(encoding="utf-8"))
    shared = {p for p in paths if p.startswith(("/api/v2/", "/api/herald/", "/badges/"))
              or p.endswith((".atom", ".rss", "/feed.json"))}
    assert {"/api/v2/summary.json", "/history.rss", "/zh/feed.json", "/badges/status.svg"} <= shared
    for path in paths:
        want = ["*"] if path in shared else []
        assert netlify.get(path, {}).get("access-control-allow-origin", []) == want, path
        assert [v for v in [cloudflare_headers(rules, path).get("access-control-allow-origin")] if v] == want, path
