"""A site in four languages (en, zh-Hans, zh-Hant, ja) built by ``herald build``: every page in every
language, with its lang attribute, a switcher reaching the same page in each other language, and no English
interface text on a page that is not English (checked against the English catalog)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from lxml import html

from generator.text import i18n
from tests.conftest import ProjectFactory, update
from tests.helpers.languages import mkdocs_yml

LANGUAGES = {"en": ("", "en", "English"), "zh-Hans": ("zh-Hans/", "zh-Hans", "简体中文"),
             "zh-Hant": ("zh-Hant/", "zh-Hant", "繁體中文"), "ja": ("ja/", "ja", "日本語")}
PAGES = ["", "history/", "components/", "components/withdrawals/", "incidents/2026-11-20-outage/", "subscribe/",
         "uptime/", "track-record/", "kb/"]

CONFIG = """\
site:
  name: {en: Example Status, zh-Hans: 示例状态, zh-Hant: 示例狀態, ja: サンプルステータス}
  url: https://status.example.com/
  time_zone: Asia/Shanghai
  languages: [en, zh-Hans, zh-Hant, ja]
components:
  - id: withdrawals
    name: {en: Withdrawals, zh-Hans: 提币, zh-Hant: 提幣, ja: 出金}
"""

CONTENT = {  # incident title, summary, update text per language
    "en": ("Withdrawals paused", "We paused withdrawals.", "We are looking into it."),
    "zh-Hans": ("提币已暂停", "我们暂停了提币。", "我们正在调查。"),
    "zh-Hant": ("提幣已暫停", "我們暫停了提幣。", "我們正在調查。"),
    "ja": ("出金を一時停止しています", "出金を一時停止しました。", "現在調査しています。"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = ProjectFactory(tmp_path_factory.mktemp("four"))
    project.file("herald.yml", CONFIG)
    project.file("mkdocs.yml", mkdocs_yml({name: [f"{prefix}index.md", f"{prefix}history/index.md", f"{prefix}kb/index.md"]
                                           for prefix, _, name in LANGUAGES.values()}))
    project.incident("2026-11-20-outage", f"title: {CONTENT['en'][0]}\nimpact: major\ncomponents: [withdrawals]\n"
                     "started_at: 2026-11-20T08:00:00+08:00", body=CONTENT["en"][1], updates={
                         "2026-11-20T0830": update("2026-11-20T08:30:00+08:00", "investigating",
                                                   "components: {withdrawals: major_outage}", body=CONTENT["en"][2])})
    for lang in ("zh-Hans", "zh-Hant", "ja"):
        title, summary, text = CONTENT[lang]
        project.file(f"incidents/2026-11-20-outage/incident.{lang}.md", f"---\ntitle: {title}\n---\n{summary}\n")
        project.file(f"incidents/2026-11-20-outage/2026-11-20T0830.{lang}.md", f"---\n---\n{text}\n")
        project.file(f"site_src/kb/index.{lang}.md", f"# {CONTENT[lang][0]}\n\n{CONTENT[lang][1]}\n")
    project.file("site_src/kb/index.md", "# Advice\n\nRead this.\n")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build", "--now",
                             "2026-11-20T12:00:00+08:00"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return project.root / "site"


def page(site: Path, url: str) -> html.HtmlElement:
    return html.fromstring((site / url / "index.html").read_bytes())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_exists_in_every_language_with_its_lang(site: Path, lang: str) -> None:
    prefix, attribute, _ = LANGUAGES[lang]
    for url in PAGES:
        tree = page(site, prefix + url)
        assert tree.get("lang") == attribute, prefix + url
        assert tree.find("body").get("dir") == "ltr"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_switcher_reaches_the_same_page_in_every_other_language(site: Path, lang: str) -> None:
    prefix = LANGUAGES[lang][0]
    for url in PAGES:
        links = page(site, prefix + url).xpath('//a[contains(@class, "herald-language-link")]')
        expected = {other: (other_prefix + url, name) for other, (other_prefix, _, name) in LANGUAGES.items()
                    if other != lang}
        found = {}
        for link in links:
            target = (site / prefix / url / link.get("href")).resolve().relative_to(site.resolve()).as_posix()
            found[link.get("hreflang")] = ((target + "/").replace("./", "") if target != "." else "",
                                           link.text_content().strip())
        assert found == {LANGUAGES[o][1]: value for o, value in expected.items()}, prefix + url


def english_interface_texts() -> set[str]:
    """The English catalog's phrases of two words or more (labels and sentences a page may print)."""
    with (i18n.LOCALES_DIR / "en" / "LC_MESSAGES" / "herald.po").open("rb") as handle:
        catalog = read_po(handle)
    out = set()
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if not key or key.startswith(("format.", "punct.", "chain.", "language.")):
            continue
        for text in (message.string if isinstance(message.string, tuple) else (message.string,)):
            for piece in re.split(r"\{[a-z_]+\}", text):
                piece = piece.strip(" .:;,()—")
                if len(piece.split()) >= 2:
                    out.add(piece)
    return out


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "ja"])
def test_no_english_interface_text_on_pages_in_other_languages(site: Path, lang: str) -> None:
    phrases = english_interface_texts()
    assert "Next update promised by" in phrases and "What you should do" in phrases  # the check has teeth
    prefix = LANGUAGES[lang][0]
    for url in PAGES:
        tree = page(site, prefix + url)
        for script in tree.xpath("//script | //style | //template"):
            script.drop_tree()
        text = " ".join(tree.xpath("//title//text() | //body//text()"))
        text = re.sub(r"\s+", " ", text)
        found = sorted(p for p in phrases if p in text)
        assert not found, (prefix + url, found)


def test_a_language_without_a_catalog_builds_in_english_with_one_warning(tmp_path: Path) -> None:
    project = ProjectFactory(tmp_path)
    project.file("herald.yml", CONFIG.replace("[en, zh-Hans, zh-Hant, ja]", "[en, ko]")
                 .replace("zh-Hans: 示例状态, zh-Hant: 示例狀態, ja: サンプルステータス", "ko: 예시 상태")
                 .replace("zh-Hans: 提币, zh-Hant: 提幣, ja: 出金", "ko: 출금"))
    project.file("mkdocs.yml", mkdocs_yml({"Status": ["index.md"]}))
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build", "--now",
                             "2026-11-20T12:00:00+08:00"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "no-catalog" in line]
    assert len(warnings) == 1 and "'ko'" in warnings[0], result.stderr
    korean = page(project.root / "site", "ko")
    assert korean.get("lang") == "ko"
    assert "All systems operational" in korean.text_content()  # English interface text, as the warning says
