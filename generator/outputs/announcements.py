"""One update, said for every channel: the same parts, in the channel's markup and within its limit.

Every message carries, in this order: "[state] title", what changed (components' new statuses
and the update's own words), the first thing readers should do, the promised next update, the
"we will never ask" line, and the canonical link to the incident page (the site's short link on
SMS). When a message is too long, parts go by rule, least important first (see ``STEPS``): the
update's words are cut to whole sentences or words, then left out; the first action is cut to
its first sentence; the never-ask line, the components, the next update and the action go; last
the title is cut after a word, or left out when even its first word is too long. The link is never cut or left out; a channel too short for the state and the
link is an error of configuration (``TooShort``).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from generator.model import Incident, Update
from generator.outputs.channel_formats import EMAIL_SUBJECT_LIMIT, FORMATS, ChannelFormat, html_text
from generator.outputs.shorten import longest_fitting, one_line, shortened_forms
from generator.outputs.text import OutputText, markup_free
from generator.state.update_effects import effects
from generator.text import urls

PARTS = ("headline", "changed", "components", "action", "next", "never", "link")
"""The parts of a message, in the order they are written."""
LABELS = {"action": "announce.what_to_do", "next": "incident.next_update"}
"""The parts written after a label ("What to do: ..."), with the label's catalog key (the page's own words)."""
STEPS = (("trim", "changed"), ("drop", "changed"), ("sentence", "action"), ("drop", "never"),
         ("drop", "components"), ("trim", "action"), ("drop", "next"), ("drop", "action"), ("trim", "title"),
         ("drop", "title"))
"""How a message is shortened, in order: the least important part first; the link is never touched."""


class TooShort(ValueError):
    """A channel cannot hold even the state and the link."""


@dataclass(frozen=True, slots=True)
class Message:
    """What one channel says about one update in one language."""

    format: str
    lang: str
    subject: str
    """The e-mail subject ("[state] title"); empty for channels without one."""
    body: str
    """The message in the channel's markup (HTML for e-mail and Telegram, Markdown, mrkdwn or plain text)."""
    text: str
    """The same message as a reader sees it (plain text)."""
    link: str
    size: int
    limit: int
    unit: str
    left_out: tuple[str, ...] = ()
    """Parts shortened or left out to fit (``changed``, ``action``, ``never``, ...)."""


def short_code(incident_id: str, lang: str) -> str:
    """The short link's code of an incident page in one language (stable: derived from the id and language)."""
    digest = hashlib.sha256(f"{incident_id}\n{lang}".encode()).digest()
    return base64.b32encode(digest).decode("ascii")[:6].lower()


def short_path(incident_id: str, lang: str) -> str:
    """Path of an incident page's short link (a redirect page), relative to the site root."""
    return f"s/{short_code(incident_id, lang)}/"


def parts_of(text: OutputText, incident: Incident, update: Update, lang: str, short_link: bool) -> dict[str, str]:
    """The words of every part, before markup and shortening."""
    colon = text.t(lang, "punct.colon")
    changes = [e for e in effects(incident)[update.id] if e.old is not e.new]
    components = text.t(lang, "punct.semicolon").join(
        text.component_name(e.component, lang) + colon + text.t(lang, "component." + e.new.value) for e in changes)
    action = incident.actions[0] if incident.actions else None
    link = text.url(short_path(incident.id, lang) if short_link else urls.incident(text.prefix(lang), incident.id))
    return {
        "state": text.t(lang, "status." + update.status),
        "title": text.title(incident, lang),
        "changed": one_line(text.update_text(incident, update, lang)),
        "components": components,
        "action": markup_free(text.pick(action.text, lang)) if action else "",
        "next": text.time(update.next_update, lang) if update.next_update else "",
        "never": text.t(lang, "announce.never_ask", company=text.company(lang)),
        "link": link,
    }


def lines_of(text: OutputText, parts: dict[str, str | None], lang: str, fmt: ChannelFormat) -> list[str]:
    """The message's lines in the channel's markup (parts that are None or empty are left out)."""
    esc, (start, end) = fmt.escape, fmt.bold
    colon = text.t(lang, "punct.colon")
    headline = text.t(lang, "announce.headline", state=parts["state"] or "", title=parts["title"] or "")
    out = [start + esc(headline) + end]
    for key in ("changed", "components", "action", "next", "never"):
        value = parts.get(key)
        if not value:
            continue
        label = esc(text.t(lang, LABELS[key]) + colon) if key in LABELS else ""
        out.append(label + esc(value))
    link = parts["link"] or ""
    out.append(html_text(link) if esc is html_text else link)  # a bare link: every channel makes it clickable
    return out


def compose(text: OutputText, incident: Incident, update: Update, fmt_name: str, lang: str,
            signed: bool = False) -> Message:
    """The message of ``update`` for one channel format, shortened by rule to the channel's limit.

    ``signed``: the site publishes signed statements, and the e-mail links this update's.
    """
    fmt = FORMATS[fmt_name]
    if fmt.name == "email":
        return _email(text, incident, update, lang, signed)
    full = parts_of(text, incident, update, lang, fmt.short_link)
    plain_format = FORMATS["webhook"]

    def body(parts: dict[str, str | None]) -> str:
        return "\n".join(lines_of(text, parts, lang, fmt))

    def fits(parts: dict[str, str | None]) -> bool:
        size, limit = fmt.size(body(parts))
        return size <= limit

    kept = fit(dict(full), fits)
    message = body(kept)
    size, limit = fmt.size(message)
    left_out = tuple(k for k in ("title", "changed", "components", "action", "next", "never") if kept[k] != full[k])
    return Message(fmt.name, lang, "", message, "\n".join(lines_of(text, kept, lang, plain_format)), full["link"],
                   size, limit, fmt.unit, left_out)


def fit(parts: dict[str, str | None], fits: Callable[[dict[str, str | None]], bool]) -> dict[str, str | None]:
    """``parts`` shortened step by step (``STEPS``) until ``fits``; TooShort if even the last step does not."""
    if fits(parts):
        return parts
    for operation, key in STEPS:
        value = parts.get(key)
        if not value:
            continue
        if operation == "drop":
            parts = {**parts, key: None}
            if fits(parts):
                return parts
            continue
        chosen = _shorter(value, operation, lambda form: fits({**parts, key: form}))
        if chosen is not None:
            return {**parts, key: chosen}
    raise TooShort("even the state and the link do not fit")


def _shorter(value: str, operation: str, fits: Callable[[str], bool]) -> str | None:
    """The longest acceptable shorter form of ``value`` that fits (``sentence``: whole sentences only)."""
    if operation == "sentence":
        forms = [f for f in shortened_forms(value) if not f.endswith("…")]
        return next((f for f in forms if fits(f)), None)
    return longest_fitting(value, fits)


def _email(text: OutputText, incident: Incident, update: Update, lang: str, signed: bool) -> Message:
    """The e-mail: "[state] title" as its subject; the whole update, every part, and the link as HTML (and the
    signed statement's link when the site signs its updates)."""
    parts = parts_of(text, incident, update, lang, short_link=False)

    def headline(title: str) -> str:
        return text.t(lang, "announce.headline", state=parts["state"], title=title)

    title = longest_fitting(parts["title"], lambda form: len(headline(form)) <= EMAIL_SUBJECT_LIMIT) or ""
    subject, colon = headline(title), text.t(lang, "punct.colon")
    statement = text.url(urls.statement(incident.id, update.id, lang)) if signed else ""
    labelled = [(text.t(lang, LABELS[key]) + colon, parts[key]) for key in LABELS if parts[key]]
    html = Markup("<p><strong>{}</strong></p>\n").format(subject)
    if parts["components"]:
        html += Markup("<p>{}</p>\n").format(parts["components"])
    html += Markup(text.update_html(incident, update, lang)) + Markup("\n")
    html += Markup("").join(Markup("<p><strong>{}</strong>{}</p>\n").format(label, value) for label, value in labelled)
    html += Markup("<p>{}</p>\n<p><a href=\"{}\">{}</a></p>\n").format(parts["never"], parts["link"], parts["link"])
    if statement:
        html += Markup("<p><a href=\"{}\">{}</a></p>\n").format(statement, text.t(lang, "signing.statement"))
    plain = "\n\n".join(v for v in [subject, parts["components"], text.update_text(incident, update, lang),
                                    *(label + value for label, value in labelled), parts["never"], parts["link"],
                                    statement and text.t(lang, "signing.statement") + colon + statement] if v)
    fmt = FORMATS["email"]
    return Message("email", lang, subject, str(html), plain, parts["link"], len(plain), fmt.limit, fmt.unit,
                   ("title",) if title != parts["title"] else ())
