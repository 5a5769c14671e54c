"""What signing costs the demo build: `herald build` of a copy of the demo, signed (its DEMO key) and unsigned
(the signing section removed), each run three times; prints the median wall time of each and the difference.

Usage: python benchmarks/signing.py   (writes into benchmarks/work/signing/)
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work" / "signing"
NOW = "2026-11-21T18:00:00+08:00"
COPIED = ("herald.yml", "mkdocs.yml", "incidents", "site_src", "theme", "demo")


def project(signed: bool) -> Path:
    """A copy of the demo, with or without its signing section."""
    root = WORK / ("signed" if signed else "unsigned")
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    if not signed:
        config = (root / "herald.yml").read_text(encoding="utf-8")
        (root / "herald.yml").write_text(re.sub(r"\nsigning:\n(  .*\n)+", "\n", config), encoding="utf-8")
    return root


def build_seconds(root: Path) -> float:
    """Wall time of one full build."""
    env = {k: v for k, v in os.environ.items() if k != "HERALD_SIGNING_KEY"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build", "--now", NOW, "--site-dir",
                    str(root / "site")], check=True, capture_output=True, env=env, cwd=REPO)
    return time.perf_counter() - start


def main() -> None:
    roots = {signed: project(signed) for signed in (False, True)}
    times = {signed: [] for signed in roots}
    for _ in range(3):
        for signed, root in roots.items():
            times[signed].append(build_seconds(root))
    unsigned, signed = statistics.median(times[False]), statistics.median(times[True])
    statements = len(list((roots[True] / "site" / "statements").rglob("*.asc")))
    print(f"unsigned {unsigned:.2f} s, signed {signed:.2f} s ({statements} statements): +{signed - unsigned:.2f} s")


if __name__ == "__main__":
    main()
