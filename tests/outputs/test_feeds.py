"""Update feeds (Atom, RSS, JSON Feed) and the Statuspage-shaped history feeds."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import feedparser
from hypothesis import HealthCheck, given, settings, strategies as st
from icalendar import Calendar
from lxml import etree

from generator.text.markup import MarkupRenderer
from generator.model import Kind
from generator.outputs.collect import render_machine_outputs, render_output_pages
from tests.conftest import ProjectFactory, update
from tests.helpers.output_helpers import (REFERENCE, build, bytes_of, incident, settings_of, state_with, text_of,
                                            when)

NOW = "2026-11-20T12:30:00+08:00"
DOWN = "2026-11-20-withdrawals-down"
SITE = "https://status.example.com/"
ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["feed", "maintenance/feed", "components/withdrawals/feed", "components/deposits/feed", "components/api/feed",
         f"incidents/{DOWN}/feed", "incidents/2026-11-10-api-slow/feed"]


def feed_paths(output) -> list[str]:
    return sorted(p for p in output.files if p.endswith((".atom", ".rss")))


def parsed(output, path: str):
    result = feedparser.parse(bytes_of(output, path))
    assert not result.bozo, (path, result.get("bozo_exception"))
    return result


def test_every_feed_exists_in_every_format_and_language(outage: ProjectFactory) -> None:
    output = build(outage.root, NOW)
    expected = {f"{p}{feed}.{fmt}" for p in ("", "zh/") for feed in FEEDS for fmt in ("atom", "rss", "json")}
    assert expected <= set(output.files)
    assert {"history.rss", "history.atom"} <= set(output.files)


def test_every_feed_parses_without_bozo(outage: ProjectFactory) -> None:
    output = build(outage.root, NOW)
    paths = feed_paths(output)
    assert len(paths) == 2 * len(FEEDS) * 2 + 2
    for path in paths:
        parsed(output, path)
    for path in (p for p in output.files if p.endswith("feed.json")):
        assert json.loads(text_of(output, path))["version"] == "https://jsonfeed.org/version/1.1"


def test_one_entry_per_update_newest_first_linking_its_anchor(outage: ProjectFactory) -> None:
    output = build(outage.root, NOW)
    for fmt in ("atom", "rss"):
        entries = parsed(output, f"feed.{fmt}").entries
        assert [e.title for e in entries] == ["[Identified] Withdrawals are down", "[Investigating] Withdrawals are down",
                                              "[Resolved] API slow", "[Investigating] API slow"]
        assert entries[0].link == f"{SITE}incidents/{DOWN}/#update-2026-11-20T1000"
    items = json.loads(text_of(output, "feed.json"))["items"]
    assert [i["url"] for i in items][:2] == [f"{SITE}incidents/{DOWN}/#update-2026-11-20T1000",
                                            f"{SITE}incidents/{DOWN}/#update-2026-11-20T0830"]
    assert items[0]["date_published"] == "2026-11-20T10:00:00+08:00"


def test_entry_content_has_the_update_components_and_next_update(outage: ProjectFactory) -> None:
    entry = parsed(build(outage.root, NOW), "feed.atom").entries[1]  # the first update of the outage
    html = entry.content[0].value
    assert "<p>Update text.</p>" in html
    assert "<li>Withdrawals: Major outage</li>" in html
    assert "Next update promised by: </strong>20 Nov 2026, 09:30 UTC+08:00" in html


def test_chinese_feeds_use_translations_and_fall_back_to_english(outage: ProjectFactory) -> None:
    output = build(outage.root, NOW)
    entries = parsed(output, "zh/feed.atom").entries
    assert [e.title for e in entries[:2]] == ["【已查明原因】提币中断", "【调查中】提币中断"]
    assert "正在调查。" in entries[1].content[0].value  # translated body
    assert "Cause found." in entries[0].content[0].value  # untranslated: the original
    assert entries[0].link == f"{SITE}zh/incidents/{DOWN}/#update-2026-11-20T1000"
    assert "<li>提币：严重中断</li>" in entries[1].content[0].value
    assert parsed(output, "zh/feed.rss").feed.language == "zh-Hans"


def ids(output, path: str) -> list[str]:
    return [e.id for e in parsed(output, path).entries]


def test_entry_ids_stay_the_same_across_builds_and_after_an_edit(outage: ProjectFactory) -> None:
    first = build(outage.root, NOW)
    later = build(outage.root, "2026-11-25T12:00:00+08:00")
    for path in ("feed.atom", "feed.rss", "zh/feed.atom", f"incidents/{DOWN}/feed.atom"):
        assert ids(first, path) == ids(later, path)
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in ids(first, "feed.atom"))
    outage.file(f"incidents/{DOWN}/2026-11-20T0830.md", update(
        "2026-11-20T08:30:00+08:00", "investigating",
        "components: {withdrawals: major_outage}\nnext_update: 2026-11-20T09:30:00+08:00", body="Typo fixed."))
    outage.file(f"incidents/{DOWN}/2026-11-20T1200.md", update("2026-11-20T12:00:00+08:00", "monitoring"))
    edited = build(outage.root, NOW)
    entries = parsed(edited, "feed.atom").entries
    assert [e.id for e in entries[1:]] == ids(first, "feed.atom")  # a new entry on top, the others unchanged
    assert "Typo fixed." in entries[2].content[0].value
    assert entries[2].updated == "2026-11-20T08:30:00+08:00"  # no edit history: the update's own time
    assert ids(first, "feed.atom") != ids(first, "zh/feed.atom")  # each language's entry is its own


def test_same_content_and_now_give_identical_bytes(outage: ProjectFactory) -> None:
    first, second = build(outage.root, NOW), build(outage.root, NOW)
    assert first.files == second.files


def test_feed_dates_come_from_the_content_not_the_clock(outage: ProjectFactory) -> None:
    output = build(outage.root, NOW)
    atom = etree.fromstring(bytes_of(output, "feed.atom"))
    assert atom.findtext(f"{ATOM}updated") == "2026-11-20T10:00:00+08:00"  # the newest entry
    rss = etree.fromstring(bytes_of(output, "feed.rss"))
    assert rss.findtext("channel/lastBuildDate") == "Fri, 20 Nov 2026 10:00:00 +0800"
    empty = etree.fromstring(bytes_of(output, "maintenance/feed.atom"))  # no entries: the site's last update
    assert empty.findtext(f"{ATOM}updated") == "2026-11-20T10:00:00+08:00" and not empty.findall(f"{ATOM}entry")


def test_component_incident_and_maintenance_feeds_hold_their_own_updates(outage: ProjectFactory) -> None:
    outage.incident("2026-11-21-db", """
        title: Database upgrade
        kind: maintenance
        components: [api]
        started_at: 2026-11-21T02:00:00+08:00
        scheduled_for: 2026-11-21T02:00:00+08:00
        scheduled_until: 2026-11-21T03:00:00+08:00
    """, updates={"2026-11-20T1100": update("2026-11-20T11:00:00+08:00", "scheduled")})
    output = build(outage.root, NOW)
    assert [e.title for e in parsed(output, "maintenance/feed.atom").entries] == ["[Scheduled] Database upgrade"]
    assert len(parsed(output, "components/withdrawals/feed.rss").entries) == 2
    assert [e.title for e in parsed(output, "components/api/feed.atom").entries] == [
        "[Scheduled] Database upgrade", "[Resolved] API slow", "[Investigating] API slow"]
    assert parsed(output, "components/deposits/feed.atom").entries == []
    assert len(parsed(output, f"incidents/{DOWN}/feed.atom").entries) == 2
    window = parsed(output, "maintenance/feed.atom").entries[0].content[0].value
    assert "Scheduled window: </strong>21 Nov 2026, 02:00 UTC+08:00 – 21 Nov 2026, 03:00 UTC+08:00" in window


def test_site_feed_keeps_the_most_recent_n_and_incident_feeds_keep_all(outage: ProjectFactory) -> None:
    config = (outage.root / "herald.yml").read_text(encoding="utf-8")
    outage.file("herald.yml", config + "output:\n  feeds_max_entries: 1\n")
    output = build(outage.root, NOW)
    assert [e.title for e in parsed(output, "feed.atom").entries] == ["[Identified] Withdrawals are down"]
    assert len(parsed(output, "components/api/feed.atom").entries) == 1
    assert len(parsed(output, f"incidents/{DOWN}/feed.atom").entries) == 2
    assert len(json.loads(text_of(output, "zh/feed.json"))["items"]) == 1


def test_rss_and_atom_structure(outage: ProjectFactory) -> None:
    output = build(outage.root, NOW)
    atom = etree.fromstring(bytes_of(output, "components/withdrawals/feed.atom"))
    assert atom.tag == f"{ATOM}feed" and atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert atom.findtext(f"{ATOM}id") == f"{SITE}components/withdrawals/feed.atom"
    links = {link.get("rel"): link.get("href") for link in atom.findall(f"{ATOM}link")}
    assert links == {"self": f"{SITE}components/withdrawals/feed.atom", "alternate": f"{SITE}components/withdrawals/"}
    assert atom.findtext(f"{ATOM}author/{ATOM}name") == "Example Status"
    for entry in atom.findall(f"{ATOM}entry"):
        assert [entry.findtext(f"{ATOM}{name}") for name in ("id", "title", "updated", "published")].count(None) == 0
        assert entry.find(f"{ATOM}content").get("type") == "html"
        assert entry.find(f"{ATOM}link").get("href").startswith(f"{SITE}incidents/{DOWN}/#update-")
        assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["withdrawals"]
    rss = etree.fromstring(bytes_of(output, "zh/feed.rss"))
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("link") == f"{SITE}zh/" and channel.findtext("language") == "zh-Hans"
    assert channel.find("{http://www.w3.org/2005/Atom}link").get("href") == f"{SITE}zh/feed.rss"
    for item in channel.findall("item"):
        assert item.find("guid").get("isPermaLink") == "false"
        assert re.fullmatch(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0800", item.findtext("pubDate"))
        assert item.findtext("link").startswith(f"{SITE}zh/incidents/")
        assert "<p>" in item.findtext("description")


# --- Statuspage-shaped history feeds -------------------------------------------------------------

def test_history_feeds_have_statuspage_shape(outage: ProjectFactory) -> None:
    output = build(outage.root, NOW)
    captured = etree.parse(str(REFERENCE / "github_2022-03_history.rss")).getroot()
    ours = etree.fromstring(bytes_of(output, "history.rss"))
    assert "dc" in ours.nsmap and ours.get("version") == captured.get("version")
    channel = ours.find("channel")
    assert channel.findtext("title") == "Example Status - Incident History"
    assert channel.findtext("link") == SITE.rstrip("/")
    assert {c.tag for c in captured.find("channel/item")} <= {c.tag for c in channel.find("item")}
    first = channel.find("item")
    assert first.findtext("title") == "Withdrawals are down"
    assert first.findtext("link") == first.findtext("guid") == f"{SITE}incidents/{DOWN}/"
    assert first.findtext("pubDate") == "Fri, 20 Nov 2026 10:00:00 +0800"  # its newest update
    assert first.findtext("description") == (
        "<p><small>Nov <var data-var='date'>20</var>, <var data-var='time'>10:00</var> CST</small><br>"
        "<strong>Identified</strong> - Cause found.</p>"
        "<p><small>Nov <var data-var='date'>20</var>, <var data-var='time'>08:30</var> CST</small><br>"
        "<strong>Investigating</strong> - Update text.</p>")
    atom = etree.fromstring(bytes_of(output, "history.atom"))
    reference = etree.parse(str(REFERENCE / "github_2021-02_history.atom.trimmed.xml")).getroot()
    assert {c.tag for c in reference.find(f"{ATOM}entry")} <= {c.tag for c in atom.find(f"{ATOM}entry")}
    assert re.fullmatch(r"tag:status\.example\.com,2026:/history", atom.findtext(f"{ATOM}id"))
    entry_id = atom.find(f"{ATOM}entry").findtext(f"{ATOM}id")
    assert re.search(r"Incident/([A-Za-z0-9]+)$", entry_id).group(1) == json.loads(
        text_of(output, "api/v2/incidents.json"))["incidents"][0]["id"]
    assert atom.find(f"{ATOM}entry/{ATOM}content").get("type") == "html"



def test_history_rss_names_itself_and_declares_its_namespaces(outage: ProjectFactory) -> None:
    ours = etree.fromstring(bytes_of(build(outage.root, NOW), "history.rss"))
    assert ours.nsmap["dc"] == "http://purl.org/dc/elements/1.1/"  # Statuspage's channel declares it
    assert ours.nsmap["atom"] == "http://www.w3.org/2005/Atom"
    selves = ours.findall(f"channel/{ATOM}link")
    assert [(a.get("href"), a.get("rel"), a.get("type")) for a in selves] == [
        (f"{SITE}history.rss", "self", "application/rss+xml")]
    assert ours.find("channel").findtext("link") == SITE.rstrip("/")  # the page, as Statuspage writes it
    assert not feedparser.parse(bytes_of(build(outage.root, NOW), "history.rss")).bozo


def test_history_atom_entries_have_distinct_updated_in_the_demo(demo_site) -> None:
    atom = etree.parse(str(demo_site / "history.atom")).getroot()
    updated = [e.findtext(f"{ATOM}updated") for e in atom.findall(f"{ATOM}entry")]
    assert updated == ["2026-11-21T10:00:00+08:00", "2026-11-21T17:00:00+08:00", "2026-11-20T07:30:00+08:00",
                       "2026-11-15T02:41:00+08:00", "2026-11-12T10:00:00+08:00"]  # each incident's latest update


def test_no_two_entries_of_any_atom_feed_share_updated_and_published_keeps_the_stated_time(demo_site) -> None:
    feeds = sorted(demo_site.rglob("feed.atom"))
    assert len(feeds) > 20
    for path in feeds:
        entries = etree.parse(str(path)).getroot().findall(f"{ATOM}entry")
        updated = [e.findtext(f"{ATOM}updated") for e in entries]
        assert len(set(updated)) == len(updated), path
    theft = etree.parse(str(demo_site / "incidents/2026-11-20-hot-wallet-theft/feed.atom")).getroot()
    at_1150 = [(e.findtext(f"{ATOM}updated"), e.findtext(f"{ATOM}title").split("]")[0] + "]")
               for e in theft.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}published") == "2026-11-20T11:50:00+08:00"]
    assert at_1150 == [("2026-11-20T11:50:02+08:00", "[Done]"), ("2026-11-20T11:50:01+08:00", "[Done]"),
                       ("2026-11-20T11:50:00+08:00", "[Monitoring]")]  # the update keeps its own minute


minutes = st.lists(st.integers(min_value=0, max_value=5), min_size=0, max_size=12)


@given(offsets=minutes)
def test_distinct_updated_is_strictly_increasing_and_never_before_the_stated_time(offsets: list[int]) -> None:
    from datetime import datetime, timezone

    from generator.outputs.feeds import Entry, _distinct_updated

    base = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
    ats = sorted((base + timedelta(minutes=m) for m in offsets), reverse=True)
    events = [(None, Entry(f"id{n}", "t", "u", "", at, ())) for n, at in enumerate(ats)]
    stamped = [entry for _, entry in _distinct_updated(events)]
    assert [e.id for e in stamped] == [e.id for _, e in events]  # same order
    oldest_first = [e.updated for e in reversed(stamped)]
    assert all(a < b for a, b in zip(oldest_first, oldest_first[1:]))
    assert all(e.updated >= e.at and e.updated - e.at < timedelta(seconds=len(ats)) for e in stamped)
    for at in set(ats):  # entries a minute apart or more: each time keeps one entry at exactly that time
        assert [e.updated for e in stamped if e.at == at].count(at) == 1


def test_history_maintenance_item_has_scheduled_event_and_end_date(project: ProjectFactory) -> None:
    project.incident("2026-11-28-upgrade", """
        title: Node upgrade
        kind: maintenance
        components: [api]
        started_at: 2026-11-28T02:00:00+08:00
        scheduled_for: 2026-11-28T02:00:00+08:00
        scheduled_until: 2026-11-28T04:00:00+08:00
    """, updates={"2026-11-21T1000": update("2026-11-21T10:00:00+08:00", "scheduled", body="Line one\nline two.")})
    item = etree.fromstring(bytes_of(build(project.root, NOW.replace("20T", "22T")), "history.rss")).find("channel/item")
    assert item.findtext("pubDate") == "Sat, 28 Nov 2026 02:00:00 +0800"
    assert item.findtext("maintenanceEndDate") == "Sat, 28 Nov 2026 04:00:00 +0800"
    assert item.findtext("description").startswith(
        "<p><strong>THIS IS A SCHEDULED EVENT Nov <var data-var='date'>28</var>, <var data-var='time'>02:00</var> - "
        "<var data-var='time'>04:00</var> CST</strong></p><p><small>Nov <var data-var='date'>21</var>")
    assert "<strong>Scheduled</strong> - Line one line two.</p>" in item.findtext("description")
    assert [c.tag for c in item][-3:] == ["guid", "pubDate", "maintenanceEndDate"]


def test_history_day_is_space_padded_like_statuspage(project: ProjectFactory) -> None:
    project.incident("2026-11-03-x", "title: X\ncomponents: [api]\nstarted_at: 2026-11-03T09:00:00+08:00",
                     updates={"2026-11-03T0900": update("2026-11-03T09:00:00+08:00", "resolved")})
    description = etree.fromstring(bytes_of(build(project.root, NOW), "history.rss")).findtext("channel/item/description")
    assert "Nov <var data-var='date'> 3</var>, <var data-var='time'>09:00</var> CST" in description


# --- Any text gives well-formed XML and valid JSON -----------------------------------------------

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | st.sampled_from([
    "\"quoted\" & <b>bold</b> </title>]]>", "emoji 🚨🔥👩‍💻", "中文标题：提币暂停", "עברית \u202eright-to-left\u202c", "ctl \x00\x01\x08\x0b\x1f\x7f\ufffe",
    "<script>alert(1)</script>", "&amp; &#0; &#x1; &bogus;", "a\r\nb\rc"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, body=TEXT, kind=st.sampled_from([Kind.INCIDENT, Kind.MAINTENANCE]))
def test_any_title_and_body_give_well_formed_xml_and_valid_json(project: ProjectFactory, title: str, body: str,
                                                                 kind: Kind) -> None:
    at = when("2026-11-20T09:00:00+08:00")
    window = (at + timedelta(hours=1), at + timedelta(hours=2)) if kind is Kind.MAINTENANCE else None
    state = state_with(settings_of(project.root), [incident("2026-11-20-x", title, body, at, kind, window)],
                       at + timedelta(minutes=30))
    outputs = render_machine_outputs(state, MarkupRenderer())
    for path, content in outputs.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        if path.endswith((".atom", ".rss", ".svg")):
            etree.fromstring(data)  # raises on anything that is not well-formed XML
            assert not feedparser.parse(data).bozo or path.endswith(".svg")
        elif path.endswith(".json"):
            json.loads(data)
        elif path.endswith(".ics"):
            Calendar.from_ical(data)
    for path, page in render_output_pages(state, MarkupRenderer()).items():
        # titles are escaped on the Subscribe and /verify/ pages; /verify/ has its own data and script only
        assert page.html.count("<script") == (2 if path.endswith("verify/index.md") else 0)
    if title.strip(" \x00\x01\x08\x0b\x1f\x7f\ufffe") and kind is Kind.INCIDENT:
        entry = feedparser.parse(outputs["feed.atom"]).entries[0]
        assert entry.title.startswith("[Investigating] ")


def test_control_characters_written_as_yaml_escapes_are_stripped(project: ProjectFactory) -> None:
    project.incident("2026-11-20-x", 'title: "Bell\\a \\x01tab\\tRTL \\u202e中文 & <b>"\ncomponents: [api]\n'
                     "started_at: 2026-11-20T09:00:00+08:00",
                     updates={"2026-11-20T0900": update("2026-11-20T09:00:00+08:00", "investigating",
                                                       body="Body \x02 with \x1b[31m escape & <i>x</i>")})
    output = build(project.root, NOW)
    for path in ("feed.atom", "feed.rss", "history.rss", "history.atom", "zh/feed.atom"):
        etree.fromstring(bytes_of(output, path))
    entry = parsed(output, "feed.atom").entries[0]
    assert entry.title == "[Investigating] Bell tab\tRTL \u202e中文 & <b>"
    assert "Body  with [31m escape &amp; <i>x</i>" in entry.content[0].value
    assert json.loads(text_of(output, "feed.json"))["items"][0]["title"] == entry.title


def test_reference_captures_are_beside_the_repository() -> None:
    assert (REFERENCE / "github_2022-03_history.rss").is_file(), f"{REFERENCE} is missing: the shared folder is needed"
