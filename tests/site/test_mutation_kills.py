"""Boundaries and details that mutation testing (benchmarks/mutation.py) showed no test pinned:
each test here kills mutants that survived the rest of the suite. Expectations are hand-computed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from generator.state import record
from generator.authoring.durations import MAX_DELAY, DurationError, parse_delay, resolve_next
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
    from generator.site.page_helper import RenderedPage

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
    from tests.helpers.output_helpers import build

    project = ProjectFactory(tmp_path)
    project.file("site_src/kb/account-security/passwords.md", "---\ntitle: P\n---\n# P\n")
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00", updates={
        "2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating", body=LINKS)})
    output = build(project.root, "2026-11-20T12:00:00+08:00")
    # The update file is incidents/2026-11-20-x/2026-11-20T0900.md: ../../site_src/kb/... is the pages folder's
    # kb/account-security/passwords.md, served at kb/account-security/passwords/; a bare faq.md is taken as a
    # pages-folder path. Other links stay as written on pages.
    kept = ["https://example.com/x.md", "mailto:a@b.md", "/x.md", "#top", "other/page"]
    english = ["../../kb/account-security/passwords/#strong", "../../faq/", *kept]
    chinese = ["../../../zh/kb/account-security/passwords/#strong", "../../../zh/faq/", *kept]
    # the update leads the page as the latest word, and stands in the timeline: the same links in both
    assert hrefs(output.status_pages["incidents/2026-11-20-x/index.md"].html) == english * 2
    assert hrefs(output.status_pages["zh/incidents/2026-11-20-x/index.md"].html) == chinese * 2
    site = "https://status.example.com/"
    for prefix in ("", "zh/"):
        [item] = json.loads(output.files[f"{prefix}feed.json"])["items"]
        assert hrefs(item["content_html"]) == [
            f"{site}{prefix}kb/account-security/passwords/#strong", f"{site}{prefix}faq/", "https://example.com/x.md",
            "mailto:a@b.md", f"{site}x.md", f"{site}{prefix}incidents/2026-11-20-x/#top",
            f"{site}{prefix}incidents/2026-11-20-x/other/page"]


# --- validation details --------------------------------------------------------------------------

def diagnostics_of(root, now: str = "2026-11-20T12:00:00+08:00") -> list[str]:
    from generator.pipeline import load_project

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
    from generator.pipeline import load_project
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
    from generator.pipeline import load_project
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


# --- the sanitiser: schemes, hand-written pages, nesting -------------------------------------------

@pytest.mark.parametrize("href", ["ftp://example.com/x", "tel:+8610000", "sms:+8610000", "ssh://host", "irc://x",
                                  "magnet:?xt=urn:btih:x", "webcal://x", "bitcoin:1abc", "xmpp:a@b"])
def test_only_http_https_and_mailto_links_survive(href: str) -> None:
    from generator.text.markup import clean_html, clean_page_html

    for clean in (clean_html, clean_page_html):
        assert "href" not in clean(f'<a href="{href}">x</a>'), (clean.__name__, href)
    for kept in ("https://example.com/", "http://example.com/", "mailto:a@example.com"):
        assert f'href="{kept}"' in clean_html(f'<a href="{kept}">x</a>')


def test_links_get_noopener_noreferrer() -> None:
    from generator.text.markup import clean_html, clean_page_html

    for clean in (clean_html, clean_page_html):
        assert clean('<a href="https://example.com/" rel="opener">x</a>') == (
            '<a href="https://example.com/" rel="noopener noreferrer">x</a>')


def test_hand_written_pages_keep_anchors_images_and_alignment_only() -> None:
    from generator.text.markup import clean_page_html

    page = ('<h1 id="intro" class="title md-typeset">Intro</h1>'
            '<img src="pic.png" alt="A picture" width="10" onerror="x()">'
            '<table><tr><td style="text-align: center; color: red" onclick="y()">c</td></tr></table>'
            '<section aria-labelledby="intro" style="display:none"><p id="__proto__" class="__x ok">p</p></section>'
            '<div id="md-header" class="herald-banner herald-banner--critical admonition">fake banner</div>'
            '<span id="herald-serve-status" class="herald-serve-error">e</span><p id="a b" class="-x">q</p>'
            '<script>alert(1)</script><iframe src="https://example.com/"></iframe><style>p{}</style>')
    assert clean_page_html(page) == (
        '<h1 id="intro" class="title">Intro</h1>'  # md- classes are the theme's
        '<img src="pic.png" alt="A picture" width="10">'
        '<table><tbody><tr><td style="text-align:center">c</td></tr></tbody></table>'  # only text-align
        '<section aria-labelledby="intro"><p class="ok">p</p></section>'  # "__" names are reserved
        '<div class="admonition">fake banner</div>'  # no theme ids, no banner look-alike
        '<span>e</span><p>q</p>')  # herald-serve names reserved; names with spaces or a leading dash dropped


def test_page_ids_and_classes_follow_the_name_rules() -> None:
    from generator.text.markup import _page_attribute

    assert _page_attribute("p", "id", "step-1.a:b_c") == "step-1.a:b_c"
    assert _page_attribute("p", "id", "md-sidebar") is None and _page_attribute("p", "id", "__x") is None
    assert _page_attribute("p", "id", "herald-banner") is None and _page_attribute("p", "id", "herald-serve") is None
    assert _page_attribute("p", "id", "-x") is None and _page_attribute("p", "id", "a b") is None
    assert _page_attribute("p", "id", "") is None
    assert _page_attribute("p", "class", "ok md-x also __y herald-banner--x") == "ok also"
    assert _page_attribute("p", "class", "md-x __y") is None
    assert _page_attribute("img", "alt", "anything goes <here>") == "anything goes <here>"


def test_nesting_too_deep_is_refused_with_its_line() -> None:
    from generator.text.markup import TooDeep, clean_html, clean_page_html
    from generator.text.safetext import MAX_NESTING

    deep = "\n" + "<div>" * (MAX_NESTING + 1) + "x" + "</div>" * (MAX_NESTING + 1)
    for clean in (clean_html, clean_page_html):
        with pytest.raises(TooDeep, match=rf"^HTML nested more than {MAX_NESTING} levels deep \(line 2\)$"):
            clean(deep)
    fine = "<div>" * MAX_NESTING + "x" + "</div>" * MAX_NESTING
    assert clean_html(fine).count("<div>") == MAX_NESTING


def test_the_renderer_without_the_sanitiser_keeps_raw_html_and_resolves_links() -> None:
    from generator.text.markup import MarkupRenderer

    raw = MarkupRenderer(sanitize=False)
    assert raw.to_html('<p onclick="x()">a</p>').strip() == '<p onclick="x()">a</p>'
    resolved = MarkupRenderer().to_html("[a](x.md) ![i](y.md) <https://example.com/z.md>",
                                        resolve_link=lambda href: "https://r.example/" + href)
    assert 'href="https://r.example/x.md"' in resolved and 'href="https://r.example/https://example.com/z.md"' in resolved
    assert "r.example/y.md" not in resolved  # images are not links (and are not allowed in updates anyway)


# --- the build's now: messages name their source, the clock has whole seconds ---------------------

def test_out_of_range_times_name_where_they_came_from() -> None:
    from generator.content.clock import NowError, resolve_now

    with pytest.raises(NowError, match=r"^--now '3000-01-01T00:00:00Z' is out of range: the build's now must fall "
                                       r"between the years 1970 and 2999$"):
        resolve_now("3000-01-01T00:00:00Z", {}, None)
    with pytest.raises(NowError, match=r"^SOURCE_DATE_EPOCH='32503680000' is out of range"):
        resolve_now(None, {"SOURCE_DATE_EPOCH": "32503680000"}, None)  # 3000-01-01T00:00:00Z


def test_the_clock_gives_whole_seconds() -> None:
    from generator.content.clock import resolve_now

    assert resolve_now(None, {}, None).microsecond == 0


# --- output text: XML-safe, markup-free, plain ----------------------------------------------------

def test_clean_strips_exactly_what_xml_cannot_carry() -> None:
    from generator.outputs.text import clean

    assert clean("a\x00b\x08c\x0bd\x0ce\x1ff\ud800g\udfffh\ufffei\uffffj") == "abcdefghij"
    assert clean("tab\tline\nreturn\r é 中 \U0001F600") == "tab\tline\nreturn\r é 中 \U0001F600"  # all kept


def test_markup_free_text_has_no_tags_and_no_angle_brackets() -> None:
    from generator.outputs.text import markup_free

    assert markup_free("   \n ") == ""
    assert markup_free("<b>Bold</b> &amp; <i>x</i>\n   y") == "Bold & x y"
    assert markup_free("a &lt;script&gt; b") == "a script b"
    assert markup_free("x\x00y") == "xy"


def test_plain_text_keeps_blocks_list_items_and_preformatted_lines() -> None:
    from generator.outputs.text import plain_text

    assert plain_text("  ") == ""
    html = "lead  text<p>One   two</p><ul><li>a</li><li>b   c</li></ul><pre>x\n  y  \n</pre><ol><li>z</li></ol><p></p>"
    assert plain_text(html) == "lead text\n\nOne two\n\n- a\n- b c\n\nx\n  y  \n\n- z"  # pre keeps its spaces


def test_api_update_bodies_are_plain_text_rendered_from_markdown(tmp_path) -> None:
    import json

    from tests.conftest import ProjectFactory, update
    from tests.helpers.output_helpers import build

    project = ProjectFactory(tmp_path)
    body = "We **paused** withdrawals.\n\n- Do not send funds\n- Wait for [our post](https://example.com/post)\n"
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00", body="The *summary*.",
                     updates={"2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating", body=body)})
    output = build(project.root, "2026-11-20T12:00:00+08:00")
    [incident] = json.loads(output.files["api/v2/incidents.json"])["incidents"]
    [first] = incident["incident_updates"]
    assert first["body"] == "We paused withdrawals.\n\n- Do not send funds\n- Wait for our post"  # no Markdown left


def test_line_of_finds_the_deepest_known_key() -> None:
    from generator.content.frontmatter import parse_front_matter

    text = "---\ntitle: X\nfacts:\n  amount:\n    label: Funds\n    value: 1 ETH\n---\nBody\n"
    front, diagnostics = parse_front_matter(text, "incident.md")
    assert diagnostics == []
    assert front.line_of(("title",)) == 2 and front.line_of(("facts",)) == 3
    assert front.line_of(("facts", "amount", "value")) == 6
    assert front.line_of(("facts", "amount", "missing")) == 4  # one level up
    assert front.line_of(("facts", "nope", "deeper")) == 3  # two levels up
    assert front.line_of(("unknown",)) == 2  # the front matter itself, just below its opening ---


def test_update_checks_name_the_file_line_and_field(tmp_path) -> None:
    from tests.conftest import ProjectFactory

    project = ProjectFactory(tmp_path)
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00", updates={
        "a": "---\nstatus: investigating\nat: 2026-11-20T07:00:00+08:00\n---\nEarly.\n",
        "b": "---\nat: 2026-11-20T09:00:00+08:00\nstatus: completed\n---\nWrong kind of status.\n"})
    found = diagnostics_of(project.root)
    assert ("incidents/2026-11-20-x/a.md:3: error [time-order] at: update is dated 2026-11-20T07:00:00+08:00, before "
            "the incident started (2026-11-20T08:00:00+08:00)\n    hint: check the date, or move started_at earlier"
            ) in found
    assert any(line.startswith("incidents/2026-11-20-x/b.md:3: error [bad-value] status: status 'completed' does not "
                               "apply to a incident; expected one of investigating, identified,") for line in found), found


def test_links_of_actions_and_commitments_must_name_a_page(tmp_path) -> None:
    from tests.conftest import ProjectFactory, update

    project = ProjectFactory(tmp_path)
    project.file("site_src/kb/passwords.md", "---\ntitle: P\n---\n# P\n")
    project.incident("2026-11-20-x", """
        title: X
        started_at: 2026-11-20T08:00:00+08:00
        actions:
          reset: {text: Reset, urgency: now, link: kb/pasword.md}
        commitments:
          refund: {text: Refund, due: 2026-11-21T08:00:00+08:00, state: done, done_at: 2026-11-20T09:00:00+08:00,
                   link: kb/nowhere.md}
    """, updates={"u": update("2026-11-20T09:00:00+08:00", "investigating")})
    found = [d for d in diagnostics_of(project.root) if "[unknown-page]" in d]
    assert found == [
        "incidents/2026-11-20-x/incident.md:5: error [unknown-page] actions.reset.link: 'kb/pasword.md' is not a page "
        "in site_src/\n    hint: did you mean 'kb/passwords.md'?",
        # line 8: the "link" key, on the flow mapping's second line; nothing near "nowhere", so the general hint
        "incidents/2026-11-20-x/incident.md:8: error [unknown-page] commitments.refund.link: 'kb/nowhere.md' is not a "
        "page in site_src/\n    hint: link a page such as kb/index.md"]


def test_drafts_never_reach_the_published_content(tmp_path) -> None:
    from generator.pipeline import load_project
    from tests.conftest import ProjectFactory, update

    project = ProjectFactory(tmp_path)
    project.incident("2026-11-20-draft", "title: Secret\ndraft: true\nstarted_at: 2026-11-20T08:00:00+08:00",
                     updates={"u": update("2026-11-20T09:00:00+08:00", "investigating")})
    project.incident("2026-11-20-open", "title: Open\nstarted_at: 2026-11-20T08:00:00+08:00", updates={
        "u": update("2026-11-20T09:00:00+08:00", "investigating"),
        "v": update("2026-11-20T10:00:00+08:00", "resolved", "draft: true")})
    loaded = load_project(project.root, lambda pinned: datetime.fromisoformat("2026-11-20T12:00:00+08:00"))
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    [shown] = loaded.content.incidents
    assert shown.id == "2026-11-20-open" and [u.id for u in shown.updates] == ["u"]
    assert all(u.incident_id == "2026-11-20-open" for u in shown.updates)
    future = [d for d in loaded.diagnostics if d.code == "future-update"]
    assert future == []  # a draft is not "held back": it is simply not published


def test_the_supported_years_are_1970_to_2999_inclusive() -> None:
    from generator.content.clock import NowError, check_range, resolve_now

    assert resolve_now("1970-01-01T00:00:00Z", {}, None).year == 1970
    assert resolve_now("2999-12-31T23:59:59Z", {}, None).year == 2999
    for text in ("1969-12-31T23:59:59Z", "3000-01-01T00:00:00Z"):
        with pytest.raises(NowError, match="out of range"):
            resolve_now(text, {}, None)
    with pytest.raises(ValueError, match="between the years 1970 and 2999"):
        check_range(datetime(1969, 12, 31, tzinfo=timezone.utc))


def test_files_without_front_matter_are_reported_as_such() -> None:
    from generator.content.frontmatter import parse_front_matter

    front, [empty] = parse_front_matter(" \n", "incidents/x/incident.md")
    assert front is None and empty.format() == ("incidents/x/incident.md:1: error [empty-file] the file is empty\n"
                                                "    hint: start it with a front matter block between two '---' lines")
    front, [bare] = parse_front_matter("no front matter\n", "incidents/x/incident.md")
    assert front is None and bare.format() == (
        "incidents/x/incident.md:1: error [no-front-matter] expected a front matter block starting with '---' on the "
        "first line\n    hint: begin the file with '---', the fields, then '---' and the text")


def test_misplaced_and_misnamed_files_in_incident_folders(tmp_path) -> None:
    from tests.conftest import ProjectFactory, update

    project = ProjectFactory(tmp_path)
    project.incident("2026-11-20-x", "title: X\nstarted_at: 2026-11-20T08:00:00+08:00",
                     updates={"bad name!": update("2026-11-20T09:00:00+08:00", "investigating"),
                              "u": update("2026-11-20T09:00:00+08:00", "investigating")})
    project.incident("2026-11-20-y", """
        title: Y
        started_at: 2026-11-20T08:00:00+08:00
        commitments:
          refund: {text: Refund, due: 2026-11-21T08:00:00+08:00, state: done}
    """, updates={"u": update("2026-11-20T09:00:00+08:00", "investigating")})
    project.file("incidents/2026-11-20-x/sub/x.md", "---\n---\nx\n")
    project.file("incidents/2026-11-21-empty/notes.md", "---\n---\nx\n")
    found = diagnostics_of(project.root)
    assert ("incidents/2026-11-20-x/bad name!.md: error [bad-id] file name 'bad name!' is not a valid update id\n"
            "    hint: name updates by time, e.g. 2026-11-20T0912.md (letters, digits, - and _)") in found
    assert ("incidents/2026-11-20-x/sub/x.md: error [unexpected-file] unexpected sub-folder in an incident folder\n"
            "    hint: updates sit directly in the incident folder; FAQ entries in its faq/ folder") in found
    assert ("incidents/2026-11-21-empty: error [missing-incident-file] the folder has no incident.md\n"
            "    hint: add incident.md with title, kind, impact, components and started_at") in found
    assert ("incidents/2026-11-20-y/incident.md:5: error [missing-field] commitments.refund.done_at: a done commitment "
            "needs done_at\n    hint: add done_at: <when it was done>") in found
