"""Turn pydantic validation errors into file/line/field diagnostics with hints."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.content.frontmatter import LinePath, dotted_path
from generator.errors import Diagnostic, Severity
from generator.text.safetext import controls_in, strip_controls

M = TypeVar("M", bound=BaseModel)

TYPE_NAMES = {"string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
              "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list",
              "dict_type": "a mapping of 'key: value' lines", "model_type": "a mapping of 'key: value' lines",
              "model_attributes_type": "a mapping of 'key: value' lines"}


def validate_model(model: type[M], data: dict[str, Any], path: str,
                   lines: dict[LinePath, int]) -> tuple[M | None, list[Diagnostic]]:
    """Validate ``data`` against ``model``; on failure return one diagnostic per problem.

    Control characters (written as YAML escapes such as ``"\\e"``) are removed from every text
    first, with a warning each: a value left empty is then refused like any empty value.
    """
    warnings: list[Diagnostic] = []
    data = _without_controls(data, (), path, lines, warnings)
    try:
        return model.model_validate(data), warnings
    except ValidationError as exc:
        return None, warnings + [_diagnostic(error, model, path, lines) for error in exc.errors()]


def _without_controls(value: Any, at: LinePath, path: str, lines: dict[LinePath, int],
                      warnings: list[Diagnostic]) -> Any:
    """``value`` with control characters removed from every string in it, each removal warned about."""
    if isinstance(value, str):
        found = controls_in(value)
        if not found:
            return value
        warnings.append(Diagnostic(path, line_for(lines, at), dotted_path(at), "control-character",
                                   f"control characters ({', '.join(found)}) are removed from the value",
                                   "delete the escapes (\\a, \\e, \\x1b, ...)", Severity.WARNING))
        return strip_controls(value)
    if isinstance(value, dict):
        return {key: _without_controls(item, at + (key,), path, lines, warnings) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_controls(item, at + (index,), path, lines, warnings) for index, item in enumerate(value)]
    return value


def near(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A 'did you mean' hint for ``word`` among ``choices``, or ""."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


def line_for(lines: dict[LinePath, int], loc: LinePath) -> int:
    """File line of the deepest known prefix of ``loc``."""
    for end in range(len(loc), -1, -1):
        line = lines.get(tuple(loc[:end]))
        if line is not None:
            return line
    return 1


def _diagnostic(error: dict[str, Any], model: type[BaseModel], path: str,
                lines: dict[LinePath, int]) -> Diagnostic:
    """One pydantic error as a Diagnostic."""
    loc = _clean_loc(error["loc"])
    field = dotted_path(loc)
    line = line_for(lines, loc)
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        return Diagnostic(path, line, field, "unknown-field", f"unknown field '{loc[-1]}'",
                          near(str(loc[-1]), allowed) or f"allowed fields here: {', '.join(allowed)}")
    if kind == "missing":
        return Diagnostic(path, line, field, "missing-field", f"required field '{loc[-1]}' is missing",
                          f"add a line '{loc[-1]}: ...'")
    if kind in ("literal_error", "enum"):
        expected = _expected_values(error)
        return Diagnostic(path, line, field, "bad-value", f"unknown value '{value}'; expected one of "
                          f"{', '.join(expected)}", near(str(value), expected))
    if kind == "timezone_aware":
        return Diagnostic(path, line, field, "naive-time", f"time '{value}' has no UTC offset",
                          "add the offset, e.g. 2026-11-20T09:12:00+08:00 or ...Z for UTC")
    if kind == "value_error" and "out of range" in error["msg"]:
        return Diagnostic(path, line, field, "time-out-of-range", str(error["msg"]).removeprefix("Value error, "),
                          "check the year; write it like 2026-11-20T09:12:00+08:00")
    if kind.startswith("datetime") or (kind == "value_error" and "ISO 8601" in error["msg"]):
        return Diagnostic(path, line, field, "bad-time", f"'{value}' is not an ISO 8601 time",
                          "write it like 2026-11-20T09:12:00+08:00")
    if kind == "string_pattern_mismatch":
        return Diagnostic(path, line, field, "bad-id", f"'{value}' is not a valid id or address",
                          "ids are lowercase letters, digits and hyphens, e.g. hot-wallet; "
                          "URLs start with http:// or https://")
    if kind in TYPE_NAMES:
        return Diagnostic(path, line, field, "wrong-type", f"expected {TYPE_NAMES[kind]}, got "
                          f"{_describe(value)}", "check the indentation and the value's form")
    if kind == "string_too_short":
        return Diagnostic(path, line, field, "empty-value", "the value is empty", "write some text")
    return Diagnostic(path, line, field, "invalid", error["msg"], "check this field's value")


def _clean_loc(loc: tuple[Any, ...]) -> LinePath:
    """Drop pydantic's union-branch markers (``str``, ``dict[...]``) from an error location."""
    skip = ("str", "dict[", "list[", "function-", "constrained-str", "literal[")
    return tuple(p for p in loc if not (isinstance(p, str) and p.startswith(skip)))


def _allowed_fields(model: type[BaseModel], loc: LinePath) -> list[str]:
    """Field names allowed at ``loc`` inside ``model`` (best effort)."""
    current: Any = model
    for part in loc:
        field = getattr(current, "model_fields", {}).get(part) if isinstance(part, str) else None
        if field is not None:  # a field name: descend; otherwise a dict key or list index: stay
            current = _model_in(field.annotation)
    return sorted(getattr(current, "model_fields", {}) or [])


def _model_in(annotation: Any) -> Any:
    """The BaseModel class inside an annotation such as ``list[X]`` or ``X | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _expected_values(error: dict[str, Any]) -> list[str]:
    """The allowed literal values named in a pydantic literal error."""
    expected = error.get("ctx", {}).get("expected", "")
    return [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def _describe(value: Any) -> str:
    """Describe a wrong value for a message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"'{value}'"
