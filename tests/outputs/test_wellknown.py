"""security.txt (RFC 9116) from configuration, and the _headers file checked against the built demo site."""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

from generator.pipeline import load_project
from generator.outputs.wellknown import content_security_policy, inline_script_hashes, render_headers
from tests.conftest import ProjectFactory
from tests.helpers.output_helpers import build, headers_for, parse_headers_file, text_of, when

NOW = "2026-11-20T12:30:00+08:00"
SECURITY = """
security:
  contact: [mailto:security@example.com, "https://example.com/report"]
  policy: https://example.com/policy
  preferred_languages: [en, zh]
"""


def test_security_txt_comes_from_configuration(project: ProjectFactory) -> None:
    config = (project.root / "herald.yml").read_text(encoding="utf-8")
    project.file("herald.yml", config + SECURITY)
    text = text_of(build(project.root, NOW), ".well-known/security.txt")
    assert text.splitlines() == [
        "Contact: mailto:security@example.com", "Contact: https://example.com/report",
        "Expires: 2027-05-19T04:30:00Z", "Preferred-Languages: en, zh",
        "Canonical: https://status.example.com/.well-known/security.txt", "Policy: https://example.com/policy"]
    assert when("2027-05-19T04:30:00+00:00") - when(NOW) == timedelta(days=180)
    later = text_of(build(project.root, "2027-01-01T00:00:00+00:00"), ".well-known/security.txt")
    assert "Expires: 2027-06-30T00:00:00Z" in later  # moves with the build's now


def test_no_security_txt_without_configuration(project: ProjectFactory) -> None:
    assert ".well-known/security.txt" not in build(project.root, NOW).files


def test_security_contacts_must_be_uris(project: ProjectFactory) -> None:
    config = (project.root / "herald.yml").read_text(encoding="utf-8")
    project.file("herald.yml", config + SECURITY.replace("mailto:security@example.com", "security@example.com"))
    diagnostics = load_project(project.root).diagnostics
    assert any(d.path == "herald.yml" and "security.contact" in d.field for d in diagnostics)


def test_demo_publishes_security_txt(demo_site: Path) -> None:
    text = (demo_site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    assert "Contact: mailto:security@larkspur.example\n" in text
    assert "Policy: https://larkspur.example/security-policy\n" in text
    assert "Expires: 2027-05-20T10:00:00Z\n" in text  # demo now + 180 days


def sha256(script: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode()


def test_inline_script_hashes_skip_external_scripts_and_data_blocks() -> None:
    page = ('<script src="a.js"></script><script>var a=1</script><script type="application/ld+json">{}</script>'
            '<script id="__config" type="application/json">{}</script><SCRIPT type="module">b()</SCRIPT>')
    assert inline_script_hashes(page) == {sha256(b"var a=1"), sha256(b"b()")}
    assert "'sha256-x'" in content_security_policy(["sha256-x"]).split("; ")[1]


def site_paths(site: Path) -> list[str]:
    """Every URL path the built site serves (pages also at their folder URL)."""
    paths = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = "/" + file.relative_to(site).as_posix()
        paths.append(relative)
        if relative.endswith("/index.html"):
            paths.append(relative[: -len("index.html")])
    return paths


def test_headers_give_each_path_one_value_per_header(demo_site: Path) -> None:
    rules = parse_headers_file((demo_site / "_headers").read_text(encoding="utf-8"))
    for path in site_paths(demo_site):
        names = Counter(name.lower() for name, _ in headers_for(rules, path))
        assert [n for n, count in names.items() if count > 1] == [], path  # hosts would join repeated values
        assert names["content-security-policy"] == names["x-content-type-options"] == 1, path


def cache_of(rules, path: str) -> str:
    return dict(headers_for(rules, path)).get("Cache-Control", "")


def test_short_cache_for_pages_feeds_and_json_long_for_fingerprinted_assets(demo_site: Path) -> None:
    rules = parse_headers_file((demo_site / "_headers").read_text(encoding="utf-8"))
    for path in ("/", "/incidents/2026-11-20-hot-wallet-theft/", "/zh/subscribe/", "/404.html", "/feed.atom",
                 "/zh/components/api/feed.rss", "/feed.json", "/api/v2/summary.json", "/maintenance.ics",
                 "/badges/status.svg", "/history.rss", "/.well-known/security.txt", "/search/search_index.json"):
        assert "max-age=60" in cache_of(rules, path), path
    fingerprinted = [p for p in site_paths(demo_site) if re.search(r"\.[0-9a-f]{8}\.min\.(css|js)$", p)]
    assert len(fingerprinted) >= 4
    for path in fingerprinted:
        assert cache_of(rules, path) == "public, max-age=31536000, immutable", path
    for path in site_paths(demo_site):
        if "immutable" in cache_of(rules, path):
            assert path in fingerprinted, path  # never a file whose name stays when it changes
    assert cache_of(rules, "/assets/javascripts/lunr/min/lunr.zh.min.js") == ""


def test_headers_allow_exactly_the_inline_scripts_of_the_built_pages(demo_site: Path) -> None:
    policy = dict(headers_for(parse_headers_file((demo_site / "_headers").read_text(encoding="utf-8")), "/"))
    csp = policy["Content-Security-Policy"]
    allowed = set(re.findall(r"'(sha256-[^']+)'", csp))
    found = set().union(*(inline_script_hashes(p.read_text(encoding="utf-8")) for p in demo_site.rglob("*.html")))
    assert found and allowed == found
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert policy["X-Content-Type-Options"] == "nosniff" and policy["Referrer-Policy"]


def test_core_headers_file_has_no_hashes_until_the_theme_is_known(outage: ProjectFactory) -> None:
    text = text_of(build(outage.root, NOW), "_headers")
    # The rules themselves are read against the README in test_independent_expectations.py.
    assert "script-src 'self';" in text and "sha256-" not in text
    assert all(len(line) < 2000 for line in render_headers(["sha256-" + "A" * 43 + "="] * 1).splitlines())


def test_api_feeds_badges_and_record_json_are_readable_cross_origin(demo_site: Path) -> None:
    rules = parse_headers_file((demo_site / "_headers").read_text(encoding="utf-8"))
    shared = ["/api/v2/summary.json", "/api/v2/status.json", "/api/v2/incidents/unresolved.json",
              "/api/herald/record.json", "/api/herald/uptime.json", "/history.rss", "/history.atom",
              "/feed.atom", "/feed.rss", "/feed.json", "/zh/feed.atom", "/zh/feed.json",
              "/components/withdrawals/feed.rss", "/zh/components/api/feed.json",
              "/incidents/2026-11-20-hot-wallet-theft/feed.json", "/badges/status.svg", "/badges/withdrawals.svg"]
    for path in shared:
        assert (demo_site / path.lstrip("/")).is_file(), path
        assert [v for n, v in headers_for(rules, path) if n == "Access-Control-Allow-Origin"] == ["*"], path
    for path in ("/", "/index.html", "/zh/subscribe/", "/incidents/2026-11-20-hot-wallet-theft/", "/404.html",
                 "/search/search_index.json", "/maintenance.ics", "/.well-known/security.txt", "/sitemap.xml",
                 "/assets/javascripts/lunr/min/lunr.zh.min.js"):
        assert "Access-Control-Allow-Origin" not in dict(headers_for(rules, path)), path
