"""How long writing announcements takes: every demo update in every channel format and language, and what the
previews add to a build under ``herald serve``. Run: ``python3 benchmarks/announce_time.py`` (figures in README)."""

from __future__ import annotations

import time
from pathlib import Path

from generator.outputs.announcements import compose
from generator.outputs.channel_formats import FORMATS
from generator.outputs.text import OutputText
from generator.pipeline import build_site, load_project, site_state
from generator.text.markup import MarkupRenderer

REPO = Path(__file__).resolve().parents[1]


def best_of(runs: int, work) -> float:
    """The fastest of ``runs`` timings, in seconds (the least disturbed by other work on the machine)."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    project = load_project(REPO)
    state = site_state(project)
    pairs = [(i, u) for i in project.content.incidents for u in i.updates]
    count = len(pairs) * len(FORMATS) * len(project.settings.languages)

    def every_message() -> None:
        text = OutputText(state, MarkupRenderer())  # a fresh cache each run, as in a build
        for incident, update in pairs:
            for fmt in FORMATS:
                for lang in project.settings.languages:
                    compose(text, incident, update, fmt, lang)

    messages = best_of(5, every_message)
    plain = best_of(5, lambda: build_site(project))
    served = best_of(5, lambda: build_site(project, previews=True))
    print(f"{count} messages ({len(pairs)} updates x {len(FORMATS)} formats x {len(project.settings.languages)} "
          f"languages): {messages:.3f} s, {messages / count * 1000:.2f} ms each")
    print(f"build_site: {plain:.3f} s; with previews: {served:.3f} s (+{served - plain:.3f} s)")


if __name__ == "__main__":
    main()
