"""Boundaries and details that mutation testing (benchmarks/mutation.py) showed no test pinned:
each test here kills mutants that survived the rest of the suite. Expectations are hand-computed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from generator import record
from generator.durations import MAX_DELAY, DurationError, parse_delay, resolve_next
from generator.model import Commitment

AT = datetime.fromisoformat("2026-11-20T09:12:00+08:00")
ZONE = ZoneInfo("Asia/Shanghai")


# --- durations: a promise at most 366 days ahead, strictly after the update ----------------------

def test_the_longest_delay_is_366_days_inclusive() -> None:
    assert MAX_DELAY == timedelta(days=366)
    assert parse_delay("366d") == timedelta(days=366)  # exactly the limit is allowed
    assert parse_delay("365d23h59m") == timedelta(days=366) - timedelta(minutes=1)
    with pytest.raises(DurationError, match="more than a year"):
        parse_delay("366d1m")


def test_an_absolute_promise_366_days_ahead_is_allowed_and_a_minute_more_is_not() -> None:
    limit = AT + timedelta(days=366)  # 2027-11-21T09:12+08:00 (2027 is no leap year: 365 + 1 days)
    assert limit.isoformat() == "2027-11-21T09:12:00+08:00"
    assert resolve_next("2027-11-21T09:12:00+08:00", AT, ZONE) == limit
    with pytest.raises(DurationError, match="more than a year"):
        resolve_next("2027-11-21T09:13:00+08:00", AT, ZONE)


def test_an_absolute_promise_must_be_strictly_after_the_update() -> None:
    with pytest.raises(DurationError, match="is not after this update"):
        resolve_next("2026-11-20T09:12:00+08:00", AT, ZONE)  # the same instant
    with pytest.raises(DurationError, match="is not after this update"):
        resolve_next("2026-11-20T01:12:00Z", AT, ZONE)  # the same instant, written in UTC
    assert resolve_next("2026-11-20T09:13:00+08:00", AT, ZONE) == AT + timedelta(minutes=1)


# --- commitments: overdue only once the due time has passed -------------------------------------

def commitment(state: str, due: datetime) -> Commitment:
    return Commitment("refund", {"en": "Refund"}, due, state, None, None, {})


def test_a_pending_commitment_is_overdue_only_after_its_due_time() -> None:
    due = datetime(2026, 11, 20, 12, tzinfo=timezone(timedelta(hours=8)))
    assert record.commitment_state(commitment("pending", due), due - timedelta(seconds=1)) == "pending"
    assert record.commitment_state(commitment("pending", due), due) == "pending"  # due now: not yet late
    assert record.commitment_state(commitment("pending", due), due + timedelta(seconds=1)) == "overdue"
    assert record.commitment_state(commitment("done", due), due + timedelta(days=9)) == "done"
    assert record.commitment_state(commitment("missed", due), due - timedelta(days=9)) == "missed"


# --- generated pages as Markdown files -----------------------------------------------------------

def test_a_rendered_page_is_front_matter_then_its_html_block() -> None:
    from generator.render import RenderedPage

    page = RenderedPage({"title": "状态 &amp; <b>", "search": {"exclude": True}, "hide": ["toc"]}, "<div>x</div>")
    # Keys sorted, values as JSON (which YAML reads as they are), non-ASCII kept as it is.
    assert page.front_matter() == '---\nhide: ["toc"]\nsearch: {"exclude": true}\ntitle: "状态 &amp; <b>"\n---\n'
    assert page.as_markdown() == page.front_matter() + "\n<div>x</div>\n"
    import yaml

    assert yaml.safe_load(page.front_matter().strip("-\n")) == page.meta


# --- links in updates: to built pages in the page's language, absolute in feeds --------------------

LINKS = ("See [pw](../../site_src/kb/account-security/passwords.md#strong), [faq](faq.md), "
         "[ext](https://example.com/x.md), [mail](mailto:a@b.md), [root](/x.md), [frag](#top), [plain](other/page).")


def hrefs(html: str) -> list[str]:
    import lxml.html

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [a.get("href") for a in root.iter("a") if a.text_content() in ("pw", "faq", "ext", "mail", "root", "frag",
                                                                          "plain")]


def test_links_in_an_update_point_at_built_pages_and_feeds_make_them_absolute(tmp_path) -> None:
    import json

    from tests.conftest import ProjectFactory, update
    from tests.generator.output_helpers import build

    project = ProjectFactory(tmp_path)
    project.file("site_src/kb/account-security/passwords.md", "---\ntitle: P\n---\n# P\n")
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00", updates={
        "2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating", body=LINKS)})
    output = build(project.root, "2026-11-20T12:00:00+08:00")
    # The update file is incidents/2026-11-20-x/2026-11-20T0900.md: ../../site_src/kb/... is the pages folder's
    # kb/account-security/passwords.md, served at kb/account-security/passwords/; a bare faq.md is taken as a
    # pages-folder path. Other links stay as written on pages.
    kept = ["https://example.com/x.md", "mailto:a@b.md", "/x.md", "#top", "other/page"]
    assert hrefs(output.status_pages["incidents/2026-11-20-x/index.md"].html) == [
        "../../kb/account-security/passwords/#strong", "../../faq/", *kept]
    assert hrefs(output.status_pages["zh/incidents/2026-11-20-x/index.md"].html) == [
        "../../../zh/kb/account-security/passwords/#strong", "../../../zh/faq/", *kept]
    site = "https://status.example.com/"
    for prefix in ("", "zh/"):
        [item] = json.loads(output.files[f"{prefix}feed.json"])["items"]
        assert hrefs(item["content_html"]) == [
            f"{site}{prefix}kb/account-security/passwords/#strong", f"{site}{prefix}faq/", "https://example.com/x.md",
            "mailto:a@b.md", f"{site}x.md", f"{site}{prefix}incidents/2026-11-20-x/#top",
            f"{site}{prefix}incidents/2026-11-20-x/other/page"]


# --- validation details --------------------------------------------------------------------------

def diagnostics_of(root, now: str = "2026-11-20T12:00:00+08:00") -> list[str]:
    from generator.build import load_project

    return [d.format() for d in load_project(root, lambda pinned: datetime.fromisoformat(now)).diagnostics]


def test_updates_of_a_broken_incident_are_still_checked(tmp_path) -> None:
    from tests.conftest import ProjectFactory

    project = ProjectFactory(tmp_path)
    # incident.md lacks its title, so the incident cannot be built; its update is checked on its own.
    project.incident("2026-11-20-x", "started_at: 2026-11-20T08:00:00+08:00", updates={
        "u": "---\nat: 2026-11-20T09:00:00+08:00\nstatus: investigating\ncomponents: {withdrawal: major_outage}\n"
             "next_update: 2026-11-20T09:00:00+08:00\n---\nText.\n"})
    found = diagnostics_of(project.root)
    assert "incidents/2026-11-20-x/u.md:5: error [time-order] next_update: next_update is not after this update's " \
           "time\n    hint: promise a time in the future" in found
    assert "incidents/2026-11-20-x/u.md:4: error [unknown-component] components.withdrawal: component 'withdrawal' " \
           "is not declared in herald.yml\n    hint: did you mean 'withdrawals'?" in found
    assert any(line.startswith("incidents/2026-11-20-x/incident.md") and "title" in line for line in found)


def test_an_unknown_component_far_from_any_name_lists_the_declared_ones(tmp_path) -> None:
    from tests.conftest import ProjectFactory, update

    project = ProjectFactory(tmp_path)
    project.incident("2026-11-20-x", "title: X\ncomponents: [zzzzzz]\nstarted_at: 2026-11-20T08:00:00+08:00",
                     updates={"u": update("2026-11-20T09:00:00+08:00", "investigating")})
    [line] = [d for d in diagnostics_of(project.root) if "[unknown-component]" in d]
    assert line.endswith("component 'zzzzzz' is not declared in herald.yml\n"
                         "    hint: declared components: withdrawals, deposits, api")


def test_page_front_matter_titles_descriptions_and_tags(tmp_path) -> None:
    from generator.build import load_project
    from tests.conftest import ProjectFactory

    project = ProjectFactory(tmp_path)
    project.file("site_src/kb/a.md", "---\ntitle: Alpha\ndescription: About alpha\ntags: [phishing, two-factor]\n---\n"
                                     "# Alpha\n")
    project.file("site_src/kb/a.zh.md", "---\ntitle: 阿尔法\ntags: [ignored-here]\n---\n# 阿尔法\n")
    project.file("site_src/kb/plain.md", "# No front matter\n")
    project.file("site_src/kb/number.md", "---\ntitle: 2026\n---\n# Year\n")
    loaded = load_project(project.root, lambda pinned: datetime.fromisoformat("2026-11-20T12:00:00+08:00"))
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    pages = {p.path: p for p in loaded.content.pages}
    alpha = pages["kb/a.md"]
    assert (alpha.title, alpha.description, alpha.tags) == ({"en": "Alpha", "zh": "阿尔法"}, {"en": "About alpha"},
                                                            ("phishing", "two-factor"))  # tags: the original's
    assert set(alpha.text) == {"en", "zh"} and alpha.text["zh"].startswith("---\ntitle: 阿尔法")
    assert (pages["kb/plain.md"].title, pages["kb/plain.md"].tags) == ({}, ())
    assert pages["kb/number.md"].title == {"en": "2026"}


@pytest.mark.parametrize("tags,line", [("tags: phishing", 3), ("tags: [Bad Tag]", 3), ("tags: [ok, 7]", 3)])
def test_bad_page_tags_are_reported_at_their_line(tmp_path, tags: str, line: int) -> None:
    from tests.conftest import ProjectFactory

    project = ProjectFactory(tmp_path)
    project.file("site_src/kb/a.md", f"---\ntitle: Alpha\n{tags}\n---\n# Alpha\n")
    assert f"site_src/kb/a.md:{line}: error [bad-value] tags: tags must be a list of ids\n" \
           "    hint: write e.g. tags: [phishing, 2fa]" in diagnostics_of(project.root)


def test_commitments_take_their_translations(tmp_path) -> None:
    from generator.build import load_project
    from tests.conftest import ProjectFactory, update

    project = ProjectFactory(tmp_path)
    project.incident("2026-11-20-x", """
        title: X
        started_at: 2026-11-20T08:00:00+08:00
        commitments:
          refund: {text: Refund fees, due: 2026-11-21T10:00:00+08:00, state: missed, explanation: The bank was closed}
          report: {text: Publish a report, due: 2026-11-25T10:00:00+08:00}
    """, updates={"u": update("2026-11-20T09:00:00+08:00", "investigating")})
    project.file("incidents/2026-11-20-x/incident.zh.md", "---\ntitle: 某事\ncommitments:\n"
                 "  refund: {text: 退还手续费, explanation: 银行休息}\n---\n摘要。\n")
    loaded = load_project(project.root, lambda pinned: datetime.fromisoformat("2026-11-22T12:00:00+08:00"))
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    refund, report = loaded.content.incidents[0].commitments
    assert (refund.key, refund.text, refund.explanation, refund.state) == (
        "refund", {"en": "Refund fees", "zh": "退还手续费"}, {"en": "The bank was closed", "zh": "银行休息"}, "missed")
    assert (report.text, report.explanation, report.state) == ({"en": "Publish a report"}, {}, "pending")
