"""The deliberate-bug trial of issue 21, repeatable: each bug is put by hand into a copy of the project
and the fast tests run against it; every bug must fail at least one of them.

    python3 benchmarks/survivor_trial.py                  # every bug, the fast tests named for it
    python3 benchmarks/survivor_trial.py --all-fast       # every bug, all the fast tests (slower)
    python3 benchmarks/survivor_trial.py --working-tree   # try uncommitted tests too

Like benchmarks/mutation.py it works on a temporary copy (``git archive HEAD`` or the working tree's
files) and never writes the shared working tree. Each bug is a literal replacement in one file; a
replacement that no longer matches the code is reported as STALE (update the trial), never as caught.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutation import FAST_TESTS, SLOW_TESTS, assert_imports_copy, copy_environment, copy_project  # noqa: E402


@dataclass(frozen=True)
class Bug:
    name: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]
    """Fast test files expected to catch it."""


DERIVE, RENDER = "tests/state/test_survivors_derive.py", "tests/site/test_survivors_render.py"
CLI, MARKUP = "tests/adapters/test_survivors_cli.py", "tests/text/test_survivors_markup.py"

BUGS = [
    Bug("component status takes the best instead of the worst of active incidents", "generator/state/derive.py",
        "if stated.rank > statuses[component].rank:", "if statuses[component] is ComponentStatus.OPERATIONAL "
        "or stated.rank < statuses[component].rank:", (DERIVE,)),
    Bug("component status takes the last incident's status instead of the worst", "generator/state/derive.py",
        "                if stated.rank > statuses[component].rank:\n                    statuses[component] = stated",
        "                statuses[component] = stated", (DERIVE,)),
    Bug("the overall indicator ignores incident impact", "generator/state/derive.py",
        "            indicator = max(indicator, incident.impact.value, key=INDICATOR_RANK.get)",
        "            pass", (DERIVE, RENDER)),
    Bug("the site-wide banner only for critical incidents (not major)", "generator/state/derive.py",
        "and i.impact in (Impact.MAJOR, Impact.CRITICAL)]", "and i.impact in (Impact.CRITICAL,)]", (DERIVE,)),
    Bug("an incident title no longer escaped in the status pages", "generator/site/page_helper.py",
        "            shown = escape(value)\n", "            shown = Markup(value)\n", (RENDER,)),
    Bug("the pinned site.now wins over SOURCE_DATE_EPOCH", "generator/content/clock.py",
        "    epoch = environ.get(\"SOURCE_DATE_EPOCH\")\n",
        "    if pinned is not None:\n        return pinned\n    epoch = environ.get(\"SOURCE_DATE_EPOCH\")\n", (CLI,)),
    Bug("checks.stale_after_hours ignored", "generator/content/settings.py",
        "stale_after=timedelta(hours=config.checks.stale_after_hours)", "stale_after=timedelta(hours=72)", (CLI,)),
    Bug("the sanitiser keeps onerror/onmouseover/onload", "generator/text/markup.py",
        '"ol": {"start"}, "*": {"lang"},', '"ol": {"start"}, "*": {"lang", "onerror", "onmouseover", "onload"},',
        (MARKUP,)),
    Bug("a scam-warning notice not flagged as one (label)", "generator/site/page_helper.py",
        'return self.t("kind.scam") if incident.scam_warning else', 'return self.t("kind.scam") if False else',
        (RENDER,)),
    Bug("a scam-warning notice not flagged as one (card)", "generator/site/templates/home.html",
        "{% if n.scam_warning %} herald-card--scam{% endif %}", "", (RENDER,)),
    Bug("a scam-warning notice not flagged as one (not read)", "generator/content/validate.py",
        "scam_warning=meta.scam_warning", "scam_warning=False", (RENDER,)),
    Bug("--strict ignored", "generator/adapters/cli.py",
        "failed = bool(errors) or (strict and bool(warnings)) or not project.ok",
        "failed = bool(errors) or not project.ok", (CLI,)),
    Bug("history pagination drops the last item", "generator/site/status_pages.py",
        "ordered[(number - 1) * per_page: number * per_page]", "ordered[(number - 1) * per_page: number * per_page - 1]",
        (RENDER,)),
    Bug("history pagination drops the last page", "generator/site/status_pages.py",
        "total = max(1, -(-len(ordered) // per_page))", "total = max(1, len(ordered) // per_page)", (RENDER,)),
    Bug("uptime takes the first of overlapping spans, not the worst", "generator/state/uptime.py",
        "status = max(covering, key=lambda st: st.rank, default=ComponentStatus.OPERATIONAL)",
        "status = covering[0] if covering else ComponentStatus.OPERATIONAL", (DERIVE,)),
]


def run_tests(copy: Path, env: dict[str, str], tests: list[str]) -> list[str]:
    """The ids of the tests that failed."""
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=no", "-rf", "-m", "not browser",
            *tests, *(f"--deselect={t}" if "::" in t else f"--ignore={t}" for t in SLOW_TESTS)]
    result = subprocess.run(["nice", "-n", "10", *args], cwd=copy, env=env, capture_output=True, text=True,
                            timeout=1800)
    return re.findall(r"^FAILED (\S+)", result.stdout, re.MULTILINE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all-fast", action="store_true", help="run all the fast tests for each bug")
    parser.add_argument("--working-tree", action="store_true", help="copy the working tree instead of HEAD")
    args = parser.parse_args()
    copy = Path(tempfile.mkdtemp(prefix="herald-trial-")) / "herald"
    missed = 0
    try:
        copy_project(copy, args.working_tree)
        env = copy_environment(copy)
        assert_imports_copy(copy, env)
        clean = run_tests(copy, env, FAST_TESTS if args.all_fast else sorted({t for b in BUGS for t in b.tests}))
        if clean:
            raise SystemExit(f"the tests fail without any bug: {clean}")
        print("| bug put in | caught by |\n|---|---|")
        for bug in BUGS:
            path = copy / bug.path
            original = path.read_text(encoding="utf-8")
            if original.count(bug.old) != 1:
                print(f"| {bug.name} | STALE: the code to change is not found once in {bug.path} |")
                missed += 1
                continue
            path.write_text(original.replace(bug.old, bug.new), encoding="utf-8")
            try:
                failed = run_tests(copy, env, FAST_TESTS if args.all_fast else list(bug.tests))
            finally:
                path.write_text(original, encoding="utf-8")
            missed += not failed
            shown = ", ".join(f"`{f.split('::')[-1]}`" for f in failed[:4]) + (f" (+{len(failed) - 4})" if len(failed) > 4
                                                                            else "")
            print(f"| {bug.name} | {shown or '**SURVIVED**'} |", flush=True)
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
