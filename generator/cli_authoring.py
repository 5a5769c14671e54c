"""Authoring commands of ``herald`` (new, update, resolve, postmortem, list, export, schema)."""

from __future__ import annotations

from .cli import main  # noqa: F401 - commands register on the main group
