"""``herald serve`` serves the site on loopback (kept minimal: the serve command is being reworked)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests.conftest import ProjectFactory, update


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_on_loopback(project: ProjectFactory, tmp_path) -> None:
    project.incident("2026-11-20-x", "title: Withdrawals were slow\nstarted_at: 2026-11-20T08:00:00+08:00",
                     updates={"u": update("2026-11-20T09:00:00+08:00", "resolved")})
    (tmp_path / "tmp").mkdir()
    (tmp_path / "home").mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "HOME": str(tmp_path / "home")}  # mkdocs builds in TMPDIR
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project.root), "serve",
                                "--dev-addr", f"127.0.0.1:{port}"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        body, deadline = None, time.monotonic() + 120
        while body is None and time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:  # noqa: S310
                    body = response.read().decode("utf-8") if response.status == 200 else None
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        assert process.poll() is None, (tmp_path / "serve.log").read_text()
        assert body is not None, "herald serve never answered"
        assert "Example Status" in body and "All systems operational" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/incidents/2026-11-20-x/", timeout=5) as response:
            assert "Withdrawals were slow" in response.read().decode("utf-8")  # noqa: S310
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
