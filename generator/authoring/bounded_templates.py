"""Jinja for templates the repository supplies (``templates/<name>/`` for ``herald new``): sandboxed and bounded.

The sandbox already keeps a template away from Python internals; these bounds keep it from
exhausting the machine: ranges and repetitions are capped, the output has a size limit, and
rendering stops after a few seconds. Every overrun is a ``TemplateLimit`` with a clear message.
"""

from __future__ import annotations

import operator
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

MAX_ITEMS = 10_000
"""Longest range, and longest string or list a repetition (``*``) may make."""
MAX_EXPONENT = 64
MAX_OUTPUT = 2_000_000
"""Characters a rendered template may have (the content limit for one file)."""
MAX_SECONDS = 2.0
MAX_ITERATIONS = 1_000_000
"""Items all of a render's ``range`` calls may yield together (nested loops multiply)."""


class TemplateLimit(Exception):
    """A template went past one of the bounds."""


class BoundedSandbox(SandboxedEnvironment):
    """A sandboxed environment whose ranges, repetitions and powers are capped."""

    intercepted_binops = frozenset({"*", "**", "//", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = self._range
        self._iterations = 0

    def _range(self, *args: int) -> Iterator[int]:
        """``range``, refusing long ones and counting every item against the render's budget."""
        numbers = range(*args)
        if len(numbers) > MAX_ITEMS:
            raise TemplateLimit(f"range of {len(numbers):,} items; templates may loop at most {MAX_ITEMS:,} times")
        return self._counted(numbers)

    def _counted(self, numbers: range) -> Iterator[int]:
        for number in numbers:
            self._iterations += 1
            if self._iterations > MAX_ITERATIONS:
                raise TemplateLimit(f"more than {MAX_ITERATIONS:,} loop iterations in one template")
            yield number

    def call_binop(self, context: jinja2.runtime.Context, op: str, left: Any, right: Any) -> Any:
        """Arithmetic with bounds: no huge repetitions or powers (``"x" * 10**9``, ``9 ** 9 ** 9``)."""
        if op == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise TemplateLimit(f"power {right} is too large for a template")
        if op == "*" and _repeats_too_much(left, right):
            raise TemplateLimit(f"a repetition in a template may make at most {MAX_ITEMS:,} items")
        table = {"*": operator.mul, "**": operator.pow, "//": operator.floordiv, "%": operator.mod}
        return table[op](left, right)


def _repeats_too_much(left: Any, right: Any) -> bool:
    """True if ``left * right`` would repeat a string or list into more than MAX_ITEMS items."""
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
            return len(sequence) * times > MAX_ITEMS
    return False


def render_bounded(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render with the output limit and, where the platform allows it, the time limit."""
    chunks: list[str] = []
    size = 0
    with _deadline(MAX_SECONDS):
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateLimit(f"the template writes more than {MAX_OUTPUT:,} characters")
            chunks.append(chunk)
    return "".join(chunks)


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise TemplateLimit in the block after ``seconds`` (main thread on POSIX; elsewhere the other bounds hold)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TemplateLimit(f"the template ran for more than {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
