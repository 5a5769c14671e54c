"""``python -m generator``: the ``herald`` command."""

from generator.adapters.cli import run

run()
