"""In the browser: the web editor at /admin/ (Decap CMS, vendored) against a local git repository.

decap-server runs in git mode on 127.0.0.1, so the editorial workflow is real: each entry is a ``cms/...``
branch whose status goes draft -> in review -> ready, and "Publish now" merges it into ``main``. The site is
built from the repository (as CI would after each merge) and served from outside it. Every request the page
makes is recorded; anything not on 127.0.0.1 is aborted and fails the test.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from tests.adapters.test_safe_publishing import free_port
from tests.conftest import ProjectFactory, add_outage
from tests.site_fixtures import serve

pytestmark = pytest.mark.browser
TOOLS = Path(os.environ.get("HERALD_TOOLS", Path.home() / ".cache" / "herald-tools"))  # read before HOME is swapped
DECAP = TOOLS / "decap" / "node_modules"
NOW = "2026-11-20T12:30:00+08:00"
DOWN = "incidents/2026-11-20-withdrawals-down"
SCREENSHOTS = os.environ.get("HERALD_SCREENSHOTS")


@dataclass
class Editor:
    """A project in a git repository, its built site on loopback, decap-server, and the pages' requests."""

    repo: Path
    site: Path
    url: str
    requests: list[str] = field(default_factory=list)

    def git(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.repo), *args], capture_output=True, text=True,
                              check=True, timeout=60).stdout

    def rebuild(self) -> None:
        """Build the site from ``main`` as it is now (what CI does after a merge)."""
        env = {**os.environ, "HERALD_DECAP_DIST": str(DECAP / "decap-cms" / "dist")}
        result = subprocess.run([sys.executable, "-m", "generator", "--root", str(self.repo), "build", "--now", NOW,
                                 "--site-dir", str(self.site)], capture_output=True, text=True, timeout=600, env=env)
        assert result.returncode == 0, result.stdout + result.stderr

    def outside(self) -> list[str]:
        return [url for url in self.requests if not url.startswith("http://127.0.0.1:") and not url.startswith(
            ("data:", "blob:"))]


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[Editor]:
    if not (DECAP / "decap-cms" / "dist" / "decap-cms.js").is_file() or not shutil.which("node"):
        pytest.fail(f"Decap CMS is not installed under {DECAP}: run .ci/setup.sh")
    port = free_port()
    project = add_outage(ProjectFactory(tmp_path / "repo"))
    project.file(f"{DOWN}/2026-11-20T0830.md", (project.root / f"{DOWN}/2026-11-20T0830.md").read_text(
        encoding="utf-8").replace("status: investigating\n", "status: investigating\ndraft: false\n"))
    config = project.root / "herald.yml"
    config.write_text(config.read_text(encoding="utf-8") + "editor:\n  backend: github\n  repo: example/status\n"
                      f"  local_server: http://127.0.0.1:{port}/api/v1\n", encoding="utf-8")
    state = Editor(project.root, tmp_path / "site", "")
    for args in (("init", "-q", "-b", "main"), ("config", "user.name", "Herald Editor Test"),
                 ("config", "user.email", "editor@example.com"), ("add", "."), ("commit", "-qm", "Start")):
        state.git(*args)
    state.rebuild()
    http_server, state.url = serve(state.site)
    env = {**os.environ, "MODE": "git", "BIND_HOST": "127.0.0.1", "PORT": str(port),
           "GIT_REPO_DIRECTORY": str(project.root)}
    proxy = subprocess.Popen(["node", str(DECAP / "decap-server" / "dist" / "index.js")], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_port(port)
        yield state
    finally:
        proxy.terminate()
        proxy.wait(timeout=30)
        http_server.shutdown()


def _wait_port(port: int) -> None:
    """Wait until decap-server listens."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _open(browser, state: Editor, height: int = 1000):
    context = browser.new_context(viewport={"width": 1280, "height": height}, timezone_id="Asia/Shanghai")

    def route(route) -> None:
        state.requests.append(route.request.url)
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            route.abort()
    context.route("**/*", route)
    page = context.new_page()
    # The site is rebuilt between steps, as CI would after each merge: never reuse a cached config.yml
    context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
    page.on("dialog", lambda dialog: dialog.accept())
    page.on("console", lambda m: print("console:", m.text[:600]))  # "Publish now?" and similar confirmations
    page.goto(state.url + "admin/")
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Quick add").wait_for()
    return context, page


def _go(page, state: Editor, path: str) -> None:
    """Load the editor afresh (the configuration of the latest build), then go to ``path`` inside it."""
    page.goto(state.url + "admin/#/")
    page.reload()
    page.get_by_text("Quick add").wait_for()
    page.goto(state.url + "admin/#/collections/" + path)


def _entry(page, state: Editor, path: str) -> None:
    """Open an editor form with a fresh page load (so no earlier form lingers)."""
    _go(page, state, path)
    page.locator("[contenteditable]").first.wait_for()
    page.wait_for_timeout(800)


def _file_entry(page, state: Editor, collection: str, label: str) -> None:
    """Open one file of a files collection from its list, as an editor would."""
    _go(page, state, collection)
    page.get_by_text(label, exact=True).click()
    page.locator("[contenteditable]").first.wait_for()
    page.wait_for_timeout(800)


def _type_body(page, text: str, index: int = 0) -> None:
    box = page.locator("[contenteditable]").nth(index)
    box.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def _select(page, field_id: str, value: str) -> None:
    page.locator(f"[id^='{field_id}-field-']").first.fill(value)
    page.keyboard.press("Enter")


def _time(page, name: str, value: str) -> None:
    page.locator(f"input[type='datetime-local'][id^='{name}-field-']").first.fill(value)


def _save_and_publish(page) -> None:
    """Save the entry, then move it through review: draft -> in review -> ready -> publish now."""
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Status: Draft").wait_for(timeout=60_000)
    for current, target in (("Draft", "In review"), ("In review", "Ready")):
        page.get_by_text(f"Status: {current}").click()
        page.get_by_role("menuitem", name=target).click()
        page.get_by_text(f"Status: {target}").wait_for(timeout=60_000)
    page.get_by_text("Publish", exact=True).click()
    page.get_by_role("menuitem", name="Publish now").click()
    page.get_by_text("Entry published").first.wait_for(timeout=60_000)


def _t(text: str) -> datetime:
    """A time as YAML reads it back."""
    return datetime.fromisoformat(text)


def _front(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}, text
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


def _check(state: Editor) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(state.repo), "check", "--now", NOW],
                          capture_output=True, text=True, timeout=300)


def test_an_incident_goes_from_template_to_published_through_review(browser, editor: Editor) -> None:
    context, page = _open(browser, editor, height=2300)  # tall enough to see the whole new-incident form
    try:
        _entry(page, editor, "new-service-outage/new")
        assert "[What stopped working" in page.inner_text("body")  # the template's questions, as a hint
        page.locator("[id^='title-field-']").fill("Deposits are delayed")
        _select(page, "components", "deposits")
        _time(page, "started_at", "2026-11-20T11:40")
        _type_body(page, "Deposits are arriving late. Funds are safe.")
        assert "[What can you confirm right now" in page.inner_text("body")  # the first update's questions
        _time(page, "at", "2026-11-20T11:45")
        _select(page, "status", "investigating")
        _select(page, "deposits", "major_outage")
        _type_body(page, "Deposits are delayed by about an hour. We are investigating.", index=1)
        page.get_by_text("Saved with this incident as 2026-11-20t1145.md").wait_for()
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/editor-new-incident.png", full_page=True)
        _save_and_publish(page)
        folders = sorted(p.name for p in (editor.repo / "incidents").iterdir())
        incident_id = next(name for name in folders if name.endswith("-deposits-are-delayed"))
        folder = editor.repo / "incidents" / incident_id
        assert _check(editor).returncode == 0  # the incident and its first update arrived together
        editor.rebuild()  # the new incident's own collections come with the next build

        _file_entry(page, editor, f"incident-{incident_id}", "Update 2026-11-20t1145 (zh)")
        _type_body(page, "充币延迟约一小时，我们正在调查。")
        _save_and_publish(page)

        _entry(page, editor, f"update-{incident_id}/new")
        _time(page, "at", "2026-11-20T12:10")
        _select(page, "status", "identified")
        _time(page, "next_update", "2026-11-20T13:00")
        _type_body(page, "A stuck node delayed deposits. We are restarting it.")
        _save_and_publish(page)
    finally:
        context.close()

    meta, body = _front(folder / "incident.md")
    assert meta["title"] == "Deposits are delayed" and meta["kind"] == "incident" and meta["impact"] == "critical"
    assert meta["components"] == ["deposits"] and meta["started_at"] == _t("2026-11-20T11:40:00+08:00")
    assert body.strip() == "Deposits are arriving late. Funds are safe."
    first, text = _front(folder / "2026-11-20t1145.md")
    assert first == {"at": _t("2026-11-20T11:45:00+08:00"), "status": "investigating",
                     "components": {"deposits": "major_outage"}}
    assert text.strip() == "Deposits are delayed by about an hour. We are investigating."
    assert (folder / "2026-11-20t1145.zh.md").read_text(encoding="utf-8").strip() == "充币延迟约一小时，我们正在调查。"
    second, _ = _front(folder / "2026-11-20t1210.md")
    assert second == {"at": _t("2026-11-20T12:10:00+08:00"), "status": "identified",
                      "next_update": _t("2026-11-20T13:00:00+08:00")}
    assert editor.git("branch", "--list", "cms/*").strip() == ""  # every reviewed branch was merged and removed
    assert editor.git("status", "--porcelain").strip() == ""
    result = _check(editor)
    assert result.returncode == 0, result.stdout + result.stderr
    editor.rebuild()
    page_html = (editor.site / "incidents" / incident_id / "index.html").read_text(encoding="utf-8")
    assert "Deposits are delayed" in page_html and "A stuck node delayed deposits." in page_html
    zh_html = (editor.site / "zh" / "incidents" / incident_id / "index.html").read_text(encoding="utf-8")
    assert "充币延迟约一小时" in zh_html
    assert editor.outside() == [] and any("/admin/vendor/decap-cms.js" in url for url in editor.requests)


def test_editing_an_update_keeps_its_other_fields_and_its_translation(browser, editor: Editor) -> None:
    path = editor.repo / f"{DOWN}/2026-11-20T0830.md"
    before, _ = _front(path)
    translation = (editor.repo / f"{DOWN}/2026-11-20T0830.zh.md").read_bytes()
    context, page = _open(browser, editor)
    try:
        _entry(page, editor, "incident-2026-11-20-withdrawals-down/entries/u-2026-11-20T0830")
        _type_body(page, " Engineers are on it.")
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/editor-edit-update.png", full_page=True)
        _save_and_publish(page)
        # A new update in the same incident, its facts left alone: the form writes no empty fact
        _entry(page, editor, "update-2026-11-20-withdrawals-down/new")
        _time(page, "at", "2026-11-20T12:20")
        _select(page, "status", "monitoring")
        _type_body(page, "Withdrawals are moving again.")
        _save_and_publish(page)
    finally:
        context.close()
    added, _ = _front(editor.repo / f"{DOWN}/2026-11-20t1220.md")
    assert added == {"at": _t("2026-11-20T12:20:00+08:00"), "status": "monitoring"}
    after, body = _front(path)
    assert after == before and before["draft"] is False  # draft: a field the form does not show, kept as it was
    assert body.strip() == "Update text. Engineers are on it."
    assert (editor.repo / f"{DOWN}/2026-11-20T0830.zh.md").read_bytes() == translation
    assert _check(editor).returncode == 0
    assert editor.outside() == []
