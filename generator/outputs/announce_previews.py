"""Previews of the announcements: what every channel will say of each update, for ``herald serve``.

The channels declared under ``announce:`` are shown in their languages; with none declared,
every channel format is shown, so an author sees what each would say before setting one up.
"""

from __future__ import annotations

from generator.content.announce_settings import AnnounceChannel
from generator.model import Incident, Update
from generator.outputs.announcements import Message, TooShort, compose
from generator.outputs.channel_formats import FORMATS
from generator.outputs.text import OutputText
from generator.state.site_state import ChannelPreview


def channel_previews(text: OutputText) -> dict[tuple[str, str, str], tuple[ChannelPreview, ...]]:
    """Every update's previews by (incident id, update id, language)."""
    out = {}
    for incident in text.state.content.incidents:
        for update in incident.updates:
            for lang in text.settings.languages:
                previews = [_preview(text, incident, update, label, fmt, lang) for label, fmt in
                            _channels(text, incident, lang)]
                out[(incident.id, update.id, lang)] = tuple(p for p in previews if p is not None)
    return out


def _channels(text: OutputText, incident: Incident, lang: str) -> list[tuple[str, str]]:
    """(label, format) of each channel that takes this incident's updates in ``lang``."""
    announce = text.settings.announce
    if announce is None or not announce.channels:
        return [(name, name) for name in FORMATS]
    return [(_label(c), c.format) for c in announce.channels
            if lang in c.languages and c.takes(incident.kind.value, incident.components)]


def _label(channel: AnnounceChannel) -> str:
    """A channel's name as the preview heads it: its id, and its format when they differ."""
    return channel.id if channel.id == channel.format else f"{channel.id} ({channel.format})"


def _preview(text: OutputText, incident: Incident, update: Update, label: str, fmt: str, lang: str) -> ChannelPreview | None:
    """One channel's preview; a channel that cannot hold the link shows why instead."""
    try:
        message: Message = compose(text, incident, update, fmt, lang)
    except TooShort as exc:
        return ChannelPreview(label, fmt, "", str(exc), 0, FORMATS[fmt].limit, FORMATS[fmt].unit, ("link",))
    return ChannelPreview(label, fmt, message.subject, message.text, message.size, message.limit, message.unit,
                          message.left_out)
