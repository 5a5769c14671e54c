"""FAQ entries, user actions, official channels and topic links: validated like incidents and shown."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

from generator.pipeline import build_site, load_project
from generator.errors import Severity
from tests.conftest import ProjectFactory, add_outage, update

NOW = datetime(2026, 11, 20, 5, 0, tzinfo=timezone.utc)
THEFT = "incidents/2026-11-20-withdrawals-down"


def errors(project: ProjectFactory):
    loaded = load_project(project.root, lambda pinned: NOW)
    return [(d.path, d.line, d.field, d.code, d.hint) for d in loaded.diagnostics if d.severity is Severity.ERROR]


def built(project: ProjectFactory):
    loaded = load_project(project.root, lambda pinned: NOW)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    return build_site(loaded)


def with_kb(project: ProjectFactory) -> ProjectFactory:
    project.file("site_src/kb/index.md", "---\ntitle: Knowledge base\n---\nAdvice.\n")
    project.file("site_src/kb/passwords.md", "---\ntitle: Strong passwords\ntags: [passwords, data-leak]\n---\nUse a manager.\n")
    project.file("site_src/kb/passwords.zh.md", "---\ntitle: 强密码\ntags: [passwords, data-leak]\n---\n使用密码管理器。\n")
    project.file("site_src/kb/phishing.md", "---\ntitle: Phishing\ntags: [phishing]\n---\nCheck addresses.\n")
    return project


def test_faq_entry_errors_name_file_line_and_field(project: ProjectFactory) -> None:
    project.file("site_src/faq/accounts/reset.md", "---\nquestion: How?\norder: first\ntgas: [x]\n---\nLike this.\n")
    project.file("site_src/faq/accounts/Bad Name.md", "---\nquestion: Q\n---\nA\n")
    project.file("site_src/faq/accounts/_topic.yml", "title: Accounts\norder: ten\n")
    found = errors(project)
    assert ("site_src/faq/accounts/reset.md", 3, "order", "wrong-type", "check the indentation and the value's form") in found
    assert any(e[:4] == ("site_src/faq/accounts/reset.md", 4, "tgas", "unknown-field") and "tags" in e[4] for e in found)
    assert any(e[0] == "site_src/faq/accounts/Bad Name.md" and e[3] == "bad-id" for e in found)
    assert any(e[:4] == ("site_src/faq/accounts/_topic.yml", 2, "order", "wrong-type") for e in found)


def test_action_errors_name_file_line_and_field(project: ProjectFactory) -> None:
    with_kb(project)
    project.incident("2026-11-20-x", """
        title: X
        started_at: 2026-11-20T08:00:00+08:00
        actions:
          change-password:
            text: Change your password
            urgency: immediately
            link: kb/pasword.md
    """, updates={"u": update("2026-11-20T09:00:00+08:00", "investigating")})
    found = errors(project)
    assert ("incidents/2026-11-20-x/incident.md", 7, "actions.change-password.urgency", "bad-value", "") in found
    project.file("incidents/2026-11-20-x/incident.md",
                 (project.root / "incidents/2026-11-20-x/incident.md").read_text().replace("immediately", "now"))
    assert errors(project) == [("incidents/2026-11-20-x/incident.md", 8, "actions.change-password.link",
                                "unknown-page", "did you mean 'kb/passwords.md'?")]


def test_incident_page_shows_actions_faq_and_related_advice(outage: ProjectFactory) -> None:
    with_kb(outage)
    incident = outage.root / THEFT / "incident.md"
    incident.write_text(incident.read_text().replace("facts:", "tags: [passwords]\nactions:\n  reset:\n"
                                                     "    text: Reset your password\n    urgency: now\n"
                                                     "    link: kb/passwords.md\nfacts:", 1))
    outage.file(f"{THEFT}/faq/can-i-withdraw.md", "---\nquestion: Can I withdraw?\norder: 1\n---\nNot yet.\n")
    outage.file(f"{THEFT}/faq/can-i-withdraw.zh.md", "---\nquestion: 可以提币吗？\n---\n暂时不行。\n")
    output = built(outage)
    page = output.status_pages[f"{THEFT}/index.md"].html
    assert re.search(r"Do now: </strong>Reset your password — <a href=\"../../kb/passwords/\">how to</a>", page)
    assert '<details class="herald-faq" id="faq-2026-11-20-withdrawals-down-can-i-withdraw">' in page
    assert '<a href="../../kb/passwords/">Strong passwords</a>' in page  # related by the shared tag
    zh = output.status_pages[f"zh/{THEFT}/index.md"].html
    assert "可以提币吗？" in zh and 'href="../../../zh/kb/passwords/">强密码</a>' in zh
    home = output.status_pages["index.md"].html
    assert "Reset your password" in home  # the checklist is on the home page while the incident is active
    faq = output.status_pages["faq/index.md"].html
    assert "Can I withdraw?" in faq  # the combined FAQ shows the active incident's questions


def test_faq_page_groups_by_topic_with_structured_data(project: ProjectFactory) -> None:
    project.file("site_src/faq/accounts/_topic.yml", "title: Accounts\ntitle_zh: 账户\norder: 2\n")
    project.file("site_src/faq/scams/_topic.yml", "title: Scams\norder: 1\n")
    project.file("site_src/faq/accounts/lost-phone.md", "---\nquestion: I lost my phone\norder: 2\n---\nUse backup codes.\n")
    project.file("site_src/faq/accounts/reset.md", "---\nquestion: How do I reset?\norder: 1\n---\nFrom the app.\n")
    project.file("site_src/faq/scams/refund.md", "---\nquestion: Is the refund real?\n---\nNo.\n")
    page = built(project).status_pages["faq/index.md"].html
    assert page.index("Scams") < page.index("Accounts") < page.index("How do I reset?") < page.index("I lost my phone")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == ["Is the refund real?", "How do I reset?", "I lost my phone"]
    assert data["mainEntity"][0]["acceptedAnswer"]["text"].strip() == "<p>No.</p>"


def test_tags_link_to_topic_index_and_channels_page(project: ProjectFactory) -> None:
    with_kb(project)
    output = built(project)
    article = output.source_pages["kb/passwords.md"].html
    assert '<a href="../../kb/tags/#tag-passwords" rel="noopener noreferrer">passwords</a>' in article
    assert 'id="tag-passwords"' in output.status_pages["kb/tags/index.md"].html
    assert output.status_pages["zh/kb/tags/index.md"].html.count("强密码") == 2  # under both of its tags
    channels = output.status_pages["official-channels/index.md"].html
    assert "What we will never ask you" in channels and "seed phrase" in channels


def test_relative_markdown_links_point_at_built_pages(outage: ProjectFactory) -> None:
    with_kb(outage)
    outage.file("site_src/faq/accounts/reset.md",
                "---\nquestion: Reset?\n---\nSee [passwords](../../kb/passwords.md#manager) or [x](https://example.com).\n")
    outage.file(f"{THEFT}/2026-11-20T1100.md", update("2026-11-20T11:00:00+08:00", "identified",
                                                      body="Read [this](../../site_src/kb/phishing.md)."))
    output = built(outage)
    faq = output.status_pages["zh/faq/index.md"].html
    assert 'href="../../zh/kb/passwords/#manager"' in faq and 'href="https://example.com"' in faq
    assert 'href="../../kb/phishing/"' in output.status_pages[f"{THEFT}/index.md"].html
