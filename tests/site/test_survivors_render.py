"""The status pages as rendered by generator/site (no MkDocs, no browser): titles are text on every page,
scam warnings are flagged, history pages keep every incident, the home page lists ``home_days``
days and shows each component's own status, and the track-record page shows hand-computed figures."""

from __future__ import annotations

import re
from datetime import datetime

import lxml.html
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from generator.site.page_helper import RenderedPage
from generator.site.renderer import PageRenderer
from generator.site.status_pages import _history_pages
from generator.text.markup import MarkupRenderer
from tests.conftest import ProjectFactory, update
from tests.helpers.output_helpers import build, incident, settings_of, state_with, when

NOW = "2026-11-20T12:30:00+08:00"
HOSTILE_TITLE = '<script>alert(1)</script> & <img src=x onerror=alert(2)> "Title"'


def tree(page: RenderedPage):
    """The page's HTML block as an element tree."""
    return lxml.html.fragment_fromstring(page.html, create_parent="div")


def text_of(element) -> str:
    return " ".join(element.text_content().split())


# --- incident titles are text, never markup -------------------------------------------------------

def test_a_title_with_markup_is_escaped_on_every_page_that_shows_it(project: ProjectFactory) -> None:
    project.incident("2026-11-20-x", f"title: '{HOSTILE_TITLE}'\ncomponents: [api]\n"
                     "started_at: 2026-11-20T08:00:00+08:00",
                     updates={"u": update("2026-11-20T09:00:00+08:00", "investigating")})
    pages = build(project.root, NOW).status_pages
    showing = ["index.md", "incidents/2026-11-20-x/index.md", "history/index.md", "components/api/index.md",
               "track-record/index.md", "zh/index.md", "zh/incidents/2026-11-20-x/index.md", "zh/history/index.md"]
    for path in showing:
        page = pages[path]
        root = tree(page)
        assert root.xpath("//script | //img | //@onerror") == [], path
        assert HOSTILE_TITLE in text_of(root), path  # shown, as the very characters typed
        assert "<script>alert(1)</script>" not in page.html, path
    # Themes print the page title as markup, so it is handed over escaped (computed by hand).
    assert pages["incidents/2026-11-20-x/index.md"].meta["title"] == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt; &#34;Title&#34;")


TITLES = st.text(st.one_of(st.sampled_from('<>&"\'/=;#'), st.characters(blacklist_categories=("Cs", "Cc"))),
                 min_size=1, max_size=40).filter(lambda t: t.strip() == t and t.strip())
"""Any printable title, markup characters made likely."""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TITLES)
@example(title="<b>x</b> & y")
@example(title="\u05d0 <i>rtl</i>")  # right-to-left: isolated in a <bdi>
def test_any_title_reads_back_exactly_from_the_incident_heading(project: ProjectFactory, title: str) -> None:
    state = state_with(settings_of(project.root), [incident("2026-11-20-x", title, "Body.",
                                                             when("2026-11-20T09:00:00+08:00"))], when(NOW))
    renderer = PageRenderer(state, MarkupRenderer())
    _, page = renderer.render("en", "incidents/2026-11-20-x/", "incident.html", title,
                              incident=state.content.incidents[0], facts=[], resolved_at=None)
    [heading] = tree(page).xpath("//h1")
    assert heading.text_content() == title
    # Text only: at most the <bdi> that isolates right-to-left titles, no element from the title itself.
    assert [child.tag for child in heading.iterdescendants()] in ([], ["bdi"])
    shown = lxml.html.fromstring(f"<p>{page.meta['title']}</p>").text_content()
    assert shown in (title, f"\u2068{title}\u2069")  # first-strong isolates around right-to-left titles


# --- scam warnings --------------------------------------------------------------------------------

def add_notices(project: ProjectFactory) -> None:
    project.incident("2026-11-20-fake-support", """
        title: Fake support accounts ask for seed phrases
        kind: notice
        scam_warning: true
        started_at: 2026-11-20T08:00:00+08:00
    """, updates={"u": update("2026-11-20T08:10:00+08:00", "investigating", body="Never share your seed phrase.")})
    project.incident("2026-11-20-new-app", """
        title: A new app version
        kind: notice
        started_at: 2026-11-20T07:00:00+08:00
    """, updates={"u": update("2026-11-20T07:10:00+08:00", "investigating", body="Update the app.")})


def test_scam_warning_is_flagged_as_one_on_the_home_page(project: ProjectFactory) -> None:
    add_notices(project)
    output = build(project.root, NOW)
    for path, label, other in (("index.md", "Scam warning:", "Notice:"), ("zh/index.md", "防诈骗提醒：", "通知：")):
        cards = tree(output.status_pages[path]).xpath('//section[@class="herald-notices"]/article')
        by_title = {text_of(card.xpath(".//h3/a")[0]): card for card in cards}
        scam = next(card for title, card in by_title.items() if "seed" in title or "助记词" in title or "Fake" in title)
        plain = next(card for card in cards if card is not scam)
        assert "herald-card--scam" in scam.get("class").split(), path
        assert text_of(scam.xpath(".//h3")[0]).startswith(label), path
        assert "herald-card--scam" not in plain.get("class").split(), path
        assert text_of(plain.xpath(".//h3")[0]).startswith(other), path
        assert "Never share your seed phrase." in text_of(scam)


def test_scam_warning_is_labelled_on_its_page_and_in_the_history(project: ProjectFactory) -> None:
    add_notices(project)
    output = build(project.root, NOW)
    page = tree(output.status_pages["incidents/2026-11-20-fake-support/index.md"])
    assert text_of(page.xpath('//*[@class="herald-kind"]')[0]) == "Scam warning"
    history = tree(output.status_pages["history/index.md"])
    lines = {text_of(li.xpath("a")[0]): text_of(li.xpath('span[@class="herald-list__meta"]')[0])
             for li in history.xpath('//li[@class="herald-list__item"]')}
    assert lines["Fake support accounts ask for seed phrases"].startswith("Scam warning ·")
    assert lines["A new app version"].startswith("Notice ·")


# --- history pagination ---------------------------------------------------------------------------

def test_history_pages_split_without_losing_an_item() -> None:
    items = list("abcdefghijk")  # 11 items, 5 a page: 5 + 5 + 1
    pages = list(_history_pages(items, 5))
    assert pages == [(1, list("abcde"), 3), (2, list("fghij"), 3), (3, ["k"], 3)]
    assert list(_history_pages(list("abcde"), 5)) == [(1, list("abcde"), 1)]
    assert list(_history_pages(list("abcdef"), 5)) == [(1, list("abcde"), 2), (2, ["f"], 2)]
    assert list(_history_pages([], 5)) == [(1, [], 1)]


def incidents_linked(page: RenderedPage) -> list[str]:
    return [re.search(r"incidents/([^/]+)/", a.get("href")).group(1)
            for a in tree(page).xpath('//li[@class="herald-list__item"]/a')]


def test_history_per_page_splits_the_history_and_keeps_the_oldest(project: ProjectFactory) -> None:
    config = project.root / "herald.yml"
    config.write_text(config.read_text() + "output:\n  history_per_page: 5\n")
    ids = [f"2026-11-{day:02d}-event" for day in range(1, 12)]  # 11 incidents, one a day
    for day, incident_id in enumerate(ids, start=1):
        project.incident(incident_id, f"title: Event {day}\nstarted_at: 2026-11-{day:02d}T08:00:00+08:00",
                         updates={"u": update(f"2026-11-{day:02d}T09:00:00+08:00", "resolved")})
    pages = build(project.root, NOW).status_pages
    newest_first = ids[::-1]
    assert incidents_linked(pages["history/index.md"]) == newest_first[:5]
    assert incidents_linked(pages["history/2/index.md"]) == newest_first[5:10]
    assert incidents_linked(pages["history/3/index.md"]) == ["2026-11-01-event"]  # the oldest, alone
    assert "history/4/index.md" not in pages
    assert incidents_linked(pages["zh/history/3/index.md"]) == ["2026-11-01-event"]
    assert text_of(tree(pages["history/3/index.md"]).xpath("//h1")[0]) == "Incident history (3/3)"
    pager = tree(pages["history/2/index.md"]).xpath('//nav[@class="herald-pager"]/a')
    assert [(a.get("rel"), a.get("href")) for a in pager] == [("prev", "../../history/"), ("next", "../../history/3/")]


# --- the home page --------------------------------------------------------------------------------

def day_headings(page: RenderedPage) -> list[str]:
    return [text_of(h) for h in tree(page).xpath('//h3[@class="herald-day"]')]


def test_home_page_lists_home_days_days(project: ProjectFactory) -> None:
    project.incident("2026-11-17-old", "title: Three days ago\nstarted_at: 2026-11-17T08:00:00+08:00",
                     updates={"u": update("2026-11-17T09:00:00+08:00", "resolved")})
    project.incident("2026-11-18-recent", "title: Two days ago\nstarted_at: 2026-11-18T08:00:00+08:00",
                     updates={"u": update("2026-11-18T09:00:00+08:00", "resolved")})
    default = build(project.root, NOW).status_pages["index.md"]
    assert len(day_headings(default)) == 14  # the default
    assert day_headings(default)[0] == "Fri 20 Nov 2026" and day_headings(default)[-1] == "Sat 7 Nov 2026"
    config = project.root / "herald.yml"
    config.write_text(config.read_text() + "output:\n  home_days: 3\n")
    home = build(project.root, NOW).status_pages["index.md"]
    assert day_headings(home) == ["Fri 20 Nov 2026", "Thu 19 Nov 2026", "Wed 18 Nov 2026"]
    past = tree(home).xpath('//section[@class="herald-past"]')[0]
    assert "Two days ago" in text_of(past) and "Three days ago" not in text_of(past)


def component_items(page: RenderedPage) -> dict[str, tuple[str, str]]:
    """Component name -> (status class, status words) from the home page's component list."""
    out = {}
    for item in tree(page).xpath('//li[@class="herald-components__item"]'):
        badge = item.xpath('.//span[starts-with(@class, "herald-status ")]')[0]
        words = text_of(badge).lstrip("✓▲◆✕⚙ ").strip()
        out[text_of(item.xpath("a")[0])] = (badge.get("class").split()[1], words)
    return out


def test_home_page_shows_each_components_own_status_and_the_overall_indicator(outage: ProjectFactory) -> None:
    output = build(outage.root, NOW)
    pages = output.status_pages
    # withdrawals: the critical incident states major_outage; the API incident is resolved.
    assert component_items(pages["index.md"]) == {
        "Withdrawals": ("herald-status--major_outage", "Major outage"),
        "Deposits": ("herald-status--operational", "Operational"),
        "API": ("herald-status--operational", "Operational")}
    assert component_items(pages["zh/index.md"])["提币"] == ("herald-status--major_outage", "严重中断")
    # the overall status is in the bar under every page's header (site/chrome.py), in each language
    bar = output.status["en"]
    assert (bar["indicator"], bar["icon"], bar["text"]) == ("critical", "✕", "Major service outage")
    assert output.status["zh"]["text"] == "服务严重中断"
    assert "Major service outage" in text_of(tree(pages["index.md"]).xpath('//p[@class="herald-visually-hidden"]')[0])


def test_home_page_status_follows_a_new_update(outage: ProjectFactory) -> None:
    outage.file("incidents/2026-11-20-withdrawals-down/2026-11-20T1100.md",
                update("2026-11-20T11:00:00+08:00", "monitoring", "components: {withdrawals: degraded_performance}"))
    output = build(outage.root, NOW)
    assert component_items(output.status_pages["index.md"])["Withdrawals"] == ("herald-status--degraded_performance",
                                                                               "Degraded performance")
    # The impact is still critical, so the indicator stays at "critical" although the status eased.
    assert (output.status["en"]["icon"], output.status["en"]["text"]) == ("✕", "Major service outage")


# --- the track-record page ------------------------------------------------------------------------

def add_record_incidents(project: ProjectFactory) -> None:
    # A: first update 30 min after start; promise 09:30 kept at 09:20, promise 10:00 late (10:30).
    project.incident("2026-11-20-a", """
        title: Alpha
        components: [api]
        started_at: 2026-11-20T08:00:00+08:00
        commitments:
          refund: {text: Refund fees, due: 2026-11-20T10:00:00+08:00, state: done, done_at: 2026-11-20T09:50:00+08:00}
          report: {text: Publish a report, due: 2026-11-19T10:00:00+08:00, state: missed, explanation: Late}
          audit: {text: Audit, due: 2026-11-20T11:00:00+08:00}
          review: {text: Review, due: 2026-11-25T11:00:00+08:00}
    """, updates={
        "2026-11-20T0830": update("2026-11-20T08:30:00+08:00", "investigating", "next_update: 2026-11-20T09:30:00+08:00"),
        "2026-11-20T0920": update("2026-11-20T09:20:00+08:00", "identified", "next_update: 2026-11-20T10:00:00+08:00"),
        "2026-11-20T1030": update("2026-11-20T10:30:00+08:00", "resolved")})
    # B: first update after 10 min, no promise, resolved after an hour.
    project.incident("2026-11-20-b", "title: Bravo\nstarted_at: 2026-11-20T10:00:00+08:00", updates={
        "2026-11-20T1010": update("2026-11-20T10:10:00+08:00", "investigating"),
        "2026-11-20T1100": update("2026-11-20T11:00:00+08:00", "resolved")})
    # C: first update after an hour; its promise (11:00) has passed unkept at 12:30.
    project.incident("2026-11-20-c", "title: Charlie\nstarted_at: 2026-11-20T09:00:00+08:00", updates={
        "2026-11-20T1000": update("2026-11-20T10:00:00+08:00", "investigating", "next_update: 2026-11-20T11:00:00+08:00")})
    # A maintenance: never in the track record.
    project.incident("2026-11-19-m", """
        title: Maintenance
        kind: maintenance
        components: [api]
        started_at: 2026-11-19T02:00:00+08:00
        scheduled_for: 2026-11-19T02:00:00+08:00
        scheduled_until: 2026-11-19T03:00:00+08:00
    """, updates={"2026-11-18T1000": update("2026-11-18T10:00:00+08:00", "scheduled",
                                             "next_update: 2026-11-18T11:00:00+08:00")})


def test_track_record_page_shows_hand_computed_figures(project: ProjectFactory) -> None:
    add_record_incidents(project)
    page = tree(build(project.root, NOW).status_pages["track-record/index.md"])
    figures = {text_of(div.xpath("dt")[0]): text_of(div.xpath("dd")[0])
               for div in page.xpath('//dl[contains(@class, "herald-track")]/div')}
    assert figures["Median time to first update"] == "30 min"  # median of 30, 10 and 60 minutes
    assert figures["Promises kept on time"] == "33% (1 of 3)"  # A: kept + late; C: overdue
    assert figures["Our commitments"] == "1 done, 1 missed, 1 overdue, 1 not yet due"  # "review" is pending
    rows = [[text_of(td) for td in tr.xpath("td")] for tr in page.xpath("//table/tbody/tr")]
    assert sorted(rows) == sorted([
        ["Alpha", "30 min", "1 h 10 min", "1 of 2", "2 h 30 min"],  # gaps 50 and 70 min; 08:00-10:30
        ["Bravo", "10 min", "50 min", "0 of 0", "1 h"],
        ["Charlie", "1 h", "2 h 30 min", "0 of 1", "3 h 30 min"],  # open: silent since 10:00, running since 09:00
    ])


def test_track_record_page_in_chinese(project: ProjectFactory) -> None:
    add_record_incidents(project)
    page = tree(build(project.root, NOW).status_pages["zh/track-record/index.md"])
    figures = [text_of(dd) for dd in page.xpath('//dl[contains(@class, "herald-track")]/div/dd')]
    assert figures[:3] == ["30 分钟", "33%（3 次中 1 次）", "已完成 1 项，未兑现 1 项，已逾期 1 项，待兑现 1 项"]


def test_track_record_without_incidents_shows_dashes(project: ProjectFactory) -> None:
    page = tree(build(project.root, NOW).status_pages["track-record/index.md"])
    figures = [text_of(dd) for dd in page.xpath('//dl[contains(@class, "herald-track")]/div/dd')]
    assert figures[:3] == ["—", "—", "0 done, 0 missed, 0 overdue, 0 not yet due"]
    assert page.xpath("//table/tbody/tr") == []


def test_now_is_in_the_future_of_every_time_used() -> None:
    assert datetime.fromisoformat(NOW) > datetime.fromisoformat("2026-11-20T11:00:00+08:00")
