"""A build killed at any moment leaves the previously published site intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ProjectFactory, add_outage, update


def herald_build(root: Path, now: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "build", "--now", now],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_killed_builds_leave_the_previous_site(project: ProjectFactory) -> None:
    add_outage(project)
    assert herald_build(project.root, "2026-11-20T12:30:00+08:00").wait(timeout=300) == 0
    site = project.root / "site"
    before = snapshot(site)
    project.file("incidents/2026-11-20-withdrawals-down/2026-11-20T1300.md",
                 update("2026-11-20T13:00:00+08:00", "resolved", body="All fixed."))
    for delay in (0.2, 0.6, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0):
        process = herald_build(project.root, "2026-11-20T14:00:00+08:00")
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        now = snapshot(site)
        if now != before:  # the build finished before the kill: the new site must be whole
            assert "All fixed." in now["incidents/2026-11-20-withdrawals-down/index.html"].decode()
            assert set(now) >= set(before) - {"search/search_index.json"}
            before = now
    assert herald_build(project.root, "2026-11-20T14:00:00+08:00").wait(timeout=300) == 0
    assert "All fixed." in (site / "incidents/2026-11-20-withdrawals-down/index.html").read_text()
