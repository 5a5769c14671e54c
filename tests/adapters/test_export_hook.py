"""The exported ``herald_headers.py``: allows the builder's inline scripts by hash, never content's, and only once."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
from pathlib import Path

from hypothesis import given, strategies as st

from generator.adapters import export_hook
from generator.outputs.wellknown import render_headers

HOOK = Path(export_hook.__file__)


def sha(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()


PAGE = """<html><head><meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.6">
<script>var theme=1</script><script src="x.js"></script><script type="application/ld+json">{"a":1}</script>
</head><body><article class="md-content__inner"><script>alert("from content")</script></article>
<script type="module">boot()</script></body></html>"""


def test_only_the_themes_inline_scripts_outside_the_article_are_hashed() -> None:
    assert export_hook.inline_script_hashes(PAGE) == {sha("var theme=1"), sha("boot()")}


def finished(tmp_path: Path, page: str) -> str:
    site = tmp_path / "site"
    (site / "kb").mkdir(parents=True)
    (site / "kb" / "index.html").write_text(page, encoding="utf-8")
    (site / "_headers").write_text(render_headers([], ["index.md"]), encoding="utf-8")
    result = subprocess.run([sys.executable, str(HOOK), str(site)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "2 inline script(s)" in result.stdout, result.stderr
    return (site / "_headers").read_text(encoding="utf-8")


def test_the_command_finishes_a_sites_headers_for_mkdocs_and_zensical(tmp_path: Path) -> None:
    policy = next(line for line in finished(tmp_path, PAGE).splitlines() if "Content-Security-Policy" in line)
    assert f"script-src 'self' '{sha('boot()')}' '{sha('var theme=1')}';" in policy
    assert "style-src 'self';" in policy and "unsafe-inline" not in policy
    zensical = PAGE.replace("mkdocs-1.6.1, mkdocs-material-9.6", "zensical-0.0.73")
    policy = next(line for line in finished(tmp_path / "z", zensical).splitlines() if "Content-Security" in line)
    assert "style-src 'self' 'unsafe-inline';" in policy and "script-src 'self' 'sha256-" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]  # scripts: by hash only


def test_the_command_says_what_is_wrong(tmp_path: Path) -> None:
    usage = subprocess.run([sys.executable, str(HOOK)], capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2 and "SITE_DIR" in usage.stderr
    missing = subprocess.run([sys.executable, str(HOOK), str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1 and "no _headers file" in missing.stderr


hashes = st.sets(st.text("abcdefghijklmnopqrstuvwxyz0123456789+/=", min_size=4, max_size=12), max_size=5)


@given(first=hashes, second=hashes, styles=st.booleans())
def test_finishing_again_replaces_rather_than_adds(first: set[str], second: set[str], styles: bool) -> None:
    headers = render_headers(["sha256-old"], ["index.md", "kb/x.md"])
    once = export_hook.with_script_hashes(export_hook.with_script_hashes(headers, first, styles), second, not styles)
    assert once == export_hook.with_script_hashes(headers, second, not styles)
    assert "sha256-old" not in once and all(f"'{h}'" in once for h in second)
    assert once.count("script-src") == 1 and once.replace(" 'unsafe-inline'", "").count("style-src 'self';") == 1
