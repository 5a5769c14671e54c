"""Interface text and date formatting in each supported language."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime

from generator.model import Localized

LOCALES = {"en": "en", "zh": "zh_Hans_CN"}
LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}
HTML_LANG = {"en": "en", "zh": "zh-Hans"}

DATETIME_FORMAT = {"en": "d MMM yyyy, HH:mm 'UTC'xxx", "zh": "yyyy年M月d日 HH:mm 'UTC'xxx"}
DATE_FORMAT = {"en": "EEE d MMM yyyy", "zh": "yyyy年M月d日 EEE"}
MONTH_FORMAT = {"en": "MMMM yyyy", "zh": "yyyy年M月"}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "indicator.none": "All systems operational",
        "indicator.minor": "Minor service disruption",
        "indicator.major": "Partial system outage",
        "indicator.critical": "Major service outage",
        "indicator.maintenance": "Service under maintenance",
        "status.investigating": "Investigating", "status.identified": "Identified",
        "status.monitoring": "Monitoring", "status.resolved": "Resolved", "status.postmortem": "Postmortem",
        "status.scheduled": "Scheduled", "status.in_progress": "In progress", "status.verifying": "Verifying",
        "status.completed": "Completed",
        "component.operational": "Operational", "component.degraded_performance": "Degraded performance",
        "component.partial_outage": "Partial outage", "component.major_outage": "Major outage",
        "component.under_maintenance": "Under maintenance",
        "impact.none": "No impact", "impact.minor": "Minor impact", "impact.major": "Major impact",
        "impact.critical": "Critical impact",
        "kind.incident": "Incident", "kind.maintenance": "Maintenance", "kind.notice": "Notice",
        "kind.scam": "Scam warning",
        "home.title": "Current status", "home.active": "Active incidents", "home.components": "Components",
        "home.maintenance": "Scheduled maintenance", "home.notices": "Notices", "home.past": "Past incidents",
        "home.no_incidents": "No incidents reported.", "home.history_link": "Incident history",
        "home.updated": "Status as of", "home.read_more": "Read the whole update",
        "incident.latest": "Latest update", "incident.next_update": "Next update promised by",
        "incident.resolution": "Resolution", "incident.postmortem": "Postmortem",
        "incident.resolved_after": "Resolved after {duration}", "incident.in_timeline": "in the timeline",
        "incident.later": "{duration} later",
        "incident.next_overdue": "overdue", "incident.facts": "Key facts",
        "incident.fact_changed": "last changed", "incident.fact_was": "Previously",
        "incident.timeline": "Updates", "incident.summary": "What we know so far",
        "incident.affected": "Affected components", "incident.status": "Current status",
        "incident.impact": "Impact", "incident.started": "Problem started", "incident.detected": "Detected",
        "incident.disclosed": "First disclosed", "incident.resolved": "Resolved",
        "incident.duration": "Duration", "incident.ongoing": "ongoing", "incident.window": "Scheduled window",
        "incident.permalink": "Link to this update", "incident.components_now": "Component status",
        "incident.facts_in_update": "Facts changed", "incident.back": "All incidents",
        "history.title": "Incident history", "history.empty": "No incidents yet.",
        "history.newer": "Newer", "history.older": "Older", "history.page": "Page",
        "components.title": "Components", "components.incidents": "Incidents affecting this component",
        "components.none": "No incidents have affected this component.",
        "components.current": "Current status",
        "banner.text": "Ongoing incident", "banner.more": "Read the latest update",
        "fallback.note": "This page has not been translated yet; it is shown in its original language.",
        "draft.incident": "Draft: only herald serve shows this incident; it is not published.",
        "draft.label": "Draft, not published",
        "duration.d": "d", "duration.h": "h", "duration.min": "min", "duration.less": "less than a minute",
        "time.local": "your local time",
        "actions.title": "What you should do", "actions.how": "how to",
        "urgency.now": "Do now", "urgency.soon": "Soon", "urgency.optional": "Optional",
        "faq.title": "Frequently asked questions", "faq.about": "About", "faq.link": "Link to this answer",
        "faq.questions": "Questions and answers", "faq.empty": "No questions yet.",
        "kb.tags": "Topics", "kb.related": "Related advice", "kb.tagged": "Topics",
        "channels.title": "Official channels",
        "channels.intro": "These are the only places where we publish news or talk to you. Anything else "
                          "claiming to be us is not us: check the address letter by letter.",
        "channel.website": "Websites", "channel.status": "Status page", "channel.email": "E-mail addresses",
        "channel.social": "Social media", "channel.chat": "Chat channels", "channel.app": "Apps",
        "channel.phone": "Phone", "channel.other": "Other",
        "uptime.title": "Uptime, last 90 days", "uptime.overall": "All components, last 90 days",
        "uptime.percent": "{percent} uptime", "uptime.today": "Today", "uptime.calendar": "Uptime by month",
        "uptime.weighting": "Major outage counts as downtime in full, partial outage as 30 %, degraded "
                            "performance as 10 %; maintenance is shown but not counted.",
        "record.title": "Our track record", "record.scorecard": "How we communicated",
        "record.first": "From start to first public update", "record.silence": "Longest silence between updates",
        "record.silence_now": "still running", "record.promises": "Next-update promises kept on time",
        "record.kept_of": "{kept} of {due}", "record.promised": "Promised by", "record.late_by": "by {duration}",
        "record.intro": "Computed from every incident's own updates: how fast we spoke, how long we went quiet, "
                        "and whether we kept our promises.",
        "record.median_first": "Median time to first update", "record.share_kept": "Promises kept on time",
        "record.commitments": "{done} done, {missed} missed, {overdue} overdue, {pending} not yet due",
        "record.by_incident": "Incident by incident",
        "promise.kept": "kept", "promise.late": "late", "promise.overdue": "overdue", "promise.pending": "not yet due",
        "commitments.title": "Our commitments", "commitments.what": "Commitment", "commitments.due": "Due",
        "commitments.state": "State", "commitments.evidence": "evidence",
        "commitment.done": "Done", "commitment.missed": "Missed", "commitment.pending": "Pending",
        "commitment.overdue": "Overdue",
        "never.title": "What we will never ask you",
        "never.text": "{company} will never ask for your seed phrase (recovery words), private keys, password or "
                      "two-factor codes, will never ask you to install remote-access software, and will never ask "
                      "you to send a \"verification\" or \"unlock\" transfer. Anyone who does is a scammer.",
        "feed.site": "{site}: every update", "feed.maintenance": "{site}: maintenance",
        "feed.component": "{site}: {name}", "feed.incident": "{site}: {name}",
        "feed.description": "Every update published on {site}, newest first.",
        "calendar.name": "{site}: maintenance windows", "badge.status": "Status", "punct.colon": ": ",
        "punct.list": ", ", "punct.end": ".",
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
        "help.title": "Where to get help", "help.own": "For this incident, ask us here:",
        "help.general": "Our support channels:", "help.subject": "Subject to use", "help.hours": "Answered",
        "help.reply": "We reply within",
        "help.never": "We answer only through these addresses. Nobody from us will contact you first about this "
                      "incident or ask for your seed phrase, keys or codes.",
        "help.kind.form": "Support form", "help.kind.email": "E-mail", "help.kind.chat": "Live chat",
        "help.kind.phone": "Phone", "help.kind.page": "Help page",
        "remedy.title": "Compensation and remedies", "remedy.eligibility": "Who qualifies",
        "remedy.what": "What you get", "remedy.how": "How to claim", "remedy.claim_by": "Claim by",
        "remedy.no_deadline": "No deadline", "remedy.in_ledger": "This commitment in our ledger",
        "disclosure.title": "Authorities informed", "disclosure.notified": "informed",
        "disclosure.reference": "reference", "disclosure.link": "public notice",
        "claims.title": "What is said, and what is true", "claims.said": "What is said", "claims.true": "What is true",
        "claims.source": "source",
        "evidence.title": "On-chain evidence",
        "evidence.intro": "Addresses and transactions we have made public, so that anyone can follow the funds and "
                          "other services can freeze them. Compare the whole address, character by character.",
        "evidence.kind.attacker-address": "Attacker's address", "evidence.kind.theft": "The theft", "evidence.kind.frozen-funds": "Frozen funds",
        "evidence.kind.reimbursement": "Reimbursement", "evidence.kind.proof-of-reserves": "Proof of reserves",
        "evidence.kind.other": "Other", "evidence.address": "address", "evidence.transaction": "transaction",
        "evidence.copy": "Copy", "evidence.copied": "Copied", "evidence.view": "View on {host}",
        "chain.bitcoin": "Bitcoin", "chain.ethereum": "Ethereum", "chain.bsc": "BNB Smart Chain",
        "chain.polygon": "Polygon", "chain.arbitrum": "Arbitrum One", "chain.optimism": "OP Mainnet",
        "chain.base": "Base", "chain.avalanche": "Avalanche C-Chain", "chain.tron": "TRON", "chain.solana": "Solana",
        "feedback.title": "Was this clear?",
        "feedback.text": "What do you still need to know? Tell us, and we will answer in the next update:",
        "channel.support": "Support", "channel.press": "Press", "channel.contact": "Contact",
        "channels.scam_reports": "Reporting scams",
        "channels.scam_reports_text": "Seen a fake account, site or message using our name? Report it to",
        "channels.no_reward": "We do not pay rewards for scam reports.",
    },
    "zh": {
        "indicator.none": "所有系统运行正常",
        "indicator.minor": "部分服务受到轻微影响",
        "indicator.major": "部分系统中断",
        "indicator.critical": "服务严重中断",
        "indicator.maintenance": "服务维护中",
        "status.investigating": "调查中", "status.identified": "已查明原因", "status.monitoring": "观察中",
        "status.resolved": "已解决", "status.postmortem": "事后报告", "status.scheduled": "已计划",
        "status.in_progress": "进行中", "status.verifying": "验证中", "status.completed": "已完成",
        "component.operational": "正常运行", "component.degraded_performance": "性能下降",
        "component.partial_outage": "部分中断", "component.major_outage": "严重中断",
        "component.under_maintenance": "维护中",
        "impact.none": "无影响", "impact.minor": "轻微影响", "impact.major": "重大影响", "impact.critical": "严重影响",
        "kind.incident": "事件", "kind.maintenance": "维护", "kind.notice": "通知", "kind.scam": "防诈骗提醒",
        "home.title": "当前状态", "home.active": "进行中的事件", "home.components": "服务组件",
        "home.maintenance": "计划维护", "home.notices": "通知", "home.past": "近期事件",
        "home.no_incidents": "当日无事件报告。", "home.history_link": "事件历史", "home.updated": "状态更新于", "home.read_more": "阅读完整更新",
        "incident.latest": "最新进展", "incident.next_update": "下次更新承诺时间",
        "incident.resolution": "解决情况", "incident.postmortem": "事后复盘",
        "incident.resolved_after": "历时 {duration} 后解决", "incident.in_timeline": "在时间线中查看",
        "incident.later": "{duration}后",
        "incident.next_overdue": "已逾期", "incident.facts": "关键事实", "incident.fact_changed": "最后更新",
        "incident.fact_was": "此前", "incident.timeline": "进展更新", "incident.summary": "目前已知情况",
        "incident.affected": "受影响的组件", "incident.status": "当前状态", "incident.impact": "影响程度",
        "incident.started": "问题开始于", "incident.detected": "发现于", "incident.disclosed": "首次公布",
        "incident.resolved": "解决于", "incident.duration": "持续时间", "incident.ongoing": "仍在持续",
        "incident.window": "维护时间窗口", "incident.permalink": "本条更新的链接",
        "incident.components_now": "组件状态", "incident.facts_in_update": "事实变更",
        "incident.back": "全部事件",
        "history.title": "事件历史", "history.empty": "暂无事件。", "history.newer": "较新",
        "history.older": "较早", "history.page": "第几页",
        "components.title": "服务组件", "components.incidents": "影响此组件的事件",
        "components.none": "此组件尚未受到任何事件影响。", "components.current": "当前状态",
        "banner.text": "事件进行中", "banner.more": "查看最新进展",
        "fallback.note": "本页尚未翻译，以下为原文。",
        "draft.incident": "草稿：此事件仅在 herald serve 预览中显示，尚未发布。",
        "draft.label": "草稿，未发布",
        "duration.d": "天", "duration.h": "小时", "duration.min": "分钟", "duration.less": "不到一分钟",
        "time.local": "您的本地时间",
        "actions.title": "您需要做什么", "actions.how": "操作指南",
        "urgency.now": "立即", "urgency.soon": "尽快", "urgency.optional": "可选",
        "faq.title": "常见问题", "faq.about": "关于", "faq.link": "本条回答的链接",
        "faq.questions": "问题解答", "faq.empty": "暂无问题。",
        "kb.tags": "主题", "kb.related": "相关安全建议", "kb.tagged": "主题",
        "channels.title": "官方渠道",
        "channels.intro": "我们只通过以下渠道发布消息或与您联系。任何其他自称是我们的渠道都不是我们：请逐字核对地址。",
        "channel.website": "网站", "channel.status": "状态页", "channel.email": "电子邮箱", "channel.social": "社交媒体",
        "channel.chat": "聊天频道", "channel.app": "应用", "channel.phone": "电话", "channel.other": "其他",
        "uptime.title": "近 90 天可用率", "uptime.overall": "全部组件，近 90 天", "uptime.percent": "可用率 {percent}",
        "uptime.today": "今天", "uptime.calendar": "按月查看可用率",
        "uptime.weighting": "严重中断按全部时长计为不可用，部分中断按 30%，性能下降按 10%；维护会显示但不计入。",
        "record.title": "我们的沟通记录", "record.scorecard": "我们的沟通表现", "record.first": "从问题开始到首次公开更新",
        "record.silence": "两次更新之间最长的沉默", "record.silence_now": "仍在持续",
        "record.promises": "按时兑现的更新承诺", "record.kept_of": "{due} 次中 {kept} 次", "record.promised": "承诺于",
        "record.late_by": "{duration}",
        "record.intro": "根据每个事件自身的更新计算：我们多快发声、沉默了多久、是否兑现了承诺。",
        "record.median_first": "首次更新时间中位数", "record.share_kept": "按时兑现的承诺",
        "record.commitments": "已完成 {done} 项，未兑现 {missed} 项，已逾期 {overdue} 项，未到期 {pending} 项", "record.by_incident": "逐个事件",
        "promise.kept": "已兑现", "promise.late": "迟到", "promise.overdue": "已逾期", "promise.pending": "未到期",
        "commitments.title": "我们的承诺", "commitments.what": "承诺", "commitments.due": "期限", "commitments.state": "状态",
        "commitments.evidence": "证明", "commitment.done": "已完成", "commitment.missed": "未兑现",
        "commitment.pending": "进行中", "commitment.overdue": "已逾期",
        "never.title": "我们绝不会向您索要的信息",
        "never.text": "{company}绝不会索要您的助记词、私钥、密码或两步验证码，绝不会要求您安装远程控制软件，"
                      "也绝不会要求您进行任何\"验证\"或\"解冻\"转账。这样做的人都是骗子。",
        "feed.site": "{site}：全部更新", "feed.maintenance": "{site}：维护", "feed.component": "{site}：{name}",
        "feed.incident": "{site}：{name}", "feed.description": "{site} 发布的每一条更新，最新的在前。",
        "calendar.name": "{site}：维护时间窗口", "badge.status": "状态", "punct.colon": "：",
        "punct.list": "、", "punct.end": "。",
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
        "help.title": "在哪里获得帮助", "help.own": "关于此事件，请通过以下方式联系我们：",
        "help.general": "我们的客服渠道：", "help.subject": "邮件主题请写", "help.hours": "服务时间",
        "help.reply": "答复时限",
        "help.never": "我们只通过以上渠道答复。我们不会就此事件主动联系您，也不会索要您的助记词、私钥或验证码。",
        "help.kind.form": "客服表单", "help.kind.email": "电子邮件", "help.kind.chat": "在线客服",
        "help.kind.phone": "电话", "help.kind.page": "帮助页面",
        "remedy.title": "补偿与救济", "remedy.eligibility": "适用对象", "remedy.what": "您将获得",
        "remedy.how": "申领方式", "remedy.claim_by": "申领截止", "remedy.no_deadline": "无截止日期",
        "remedy.in_ledger": "在承诺台账中查看此承诺",
        "disclosure.title": "已通报的监管和执法机构", "disclosure.notified": "通报于",
        "disclosure.reference": "编号", "disclosure.link": "公开通告",
        "claims.title": "传言与事实", "claims.said": "传言", "claims.true": "事实", "claims.source": "依据",
        "evidence.title": "链上证据",
        "evidence.intro": "以下是我们公开的地址和交易，任何人都可以追踪资金流向，其他平台也可据此冻结资金。"
                          "请逐个字符核对完整地址。",
        "evidence.kind.attacker-address": "攻击者地址", "evidence.kind.theft": "盗取交易", "evidence.kind.frozen-funds": "已冻结资金",
        "evidence.kind.reimbursement": "赔付", "evidence.kind.proof-of-reserves": "储备证明",
        "evidence.kind.other": "其他", "evidence.address": "地址", "evidence.transaction": "交易",
        "evidence.copy": "复制", "evidence.copied": "已复制", "evidence.view": "在 {host} 上查看",
        "chain.bitcoin": "比特币", "chain.ethereum": "以太坊", "chain.bsc": "BNB 智能链",
        "chain.polygon": "Polygon", "chain.arbitrum": "Arbitrum One", "chain.optimism": "OP 主网",
        "chain.base": "Base", "chain.avalanche": "Avalanche C 链", "chain.tron": "波场 TRON", "chain.solana": "Solana",
        "feedback.title": "这些信息清楚吗？",
        "feedback.text": "您还想了解什么？请告诉我们，我们会在下一次更新中答复：",
        "channel.support": "客服", "channel.press": "媒体联络", "channel.contact": "联系人",
        "channels.scam_reports": "举报诈骗",
        "channels.scam_reports_text": "发现冒用我们名义的账号、网站或消息？请举报至",
        "channels.no_reward": "我们不为诈骗举报提供奖励。",
    },
}


def translate(lang: str, key: str) -> str:
    """Interface text for ``key`` in ``lang``, falling back to English, then the key."""
    return STRINGS.get(lang, {}).get(key) or STRINGS["en"].get(key, key)


def pick(text: Localized, lang: str, default: str) -> tuple[str, bool]:
    """Text in ``lang`` if translated, else the default language's; second value: fell back."""
    if lang in text:
        return text[lang], False
    if default in text:
        return text[default], lang != default
    for value in text.values():
        return value, True
    return "", False


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale:
    """Babel's locale for a language (parsing one is costly; they never change)."""
    return Locale.parse(LOCALES[lang])


def format_time(moment: datetime, zone: ZoneInfo, lang: str) -> str:
    """A time in the page's zone, with its UTC offset, in the language's style."""
    return format_datetime(moment.astimezone(zone), DATETIME_FORMAT[lang], tzinfo=zone, locale=_locale(lang))


def format_day(day: date, lang: str) -> str:
    """A calendar day with its weekday."""
    return format_date(day, DATE_FORMAT[lang], locale=_locale(lang))


def format_month(day: date, lang: str) -> str:
    """A month and year."""
    return format_date(day, MONTH_FORMAT[lang], locale=_locale(lang))


def format_duration(delta: timedelta, lang: str) -> str:
    """A duration as days, hours and minutes, e.g. '2 h 15 min'."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return translate(lang, "duration.less")
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    sep = "" if lang == "zh" else " "
    parts = [f"{n}{sep}{translate(lang, 'duration.' + unit)}"
             for n, unit in ((days, "d"), (hours, "h"), (minutes, "min")) if n]
    return " ".join(parts)
