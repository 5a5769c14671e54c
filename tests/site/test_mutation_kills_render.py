"""The record pictures as rendered (scorecard.py, render.py): month calendars, weekday headers, the 90-day
bar's links, and details of the generated pages that mutation testing showed unpinned. Dates worked out
by hand: 20 November 2026 is a Friday, 1 November a Sunday; 90 days back from the 20th is 23 August."""

from __future__ import annotations

import lxml.html

from tests.conftest import ProjectFactory
from tests.helpers.output_helpers import build

NOW = "2026-11-20T12:30:00+08:00"


def tree(page):
    return lxml.html.fragment_fromstring(page.html, create_parent="div")


def words(element) -> str:
    return " ".join(element.text_content().split())


def test_month_calendars_newest_first_with_monday_first_weeks(outage: ProjectFactory) -> None:
    pages = build(outage.root, NOW).status_pages
    page = tree(pages["uptime/index.md"])
    assert [words(h) for h in page.xpath("//section/h2")] == ["November 2026", "October 2026", "September 2026",
                                                              "August 2026"]
    [november] = page.xpath('//section[@aria-labelledby="month-2026-11"]/table')
    assert [words(th) for th in november.xpath("thead/tr/th")] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    weeks = [[cell.get("id") or "" for cell in row.xpath("td")] for row in november.xpath("tbody/tr")]
    assert weeks == [[""] * 6 + ["day-2026-11-01"],
                     [f"day-2026-11-{d:02d}" for d in range(2, 9)],
                     [f"day-2026-11-{d:02d}" for d in range(9, 16)],
                     [f"day-2026-11-{d:02d}" for d in range(16, 21)] + ["", ""]]  # nothing after today
    [today] = november.xpath('.//td[@id="day-2026-11-20"]')
    assert today.get("class") == "herald-cell herald-cell--major_outage"  # withdrawals, down since 08:00
    assert words(today).startswith("20 Major outage") and "Withdrawals are down" in words(today)
    zh = tree(pages["zh/uptime/index.md"])
    assert [words(th) for th in zh.xpath('//section[@aria-labelledby="month-2026-11"]//thead/tr/th')] == [
        "周一", "周二", "周三", "周四", "周五", "周六", "周日"]


def test_a_component_calendar_shows_only_its_own_incidents(outage: ProjectFactory) -> None:
    page = tree(build(outage.root, NOW).status_pages["components/api/uptime/index.md"])
    [day10] = page.xpath('//td[@id="day-2026-11-10"]')
    assert day10.get("class") == "herald-cell herald-cell--degraded_performance"  # API slow, minor, 10:00-11:00
    assert [words(a) for a in day10.xpath(".//a")] == ["API slow"]
    assert page.xpath('//td[@id="day-2026-11-20"]')[0].get("class") == "herald-cell herald-cell--operational"
    # The calendar starts with the August of the 90-day window: 23 August is its first day with a status.
    assert page.xpath('//section[@aria-labelledby="month-2026-08"]//td[@id="day-2026-08-01"]')


def test_the_90_day_bars_link_to_their_calendar_days(outage: ProjectFactory) -> None:
    pages = build(outage.root, NOW).status_pages
    home = tree(pages["index.md"])
    [overall] = [f for f in home.xpath("//figure") if "All components" in words(f.xpath("figcaption")[0])]
    links = overall.xpath(".//ol/li/a/@href")
    assert len(links) == 90 and links[0] == "uptime/#day-2026-08-23" and links[-1] == "uptime/#day-2026-11-20"
    component = tree(pages["components/api/index.md"])
    hrefs = component.xpath('//figure//ol/li/a/@href')
    assert hrefs[-1] == "../../components/api/uptime/#day-2026-11-20"
    assert "../../components/api/uptime/#day-2026-11-10" in hrefs


def test_component_pages_stay_out_of_search_and_incident_pages_carry_their_resolution(outage: ProjectFactory) -> None:
    pages = build(outage.root, NOW).status_pages
    assert pages["components/api/index.md"].meta["search"] == {"exclude": True}
    assert pages["history/index.md"].meta["search"] == {"exclude": True}
    assert "search" not in pages["index.md"].meta  # the home page is searchable
    def facts(path: str) -> dict[str, str]:
        page = tree(pages[path])
        return {words(div.xpath("dt")[0]): words(div.xpath("dd")[0])
                for div in page.xpath('//dl[@class="herald-meta"]/div')}

    # Resolved at 11:00 after starting at 10:00; the open incident (08:00 to now, 12:30) is ongoing.
    resolved = facts("incidents/2026-11-10-api-slow/index.md")
    assert (resolved["Resolved"], resolved["Duration"]) == ("10 Nov 2026, 11:00 UTC+08:00", "1 h")
    ongoing = facts("incidents/2026-11-20-withdrawals-down/index.md")
    assert "Resolved" not in ongoing and ongoing["Duration"] == "4 h 30 min (ongoing)"


def helper(project: ProjectFactory, lang: str = "en", url: str = ""):
    from datetime import datetime

    from generator.text.markup import MarkupRenderer
    from generator.site.page_helper import PageHelper
    from tests.helpers.output_helpers import settings_of, state_with

    state = state_with(settings_of(project.root), [], datetime.fromisoformat(NOW))
    return PageHelper(state, lang, url, MarkupRenderer(), {})


def test_times_are_time_elements_in_the_site_zone_and_nothing_for_none(project: ProjectFactory) -> None:
    from datetime import datetime

    h = helper(project)
    moment = datetime.fromisoformat("2026-11-20T01:00:00Z")
    expected = '<time datetime="2026-11-20T09:00:00+08:00" data-herald-local>20 Nov 2026, 09:00 UTC+08:00</time>'
    assert str(h.time(moment)) == expected and str(h.time(moment)) == expected  # computed, then cached
    assert str(h.time(None)) == ""


def test_phase_badges_name_the_state_with_its_own_class_and_shape(project: ProjectFactory) -> None:
    from tests.helpers.model_builders import at, make, upd
    from generator.model import Kind

    h = helper(project)
    shapes = {"investigating": "?", "monitoring": "◔", "resolved": "✓", "postmortem": "✎"}
    for status, shape in shapes.items():
        incident = make("a", at(20, 8), [upd("a", at(20, 9), status)])
        assert str(h.status_badge(incident)) == (f'<span class="herald-phase herald-phase--{status}"><span '
                                                 f'aria-hidden="true">{shape}</span> {status.capitalize()}</span>')
    done = make("m", at(19, 2), [upd("m", at(18, 9), "scheduled")], kind=Kind.MAINTENANCE, window=(at(19, 2), at(19, 4)))
    assert str(h.status_badge(done)) == ('<span class="herald-phase herald-phase--completed"><span aria-hidden="true">'
                                         '✓</span> Completed</span>')


def test_untranslated_text_carries_the_note_and_its_language(outage: ProjectFactory) -> None:
    page = tree(build(outage.root, NOW).status_pages["zh/incidents/2026-11-20-withdrawals-down/index.md"])
    notes = page.xpath('//p[@class="herald-untranslated"]')
    assert notes and all("尚未翻译" in words(n) for n in notes)  # "not translated yet"
    assert not any("本页" in words(n) for n in notes)  # of this text, not of the whole page ("this page")
    timeline = page.xpath('//li[@id="update-2026-11-20T1000"]')[0]  # the latest update also leads the page
    assert [words(d) for d in timeline.xpath('.//div[@lang="en"]') if "Cause found." in words(d)] == ["Cause found."]


def test_tidy_drops_blank_lines_except_inside_pre() -> None:
    from generator.site.page_helper import tidy

    assert tidy("\n<div>\n\n  \n<p>a</p>\n</div>\n\n") == "<div>\n<p>a</p>\n</div>"
    assert tidy("<pre>a\n\n\nb</pre>\n\n<p>c</p>") == "<pre>a\n\n\nb</pre>\n<p>c</p>"
    assert tidy("<div><pre class='x'>one\n\ntwo\n</pre>\n\n</div>") == "<div><pre class='x'>one\n\ntwo\n</pre>\n</div>"
