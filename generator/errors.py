"""Diagnostics: the one shape every problem Herald finds is reported in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from generator.text.safetext import terminal_safe


class Severity(str, Enum):
    """How bad a diagnostic is: errors stop a build, warnings do not (unless strict)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file, located as precisely as the input allows."""

    path: str
    """File the problem is in, relative to the project root."""
    line: int
    """1-based line; 0 when the problem concerns the whole file."""
    field: str
    """Dotted field name (``components.withdrawals``), or "" for the whole file."""
    code: str
    """Stable short code, e.g. ``unknown-component``."""
    message: str
    """What is wrong and what was expected."""
    hint: str = ""
    """What to do about it."""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """Render as ``path:line: severity [code] field: message (hint: ...)``, safe to print to a terminal.

        Paths, fields and messages can quote the content; their control characters (ESC, CR, BEL and
        so CSI and OSC sequences) and direction controls are dropped, so a terminal shows them as text.
        """
        location = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        hint = f"\n    hint: {terminal_safe(self.hint)}" if self.hint else ""
        return terminal_safe(f"{location}: {self.severity.value} [{self.code}]{field} {self.message}") + hint


def errors_in(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> list[Diagnostic]:
    """Return only the diagnostics that are errors."""
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def warnings_in(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> list[Diagnostic]:
    """Return only the diagnostics that are warnings."""
    return [d for d in diagnostics if d.severity is Severity.WARNING]


class HeraldError(Exception):
    """Raised by adapters when a build cannot go on; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.format() for d in diagnostics))
