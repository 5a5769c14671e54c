"""A small project with every crisis field, in English and Chinese, shared by the rendering and output tests:
an active theft (help, remedies, evidence, disclosures, claims), a resolved incident that falls back to the
site's support channel, and a scam-warning notice with claims.

Every value the tests expect is written here, by hand, as a constant: the tests compare the output with these,
never with each other."""

from __future__ import annotations

from generator.pipeline import Output
from tests.conftest import BASE_CONFIG, ProjectFactory, update
from tests.helpers.output_helpers import build

NOW = "2026-11-20T12:00:00+08:00"
THEFT = "2026-11-20-theft"
RESOLVED = "2026-11-10-api-slow"
NOTICE = "2026-11-20-fake-refunds"

ETH_ADDRESS = "0x630017B6caC990483478639E452f984181F93223"  # EIP-55 checksummed
ETH_TX = "0x2bd78cb076d24795c9488deac31fbe487e082b252e54c416c4630744e821864b"
TRON_ADDRESS = "TLvcdkipbM7guQX51RpYHFDLRyYW9kNiEZ"

TITLE = {"en": "Funds taken from a hot wallet", "zh": "热钱包资金被盗"}
ACTION = {"en": "Ignore refund offers", "zh": "不要理会退款邀约"}
HELP_FORM = {"label": {"en": "Refund form", "zh": "退款表单"}, "address": "https://example.com/refund",
             "hours": {"en": "Every day, 9-5", "zh": "每天 9 点至 17 点"}, "reply": {"en": "2 days", "zh": "2 天"}}
HELP_MAIL = {"label": {"en": "Theft desk", "zh": "被盗事件专线"}, "address": "help@example.com",
             "subject": {"en": "Theft 20 Nov", "zh": "11月20日被盗"}}
REMEDY = {"commitment": {"en": "Refund every failed withdrawal fee", "zh": "退还每笔失败提币的手续费"},
          "eligibility": {"en": "Anyone whose withdrawal failed on 20 November", "zh": "11 月 20 日提币失败的所有用户"},
          "what": {"en": "The fee, in the same asset", "zh": "以原币种退还手续费"},
          "how": {"en": "Nothing: it is credited automatically", "zh": "无需操作，将自动到账"},
          "claim_by": "2026-12-31T23:59:00+08:00"}
REMEDY_OPEN = {"commitment": {"en": "Pay 10 USDT for the trouble", "zh": "每个账户补偿 10 USDT"},
               "eligibility": {"en": "Every account", "zh": "所有账户"},
               "what": {"en": "10 USDT once", "zh": "一次性 10 USDT"},
               "how": {"en": "Use the refund form", "zh": "填写退款表单"}}
POLICE = {"authority": {"en": "City Police Cybercrime Unit", "zh": "市警察局网络犯罪科"},
          "notified": "2026-11-20T07:30:00+08:00", "reference": "CCC/2026/4471"}
REGULATOR = {"authority": {"en": "Monetary Authority", "zh": "金融管理局"}, "notified": "2026-11-20T09:15:00+08:00",
             "link": "https://example.org/notices/4471"}
EVIDENCE_NOTE = {"en": "Received the stolen funds.", "zh": "收到被盗资金。"}
CLAIM = {"claim": {"en": "A refund desk on Telegram pays back losses", "zh": "电报上的退款专员会赔偿损失"},
         "fact": {"en": "There is no refund desk; fees are credited automatically", "zh": "没有退款专员；手续费会自动退回"},
         "source": "https://example.com/official-channels"}
NOTICE_TITLE = {"en": "Fake refund desks on Telegram", "zh": "电报上的假冒退款专员"}
SUPPORT = {"name": {"en": "Help centre", "zh": "帮助中心"}, "address": "https://example.com/support"}
FEEDBACK = "mailto:questions@example.com"

CONFIG = BASE_CONFIG + f"""\
channels:
  - kind: support
    name: {{en: {SUPPORT['name']['en']}, zh: {SUPPORT['name']['zh']}}}
    address: {SUPPORT['address']}
feedback:
  link: {FEEDBACK}
"""

THEFT_FRONT = f"""
title: {TITLE['en']}
impact: critical
components: [withdrawals]
started_at: 2026-11-20T03:40:00+08:00
actions:
  ignore-offers:
    text: {ACTION['en']}
    urgency: now
help:
  form:
    kind: form
    address: {HELP_FORM['address']}
    label: {HELP_FORM['label']['en']}
    hours: {HELP_FORM['hours']['en']}
    reply_within: {HELP_FORM['reply']['en']}
  mail:
    kind: email
    address: {HELP_MAIL['address']}
    label: {HELP_MAIL['label']['en']}
    subject: {HELP_MAIL['subject']['en']}
evidence:
  attacker:
    chain: ethereum
    kind: attacker-address
    address: "{ETH_ADDRESS}"
    amount: 1,204 ETH
    note: {EVIDENCE_NOTE['en']}
  theft-tx:
    chain: ethereum
    kind: theft
    transaction: "{ETH_TX}"
  tron:
    chain: tron
    kind: attacker-address
    address: {TRON_ADDRESS}
disclosures:
  police:
    authority: {POLICE['authority']['en']}
    notified: {POLICE['notified']}
    reference: {POLICE['reference']}
  regulator:
    authority: {REGULATOR['authority']['en']}
    notified: {REGULATOR['notified']}
    link: {REGULATOR['link']}
commitments:
  fees:
    text: {REMEDY['commitment']['en']}
    due: 2026-11-30T23:59:00+08:00
    remedy:
      eligibility: {REMEDY['eligibility']['en']}
      what: {REMEDY['what']['en']}
      how_to_claim: "{REMEDY['how']['en']}"
      claim_by: {REMEDY['claim_by']}
  bonus:
    text: {REMEDY_OPEN['commitment']['en']}
    due: 2026-11-30T23:59:00+08:00
    remedy:
      eligibility: {REMEDY_OPEN['eligibility']['en']}
      what: {REMEDY_OPEN['what']['en']}
      how_to_claim: {REMEDY_OPEN['how']['en']}
  report:
    text: Publish a report
    due: 2026-11-25T23:59:00+08:00
facts:
  funds: {{label: Funds affected, value: "1,204 ETH"}}
"""

THEFT_ZH = f"""---
title: {TITLE['zh']}
actions:
  ignore-offers:
    text: {ACTION['zh']}
help:
  form:
    label: {HELP_FORM['label']['zh']}
    hours: {HELP_FORM['hours']['zh']}
    reply_within: {HELP_FORM['reply']['zh']}
  mail:
    label: {HELP_MAIL['label']['zh']}
    subject: {HELP_MAIL['subject']['zh']}
evidence:
  attacker:
    note: {EVIDENCE_NOTE['zh']}
disclosures:
  police:
    authority: {POLICE['authority']['zh']}
  regulator:
    authority: {REGULATOR['authority']['zh']}
commitments:
  fees:
    text: {REMEDY['commitment']['zh']}
    remedy:
      eligibility: {REMEDY['eligibility']['zh']}
      what: {REMEDY['what']['zh']}
      how_to_claim: {REMEDY['how']['zh']}
  bonus:
    text: {REMEDY_OPEN['commitment']['zh']}
    remedy:
      eligibility: {REMEDY_OPEN['eligibility']['zh']}
      what: {REMEDY_OPEN['what']['zh']}
      how_to_claim: {REMEDY_OPEN['how']['zh']}
facts:
  funds: {{label: 受影响资金}}
---
摘要。
"""

NOTICE_FRONT = f"""
title: {NOTICE_TITLE['en']}
kind: notice
impact: none
started_at: 2026-11-20T07:30:00+08:00
scam_warning: true
claims:
  refund-desk:
    claim: {CLAIM['claim']['en']}
    fact: {CLAIM['fact']['en']}
    source: {CLAIM['source']}
"""

NOTICE_ZH = f"""---
title: {NOTICE_TITLE['zh']}
claims:
  refund-desk:
    claim: {CLAIM['claim']['zh']}
    fact: {CLAIM['fact']['zh']}
---
假冒账号。
"""


def add_crisis(project: ProjectFactory) -> ProjectFactory:
    """Write the three incidents and their Chinese translations."""
    project.file("herald.yml", CONFIG)
    project.incident(THEFT, THEFT_FRONT, body="What we know.", updates={
        "2026-11-20T0430": update("2026-11-20T04:30:00+08:00", "investigating",
                                  "components: {withdrawals: major_outage}\nnext_update: 2026-11-20T13:00:00+08:00",
                                  body="Funds were taken."),
    })
    project.file(f"incidents/{THEFT}/incident.zh.md", THEFT_ZH)
    project.file(f"incidents/{THEFT}/2026-11-20T0430.zh.md", "---\n---\n资金被盗。\n")
    project.incident(RESOLVED, """
        title: API slow
        impact: minor
        components: [api]
        started_at: 2026-11-10T10:00:00+08:00
    """, updates={
        "2026-11-10T1010": update("2026-11-10T10:10:00+08:00", "investigating", body="Looking."),
        "2026-11-10T1100": update("2026-11-10T11:00:00+08:00", "resolved", body="Fixed."),
    })
    project.file(f"incidents/{RESOLVED}/incident.zh.md", "---\ntitle: 接口变慢\n---\n摘要。\n")
    project.incident(NOTICE, NOTICE_FRONT, body="Fake accounts.", updates={
        "2026-11-20T0730": update("2026-11-20T07:30:00+08:00", "investigating", body="Fake accounts are active."),
    })
    project.file(f"incidents/{NOTICE}/incident.zh.md", NOTICE_ZH)
    return project


def build_crisis(project: ProjectFactory) -> Output:
    """The crisis project, built at ``NOW`` without MkDocs."""
    return build(add_crisis(project).root, NOW)


def build_crisis_once(tmp_path_factory) -> Output:
    """The crisis project in a temporary folder of its own, built (for a module-scoped fixture; the session's
    temporary HOME keeps the build away from the real one)."""
    return build_crisis(ProjectFactory(tmp_path_factory.mktemp("crisis") / "project"))
