"""The ``announce:`` section of herald.yml: every mistake named with its line and field; what the pages show of it
(the Subscribe page's ways to be told; the previews only under ``herald serve``)."""

from __future__ import annotations

import lxml.html
import pytest

from generator.content.settings import load_settings
from generator.errors import Severity
from generator.pipeline import build_site, load_project
from tests.conftest import ProjectFactory, add_outage
from tests.helpers.output_helpers import when

GOOD = """
channels:
  - kind: chat
    name: Telegram
    address: t.me/example_status
announce:
  since: 2026-11-20T00:00:00+08:00
  signup:
    address: mailto:status-subscribe@example.com
    note: {en: One e-mail per update., zh: 每条更新一封邮件。}
  channels:
    - {id: mail, format: email}
    - id: telegram
      format: telegram
      languages: [zh]
      components: [withdrawals]
      name: {en: Telegram channel, zh: Telegram 频道}
      address: https://t.me/example_status/
"""


def configure(project: ProjectFactory, extra: str) -> None:
    config = project.root / "herald.yml"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")


def problems(project: ProjectFactory):
    settings, diagnostics = load_settings(project.root)
    return settings, [(d.line, d.field, d.code, d.severity) for d in diagnostics]


def test_a_good_section_loads(project: ProjectFactory) -> None:
    configure(project, GOOD)
    settings, found = problems(project)
    assert found == []
    announce = settings.announce
    assert [c.id for c in announce.channels] == ["mail", "telegram"]
    assert announce.channels[0].languages == ("en", "zh") and announce.channels[1].languages == ("zh",)
    assert announce.ledger == "announced.json" and announce.since == when("2026-11-20T00:00:00+08:00")


@pytest.mark.parametrize("change,expected", [
    ("    - {id: mail, format: email}\n", ("announce.channels[2].id", "duplicate-id")),
    ("    - {id: fr, format: x, languages: [fr]}\n", ("announce.channels[2].languages[0]", "unknown-language")),
    ("    - {id: w, format: sms, components: [withdrawal]}\n", ("announce.channels[2].components[0]",
                                                              "unknown-component")),
])
def test_each_mistake_is_named_with_its_line_and_field(project: ProjectFactory, change, expected) -> None:
    configure(project, GOOD + change)
    settings, found = problems(project)
    last_line = len((project.root / "herald.yml").read_text(encoding="utf-8").splitlines())
    assert settings is None
    assert [(line, field, code) for line, field, code, _ in found] == [(last_line, *expected)]


def test_a_ledger_outside_the_project_and_a_missing_since_are_errors(project: ProjectFactory) -> None:
    configure(project, "announce:\n  ledger: ../elsewhere.json\n  channels: []\n")
    settings, found = problems(project)
    assert settings is None and ("announce.since" in {f for _, f, _, _ in found})
    configure(project, "  since: 2026-11-20T00:00:00+08:00\n")
    settings, found = problems(project)
    assert [(f, c) for _, f, c, _ in found] == [("announce.ledger", "path-escapes")]


def test_a_format_herald_does_not_write_is_refused(project: ProjectFactory) -> None:
    configure(project, GOOD + "    - {id: fax, format: fax}\n")
    settings, found = problems(project)
    assert settings is None and [(f, c) for _, f, c, _ in found] == [("announce.channels[2].format", "bad-value")]


def test_an_announced_address_that_is_not_official_is_a_warning(project: ProjectFactory) -> None:
    configure(project, GOOD.replace("address: https://t.me/example_status/", "address: t.me/exampIe_status"))
    settings, found = problems(project)
    assert settings is not None
    assert [(f, c, s) for _, f, c, s in found] == [("announce.channels[1].address", "unofficial-address",
                                                    Severity.WARNING)]


@pytest.fixture
def announced(project: ProjectFactory) -> ProjectFactory:
    add_outage(project)
    configure(project, GOOD)
    return project


def test_the_subscribe_page_leads_with_the_ways_to_be_told(announced: ProjectFactory) -> None:
    output = build_site(load_project(announced.root, lambda pinned: when("2026-11-20T12:00:00+08:00")))
    for lang, prefix in (("en", ""), ("zh", "zh/")):
        tree = lxml.html.fromstring(output.status_pages[f"{prefix}subscribe/index.md"].html)
        headings = [h.get("id") for h in tree.xpath("//h2")]
        assert headings[0] == "told" and headings.index("told") < headings.index("feeds")
        items = [" ".join(li.text_content().split()) for li in tree.xpath('//ul[@class="herald-subscribe__told"]/li')]
        assert len(items) == 2 and "status-subscribe@example.com" in items[0]
        assert tree.xpath('//ul[@class="herald-subscribe__told"]/li[1]/a/@href') == ["mailto:status-subscribe@example.com"]
        assert ("Telegram channel" if lang == "en" else "Telegram 频道") in items[1]
        assert ("Withdrawals" if lang == "en" else "提币") in items[1]  # the only component it carries


def test_previews_appear_only_when_serving(announced: ProjectFactory) -> None:
    project = load_project(announced.root, lambda pinned: when("2026-11-20T12:00:00+08:00"))
    page = "zh/incidents/2026-11-20-withdrawals-down/index.md"
    served = lxml.html.fromstring(build_site(project, previews=True).status_pages[page].html)
    built = build_site(project).status_pages[page].html
    assert "herald-previews" not in built
    previews = served.xpath('//li[@id="update-2026-11-20T1000"]//section[@class="herald-preview"]')
    assert [p.get("aria-label") for p in previews] == ["mail (email)", "telegram"]  # both take zh
    texts = [p.xpath('.//pre')[0].text_content() for p in previews]
    assert all(t.rstrip().endswith("https://status.example.com/zh/incidents/2026-11-20-withdrawals-down/")
               for t in texts)
    english = lxml.html.fromstring(build_site(project, previews=True).status_pages[
        "incidents/2026-11-20-withdrawals-down/index.md"].html)
    assert [p.get("aria-label") for p in english.xpath(
        '//li[@id="update-2026-11-20T1000"]//section[@class="herald-preview"]')] == ["mail (email)"]
