"""Mutation testing of Herald's core with mutmut 3, on a copy of the project, never in place.

    python3 benchmarks/mutation.py                 # quick: core modules changed since origin/main (or HEAD~1),
                                                   #        else a rotating sample of two core modules
    python3 benchmarks/mutation.py --long          # every core module (see benchmarks/README.md for the time)
    python3 benchmarks/mutation.py --modules state/derive state/uptime
    python3 benchmarks/mutation.py --long --update-readme   # rewrite the score table in benchmarks/README.md

The project is copied (``git archive HEAD``, or the working tree's tracked and untracked files with
``--working-tree``) into a temporary folder; mutmut writes its mutants into ``mutants/`` inside that
copy, and the fast tests (no browser, no MkDocs build) run there. The shared working tree is never
written, except the score table when ``--update-readme`` is given. Runs under ``nice``.

Scores: killed / (killed + survived + no tests), per module; a timeout counts as killed (the mutant
hangs the code), "no tests" as not killed (no fast test reaches that code). Survivors are listed with
their diffs in ``survivors.md`` in the copy, which is kept when ``--keep`` is given.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CORE = {
    "content validation": ["content/validate", "content/schema", "content/frontmatter"],
    "derived state": ["state/derive", "state/uptime", "authoring/durations"],
    "the record": ["state/record", "site/scorecard"],
    "sanitising": ["text/markup"],
    "outputs' escaping": ["site/page_helper", "outputs/text"],
    "now and settings": ["content/clock", "content/settings"],
}
"""The core, by area; each module is generator/<name>.py."""

FAST_TESTS = ["tests/content", "tests/state", "tests/site", "tests/text", "tests/outputs", "tests/authoring",
              "tests/adapters"]
"""Where the fast tests are; the slow ones below are deselected. Not tests/architecture: it reads the source
text, which in mutmut's copy is the generated trampolines, not the project's code."""
SLOW_TESTS = [
    "tests/site/test_build.py",  # MkDocs builds in subprocesses: mutants there are not traced
    "tests/adapters/test_interrupted_build.py",
    "tests/adapters/test_export.py",
    "tests/adapters/test_examples.py",
    "tests/adapters/test_serve_basic.py",
    "tests/site/test_readme_claims.py",
    "tests/adapters/test_browser_tests_noticed.py",
    "tests/content/test_robustness.py::test_ten_thousand_files_load",
    "tests/outputs/test_statuspage_api.py::test_statuspage_prometheus_exporter_reads_the_demo",
    "tests/outputs/test_wellknown.py::test_demo_publishes_security_txt",
    "tests/outputs/test_wellknown.py::test_headers_give_each_path_one_value_per_header",
    "tests/outputs/test_wellknown.py::test_short_cache_for_pages_feeds_and_json_long_for_fingerprinted_assets",
    "tests/outputs/test_wellknown.py::test_headers_allow_exactly_the_inline_scripts_of_the_built_pages",
]
"""Tests that build with MkDocs or start processes (they run in the normal suite, not per mutant)."""

DETECTED = {"killed", "timeout", "caught by type check", "segfault"}
UNDETECTED = {"survived", "no tests"}
TABLE_START, TABLE_END = "<!-- mutation-table:start -->", "<!-- mutation-table:end -->"


def module_area(name: str) -> str:
    return next(area for area, names in CORE.items() if name in names)


def all_core() -> list[str]:
    return [name for names in CORE.values() for name in names]


def changed_core_modules(base: str | None) -> list[str]:
    """Core modules whose files differ from ``base`` (origin/main, else HEAD~1), committed or not."""
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    for ref in ([base] if base else ["origin/main", "HEAD~1"]):
        if not base and subprocess.run(["git", "-C", str(REPO), "rev-parse", ref], capture_output=True,
                                       text=True).stdout == head:
            continue  # a clone of main: compare with the commit before
        result = subprocess.run(["git", "-C", str(REPO), "diff", "--name-only", ref, "--", "generator/"],
                                capture_output=True, text=True)
        if result.returncode == 0:
            changed = {line[len("generator/"):-len(".py")] for line in result.stdout.split() if line.endswith(".py")}
            return [name for name in all_core() if name in changed]
    return []


def rotating_sample(size: int = 2) -> list[str]:
    """Two core modules picked by the ISO week, so that successive weeks cover the whole core."""
    names = all_core()
    week = datetime.date.today().isocalendar()[1]
    start = (week * size) % len(names)
    return [names[(start + i) % len(names)] for i in range(size)]


def copy_project(destination: Path, working_tree: bool) -> None:
    """A copy of the project: the last commit, or the working tree's files (tracked and untracked, not ignored)."""
    destination.mkdir(parents=True, exist_ok=True)
    if not working_tree:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", "HEAD"], capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(destination)], input=archive, check=True)
        return
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    for relative in filter(None, listed):
        source = REPO / relative
        if source.is_file():
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def copy_environment(copy: Path) -> dict[str, str]:
    """Environment for commands in the copy: its own code first (subprocesses too), no stray epoch."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONPATH")}
    env["PYTHONPATH"] = str(copy)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def assert_imports_copy(copy: Path, env: dict[str, str]) -> None:
    """Refuse to go on unless the copy's ``generator`` is the one imported (never the shared tree's)."""
    result = subprocess.run([sys.executable, "-c", "import generator; print(generator.__file__)"], cwd=copy, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"the copy's code does not import:\n{result.stderr}")
    found = result.stdout.strip()
    if not Path(found).resolve().is_relative_to(copy.resolve()):
        raise SystemExit(f"the copy imports {found}, not its own code: stopping")


SUBPROCESS_PLUGIN = '''"""Written by benchmarks/mutation.py: processes started by tests run the code unmutated.

mutmut names the active mutant in MUTANT_UNDER_TEST; a child process (a test running ``herald build``)
would inherit it but not mutmut's state. Without it the child's trampolines call the original functions.
"""
import os
import subprocess

_start = subprocess.Popen.__init__


def _without_mutant(self, *args, env=None, **kwargs):
    clean = dict(os.environ if env is None else env)
    clean.pop("MUTANT_UNDER_TEST", None)
    _start(self, *args, env=clean, **kwargs)


subprocess.Popen.__init__ = _without_mutant
'''


def write_config(copy: Path, modules: list[str]) -> None:
    """mutmut's settings for the copy (setup.cfg: the project's pyproject.toml has no [tool.mutmut])."""
    deselect = "\n".join(f"    --deselect={test}" if "::" in test else f"    --ignore={test}" for test in SLOW_TESTS)
    only = "\n".join(f"    generator/{name}.py" for name in modules)
    # Tests read the demo, the pages folder and the theme from the project root, which is mutants/ for them.
    extra = sorted(p.name for p in copy.iterdir() if p.name not in ("generator", "tests", "mutants", "setup.cfg",
                                                                      "pyproject.toml", ".git"))
    (copy / "tests" / "_mutation_subprocess.py").write_text(SUBPROCESS_PLUGIN, encoding="utf-8")
    (copy / "setup.cfg").write_text(
        "[mutmut]\n"
        "source_paths = generator\n"
        f"only_mutate =\n{only}\n"
        f"pytest_add_cli_args_test_selection =\n" + "\n".join(f"    {t}" for t in FAST_TESTS) + "\n"
        f"pytest_add_cli_args =\n    -p\n    no:cacheprovider\n    -p\n    tests._mutation_subprocess\n    -m\n"
        f"    not browser\n{deselect}\n"
        "also_copy =\n" + "\n".join(f"    {name}" for name in extra) + "\n"
        "use_git_change_detection = false\n", encoding="utf-8")


def run_mutmut(copy: Path, env: dict[str, str], max_children: int, names: list[str] | None = None) -> None:
    """Run mutmut in the copy (only ``names`` if given); its spinner goes to mutmut.log there, a progress line
    here every half minute."""
    command = ["nice", "-n", "10", sys.executable, "-m", "mutmut", "run", "--max-children", str(max_children)]
    print("$", " ".join(command), f"[{len(names)} mutants]" if names else "", f"(in {copy}; output in mutmut.log)",
          flush=True)
    command += names or []
    log_path = copy / "mutmut.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=copy, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            while process.poll() is None:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    print("  ", last_progress(log_path), flush=True)
        except KeyboardInterrupt:
            process.terminate()
            process.wait()
            raise
    print("  ", last_progress(log_path), flush=True)
    if process.returncode != 0:
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"mutmut failed (exit {process.returncode}):\n{tail}")


def last_progress(log_path: Path) -> str:
    """The latest status line of mutmut's spinner output."""
    text = log_path.read_bytes()[-4000:].decode("utf-8", errors="replace")
    parts = [p.strip() for p in re.split(r"[\r\n]", text) if p.strip()]
    return parts[-1] if parts else "(starting)"


def results(copy: Path, env: dict[str, str]) -> dict[str, str]:
    """Mutant name -> status, from ``mutmut results --all true``."""
    out = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=copy, env=env,
                         capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        match = re.match(r"\s+(\S+): (.+)$", line)
        if match:
            found[match.group(1)] = match.group(2).strip()
    return found


def sentinel(copy: Path, module: str) -> str:
    """The name of one mutant of ``module`` (its first function's first), so that a first ``mutmut run``
    generates every mutant while testing just one."""
    import ast

    tree = ast.parse((copy / "generator" / f"{module}.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            return f"generator.{module.replace('/', '.')}.x_{node.name}__mutmut_1"
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    return f"generator.{module.replace('/', '.')}.x\u01c1{node.name}\u01c1{item.name}__mutmut_1"
    raise SystemExit(f"generator/{module}.py has no function to mutate")


def sample(names: list[str], per_module: int) -> list[str]:
    """``per_module`` mutants of each module, evenly spread over its functions in source order."""
    by_module: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_module[module_of(name)].append(name)
    picked = []
    for module, found in sorted(by_module.items()):
        if len(found) <= per_module:
            picked += found
        else:
            step = len(found) / per_module
            picked += [found[int(i * step)] for i in range(per_module)]
    return picked


def module_of(mutant: str) -> str:
    """``generator.state.derive.x_status_of__mutmut_3`` -> ``state/derive``."""
    parts = mutant.split(".")
    end = next(i for i, part in enumerate(parts) if part.startswith(("x_", "x\u01c1")))
    return "/".join(parts[1:end])


def scores(statuses: dict[str, str]) -> dict[str, Counter]:
    by_module: dict[str, Counter] = defaultdict(Counter)
    for mutant, status in statuses.items():
        by_module[module_of(mutant)][status] += 1
    return by_module


def table(by_module: dict[str, Counter], when: str, mode: str) -> str:
    """The score table in Markdown, by area and module."""
    rows = ["| area | module | mutants | killed | survived | no tests | score |", "|---|---|---:|---:|---:|---:|---:|"]
    totals: dict[str, Counter] = defaultdict(Counter)
    for name in all_core():
        if name not in by_module:
            continue
        count = by_module[name]
        detected, undetected = sum(count[s] for s in DETECTED), sum(count[s] for s in UNDETECTED)
        totals[module_area(name)] += Counter(detected=detected, undetected=undetected, survived=count["survived"],
                                             no_tests=count["no tests"])
        rows.append(f"| {module_area(name)} | `{name}.py` | {detected + undetected} | {detected} | {count['survived']} "
                    f"| {count['no tests']} | {percent(detected, undetected)} |")
    rows.append("")
    rows.append("| area | score |")
    rows.append("|---|---:|")
    for area, count in totals.items():
        rows.append(f"| {area} | {percent(count['detected'], count['undetected'])} |")
    return "\n".join(rows) + f"\n\nMeasured {when} ({mode}) with mutmut {mutmut_version()}.\n"


def percent(detected: int, undetected: int) -> str:
    total = detected + undetected
    return "–" if not total else f"{100 * detected / total:.1f}%"


def mutmut_version() -> str:
    from importlib.metadata import version

    return version("mutmut")


def survivors_report(copy: Path, env: dict[str, str], statuses: dict[str, str]) -> Path:
    """Every undetected mutant with its diff, for reading."""
    parts = ["# Surviving mutants\n"]
    for mutant, status in sorted(statuses.items()):
        if status in UNDETECTED:
            diff = subprocess.run([sys.executable, "-m", "mutmut", "show", mutant], cwd=copy, env=env,
                                  capture_output=True, text=True).stdout
            parts.append(f"## {mutant} ({status})\n\n```diff\n{diff.strip()}\n```\n")
    path = copy / "survivors.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def update_readme(text: str) -> None:
    readme = REPO / "benchmarks" / "README.md"
    current = readme.read_text(encoding="utf-8")
    if TABLE_START not in current:
        raise SystemExit(f"{readme} has no {TABLE_START} marker")
    before, rest = current.split(TABLE_START, 1)
    _, after = rest.split(TABLE_END, 1)
    readme.write_text(f"{before}{TABLE_START}\n{text}{TABLE_END}{after}", encoding="utf-8")


def rerun(args: argparse.Namespace) -> None:
    """Re-run the undetected mutants of a kept copy against today's tests; print the updated table."""
    copy = args.rerun.resolve()
    chosen_file = copy / "sample.txt"
    fresh = Path(tempfile.mkdtemp(prefix="herald-mutation-tests-"))
    try:  # today's code and tests; mutmut regenerates the mutants of the functions that changed
        copy_project(fresh, args.working_tree)
        for entry in fresh.iterdir():
            target = copy / entry.name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            shutil.move(str(entry), str(target))
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    (copy / "tests" / "_mutation_subprocess.py").write_text(SUBPROCESS_PLUGIN, encoding="utf-8")
    env = copy_environment(copy)
    before = results(copy, env)
    chosen = chosen_file.read_text(encoding="utf-8").split() if chosen_file.exists() else list(before)
    again = [name for name in chosen if before.get(name) in UNDETECTED]
    print(f"re-running {len(again)} undetected mutants of {len(chosen)}", flush=True)
    started = datetime.datetime.now()
    if again:
        run_mutmut(copy, env, args.max_children, again)
    statuses = {name: status for name, status in results(copy, env).items() if name in set(chosen)}
    elapsed = datetime.datetime.now() - started
    by_module = scores(statuses)
    modules = sorted(by_module)
    text = table(by_module, datetime.date.today().isoformat(),
                 f"re-run of the survivors, modules {', '.join(modules)}; {elapsed.total_seconds() / 60:.0f} min")
    print(text)
    print(f"survivors with diffs: {survivors_report(copy, env, statuses)}")
    if args.json:
        args.json.write_text(json.dumps({m: dict(c) for m, c in sorted(by_module.items())}, indent=2) + "\n")
    if args.update_readme:
        update_readme(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--long", action="store_true", help="every core module")
    parser.add_argument("--modules", nargs="+", metavar="NAME", help="these core modules (e.g. derive markup)")
    parser.add_argument("--base", help="quick mode: compare with this ref (default origin/main, else HEAD~1)")
    parser.add_argument("--working-tree", action="store_true", help="copy the working tree instead of HEAD")
    parser.add_argument("--max-children", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    parser.add_argument("--keep", action="store_true", help="keep the copy (mutants/ and survivors.md)")
    parser.add_argument("--update-readme", action="store_true", help="write the table into benchmarks/README.md")
    parser.add_argument("--json", type=Path, help="also write the counts per module to this file")
    parser.add_argument("--rerun", type=Path, metavar="COPY", help="in a copy kept by an earlier --keep run: take "
                        "the tests anew (HEAD, or --working-tree) and re-run only the mutants not killed before")
    parser.add_argument("--sample", type=int, metavar="N", help="test N mutants per module, evenly spread "
                        "(default in quick mode: 40)")
    args = parser.parse_args()

    if args.rerun:
        rerun(args)
        return
    if args.modules:
        unknown = sorted(set(args.modules) - set(all_core()))
        if unknown:
            raise SystemExit(f"not core modules: {', '.join(unknown)}; core: {', '.join(all_core())}")
        modules, mode = args.modules, "modules " + ", ".join(args.modules)
    elif args.long:
        modules, mode = all_core(), "long: the whole core"
    else:
        modules = changed_core_modules(args.base)
        mode = "quick: changed modules " + ", ".join(modules)
        if not modules:
            modules = rotating_sample()
            mode = "quick: this week's sample " + ", ".join(modules)
        args.sample = args.sample or 40
    print(mode, flush=True)

    copy = Path(tempfile.mkdtemp(prefix="herald-mutation-")) / "herald"
    try:
        copy_project(copy, args.working_tree)
        env = copy_environment(copy)
        assert_imports_copy(copy, env)
        write_config(copy, modules)
        started = datetime.datetime.now()
        if args.sample:
            run_mutmut(copy, env, args.max_children, [sentinel(copy, modules[0])])
            chosen = sample(list(results(copy, env)), args.sample)
            (copy / "sample.txt").write_text("\n".join(chosen) + "\n", encoding="utf-8")
            run_mutmut(copy, env, args.max_children, chosen)
            statuses = {name: status for name, status in results(copy, env).items() if name in set(chosen)}
            mode += f"; a sample of {args.sample} mutants per module"
        else:
            run_mutmut(copy, env, args.max_children)
            statuses = results(copy, env)
        elapsed = datetime.datetime.now() - started
        by_module = scores(statuses)
        text = table(by_module, datetime.date.today().isoformat(), f"{mode}; {elapsed.total_seconds() / 60:.0f} min")
        print(text)
        report = survivors_report(copy, env, statuses)
        print(f"survivors with diffs: {report}" + ("" if args.keep else " (deleted; use --keep)"))
        if args.json:
            args.json.write_text(json.dumps({m: dict(c) for m, c in sorted(by_module.items())}, indent=2) + "\n")
        if args.update_readme:
            update_readme(text)
        if not statuses:
            raise SystemExit("mutmut reported no mutant: see its output above")
    finally:
        if not args.keep:
            shutil.rmtree(copy.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
