"""Time Herald's full build at N synthetic incidents against a plain Material build of as many pages.

Usage: python benchmarks/build_time.py [--search-incidents] 100 1000 5000
(writes into benchmarks/work/, prints a table; --search-incidents puts incident pages in the search
index, as the plain build does with all its pages)

Each synthetic incident has 5 updates, each in English and Chinese. The plain
baseline is an mkdocs-material site (same theme settings, search on) with as many
plain Markdown pages as Herald's build writes, each holding about the same text.
Wall time and peak memory (max RSS of the build process) come from one run each.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
NOW = "2026-11-21T18:00:00+08:00"
EN_BODY = ("We are investigating reports of delayed withdrawals. Customer balances are not affected. "
           "Our engineers are working with the infrastructure provider and we will post again soon.")
ZH_BODY = "我们正在调查提币延迟的问题。用户余额不受影响。工程师正在与基础设施供应商合作处理，我们会尽快再次更新。"
STATUSES = ["investigating", "identified", "monitoring", "monitoring", "resolved"]


def make_herald_project(root: Path, count: int, search_incidents: bool) -> None:
    """A Herald project with ``count`` incidents of 5 updates each, in two languages."""
    if root.exists():
        shutil.rmtree(root)
    (root / "site_src").mkdir(parents=True)
    config = (REPO / "herald.yml").read_text()
    if search_incidents:
        config = config.replace("output:\n", "output:\n  search_incidents: true\n")
    (root / "herald.yml").write_text(config)
    config = (REPO / "mkdocs.yml").read_text().replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    config = config[:config.index("\nnav:")] + (
        "\nnav:\n  - English:\n      - Status: index.md\n      - History: history/index.md\n"
        "      - FAQ: faq/index.md\n  - 中文:\n      - 状态: zh/index.md\n      - 历史: zh/history/index.md\n"
        "      - 常见问题: zh/faq/index.md\n")
    (root / "mkdocs.yml").write_text(config)
    latest = datetime.fromisoformat(NOW) - timedelta(days=1)
    for n in range(count):
        begin = latest - timedelta(hours=7 * n)  # one every 7 hours, going back in time
        folder = root / "incidents" / f"{begin:%Y-%m-%d}-incident-{n}"
        folder.mkdir(parents=True)
        start = begin.isoformat()
        (folder / "incident.md").write_text(
            f"---\ntitle: Withdrawals delayed ({n})\nimpact: minor\ncomponents: [withdrawals]\n"
            f"started_at: {start}\n---\n{EN_BODY}\n")
        (folder / "incident.zh.md").write_text(f"---\ntitle: 提币延迟（{n}）\n---\n{ZH_BODY}\n")
        for u, status in enumerate(STATUSES):
            at = (begin + timedelta(minutes=20 + 30 * u)).isoformat()
            (folder / f"u{u}.md").write_text(f"---\nat: {at}\nstatus: {status}\n---\n{EN_BODY}\n")
            (folder / f"u{u}.zh.md").write_text(f"---\n---\n{ZH_BODY}\n")


def make_plain_project(root: Path, pages: list[Path], herald_docs_size: int) -> None:
    """A plain Material site with one page per page Herald wrote, of similar text size."""
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    docs.mkdir(parents=True)
    per_page = max(200, herald_docs_size // max(1, len(pages)))
    text = (EN_BODY + "\n\n" + ZH_BODY + "\n\n") * (1 + per_page // (len(EN_BODY) + len(ZH_BODY) * 3))
    for index, _ in enumerate(pages):
        path = docs / f"p{index // 1000}" / f"page-{index}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Page {index}\n\n## Update\n\n{text}")
    (docs / "index.md").write_text("# Home\n")
    (root / "mkdocs.yml").write_text(
        "site_name: Plain\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        "nav:\n  - Home: index.md\nnot_in_nav: |\n  /p*/\n")


MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
sys.stderr.write(result.stderr[-3000:])
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
sys.exit(result.returncode)
"""


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run a command in its own measuring process; return (wall seconds, its peak RSS in MB)."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin:" + str(Path(sys.executable).parent)}
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, capture_output=True, text=True,
                            env=env)
    if result.returncode != 0:
        raise SystemExit(f"{command} failed:\n{result.stderr}")
    wall, peak = result.stdout.split()
    return float(wall), float(peak)


def run(count: int, search_incidents: bool) -> dict[str, float]:
    """Benchmark one size."""
    herald_root = WORK / f"herald-{count}"
    make_herald_project(herald_root, count, search_incidents)
    herald_wall, herald_mem = timed([sys.executable, "-m", "generator", "build", "--now", NOW], herald_root)
    html_pages = [p for p in (herald_root / "site").rglob("index.html")]
    size = sum(p.stat().st_size for p in (herald_root / "incidents").rglob("*.md"))
    plain_root = WORK / f"plain-{count}"
    make_plain_project(plain_root, html_pages, size * 2 // max(1, len(html_pages)) * len(html_pages))
    plain_wall, plain_mem = timed([sys.executable, "-m", "mkdocs", "build", "-q"], plain_root)
    return {"n": count, "pages": len(html_pages), "herald_s": herald_wall, "herald_mb": herald_mem,
            "plain_s": plain_wall, "plain_mb": plain_mem}


def main(sizes: list[int], search_incidents: bool) -> None:
    """Run every size and print a Markdown table."""
    print("| incidents | pages written | Herald build (s) | plain Material (s) | ratio | Herald peak MB |"
          " plain peak MB | Herald ms per incident |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count in sizes:
        row = run(count, search_incidents)
        print(f"| {row['n']:,} | {row['pages']:,} | {row['herald_s']:.1f} | {row['plain_s']:.1f} | "
              f"{row['herald_s'] / row['plain_s']:.2f} | {row['herald_mb']:.0f} | {row['plain_mb']:.0f} | "
              f"{1000 * row['herald_s'] / row['n']:.1f} |", flush=True)


if __name__ == "__main__":
    arguments = [arg for arg in sys.argv[1:] if arg != "--search-incidents"]
    main([int(arg) for arg in arguments] or [100, 1000], "--search-incidents" in sys.argv)
