"""Everything derived once per build at its now, shared by every page, output and language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from generator.content.settings import Settings
from generator.model import ComponentStatus, Content


@dataclass(frozen=True, slots=True)
class ChannelPreview:
    """What one announcement channel will say of one update (shown by ``herald serve``, never published)."""

    channel: str
    format: str
    subject: str
    text: str
    size: int
    limit: int
    unit: str
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SigningKey:
    """The key a signed site's statements are signed with: what is published about it."""

    fingerprint: str
    """40 upper-case hex digits."""
    public_key: str
    """The armored public key, published as ``signing-key.asc``."""

    @property
    def grouped(self) -> str:
        """The fingerprint as people compare it: ten groups of four, two spaces in the middle."""
        groups = [self.fingerprint[i:i + 4] for i in range(0, 40, 4)]
        return " ".join(groups[:5]) + "  " + " ".join(groups[5:])


@dataclass(frozen=True)
class SiteState:
    """Everything derived once per build and shared by every page and language."""

    content: Content
    settings: Settings
    now: datetime
    statuses: dict[str, ComponentStatus]
    indicator: str
    uptime: dict[str, list] = field(default_factory=dict)
    """90 days (uptime.Day) per component id, and for the whole page under ""."""
    spans: dict[str, list] = field(default_factory=dict)
    """Status spans (uptime.Span) per component id, and for the whole page under ""."""
    previews: dict[tuple[str, str, str], tuple[ChannelPreview, ...]] = field(default_factory=dict)
    """Under ``herald serve``: each update's announcement previews by (incident id, update id, language)."""
    signing_key: SigningKey | None = None
    """The key updates are signed with, or None for an unsigned site."""
