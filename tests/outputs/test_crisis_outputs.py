"""What a crisis page answers, for machines and feed readers: the help in every entry of an incident's feeds
(Atom, RSS, JSON Feed) and the feedback invitation in its resolution entry, in English and Chinese; help,
remedies, on-chain evidence, authorities told and claims in Herald's own ``api/herald/incidents.json`` in both
languages; and the Statuspage-compatible ``api/v2`` left exactly in Statuspage's shape.

Feeds are read with feedparser and json, entry HTML with lxml; every expected value is written from
``tests/helpers/crisis_project.py``'s input."""

from __future__ import annotations

import json
from urllib.parse import quote

import feedparser
import lxml.html
import pytest

from generator.pipeline import Output
from tests.helpers import crisis_project as cp
from tests.helpers.output_helpers import REFERENCE, text_of

LANGS = ["en", "zh"]
FORMATS = ["atom", "rss", "json"]
RESOLVED_TITLE = {"en": "API slow", "zh": "接口变慢"}


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Output:
    """The crisis project, built once for the module."""
    return cp.build_crisis_once(tmp_path_factory)


def entries(output: Output, lang: str, incident_id: str, fmt: str) -> dict[str, str]:
    """An incident feed's entries in one language and format: {entry URL: entry HTML}."""
    path = ("" if lang == "en" else f"{lang}/") + f"incidents/{incident_id}/feed.{fmt}"
    if fmt == "json":
        return {item["url"]: item["content_html"] for item in json.loads(text_of(output, path))["items"]}
    parsed = feedparser.parse(output.files[path])
    assert not parsed.bozo, parsed.bozo_exception
    return {entry.link: (entry.content[0].value if fmt == "atom" else entry.description) for entry in parsed.entries}


def entry_url(lang: str, incident_id: str, update_id: str) -> str:
    return f"https://status.example.com/{'' if lang == 'en' else lang + '/'}incidents/{incident_id}/#update-{update_id}"


def items_by_label(html: str) -> dict[str, tuple[list[str], str]]:
    """Each list item of an entry that starts with a bold label: {label: ([links], whole text)}."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    out = {}
    for item in root.iter("li"):
        bold = item.find("strong")
        if bold is not None:
            out[bold.text_content().strip()] = ([a.get("href") for a in item.iter("a")], item.text_content())
    return out


def feedback_links(html: str) -> list[str]:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [a.get("href") for a in root.iter("a") if (a.get("href") or "").startswith(cp.FEEDBACK)]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_incident_feed_says_where_to_get_help(output: Output, lang: str, fmt: str) -> None:
    found = entries(output, lang, cp.THEFT, fmt)
    html = found[entry_url(lang, cp.THEFT, "2026-11-20T0430")]
    items = items_by_label(html)
    form, mail = items[cp.HELP_FORM["label"][lang]], items[cp.HELP_MAIL["label"][lang]]
    assert form[0] == [cp.HELP_FORM["address"]]
    assert cp.HELP_FORM["hours"][lang] in form[1] and cp.HELP_FORM["reply"][lang] in form[1]
    subject = cp.HELP_MAIL["subject"][lang]
    assert mail[0] == [f"mailto:{cp.HELP_MAIL['address']}?subject={quote(subject)}"] and subject in mail[1]
    assert feedback_links(html) == []  # feedback is asked for once it is over


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_incident_feed_says_what_users_can_claim(output: Output, lang: str, fmt: str) -> None:
    from generator.text.i18n import translate
    html = entries(output, lang, cp.THEFT, fmt)[entry_url(lang, cp.THEFT, "2026-11-20T0430")]
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    page = f"https://status.example.com/{'' if lang == 'en' else lang + '/'}incidents/{cp.THEFT}/"
    claims = {a.text_content(): a.getparent().getnext() for a in root.iter("a")
              if (a.get("href") or "").startswith(page + "#remedy-")}
    assert list(claims) == [cp.REMEDY["commitment"][lang], cp.REMEDY_OPEN["commitment"][lang]]
    for remedy, listed in ((cp.REMEDY, claims[cp.REMEDY["commitment"][lang]]),
                           (cp.REMEDY_OPEN, claims[cp.REMEDY_OPEN["commitment"][lang]])):
        said = " ".join(listed.text_content().split())
        assert all(remedy[key][lang] in said for key in ("eligibility", "what", "how")), said
    assert translate(lang, "remedy.no_deadline") in claims[cp.REMEDY_OPEN["commitment"][lang]].text_content()
    assert "2026" in claims[cp.REMEDY["commitment"][lang]].xpath("li")[-1].text_content()  # its claim-by time


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_resolution_entry_invites_feedback_and_points_to_support(output: Output, lang: str, fmt: str) -> None:
    found = entries(output, lang, cp.RESOLVED, fmt)
    resolution = found[entry_url(lang, cp.RESOLVED, "2026-11-10T1100")]
    earlier = found[entry_url(lang, cp.RESOLVED, "2026-11-10T1010")]
    assert feedback_links(resolution) == [f"{cp.FEEDBACK}?subject={quote(RESOLVED_TITLE[lang])}"]
    assert feedback_links(earlier) == []
    for html in (resolution, earlier):  # no help of its own: the site's support channel
        assert items_by_label(html)[cp.SUPPORT["name"][lang]][0] == [cp.SUPPORT["address"]]


def both(key: dict) -> dict[str, str]:
    return {"en": key["en"], "zh": key["zh"]}


def test_heralds_own_json_carries_every_crisis_field_in_both_languages(output: Output) -> None:
    data = json.loads(text_of(output, "api/herald/incidents.json"))
    assert data["languages"] == ["en", "zh"]
    by_id = {incident["id"]: incident for incident in data["incidents"]}
    assert set(by_id) == {cp.THEFT, cp.RESOLVED, cp.NOTICE}
    theft = by_id[cp.THEFT]
    assert theft["shortlink"] == f"https://status.example.com/incidents/{cp.THEFT}/"
    assert theft["help"] == [
        {"kind": "form", "label": both(cp.HELP_FORM["label"]), "address": cp.HELP_FORM["address"], "subject": {},
         "hours": both(cp.HELP_FORM["hours"]), "reply_within": both(cp.HELP_FORM["reply"])},
        {"kind": "email", "label": both(cp.HELP_MAIL["label"]), "address": cp.HELP_MAIL["address"],
         "subject": both(cp.HELP_MAIL["subject"]), "hours": {}, "reply_within": {}}]
    assert theft["remedies"] == [
        {"commitment": "fees", "text": both(cp.REMEDY["commitment"]), "eligibility": both(cp.REMEDY["eligibility"]),
         "what": both(cp.REMEDY["what"]), "how_to_claim": both(cp.REMEDY["how"]), "claim_by": cp.REMEDY["claim_by"]},
        {"commitment": "bonus", "text": both(cp.REMEDY_OPEN["commitment"]),
         "eligibility": both(cp.REMEDY_OPEN["eligibility"]), "what": both(cp.REMEDY_OPEN["what"]),
         "how_to_claim": both(cp.REMEDY_OPEN["how"]), "claim_by": None}]
    assert theft["evidence"] == [
        {"key": "attacker", "chain": "ethereum", "kind": "attacker-address", "address": cp.ETH_ADDRESS,
         "transaction": None, "amount": "1,204 ETH", "note": both(cp.EVIDENCE_NOTE),
         "explorer": f"https://etherscan.io/address/{cp.ETH_ADDRESS}"},
        {"key": "theft-tx", "chain": "ethereum", "kind": "theft", "address": None, "transaction": cp.ETH_TX,
         "amount": None, "note": {}, "explorer": f"https://etherscan.io/tx/{cp.ETH_TX}"},
        {"key": "tron", "chain": "tron", "kind": "attacker-address", "address": cp.TRON_ADDRESS, "transaction": None,
         "amount": None, "note": {}, "explorer": f"https://tronscan.org/#/address/{cp.TRON_ADDRESS}"}]
    assert theft["disclosures"] == [
        {"key": "police", "authority": both(cp.POLICE["authority"]), "notified": cp.POLICE["notified"],
         "reference": cp.POLICE["reference"], "link": None},
        {"key": "regulator", "authority": both(cp.REGULATOR["authority"]), "notified": cp.REGULATOR["notified"],
         "reference": None, "link": cp.REGULATOR["link"]}]
    assert theft["claims"] == []
    resolved = by_id[cp.RESOLVED]
    assert resolved["help"] == [{"kind": "page", "label": both(cp.SUPPORT["name"]), "address": cp.SUPPORT["address"],
                                 "subject": {}, "hours": {}, "reply_within": {}}]  # the site's support channel
    assert resolved["remedies"] == resolved["evidence"] == resolved["disclosures"] == resolved["claims"] == []
    assert by_id[cp.NOTICE]["claims"] == [{"key": "refund-desk", "claim": both(cp.CLAIM["claim"]),
                                           "fact": both(cp.CLAIM["fact"]), "source": cp.CLAIM["source"]}]


def captured(name: str) -> dict:
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


STATUSPAGE_KEYS = {"summary.json": ["page", "components", "incidents", "scheduled_maintenances", "status"],
                   "status.json": ["page", "status"], "components.json": ["page", "components"],
                   "incidents.json": ["page", "incidents"], "incidents/unresolved.json": ["page", "incidents"],
                   "scheduled-maintenances.json": ["page", "scheduled_maintenances"],
                   "scheduled-maintenances/upcoming.json": ["page", "scheduled_maintenances"],
                   "scheduled-maintenances/active.json": ["page", "scheduled_maintenances"]}


def test_the_statuspage_api_keeps_statuspages_shape_and_none_of_the_crisis_fields(output: Output) -> None:
    v2 = sorted(path for path in output.files if path.startswith("api/v2/"))
    assert v2 == sorted(f"api/v2/{name}" for name in STATUSPAGE_KEYS)  # no new endpoint beside Statuspage's
    incident_keys = list(captured("github_2024-09_incidents.json")["incidents"][0])
    update_keys = list(captured("github_2024-09_incidents.json")["incidents"][0]["incident_updates"][0])
    component_keys = list(captured("github_2024-09_components.json")["components"][0])
    group_keys = list(next(c for c in captured("hashicorp_2021-08_components_with_groups.json")["components"]
                           if c["group"]))
    page_keys = list(captured("discord_2022-02_status.json")["page"])
    for name, keys in STATUSPAGE_KEYS.items():
        data = json.loads(text_of(output, f"api/v2/{name}"))
        assert list(data) == keys, name
        assert list(data["page"]) == page_keys, name
        for incident in data.get("incidents", []):
            assert list(incident) == incident_keys, name
            assert all(list(u) == update_keys for u in incident["incident_updates"]), name
        for component in data.get("components", []):
            assert list(component) == (group_keys if component["group"] else component_keys), name
    incidents = json.loads(text_of(output, "api/v2/incidents.json"))["incidents"]
    assert {i["name"] for i in incidents} == {cp.TITLE["en"], "API slow", cp.NOTICE_TITLE["en"]}
    crisis_values = [cp.ETH_ADDRESS, cp.ETH_TX, cp.TRON_ADDRESS, cp.HELP_MAIL["address"], cp.HELP_FORM["address"],
                     cp.POLICE["authority"]["en"], cp.POLICE["reference"], cp.REMEDY["eligibility"]["en"],
                     cp.CLAIM["fact"]["en"], cp.SUPPORT["address"], "questions@example.com"]
    for path in v2:
        content = text_of(output, path)
        assert [value for value in crisis_values if value in content] == [], path
