"""The ``announce:`` section of herald.yml: which channels are told of each update, and since when.

The secret delivery addresses (Apprise URLs) are never written here: they come from the
``HERALD_ANNOUNCE_URLS`` environment variable, tagged with a channel's ``id``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.content.schema_types import Id, LanguageTag, Localized, Strict, Text, Time

ChannelFormatName = Literal["email", "x", "bluesky", "mastodon", "telegram", "discord", "slack", "matrix", "sms",
                            "webhook"]
KindName = Literal["incident", "maintenance", "notice"]
SignupAddress = Annotated[str, StringConstraints(pattern=r"^(mailto:[^\s@]+@[^\s@]+|https://\S+)$")]


class AnnounceChannelIn(Strict):
    """One channel that is told of every update it takes, in its own words and length."""

    id: Id = Field(description="The tag of this channel's URLs in HERALD_ANNOUNCE_URLS, e.g. telegram-zh.")
    format: ChannelFormatName = Field(description="How its messages are written and how long they may be.")
    languages: list[LanguageTag] | None = Field(None, description="Languages sent (default: every site language).")
    kinds: list[KindName] = Field(["incident", "maintenance", "notice"], description="Kinds of event announced.")
    components: list[Id] | None = Field(None, description="Only events touching one of these components (default: "
                                                           "all, and events touching none).")
    name: Localized | None = Field(None, description="What readers call it on the Subscribe page.")
    address: Text | None = Field(None, description="Where readers follow it (one of the official channels' "
                                                   "addresses); shown on the Subscribe page.")


class SignupIn(Strict):
    """Where readers sign up to be e-mailed: a mailing list the company runs (a static site keeps no list)."""

    address: SignupAddress = Field(description="mailto: (a list's subscribe address) or https:// (its sign-up form).")
    note: Localized | None = Field(None, description="What subscribers get, and how to leave.")


class AnnounceIn(Strict):
    """The ``announce`` section."""

    since: Time = Field(description="Updates before this time are never announced (when announcing began).")
    ledger: Text = Field("announced.json", description="The delivery record (JSON), relative to the project folder.")
    signup: SignupIn | None = None
    channels: list[AnnounceChannelIn] = Field(default_factory=list)
