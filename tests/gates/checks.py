"""Quality gates as plain functions over a built site, so tests can run them on the demo
site and also prove each one catches an injected violation."""

from __future__ import annotations

import json
import os
import re
import subprocess
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree, html as lxml_html

VNU_JAR = Path(os.environ.get("HERALD_VNU_JAR",
                              Path.home() / ".cache/herald-tools/node_modules/vnu-jar/build/dist/vnu.jar"))

# Nu HTML Checker errors that come from mkdocs-material itself, not from Herald's templates.
# Each needs a reason; this list may only shrink.
MATERIAL_VNU_ALLOWLIST: tuple[tuple[str, str], ...] = (
    (r"Attribute “autocomplete” is only allowed when the input type is",
     "Material's base.html puts autocomplete=off on its drawer and search toggle checkboxes (so Firefox does "
     "not restore their state); the inputs are outside any overridable block."),
)

LOAD_TAGS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
             "embed": "src", "object": "data", "track": "src"}
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")


def vnu_errors(site: Path, jar: Path = VNU_JAR, java: str = "java") -> list[str]:
    """Every Nu HTML Checker error in the site's HTML pages, minus the listed Material ones.

    A checker that reports nothing at all (missing jar, no Java, a crash, no page to check) is itself
    an error: silence must never read as "valid".
    """
    if not _html_files(site):
        return [f"{site}: no HTML page to check"]
    try:
        result = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html",
                                 str(site)], capture_output=True, text=True, timeout=600)
    except OSError as exc:
        return [f"the Nu HTML Checker could not start: {exc}"]
    report = _vnu_report(result.stderr) or _vnu_report(result.stdout)
    if report is None:
        said = (result.stderr or result.stdout).strip()[:300] or "it printed nothing"
        return [f"the Nu HTML Checker gave no report (exit {result.returncode}): {said}"]
    errors = []
    for message in report:
        if message.get("type") != "error" and message.get("subType") != "fatal":
            continue
        if any(re.search(pattern, message.get("message", "")) for pattern, _ in MATERIAL_VNU_ALLOWLIST):
            continue
        where = unquote(message.get("url", "")).replace(f"file:{site}", "")
        errors.append(f"{where}:{message.get('lastLine')}: {message.get('message')}")
    if result.returncode != 0 and not errors and not report:
        return [f"the Nu HTML Checker failed (exit {result.returncode}) without a message"]
    return errors


def _vnu_report(output: str) -> list[dict] | None:
    """The messages of vnu's JSON report in ``output``, or None when there is no report."""
    for line in reversed(output.strip().splitlines()):
        if line.startswith("{"):
            try:
                data = json.loads(line)
            except ValueError:
                continue
            if isinstance(data, dict) and isinstance(data.get("messages"), list):
                return data["messages"]
    try:
        data = json.loads(output)
    except ValueError:
        return None
    return data["messages"] if isinstance(data, dict) and isinstance(data.get("messages"), list) else None


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@lru_cache(maxsize=4096)
def _ids(path: Path) -> frozenset[str]:
    """Element ids (and a[name]s) of an HTML file."""
    tree = lxml_html.fromstring(path.read_bytes())
    return frozenset(tree.xpath("//@id") + tree.xpath("//a/@name"))


def _target(site: Path, page_url: str, href: str, own_url: str) -> tuple[Path, str] | None:
    """The local file and fragment an internal link points at, or None for an external link."""
    if href.startswith(SKIP_SCHEMES) or not href:
        return None
    absolute = urljoin(page_url, href)
    if not absolute.startswith(own_url):
        return None
    parts = urlsplit(absolute)
    relative = unquote(parts.path[len(urlsplit(own_url).path):])
    path = site / relative
    if relative == "" or relative.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def broken_links(site: Path, own_url: str) -> list[str]:
    """Internal links (pages, feeds, JSON) whose file or anchor does not exist."""
    problems = []
    for source, page_url, hrefs in _all_links(site, own_url):
        for href in hrefs:
            target = _target(site, page_url, href, own_url)
            if target is None:
                continue
            path, fragment = target
            if not path.is_file():
                problems.append(f"{source}: {href} -> missing {path.relative_to(site)}")
            elif fragment and path.suffix == ".html" and fragment not in _ids(path):
                problems.append(f"{source}: {href} -> no #{fragment} in {path.relative_to(site)}")
    return problems


def _all_links(site: Path, own_url: str):
    """(file, its URL, links in it) for every HTML page, feed and JSON file."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site).as_posix()
        url = own_url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        if path.suffix == ".html":
            tree = lxml_html.fromstring(path.read_bytes())
            yield relative, url, tree.xpath("//a/@href | //link/@href | //script/@src | //img/@src | //source/@src")
        elif path.suffix in (".xml", ".rss", ".atom") and path.name != "sitemap.xml":
            yield relative, url, re.findall(r'(https?://[^\s"<>]+)', path.read_text(encoding="utf-8"))
        elif path.suffix == ".json" and "search" not in relative:
            yield relative, url, [value for value in _json_strings(json.loads(path.read_text(encoding="utf-8")))
                                  if value.startswith(own_url)]


def _json_strings(value) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _json_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _json_strings(item)]
    return []


def third_party_loads(site: Path, own_url: str) -> list[str]:
    """Anything a built page, stylesheet or script would load from another host."""
    own_host = urlsplit(own_url).netloc
    found = []
    for path in _html_files(site):
        tree = lxml_html.fromstring(path.read_bytes())
        for tag, attribute in LOAD_TAGS.items():
            for value in tree.xpath(f"//{tag}/@{attribute}"):
                found += _foreign(path, value, own_host, site)
        for link in tree.xpath("//link[@href]"):
            if set((link.get("rel") or "").split()) & {"stylesheet", "preload", "preconnect", "icon", "modulepreload",
                                                       "dns-prefetch", "manifest", "prefetch"}:
                found += _foreign(path, link.get("href"), own_host, site)
        for style in tree.xpath("//style/text() | //@style"):
            found += [f"{path.relative_to(site)}: {u}" for u in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", style)
                      if urlsplit(u).netloc != own_host]
    for path in list(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path.relative_to(site)}: {u}" for u in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", text)]
        found += [f"{path.relative_to(site)}: @import {u}" for u in re.findall(r"@import\s+['\"]?((?:https?:)?//[^'\";]+)", text)]
    return found


def _foreign(path: Path, value: str, own_host: str, site: Path) -> list[str]:
    """The value if it names another host."""
    parts = urlsplit(value)
    if parts.netloc and parts.netloc != own_host:
        return [f"{path.relative_to(site)}: {value}"]
    return []


def serious_axe_violations(page) -> list[str]:
    """axe-core violations of serious or critical impact on an open playwright page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
                                                                    else str(n["target"]) for n in v["nodes"][:5])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def keyboard_problems(page, target_href: str, presses: int = 80) -> list[str]:
    """Whether Tab alone reaches the link to ``target_href`` on an open page, with a visible focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.getAttribute('href')") == target_href:
            break
    else:
        return [f"{target_href} was never focused by Tab ({presses} presses)"]
    outline_style, outline_width, shadow = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()")
    if (outline_style == "none" or outline_width == "0px") and shadow == "none":
        return [f"{target_href} has no visible focus (outline {outline_style} {outline_width}, box-shadow {shadow})"]
    return []


def missing_without_javascript(page, words: list[str]) -> list[str]:
    """The words a page, opened with JavaScript off, does not show."""
    text = page.inner_text("body")
    return [word for word in words if word not in text]
