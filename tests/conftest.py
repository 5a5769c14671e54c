"""Shared fixtures: small Herald projects written into temporary folders."""

from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parent.parent

BASE_CONFIG = """\
site:
  name: {en: Example Status, zh: 示例状态}
  url: https://status.example.com/
  time_zone: Asia/Shanghai
  languages: [en, zh]
groups:
  - id: funds
    name: {en: Funds, zh: 资金}
components:
  - id: withdrawals
    name: {en: Withdrawals, zh: 提币}
    group: funds
  - id: deposits
    name: {en: Deposits, zh: 充币}
    group: funds
  - id: api
    name: {en: API, zh: 接口}
"""

MKDOCS_CONFIG = """\
site_name: Example
docs_dir: site_src
theme:
  name: material
  custom_dir: {theme}
  font: false
plugins:
  - search
  - herald
markdown_extensions: [attr_list, md_in_html, admonition, tables]
nav:
  - English:
      - Status: index.md
      - History: history/index.md
      - Components: components/index.md
  - 中文:
      - 状态: zh/index.md
      - 历史: zh/history/index.md
      - 组件: zh/components/index.md
"""


@pytest.fixture(scope="session", autouse=True)
def temporary_home() -> Iterator[Path]:
    """Every test, and every build or browser it starts, runs with HOME in a temporary folder
    (jieba's cache and any other per-user file land there, never in the real home). It lies beside pytest's
    own temporary folders, not among them, so a test's "a folder holding the project" is not also one
    holding the home folder."""
    real = os.environ.get("HOME")
    with tempfile.TemporaryDirectory(prefix="herald-test-home-") as home:
        os.environ["HOME"] = home
        yield Path(home)
    if real is None:
        os.environ.pop("HOME", None)
    else:
        os.environ["HOME"] = real


def write(root: Path, relative: str, text: str) -> Path:
    """Write a dedented text file under ``root``."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


class ProjectFactory:
    """Builds a Herald project file by file inside a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        write(root, "herald.yml", BASE_CONFIG)
        write(root, "mkdocs.yml", MKDOCS_CONFIG.replace("{theme}", str(REPO / "theme")))
        (root / "site_src").mkdir(exist_ok=True)
        (root / "incidents").mkdir(exist_ok=True)

    def file(self, relative: str, text: str) -> Path:
        """Add or replace a file."""
        return write(self.root, relative, text)

    def incident(self, incident_id: str, front: str, body: str = "Summary.", updates: dict[str, str] | None = None
                 ) -> None:
        """Add an incident folder: incident.md plus update files ``{stem: full text}``."""
        self.file(f"incidents/{incident_id}/incident.md", f"---\n{textwrap.dedent(front).strip()}\n---\n{body}\n")
        for stem, text in (updates or {}).items():
            self.file(f"incidents/{incident_id}/{stem}.md", text)


def update(at: str, status: str, extra: str = "", body: str = "Update text.") -> str:
    """The text of an update file."""
    return f"---\nat: {at}\nstatus: {status}\n{textwrap.dedent(extra).strip()}\n---\n{body}\n"


@pytest.fixture
def project(tmp_path: Path) -> ProjectFactory:
    """An empty but valid project."""
    return ProjectFactory(tmp_path)


@pytest.fixture
def outage(project: ProjectFactory) -> ProjectFactory:
    """A project with one active critical incident and one resolved minor one."""
    return add_outage(project)


def add_outage(project: ProjectFactory) -> ProjectFactory:
    """Add an active critical incident (partly translated) and a resolved minor one."""
    project.incident("2026-11-20-withdrawals-down", """
        title: Withdrawals are down
        impact: critical
        components: [withdrawals]
        started_at: 2026-11-20T08:00:00+08:00
        facts:
          amount: {label: Funds affected, value: Unknown}
        help:
          desk: {kind: email, address: help@example.com, subject: Withdrawals}
    """, updates={
        "2026-11-20T0830": update("2026-11-20T08:30:00+08:00", "investigating",
                                  "components: {withdrawals: major_outage}\nnext_update: 2026-11-20T09:30:00+08:00"),
        "2026-11-20T1000": update("2026-11-20T10:00:00+08:00", "identified",
                                  "next_update: 2026-11-20T12:00:00+08:00\nfacts:\n  amount: {value: 10 ETH}",
                                  body="Cause found."),
    })
    project.file("incidents/2026-11-20-withdrawals-down/incident.zh.md", "---\ntitle: 提币中断\n---\n摘要。\n")
    project.file("incidents/2026-11-20-withdrawals-down/2026-11-20T0830.zh.md", "---\n---\n正在调查。\n")
    project.incident("2026-11-10-api-slow", """
        title: API slow
        impact: minor
        components: [api]
        started_at: 2026-11-10T10:00:00+08:00
    """, updates={
        "2026-11-10T1010": update("2026-11-10T10:10:00+08:00", "investigating"),
        "2026-11-10T1100": update("2026-11-10T11:00:00+08:00", "resolved"),
    })
    return project


# Session fixtures for the built demo site and the browser, shared by tests/browser and tests/gates.
from tests.site_fixtures import browser, demo_site, demo_url, open_page  # noqa: E402,F401


# --- Browser tests must not vanish silently ------------------------------------------------------
# When the whole suite runs (no path, no -k) on a machine with chromium, at least one browser test must be
# selected and pass; deselecting them (-m "not browser", an addopts line) or skipping them all fails the run.
# HERALD_ALLOW_NO_BROWSER=1 opts out deliberately, and says so.

def _whole_suite(config: pytest.Config) -> bool:
    if config.option.keyword:
        return False
    roots = {REPO, REPO / "tests"}
    base = Path(config.invocation_params.dir)
    return any("::" not in arg and (base / arg).resolve() in roots for arg in config.args)


def _chromium_present() -> bool:
    import shutil

    from tests.site_fixtures import CHROMIUM

    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


def pytest_collection_finish(session: pytest.Session) -> None:
    config = session.config
    config._herald_browser = {"check": _whole_suite(config) and _chromium_present(), "selected": 0, "passed": 0}
    config._herald_browser["selected"] = sum(item.get_closest_marker("browser") is not None for item in session.items)


_BROWSER_PASSED: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed and "browser" in report.keywords:
        _BROWSER_PASSED.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    state = getattr(session.config, "_herald_browser", None)
    if not state or not state["check"] or exitstatus != 0:
        return
    if state["selected"] == 0:
        problem = "no browser test was selected"
    elif not session.config.option.collectonly and not _BROWSER_PASSED:
        problem = f"none of the {state['selected']} browser tests passed"
    else:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    message = (f"herald: chromium is installed but {problem} in a whole-suite run; browser tests must run "
               "(set HERALD_ALLOW_NO_BROWSER=1 to skip them on purpose)")
    if os.environ.get("HERALD_ALLOW_NO_BROWSER") == "1":
        message = message.replace("herald:", "herald (allowed by HERALD_ALLOW_NO_BROWSER):")
    else:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if reporter is not None:
        reporter.write_line(message, red=True, bold=True)
