"""The field types every schema shares: ids, text, times with offset, https addresses, and the strict base model."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Union

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, StringConstraints

from generator.content.clock import check_range

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?$"
"""A BCP 47 tag as Herald takes it: language, optional script, optional region (``en``, ``zh-Hant``, ``pt-BR``)."""


def _require_text_time(value: Any) -> Any:
    """Times must be written as text; YAML numbers or dates are refused."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("expected an ISO 8601 time with offset, e.g. 2026-11-20T09:12:00+08:00")
    return value


Time = Annotated[AwareDatetime, BeforeValidator(_require_text_time), AfterValidator(check_range)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
LanguageTag = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]
Localized = Union[Text, dict[LanguageTag, Text]]
Https = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]


class Strict(BaseModel):
    """Base: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)
