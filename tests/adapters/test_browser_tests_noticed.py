"""A whole-suite run that deselects the browser tests fails (tests/conftest.py), so they cannot vanish
silently; a partial run or a deliberate opt-out does not. Collection only: nothing runs, nothing is written."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

MESSAGE = "no browser test was selected in a whole-suite run"


def collect(*args: str, **env: str) -> subprocess.CompletedProcess:
    # HERALD_CHROMIUM names a file that exists, so the check believes chromium is installed on any machine.
    environment = {k: v for k, v in os.environ.items() if k != "HERALD_ALLOW_NO_BROWSER"}
    environment.update(HERALD_CHROMIUM=sys.executable, PYTHONDONTWRITEBYTECODE="1", **env)
    return subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
                          cwd=REPO, env=environment, capture_output=True, text=True, timeout=300)


def test_deselecting_the_browser_tests_fails_the_whole_suite() -> None:
    result = collect("-m", "not browser")
    assert result.returncode == 1 and MESSAGE in result.stdout


@pytest.mark.parametrize("args,env", [((), {}), (("tests/state", "-m", "not browser"), {}),
                                      (("-m", "not browser"), {"HERALD_ALLOW_NO_BROWSER": "1"})])
def test_a_full_collection_a_partial_run_or_an_opt_out_passes(args: tuple[str, ...], env: dict[str, str]) -> None:
    result = collect(*args, **env)
    assert result.returncode == 0, result.stdout[-2000:]
    assert ("allowed by HERALD_ALLOW_NO_BROWSER" in result.stdout) == bool(env)
