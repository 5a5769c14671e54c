"""Text for the machine outputs: XML-safe strings, absolute URLs, update bodies as HTML and plain text.

Feeds, the calendar, badges and the Statuspage-compatible API all take their words from
here, so control characters are stripped in one place and every output says the same thing.
"""

from __future__ import annotations

import posixpath
import re
from datetime import datetime
from urllib.parse import urljoin

import lxml.html

from generator.text import i18n, urls
from generator.text.markup import MarkupRenderer
from generator.model import Incident, Localized, Update
from generator.site.render import SiteState

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot carry (C0 controls other than tab and line breaks, lone surrogates, non-characters)."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "feed.site": "{site}: every update", "feed.maintenance": "{site}: maintenance",
        "feed.component": "{site}: {name}", "feed.incident": "{site}: {name}",
        "feed.description": "Every update published on {site}, newest first.",
        "calendar.name": "{site}: maintenance windows", "badge.status": "Status", "punct.colon": ": ", "punct.list": ", ",
        "subscribe.title": "Subscribe",
        "subscribe.intro": "Follow our updates without visiting this site: add one of these addresses to a feed "
                           "reader, a calendar or your own tools. Every address below is public and needs no account.",
        "subscribe.feeds": "Feeds", "subscribe.feeds_intro": "One entry per update, newest first. Atom and RSS work "
                                                             "in every feed reader; JSON Feed suits scripts.",
        "subscribe.feed": "Feed", "subscribe.site": "Every update", "subscribe.maintenance": "Maintenance only",
        "subscribe.components": "By component", "subscribe.components_intro": "Only the updates of incidents that "
                                                                            "affect one component.",
        "subscribe.incidents": "Ongoing incidents", "subscribe.incidents_intro": "Every incident page links its own "
                                                                               "feed; these are open now.",
        "subscribe.calendar": "Maintenance calendar",
        "subscribe.calendar_intro": "Past and upcoming maintenance windows (iCalendar). Subscribe by address in your "
                                    "calendar app so changed windows update by themselves.",
        "subscribe.badges": "Status badges", "subscribe.badges_intro": "Images for apps and READMEs that always show "
                                                                       "the current status.",
        "subscribe.api": "Statuspage-compatible API",
        "subscribe.api_intro": "Read-only JSON in the shape of Atlassian Statuspage's public API v2, so existing "
                               "dashboards, bots and exporters work unchanged.",
        "subscribe.history": "Incident history feeds in Statuspage's format (one item per incident)",
        "subscribe.address": "Address", "subscribe.open": "open", "subscribe.what": "What",
        "api.summary": "Everything at once: status, components, open incidents, upcoming and active maintenance",
        "api.status": "Overall status only", "api.components": "Every component and group",
        "api.incidents": "The 50 most recent incidents", "api.unresolved": "Unresolved incidents",
        "api.maintenances": "The 50 most recent maintenances", "api.upcoming": "Upcoming maintenance",
        "api.active": "Maintenance in progress",
    },
    "zh": {
        "feed.site": "{site}：全部更新", "feed.maintenance": "{site}：维护", "feed.component": "{site}：{name}",
        "feed.incident": "{site}：{name}", "feed.description": "{site} 发布的每一条更新，最新的在前。",
        "calendar.name": "{site}：维护时间窗口", "badge.status": "状态", "punct.colon": "：", "punct.list": "、",
        "subscribe.title": "订阅",
        "subscribe.intro": "无需访问本站也能随时了解我们的更新：把下面的地址添加到 RSS 阅读器、日历或您自己的工具中。"
                           "所有地址都是公开的，无需账户。",
        "subscribe.feeds": "订阅源", "subscribe.feeds_intro": "每条更新一个条目，最新的在前。Atom 和 RSS 适用于所有阅读器；"
                                                            "JSON Feed 便于脚本使用。",
        "subscribe.feed": "订阅源", "subscribe.site": "全部更新", "subscribe.maintenance": "仅维护",
        "subscribe.components": "按组件订阅", "subscribe.components_intro": "只包含影响某一组件的事件的更新。",
        "subscribe.incidents": "进行中的事件", "subscribe.incidents_intro": "每个事件页面都链接了它自己的订阅源；以下事件仍在进行中。",
        "subscribe.calendar": "维护日历",
        "subscribe.calendar_intro": "过去和即将进行的维护时间窗口（iCalendar 格式）。请在日历应用中按地址订阅，维护时间变更时会自动更新。",
        "subscribe.badges": "状态徽章", "subscribe.badges_intro": "可嵌入应用和 README 的图片，始终显示当前状态。",
        "subscribe.api": "兼容 Statuspage 的 API",
        "subscribe.api_intro": "只读 JSON，格式与 Atlassian Statuspage 公共 API v2 相同，现有的仪表盘、机器人和导出工具无需修改即可使用。",
        "subscribe.history": "Statuspage 格式的事件历史订阅源（每个事件一个条目）",
        "subscribe.address": "地址", "subscribe.open": "打开", "subscribe.what": "内容",
        "api.summary": "全部信息：状态、组件、未解决的事件、即将进行和进行中的维护", "api.status": "仅总体状态",
        "api.components": "所有组件和分组", "api.incidents": "最近 50 个事件", "api.unresolved": "未解决的事件",
        "api.maintenances": "最近 50 次维护", "api.upcoming": "即将进行的维护", "api.active": "进行中的维护",
    },
}
"""Interface words of the outputs; anything else comes from ``i18n.translate``."""


def clean(text: str) -> str:
    """Text without the characters XML 1.0 forbids (the one place they are stripped)."""
    return NOT_XML.sub("", text)


def markup_free(text: str) -> str:
    """One line of text with no markup left for a reader that takes it as HTML (tags dropped, no ``<`` or ``>``)."""
    if not text.strip():
        return ""
    content = lxml.html.fragment_fromstring(clean(text), create_parent="div").text_content()
    return " ".join(content.replace("<", " ").replace(">", " ").split())


def plain_text(html: str) -> str:
    """Readable text of an HTML fragment: blocks separated by blank lines, list items on their own lines."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    blocks = []
    for child in root:
        if child.tag in ("ul", "ol"):
            blocks.append("\n".join("- " + " ".join(li.text_content().split()) for li in child.iter("li")))
        elif child.tag == "pre":
            blocks.append(child.text_content().rstrip("\n"))
        else:
            blocks.append(" ".join(child.text_content().split()))
    lead = " ".join((root.text or "").split())
    return "\n\n".join(b for b in [lead, *blocks] if b)


class OutputText:
    """What every output says about the content, per language, computed once per build."""

    def __init__(self, state: SiteState, markup: MarkupRenderer) -> None:
        self.state, self.settings = state, state.settings
        self._markup = markup
        self._html: dict[tuple[str, str, str], str] = {}

    def t(self, lang: str, key: str, **values: str) -> str:
        """Interface text, with ``{name}`` placeholders filled."""
        text = STRINGS.get(lang, {}).get(key) or STRINGS["en"].get(key) or i18n.translate(lang, key)
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        return clean(text)

    def pick(self, localized: Localized, lang: str) -> str:
        """Localized text in ``lang``, falling back to the default language."""
        return clean(i18n.pick(localized, lang, self.settings.default_language)[0])

    def title(self, incident: Incident, lang: str) -> str:
        """An incident's title; its id if nothing is left once unusable characters are gone."""
        return self.pick(incident.title, lang).strip() or incident.id

    def site_name(self, lang: str) -> str:
        """The site's name."""
        return self.pick(self.settings.name, lang)

    def company(self, lang: str) -> str:
        """The company's name (feed author)."""
        return self.pick(self.settings.company, lang) or self.site_name(lang)

    def component_name(self, component_id: str, lang: str) -> str:
        """A declared component's name."""
        return self.pick(self.settings.component(component_id).name, lang)

    def prefix(self, lang: str) -> str:
        """Folder of a language ('' or 'zh/')."""
        return urls.prefix(lang, self.settings.default_language)

    def url(self, path: str) -> str:
        """Absolute URL of a path relative to the site root."""
        return self.settings.url + path

    def update_url(self, incident: Incident, update: Update, lang: str) -> str:
        """Absolute URL of an update's anchor on its incident page."""
        return self.url(urls.incident(self.prefix(lang), incident.id)) + f"#update-{update.id}"

    def time(self, moment: datetime, lang: str) -> str:
        """A time as the pages show it (site zone, with offset)."""
        return i18n.format_time(moment, self.settings.zone, lang)

    def update_html(self, incident: Incident, update: Update, lang: str) -> str:
        """An update's body as sanitised HTML with absolute links."""
        return self._body(incident, update.id, update.body, update.source, lang)

    def update_text(self, incident: Incident, update: Update, lang: str) -> str:
        """An update's body as plain text."""
        return plain_text(self.update_html(incident, update, lang))

    def summary_text(self, incident: Incident, lang: str) -> str:
        """An incident's summary as plain text."""
        return plain_text(self._body(incident, "", incident.summary, incident.source, lang))

    def _body(self, incident: Incident, key: str, body: Localized, source: str, lang: str) -> str:
        """Markdown in ``lang`` (or the default language) rendered once per build."""
        cache_key = (incident.id, key, lang)
        if cache_key not in self._html:
            page = urls.incident(self.prefix(lang), incident.id)
            text = clean(i18n.pick(body, lang, self.settings.default_language)[0])
            self._html[cache_key] = clean(self._markup.to_html(text, lambda href: self._absolute(href, page, source,
                                                                                              lang)))
        return self._html[cache_key]

    def _absolute(self, href: str, page: str, source: str, lang: str) -> str:
        """A link target as an absolute URL; relative links to Markdown pages go to the built page."""
        path, _, fragment = href.partition("#")
        if not path.endswith(".md") or "://" in path or path.startswith(("/", "mailto:")):
            return urljoin(self.url(page), href)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        pages = self.settings.pages_dir + "/"
        relative = target[len(pages):] if target.startswith(pages) else posixpath.normpath(path)
        return self.url(urls.page_url(self.prefix(lang), relative)) + (f"#{fragment}" if fragment else "")
