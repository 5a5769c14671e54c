"""What a crisis page answers, as rendered: help right after what to do, compensation and how to claim it,
authorities told under the key facts, on-chain evidence as whole, selectable values with explorer links, what is
said and what is true on a notice, and the feedback invitation; in English and in Chinese, on the incident page
and (help) on the home page's active incident.

Pages are parsed with lxml; every expected value comes from ``tests/helpers/crisis_project.py``'s input."""

from __future__ import annotations

import re
from urllib.parse import quote

import lxml.html
import pytest

from generator.pipeline import Output
from tests.conftest import ProjectFactory, update
from tests.helpers import crisis_project as cp

LANGS = ["en", "zh"]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Output:
    """The crisis project, built once for the module."""
    return cp.build_crisis_once(tmp_path_factory)


def page(output: Output, lang: str, path: str) -> lxml.html.HtmlElement:
    """A generated page's HTML as a tree (``path`` as under ``/``, e.g. ``incidents/<id>/``)."""
    prefix = "" if lang == "en" else f"{lang}/"
    return lxml.html.fragment_fromstring(output.status_pages[f"{prefix}{path}index.md"].html, create_parent="div")


def incident(output: Output, lang: str, incident_id: str) -> lxml.html.HtmlElement:
    return page(output, lang, f"incidents/{incident_id}/")


def find(root: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    """Descendants matching a simple selector: ``tag``, ``tag.class``, ``tag#id``, ``.class`` (one of each)."""
    match = re.fullmatch(r"([a-z0-9]*)(?:\.([\w-]+))?(?:#([\w-]+))?", selector)
    assert match, selector
    tag, cls, ident = match.groups()
    conditions = (f"[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]" if cls else "") + (
        f"[@id='{ident}']" if ident else "")
    return root.xpath(f".//{tag or '*'}{conditions}")


def one(root: lxml.html.HtmlElement, selector: str) -> lxml.html.HtmlElement:
    """The single element matching ``selector``, below ``root`` or (``"a b"``) below the single match of ``a``."""
    *outer, inner = selector.split()
    for part in outer:
        root = one(root, part)
    found = find(root, inner)
    assert len(found) == 1, (selector, len(found))
    return found[0]


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def in_language(element: lxml.html.HtmlElement, lang: str) -> None:
    """A heading written in the page's language: Chinese characters on a Chinese page, none on an English one."""
    words = text(element)
    assert words and bool(CJK.search(words)) == (lang == "zh"), (lang, words)


def position(root: lxml.html.HtmlElement, element: lxml.html.HtmlElement) -> int:
    """Where ``element`` is in document order."""
    return next(number for number, node in enumerate(root.iter()) if node is element)


def help_entries(section: lxml.html.HtmlElement) -> list[tuple[str, str | None, str]]:
    """(label, link, whole text) of each help entry."""
    out = []
    for item in find(section, "li.herald-help__item"):
        links = find(item, "a")
        out.append((text(find(item, "strong")[0]), links[0].get("href") if links else None, text(item)))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_help_comes_right_after_what_you_should_do(output: Output, lang: str) -> None:
    root = incident(output, lang, cp.THEFT)
    actions = one(root, "section.herald-actions")
    assert cp.ACTION[lang] in text(actions)
    help_block = actions.getnext()
    assert help_block is not None and help_block.get("class") == "herald-help"  # the very next block
    in_language(one(help_block, "h2"), lang)
    [form, mail] = help_entries(help_block)
    assert form[:2] == (cp.HELP_FORM["label"][lang], cp.HELP_FORM["address"])
    assert cp.HELP_FORM["hours"][lang] in form[2] and cp.HELP_FORM["reply"][lang] in form[2]
    subject = cp.HELP_MAIL["subject"][lang]
    assert mail[:2] == (cp.HELP_MAIL["label"][lang], f"mailto:{cp.HELP_MAIL['address']}?subject={quote(subject)}")
    assert [text(code) for code in find(help_block, "code")] == [subject]  # the subject to type, as code
    # Before the key facts and the timeline: what to do and where to ask lead the page.
    assert position(root, help_block) < position(root, one(root, "section.herald-facts"))
    assert position(root, help_block) < position(root, one(root, "section.herald-timeline"))


@pytest.mark.parametrize("lang", LANGS)
def test_remedies_say_who_qualifies_what_they_get_how_to_claim_and_by_when(output: Output, lang: str) -> None:
    root = incident(output, lang, cp.THEFT)
    section = one(root, "section#remedies")
    assert position(root, one(root, "section.herald-help")) < position(root, section) < position(
        root, one(root, "section.herald-facts"))
    in_language(one(section, "h2"), lang)
    articles = find(section, "article.herald-remedy")
    assert [a.get("id") for a in articles] == ["remedy-fees", "remedy-bonus"]  # "report" has no remedy
    for article, remedy, ledger in zip(articles, (cp.REMEDY, cp.REMEDY_OPEN), ("commitment-fees", "commitment-bonus")):
        assert text(one(article, "h3")) == remedy["commitment"][lang]
        labels = [text(dt) for dt in find(article, "dt")]
        assert len(labels) == 4 and all(labels) and len(set(labels)) == 4
        values = find(article, "dd")
        assert [text(dd) for dd in values[:3]] == [remedy["eligibility"][lang], remedy["what"][lang],
                                                   remedy["how"][lang]]
        assert one(article, "a").get("href") == f"#{ledger}"
        assert root.xpath(f".//*[@id='{ledger}']")  # the commitment it links to is on the page
    [deadline] = find(find(articles[0], "dd")[3], "time")
    assert deadline.get("datetime") == cp.REMEDY["claim_by"]
    no_deadline = find(articles[1], "dd")[3]
    assert not find(no_deadline, "time") and text(no_deadline)  # said in words, not left blank


@pytest.mark.parametrize("lang", LANGS)
def test_disclosures_come_under_the_key_facts(output: Output, lang: str) -> None:
    root = incident(output, lang, cp.THEFT)
    disclosures = one(root, "section.herald-facts").getnext()
    assert disclosures is not None and disclosures.get("class") == "herald-disclosures"
    in_language(one(disclosures, "h2"), lang)
    police, regulator = one(disclosures, "li#disclosure-police"), one(disclosures, "li#disclosure-regulator")
    assert text(one(police, "strong")) == cp.POLICE["authority"][lang]
    assert one(police, "time").get("datetime") == cp.POLICE["notified"]
    assert text(one(police, "code")) == cp.POLICE["reference"]
    assert not find(police, "a")  # no public notice given
    assert text(one(regulator, "strong")) == cp.REGULATOR["authority"][lang]
    assert one(regulator, "time").get("datetime") == cp.REGULATOR["notified"]
    assert one(regulator, "a").get("href") == cp.REGULATOR["link"]
    assert not find(regulator, "code")  # no reference given


EVIDENCE = [("attacker", cp.ETH_ADDRESS, f"https://etherscan.io/address/{cp.ETH_ADDRESS}"),
            ("theft-tx", cp.ETH_TX, f"https://etherscan.io/tx/{cp.ETH_TX}"),
            ("tron", cp.TRON_ADDRESS, f"https://tronscan.org/#/address/{cp.TRON_ADDRESS}")]


@pytest.mark.parametrize("lang", LANGS)
def test_evidence_shows_each_whole_value_as_selectable_code_with_an_explorer_link(output: Output, lang: str) -> None:
    root = incident(output, lang, cp.THEFT)
    section = one(root, "section#evidence")
    assert section.getprevious().get("class") == "herald-disclosures"  # under the facts and the authorities
    in_language(one(section, "h2"), lang)
    items = find(section, "li.herald-evidence__item")
    assert [item.get("id") for item in items] == [f"evidence-{key}" for key, _, _ in EVIDENCE]
    for item, (key, value, explorer) in zip(items, EVIDENCE):
        code = one(item, "code")
        # The whole value is the code's own text (no element inside it, nothing cut short, nothing written by
        # JavaScript), so it reads and selects without scripts.
        assert code.text == value and len(code) == 0, key
        assert code.get("translate") == "no"
        button = one(item, "button.herald-copy")
        assert button.get("hidden") is not None and button.get("data-herald-copy") == value  # only JS shows it
        assert code not in button.iterdescendants()
        links = [a.get("href") for a in find(item, "a")]
        assert links == [explorer], key
    note = one(items[0], "p.herald-evidence__note")
    assert text(note) == cp.EVIDENCE_NOTE[lang]
    assert "1,204 ETH" in text(one(items[0], "p.herald-evidence__head"))


@pytest.mark.parametrize("lang", LANGS)
def test_a_notice_says_what_is_said_and_what_is_true(output: Output, lang: str) -> None:
    root = incident(output, lang, cp.NOTICE)
    section = one(root, "section.herald-claims")
    in_language(one(section, "h2"), lang)
    claim = one(section, "li#claim-refund-desk")
    said, true = one(claim, "p.herald-claim__said"), one(claim, "p.herald-claim__true")
    assert position(root, said) < position(root, true)
    assert text(said).endswith(cp.CLAIM["claim"][lang]) and cp.CLAIM["fact"][lang] not in text(said)
    assert cp.CLAIM["fact"][lang] in text(true)
    assert [a.get("href") for a in find(true, "a")] == [cp.CLAIM["source"]]
    said_label, true_label = text(one(said, "strong")), text(one(true, "strong"))
    assert said_label and true_label and said_label != true_label
    # The home page's notice card carries the same claim.
    home = page(output, lang, "")
    card = next(c for c in find(home, "article.herald-card--notice") if cp.NOTICE_TITLE[lang] in text(c))
    assert cp.CLAIM["fact"][lang] in text(one(card, "p.herald-claim__true"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("incident_id,title", [(cp.THEFT, cp.TITLE), (cp.RESOLVED, {"en": "API slow", "zh": "接口变慢"})])
def test_the_incident_page_invites_feedback(output: Output, lang: str, incident_id: str, title: dict) -> None:
    root = incident(output, lang, incident_id)
    aside = one(root, "aside.herald-feedback")
    in_language(one(aside, "h2"), lang)
    link = one(aside, "a")
    assert link.get("href") == f"{cp.FEEDBACK}?subject={quote(title[lang])}"  # the incident named in the subject
    assert text(link) == "questions@example.com"


@pytest.mark.parametrize("lang", LANGS)
def test_a_resolved_incident_leads_with_its_resolution_and_still_says_where_to_ask(output: Output, lang: str) -> None:
    root = incident(output, lang, cp.RESOLVED)
    lead = find(root, "section.herald-latest")[0]
    assert "Fixed." in text(lead)  # the resolution entry leads the page
    help_block = one(root, "section.herald-help")
    # No help of its own: the site's support channel instead.
    assert [entry[:2] for entry in help_entries(help_block)] == [(cp.SUPPORT["name"][lang], cp.SUPPORT["address"])]
    assert position(root, lead) < position(root, help_block) < position(root, one(root, "aside.herald-feedback"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_pages_active_incident_shows_its_help(output: Output, lang: str) -> None:
    home = page(output, lang, "")
    card = one(home, "section.herald-active article.herald-card")
    assert text(one(card, ".herald-card__title")) == cp.TITLE[lang]
    help_block = one(card, "section.herald-help")
    in_language(one(help_block, "h4"), lang)
    assert position(home, one(card, "ul.herald-checklist")) < position(home, help_block)
    subject = quote(cp.HELP_MAIL["subject"][lang])
    assert [entry[:2] for entry in help_entries(help_block)] == [
        (cp.HELP_FORM["label"][lang], cp.HELP_FORM["address"]),
        (cp.HELP_MAIL["label"][lang], f"mailto:{cp.HELP_MAIL['address']}?subject={subject}")]


def test_two_notices_with_the_same_claim_key_leave_the_home_pages_ids_unique(project: ProjectFactory) -> None:
    cp.add_crisis(project)
    project.incident("2026-11-21-fake-airdrop", """
        title: Fake airdrop
        kind: notice
        impact: none
        started_at: 2026-11-20T08:00:00+08:00
        claims:
          refund-desk:
            claim: An airdrop pays back losses
            fact: There is no airdrop
    """, updates={"2026-11-20T0800": update("2026-11-20T08:00:00+08:00", "investigating", body="Fake airdrop.")})
    output = cp.build(project.root, cp.NOW)
    home = lxml.html.fragment_fromstring(output.status_pages["index.md"].html, create_parent="div")
    assert len(find(home, "li.herald-claim")) == 2  # both notices' claims are on the home page
    ids = [element.get("id") for element in home.iter() if element.get("id")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    notice = lxml.html.fragment_fromstring(output.status_pages["incidents/2026-11-21-fake-airdrop/index.md"].html,
                                           create_parent="div")
    assert one(notice, "li#claim-refund-desk") is not None  # the notice's own page keeps the claim's anchor
