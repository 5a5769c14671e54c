"""One update, the same facts everywhere: the state, the promised next update and the first thing to do read
the same in every channel's message as on the incident page (the demo's theft incident, English and Chinese)."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from generator.outputs.announcements import compose
from generator.outputs.channel_formats import FORMATS
from generator.outputs.text import OutputText
from generator.pipeline import build_site, load_project, site_state
from generator.text import i18n
from generator.text.markup import MarkupRenderer

REPO = Path(__file__).resolve().parents[2]
INCIDENT, UPDATE = "2026-11-20-hot-wallet-theft", "2026-11-20T0620"
SMS_ROOM_FOR = ("state", "link")
"""One SMS segment (70 characters in Chinese) holds the state, the title and the link; nothing more is promised."""


@pytest.fixture(scope="module")
def demo():
    project = load_project(REPO)  # read only: built in memory, nothing written
    assert project.ok
    return project, build_site(project)


def page_facts(output, lang: str) -> dict[str, str]:
    """What the incident page says of the update: its state, its next-update time, the first action."""
    prefix = "" if lang == "en" else f"{lang}/"
    tree = lxml.html.fromstring(output.status_pages[f"{prefix}incidents/{INCIDENT}/index.md"].html)
    [item] = tree.xpath(f'//li[@id="update-{UPDATE}"]')
    [next_line] = item.xpath('.//p[@class="herald-update__next"]')
    colon = i18n.translate(lang, "punct.colon")
    first_action = tree.xpath('//ul[@class="herald-checklist"]/li')[0]
    return {"state": " ".join(item.xpath('.//h3')[0].text_content().split()),
            "next": next_line.text_content().split(colon, 1)[1].strip(),
            "action": " ".join(first_action.text_content().split())}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_state_next_update_and_first_action_agree_in_every_channel_and_on_the_page(demo, lang: str) -> None:
    project, output = demo
    text = OutputText(site_state(project), MarkupRenderer())
    incident = next(i for i in project.content.incidents if i.id == INCIDENT)
    update = next(u for u in incident.updates if u.id == UPDATE)
    page = page_facts(output, lang)
    state = i18n.translate(lang, "status." + update.status)
    colon = i18n.translate(lang, "punct.colon")
    next_label = i18n.translate(lang, "incident.next_update") + colon
    action_label = i18n.translate(lang, "announce.what_to_do") + colon
    assert state in page["state"]
    for fmt in FORMATS:
        message = compose(text, incident, update, fmt, lang)
        lines = message.text.splitlines()
        headline = message.subject or lines[0]
        assert headline.startswith(i18n.translate(lang, "announce.headline").split("{state}")[0] + state), fmt
        said = {label: line[len(label):] for line in lines for label in (next_label, action_label)
                if line.startswith(label)}
        if fmt == "sms":
            assert set(said) <= {next_label, action_label}
        else:
            assert said.get(next_label) == page["next"], (fmt, said)
            assert action_label in said, fmt
        if action_label in said:
            action = said[action_label]
            assert page["action"].endswith(action) or page["action"].find(action.removesuffix("…")) >= 0, fmt
