"""The shipped catalogs and the Chinese (and Japanese) text: every catalog complete and compiled by Babel, the same
placeholders as English, one term per idea site-wide, and full-width punctuation with the house spacing rules.

Spacing rules: in Chinese, a space between Chinese and Latin letters or digits (``最近 50 个事件``) and none between
two Chinese characters; in Japanese, no space between Japanese and Latin letters or digits (``直近50件``).
Placeholders are filled with sample values before the spacing is checked, as the page would show them: a
``{duration}`` ends with a Chinese unit (``20 分钟``), so it takes a space before it and none after it
(``历时 {duration}后解决``); a name (``{site}``, ``{company}``) is the configured Chinese name, which ends with
Chinese (``Larkspur 钱包``).
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from babel.dates import format_datetime
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]
LOCALES = REPO / "generator" / "locales"
TEMPLATES = REPO / "generator" / "authoring" / "incident_templates"
CONTENT_DIRS = (TEMPLATES, REPO / "site_src", REPO / "incidents")
SHIPPED = sorted(p.parent.parent.name for p in LOCALES.glob("*/LC_MESSAGES/herald.po"))
REQUIRED = ("en", "zh_Hans", "zh_Hant", "ja")
CJK_CATALOGS = ("zh_Hans", "zh_Hant", "ja")
PLACEHOLDER = re.compile(r"\{[A-Za-z_]+\}")

ZH_HANS_GLOSSARY = {
    "两步验证": ("双重验证", "双重认证", "双因素", "双因子", "二次验证", "二步验证", "两步认证", "两阶段验证"),
    "充币": ("充值", "入金"),
    "提币": ("提现", "出金"),
    "助记词": ("种子短语", "种子词", "助记符", "恢复词"),
    "私钥": ("私人密钥", "私密钥匙"),
}
"""The site's term for each idea -> the variants it must not use (zh_Hans catalog and every *.zh.md)."""
ZH_HANS_ALLOWED = ("法币充值", "法币提现")
"""Money in and out by bank or card may keep the everyday fiat words, but only named as fiat."""

ZH_HANT_GLOSSARY = {
    "兩步驟驗證": ("雙重驗證", "雙重認證", "雙因素", "雙因子", "二次驗證", "二步驗證", "兩步驗證", "二階段驗證",
                   "兩階段驗證"),
    "入金": ("充值", "充幣", "儲值", "存幣"),
    "提幣": ("提現", "提領", "出金"),
    "助記詞": ("種子短語", "種子詞", "助記符", "恢復詞"),
    "私鑰": ("私密金鑰", "私人金鑰", "私人密鑰"),
    "加密貨幣": ("虛擬貨幣", "數位貨幣"),
}
"""The same for Traditional Chinese as used by exchanges in Taiwan (zh_Hant catalog and *.zh-Hant/-TW/-HK.md)."""
ZH_HANT_SUFFIXES = ("zh-Hant", "zh-TW", "zh-HK", "zh_Hant")

JA_GLOSSARY = {
    "二段階認証": ("2段階認証", "二要素認証", "2要素認証", "2FA認証"),
    "シードフレーズ": ("リカバリーフレーズ", "ニーモニック"),
    "秘密鍵": ("プライベートキー",),
    "暗号資産": ("仮想通貨",),
}

SIMPLIFIED_ONLY = set(
    "们这发务钱币验证时为态应问题页数请订阅复对现报维护组网设认软录读显开关联络档将还让说动过进选样点块链钥实历条区"
    "据给击续码图边带众从义专业东两严个临举乐习书买乱争亏亚产亲亿仅仓优伤体佣债储儿兴养内册写军农决况冻净减凭处则"
    "刚创删别剂剧劝办动励劳势医华协单卖卫却厂厅压县参双变号吗启员响团园围国圆场坏坚备够头夺奖妈学宁宝审宪宽宾寻导"
    "层属岁岛帅师帐帮广庆库废异弃张弹强归当彻忆总恶惊惯战户执扩扫扰护担拥择挂换损据摄摆数断无旧显暂术机杀杂权来极"
    "构标栏档检楼欢残毁毕气汇汉没泽洁测济浏渐满滚灭灵灾点热爱环电画疗监盘着确礼离种积称稳穷窃竞笔签简紧纠红约级纪"
    "纯纸线练细织终经绑结绕给络绝统继续维综绿缓编缩网罗罚职联肤胜脑艺节药获营虑虚补装见观规视览觉订认讨让训议讯记"
    "讲许论设访证评识诈诉词译试话询该详语误请读课谁调谈谢负贡财责败货质购贵贷费资赔赖车转轮软轻载较输达迁过运还进"
    "远违连迟选递逻遗邮释鉴钓钟钢钥铁银链销锁错键镜长门闭问闲间闻阅队阶际陆险隐难顶项顺须顾预领频题额风飞饭馆驱验"
    "骗骤鸟")
"""Characters written only in Simplified Chinese: a zh_Hant text holding one was not fully converted."""

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Kana and Han; full-width punctuation is not in it (a full-width mark may sit next to anything)."""
ASCII_MARKS = ':;()"?!,'
BAD_MARK = re.compile(rf"[{CJK}][ \t]*[{re.escape(ASCII_MARKS)}]|[{re.escape(ASCII_MARKS)}][ \t]*[{CJK}]")
SPACE_IN_CJK = re.compile(rf"[{CJK}][ \t\u3000]+[{CJK}]")
NO_SPACE_ZH = re.compile(rf"[{CJK}][A-Za-z0-9]|[A-Za-z0-9][{CJK}]")
SPACE_JA = re.compile(rf"[{CJK}][ \t]+[A-Za-z0-9]|[A-Za-z0-9][ \t]+[{CJK}]")
NOT_PROSE = re.compile(r"`[^`]*`|<[^>]+>|\]\([^)]*\)|https?://\S+|mailto:\S+")
"""Code spans, HTML tags, Markdown link targets and bare URLs: not prose, their ASCII marks are syntax."""
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
YAML_KEY = re.compile(r"^\s*(?:- )?[A-Za-z0-9_-]+:(?:\s+|$)")

NAMES = {"zh_Hans": "Larkspur 钱包", "zh_Hant": "Larkspur 錢包", "ja": "Larkspur Wallet"}
SITES = {"zh_Hans": "Larkspur 钱包服务状态", "zh_Hant": "Larkspur 錢包服務狀態", "ja": "Larkspur Wallet Status"}
NOT_TEXT = ("format.date", "format.datetime", "format.month", "duration.join")
"""Babel date patterns and the bare separator of duration parts: not prose."""


def load(name: str) -> Catalog:
    path = LOCALES / "herald.pot" if name == "pot" else LOCALES / name / "LC_MESSAGES" / "herald.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=None if name == "pot" else name, abort_invalid=True)


def key(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]


def entries(catalog: Catalog) -> dict[str, list[str]]:
    """Each message id and its text (every plural form)."""
    return {key(m): forms(m) for m in catalog if m.id}


def test_the_required_catalogs_are_shipped() -> None:
    assert set(REQUIRED) <= set(SHIPPED)


@pytest.mark.parametrize("name", ["pot", *SHIPPED])
def test_catalog_parses_compiles_and_passes_babels_checks(name: str) -> None:
    catalog = load(name)
    write_mo(io.BytesIO(), catalog)
    problems = {key(m): [str(e) for e in errors] for m, errors in catalog.check() if errors}
    assert problems == {}


@pytest.mark.parametrize("name", SHIPPED)
def test_header_names_the_language_and_its_plural_rule(name: str) -> None:
    catalog = load(name)
    assert str(catalog.locale) == name
    assert catalog.plural_forms == Catalog(locale=name).plural_forms
    assert not catalog.fuzzy


@pytest.mark.parametrize("name", REQUIRED)
def test_every_message_of_the_template_is_translated(name: str) -> None:
    template, catalog = load("pot"), load(name)
    own = {key(m): m for m in catalog if m.id}
    missing = sorted(key(m) for m in template if m.id and key(m) not in own)
    empty = sorted(k for k, m in own.items() if not all(forms(m)))
    wrong_forms = sorted(k for k, m in own.items() if isinstance(m.id, tuple) and len(forms(m)) != catalog.num_plurals)
    assert (missing, empty, wrong_forms) == ([], [], [])


@pytest.mark.parametrize("name", [n for n in SHIPPED if n != "en"])
def test_each_translation_keeps_the_english_text_above_it(name: str) -> None:
    template = {key(m): m.auto_comments for m in load("pot") if m.id}
    changed = sorted(key(m) for m in load(name) if m.id and key(m) in template and m.auto_comments != template[key(m)])
    assert changed == []


@pytest.mark.parametrize("name", [n for n in SHIPPED if n != "en"])
def test_placeholders_are_those_of_the_english(name: str) -> None:
    english = {k: {p for f in texts for p in PLACEHOLDER.findall(f)} for k, texts in entries(load("en")).items()}
    wrong = {k: texts for k, texts in entries(load(name)).items() if k in english
             and any(set(PLACEHOLDER.findall(f)) != english[k] for f in texts)}
    assert wrong == {}


@pytest.mark.parametrize("name", SHIPPED)
def test_date_patterns_format_a_date(name: str) -> None:
    texts = entries(load(name))
    moment = datetime(2026, 11, 20, 4, 52, tzinfo=timezone.utc)
    for pattern_key in ("format.date", "format.datetime", "format.month"):
        if pattern_key in texts:
            assert "2026" in format_datetime(moment, texts[pattern_key][0], tzinfo=timezone.utc, locale=name)


REVIEWED_ZH_HANS = {
    "commitment.pending": "待兑现",
    "record.promised": "承诺时间",
    "commitments.evidence": "查看依据",
    "incident.facts_in_update": "关键事实更新",
    "impact.major": "较大影响",
    "impact.critical": "严重影响",
}
"""Wording a native reader asked for (重大影响 beside 严重影响 did not say which is worse)."""


def test_simplified_chinese_reads_as_reviewed() -> None:
    texts = entries(load("zh_Hans"))
    assert {k: texts[k][0] for k in REVIEWED_ZH_HANS} == REVIEWED_ZH_HANS


@pytest.mark.parametrize("name", CJK_CATALOGS)
def test_lateness_is_the_bare_duration(name: str) -> None:
    """The page prints the promise's word in bold, then this: 迟到 20 分钟, not 迟到（20 分钟）."""
    assert entries(load(name))["record.late_by"] == ["{duration}"]


@pytest.mark.parametrize("name", CJK_CATALOGS)
def test_impact_levels_read_differently(name: str) -> None:
    texts = entries(load(name))
    levels = [texts[f"impact.{level}"][0] for level in ("none", "minor", "major", "critical")]
    assert len(set(levels)) == 4


def test_language_names_are_their_own() -> None:
    names = {name: entries(load(name))["language.name"][0] for name in CJK_CATALOGS}
    assert names == {"zh_Hans": "简体中文", "zh_Hant": "繁體中文", "ja": "日本語"}


# ---- one term per idea ----

def content_files(suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for folder in CONTENT_DIRS for suffix in suffixes for p in folder.rglob(f"*.{suffix}.md"))


def glossary_problems(texts: dict[str, str], glossary: dict[str, tuple[str, ...]],
                      allowed: tuple[str, ...] = ()) -> list[str]:
    """``where: variant (say preferred)`` for every forbidden variant in the texts."""
    found = []
    for where, text in texts.items():
        for phrase in allowed:
            text = text.replace(phrase, "")
        found += [f"{where}: {variant} (say {preferred})" for preferred, variants in glossary.items()
                  for variant in variants if variant in text]
    return found


def catalog_texts(name: str) -> dict[str, str]:
    return {f"{name}:{k}": " ".join(texts) for k, texts in entries(load(name)).items()}


def file_texts(paths: list[Path]) -> dict[str, str]:
    return {str(p.relative_to(REPO)): p.read_text(encoding="utf-8") for p in paths}


def test_simplified_chinese_says_one_term_for_each_idea() -> None:
    texts = catalog_texts("zh_Hans") | file_texts(content_files(("zh", "zh-Hans", "zh-CN")))
    assert glossary_problems(texts, ZH_HANS_GLOSSARY, ZH_HANS_ALLOWED) == []


def test_traditional_chinese_says_one_term_for_each_idea() -> None:
    texts = catalog_texts("zh_Hant") | file_texts(content_files(ZH_HANT_SUFFIXES))
    assert glossary_problems(texts, ZH_HANT_GLOSSARY) == []


def test_japanese_says_one_term_for_each_idea() -> None:
    assert glossary_problems(catalog_texts("ja") | file_texts(content_files(("ja",))), JA_GLOSSARY) == []


def test_traditional_chinese_holds_no_simplified_characters() -> None:
    texts = catalog_texts("zh_Hant") | file_texts(content_files(ZH_HANT_SUFFIXES))
    found = {where: "".join(sorted(set(text) & SIMPLIFIED_ONLY)) for where, text in texts.items()}
    assert {where: chars for where, chars in found.items() if chars} == {}


def test_the_glossary_check_catches_a_variant() -> None:
    assert glossary_problems({"x": "请重置双重验证，再提现"}, ZH_HANS_GLOSSARY) == [
        "x: 双重验证 (say 两步验证)", "x: 提现 (say 提币)"]
    assert glossary_problems({"x": "法币充值已到账"}, ZH_HANS_GLOSSARY, ZH_HANS_ALLOWED) == []
    assert glossary_problems({"x": "請開啟二階段驗證"}, ZH_HANT_GLOSSARY) == ["x: 二階段驗證 (say 兩步驟驗證)"]


# ---- punctuation and spacing ----

def punctuation_problems(text: str, language: str) -> list[str]:
    """What is wrong with the punctuation and spacing of one piece of prose (``zh`` or ``ja`` rules)."""
    prose = NOT_PROSE.sub(" ", text)
    problems = [f"ASCII mark by CJK: {m.group()!r}" for m in BAD_MARK.finditer(prose)]
    problems += [f"space between CJK: {m.group()!r}" for m in SPACE_IN_CJK.finditer(prose)]
    spacing = NO_SPACE_ZH if language == "zh" else SPACE_JA
    problems += [f"{language} spacing: {m.group()!r}" for m in spacing.finditer(prose)]
    return problems


def rendered(catalog_name: str, texts: dict[str, list[str]]) -> dict[str, str]:
    """Each text with its placeholders filled in the way the page fills them."""
    duration = texts["duration.min"][0].replace("{n}", "20")
    samples = {"{n}": "20", "{duration}": duration, "{percent}": "99", "{host}": "etherscan.io",
               "{site}": SITES[catalog_name], "{company}": NAMES[catalog_name], "{name}": NAMES[catalog_name]}
    out = {}
    for k, forms_ in texts.items():
        if k in NOT_TEXT:
            continue
        for n, text in enumerate(forms_):
            out[f"{k}[{n}]"] = PLACEHOLDER.sub(lambda m: samples.get(m.group(), "3"), text)
    return out


@pytest.mark.parametrize("name", CJK_CATALOGS)
def test_catalog_punctuation_and_spacing(name: str) -> None:
    language = "ja" if name == "ja" else "zh"
    found = {k: p for k, text in rendered(name, entries(load(name))).items()
             if (p := punctuation_problems(text, language))}
    assert found == {}


def template_prose(text: str) -> list[tuple[int, str]]:
    """The prose lines of an incident template: YAML keys and quotes, Jinja tags and expressions taken out
    (an expression becomes a Latin sample word, as the company name or a time would be)."""
    lines, out, fences = text.splitlines(), [], 0
    for number, line in enumerate(lines, 1):
        if line.strip() == "---":
            fences += 1
            continue
        if fences == 1:  # front matter
            line = YAML_KEY.sub("", line).strip().strip('"').strip("'")
        out.append((number, JINJA.sub(lambda m: "Larkspur" if m.group().startswith("{{") else "", line)))
    return out


def test_chinese_incident_templates_punctuation_and_spacing() -> None:
    found = {f"{p.relative_to(REPO)}:{number}": problems
             for p in sorted(TEMPLATES.rglob("*.zh.md")) for number, line in template_prose(p.read_text("utf-8"))
             if (problems := punctuation_problems(line, "zh"))}
    assert found == {}


@pytest.mark.parametrize("text,language,expected", [
    ("状态:正常", "zh", 1), ("状态: 正常", "zh", 1), ("草稿 (未发布)", "zh", 2), ("请核对;然后继续", "zh", 1),
    ("任何\"验证\"转账", "zh", 2), ("两个 汉字", "zh", 1), ("最近50个事件", "zh", 2), ("在 etherscan.io上查看", "zh", 1),
    ("直近 50件", "ja", 1), ("下書き：herald serve でのみ", "ja", 1),
    ("最近 50 个事件（iCalendar 格式）：完成；好", "zh", 0), ("见 https://x.example/a:b(c)", "zh", 0),
    ("运行 `herald check; ls`，看 [文档](guide.md#a:b)", "zh", 0), ("Atom 和 RSS; JSON Feed", "zh", 0),
    ("直近50件（新しい順）：完了", "ja", 0), ("Statuspage互換API v2", "ja", 0),
])
def test_the_punctuation_check_catches_bad_prose(text: str, language: str, expected: int) -> None:
    assert len(punctuation_problems(text, language)) == expected


def test_the_template_check_reads_prose_not_syntax() -> None:
    template = ('---\n{{ front_matter }}\nfacts:\n  data:\n    label: 泄露的数据\n    value: "[哪些数据：姓名?]"\n---\n'
                "**发生了什么：** [从何时开始（{{ started }}）？]{% if next %}{{ next }} 之前。{% endif %}\n"
                "**时间:** 未定\n")
    problems = [(n, punctuation_problems(line, "zh")) for n, line in template_prose(template)]
    assert [(n, len(p)) for n, p in problems if p] == [(6, 1), (9, 1)]
