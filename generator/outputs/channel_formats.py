"""The announcement channels Herald writes for: each one's length limit, how it counts, and its markup.

A channel's limit is counted the way the channel counts, or more strictly, so that a text
that fits here always fits there:

- X weighs every character outside the Latin, Greek, Cyrillic and general-punctuation ranges
  as two and every link as 23 (twitter-text's v3 configuration); here everything above U+10FF
  weighs two and a link weighs its own length (at least 23).
- Bluesky counts grapheme clusters; SMS counts GSM 03.38 septets (an extension character takes
  two) when every character has one, else UTF-16 code units (one segment: 160 or 70).
- Telegram counts UTF-16 code units; its HTML tags are counted too (stricter than Telegram).
- The rest count code points.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import gsm0338  # noqa: F401 - registers the "gsm03.38" codec
import regex

URL = re.compile(r"https?://\S+")
X_LINK_WEIGHT = 23
X_LIGHT_BELOW = 0x1100
"""Characters below this code point weigh one on X (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, ...)."""
SMS_GSM_SEPTETS = 160
SMS_UCS2_UNITS = 70
MARKDOWN_SPECIAL = re.compile(r"([\\`*_~|<>\[\]()])")
MENTION = re.compile("[@!]")
SLACK_SPECIAL = re.compile(r"[*_~`]")
"""Slack's formatting marks: a word joiner after each keeps them as text."""
MARKDOWN_LINE_START = re.compile(r"^(\d*)([#+-]|(?<=\d)[.)])", re.MULTILINE)


def code_points(text: str) -> int:
    """Length in Unicode code points."""
    return len(text)


def utf16_units(text: str) -> int:
    """Length in UTF-16 code units (a character outside the BMP counts two)."""
    return len(text.encode("utf-16-le")) // 2


def graphemes(text: str) -> int:
    """Length in extended grapheme clusters (what a reader sees as one character)."""
    return len(regex.findall(r"\X", text))


def x_weight(text: str) -> int:
    """X's weighted length, or more: links weigh at least 23, every character from U+1100 up weighs two."""
    total, position = 0, 0
    for match in URL.finditer(text):
        total += _x_chars(text[position:match.start()]) + max(X_LINK_WEIGHT, len(match.group()))
        position = match.end()
    return total + _x_chars(text[position:])


def _x_chars(text: str) -> int:
    """Weight of text without links."""
    return sum(1 if ord(char) < X_LIGHT_BELOW else 2 for char in text)


def gsm_septets(text: str) -> int | None:
    """Septets of ``text`` in the GSM 03.38 alphabet, or None if a character has no GSM encoding."""
    try:
        return len(text.encode("gsm03.38"))
    except UnicodeEncodeError:
        return None


def sms_length(text: str) -> int:
    """Length of one SMS: GSM septets when every character has a GSM encoding, else UTF-16 code units."""
    septets = gsm_septets(text)
    return septets if septets is not None else utf16_units(text)


def sms_limit(text: str) -> int:
    """What one SMS segment holds of ``text``: 160 GSM septets, or 70 UTF-16 units (UCS-2)."""
    return SMS_GSM_SEPTETS if gsm_septets(text) is not None else SMS_UCS2_UNITS


def plain(text: str) -> str:
    """Text as it is (plain-text channels)."""
    return text


def html_text(text: str) -> str:
    """Text for an HTML channel (Telegram, e-mail): ``<``, ``>`` and ``&`` escaped."""
    return html.escape(text, quote=False)


def no_mentions(text: str) -> str:
    """Text that pings nobody: a word joiner after every ``@`` and ``!`` (``@everyone``, ``@room``, ``<!channel>``
    stay words to read, not mentions), invisible to the reader."""
    return MENTION.sub("\\g<0>\u2060", text)


def markdown_text(text: str) -> str:
    """Text for a Markdown channel (Discord, Matrix): emphasis, code, links, quotes, headings and lists escaped."""
    return no_mentions(MARKDOWN_LINE_START.sub(r"\1\\\2", MARKDOWN_SPECIAL.sub(r"\\\1", text)))


def slack_text(text: str) -> str:
    """Text for Slack: formatting characters escaped, no mentions; Apprise's Slack plugin escapes ``&<>`` itself."""
    return no_mentions(SLACK_SPECIAL.sub("\\g<0>\u2060", text))


@dataclass(frozen=True, slots=True)
class ChannelFormat:
    """One kind of channel: its name, how long a message may be, how it is counted, how text is marked up."""

    name: str
    limit: int
    unit: str
    """What the limit counts: ``characters``, ``weighted`` (X), ``graphemes``, ``utf16`` (code units) or ``sms``."""
    measure: Callable[[str], int]
    escape: Callable[[str], str]
    bold: tuple[str, str] = ("", "")
    """Markup around the headline."""
    short_link: bool = False
    """Links go through the site's short address (SMS)."""
    schemes: tuple[str, ...] = ()
    """Apprise URL schemes that deliver to this kind of channel."""
    limit_of: Callable[[str], int] | None = None
    """A limit that depends on the text itself (SMS), instead of ``limit``."""

    def size(self, text: str) -> tuple[int, int]:
        """(length, limit) of a whole message."""
        return self.measure(text), self.limit_of(text) if self.limit_of else self.limit


FORMATS: dict[str, ChannelFormat] = {f.name: f for f in (
    ChannelFormat("email", 32768, "characters", code_points, html_text, ("<strong>", "</strong>"),
                  schemes=("mailto", "mailtos")),
    ChannelFormat("x", 280, "weighted", x_weight, plain, schemes=("x", "twitter", "tweet")),
    ChannelFormat("bluesky", 300, "graphemes", graphemes, plain, schemes=("bluesky", "bsky")),
    ChannelFormat("mastodon", 500, "characters", code_points, plain, schemes=("mastodon", "mastodons", "toot", "toots")),
    ChannelFormat("telegram", 4096, "utf16", utf16_units, html_text, ("<b>", "</b>"), schemes=("tgram",)),
    ChannelFormat("discord", 2000, "characters", code_points, markdown_text, ("**", "**"), schemes=("discord",)),
    ChannelFormat("slack", 4000, "characters", code_points, slack_text, ("*", "*"), schemes=("slack",)),
    ChannelFormat("matrix", 4000, "characters", code_points, markdown_text, ("**", "**"),
                  schemes=("matrix", "matrixs")),
    ChannelFormat("sms", SMS_GSM_SEPTETS, "sms", sms_length, plain, short_link=True, limit_of=sms_limit,
                  schemes=("twilio", "vonage", "nexmo", "sns", "bulksms", "clicksend", "plivo", "sinch", "seven",
                           "httpsms", "msg91", "d7sms", "messagebird")),
    ChannelFormat("webhook", 32768, "characters", code_points, plain,
                  schemes=("json", "jsons", "form", "forms", "xml", "xmls", "ntfy", "ntfys")),
)}
"""Every channel format, by name (the ``format`` of a channel in herald.yml)."""

EMAIL_SUBJECT_LIMIT = 250
"""Longest subject Apprise sends unchanged (its e-mail plugin's ``title_maxlen``)."""
