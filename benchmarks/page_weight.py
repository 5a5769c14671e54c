"""Bytes a first-time visitor downloads for a page: HTML, CSS, JS, fonts, images, other; raw and gzip.

Usage: python benchmarks/page_weight.py [SITE_DIR]   (default: builds the demo into benchmarks/work/demo)

Loads each page in Debian's chromium with an empty cache, records every response
served from the local site (requests elsewhere are blocked and listed), and sums
the bytes by kind. Gzip sizes are computed with gzip level 6, as static hosts do.
Also measures a default mkdocs-material page (one Markdown page, default theme
settings) for comparison.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tests.site_fixtures import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS", "font": "fonts", "image": "images"}
PAGES = {"home": "", "incident": "incidents/2026-11-20-hot-wallet-theft/", "home (zh)": "zh/"}


def build_demo(target: Path) -> Path:
    subprocess.run([sys.executable, "-m", "generator", "--root", str(REPO), "build", "--site-dir", str(target)],
                   check=True, capture_output=True)
    return target


def build_default_material(target: Path) -> Path:
    """A default Material site: one page, default fonts and features."""
    root = HERE / "work" / "material-default"
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Status\n\nAll systems operational.\n\n" + "Some text. " * 80 + "\n")
    (root / "mkdocs.yml").write_text(f"site_name: Default\ntheme:\n  name: material\nsite_dir: {target}\n")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, check=True, capture_output=True,
                   env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    return target


def weigh(browser, base: str, path: str) -> tuple[dict[str, list[int]], list[str]]:
    """Bytes by kind [raw, gzip] for one page, and the URLs it tried to load elsewhere."""
    context = browser.new_context()
    blocked: list[str] = []

    def route(route_) -> None:
        if route_.request.url.startswith(base):
            route_.continue_()
        else:
            blocked.append(route_.request.url)
            route_.abort()

    context.route("**/*", route)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for response in responses:
        if not response.url.startswith(base):
            continue
        body = response.body()
        kind = KINDS.get(response.request.resource_type, "other (" + response.url.rsplit("/", 1)[-1] + ")")
        totals[kind][0] += len(body)
        totals[kind][1] += len(gzip.compress(body, 6))
    context.close()
    return dict(totals), blocked


def main() -> None:
    from playwright.sync_api import sync_playwright

    work = HERE / "work"
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else build_demo(work / "demo")
    default = build_default_material(work / "material-default-site")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        rows = []
        for label, folder, path in [*((name, site, p) for name, p in PAGES.items()),
                                    ("default Material page", default, "")]:
            server, base = serve(folder)
            totals, blocked = weigh(browser, base, path)
            server.shutdown()
            rows.append((label, totals, blocked))
        browser.close()
    print("| page | kind | raw KB | gzip KB |\n|---|---|---:|---:|")
    for label, totals, blocked in rows:
        for kind, (raw, packed) in sorted(totals.items()):
            print(f"| {label} | {kind} | {raw / 1024:.1f} | {packed / 1024:.1f} |")
        raw = sum(v[0] for v in totals.values())
        packed = sum(v[1] for v in totals.values())
        print(f"| **{label}** | **total** | **{raw / 1024:.1f}** | **{packed / 1024:.1f}** |")
        for url in blocked:
            print(f"| {label} | blocked third-party request | {url[:60]} | |")


if __name__ == "__main__":
    main()
