"""Feeds carry an incident's actions in its entries, and an entry for each commitment's change of state."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import feedparser

from generator.pipeline import build_site, load_project
from tests.conftest import ProjectFactory, update

CST = timezone(timedelta(hours=8))


def feed_at(project: ProjectFactory, now: datetime, path: str = "incidents/2026-11-20-x/feed.atom"):
    files = build_site(load_project(project.root, lambda pinned: now)).files
    parsed = feedparser.parse(files[path])
    assert not parsed.bozo
    return parsed


def test_actions_and_commitment_changes_in_feeds(project: ProjectFactory) -> None:
    project.file("site_src/kb/passwords.md", "---\ntitle: Passwords\n---\nText.\n")
    project.incident("2026-11-20-x", """
        title: X
        started_at: 2026-11-20T08:00:00+08:00
        actions:
          reset: {text: Reset your password, urgency: now, link: kb/passwords.md}
        commitments:
          refund: {text: Refund fees, due: 2026-11-20T12:00:00+08:00}
          audit: {text: Publish audit, due: 2026-11-22T12:00:00+08:00, state: done, done_at: 2026-11-20T10:30:00+08:00}
          reopen: {text: Reopen, due: 2026-11-20T09:00:00+08:00, state: missed, explanation: More checks needed}
    """, updates={"a": update("2026-11-20T08:30:00+08:00", "investigating")})
    before = feed_at(project, datetime(2026, 11, 20, 11, 0, tzinfo=CST))
    titles = [e.title for e in before.entries]
    assert titles == ["[Done] Publish audit", "[Missed] Reopen", "[Investigating] X"]  # newest first
    update_entry = before.entries[-1]
    assert "Reset your password" in update_entry.content[0].value
    assert "https://status.example.com/kb/passwords/" in update_entry.content[0].value
    assert "More checks needed" in before.entries[1].content[0].value
    after = feed_at(project, datetime(2026, 11, 20, 13, 0, tzinfo=CST))  # the refund is now overdue
    assert [e.title for e in after.entries][0] == "[Overdue] Refund fees"
    assert {e.id for e in before.entries} < {e.id for e in after.entries}  # earlier entries keep their ids
    site = feed_at(project, datetime(2026, 11, 20, 13, 0, tzinfo=CST), "feed.atom")
    assert "[Overdue] Refund fees" in [e.title for e in site.entries]
