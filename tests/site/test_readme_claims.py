"""README claims checked on sites really built by ``herald build`` (MkDocs + Material), no browser:
a site under a sub-path, custom content folders, the banner for major impact, the never-ask footer
on every page, scam warnings on the home page, and ``output.search_incidents``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from tests.conftest import ProjectFactory, add_outage, update
from tests.site_fixtures import serve

NOW = "2026-11-20T12:30:00+08:00"
SUB = "https://example.github.io/status/"
MAJOR = "2026-11-20-deposits-delayed"


def herald(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def sub_site(tmp_path_factory) -> Path:
    """A project at a sub-path URL with its content in custom folders, built into <www>/status/."""
    root = tmp_path_factory.mktemp("project")
    project = ProjectFactory(root)
    config = (root / "herald.yml").read_text(encoding="utf-8").replace("https://status.example.com/", SUB)
    project.file("herald.yml", config + "company: {en: Example Ltd, zh: 示例公司}\n"
                 "incidents_dir: events\npages_dir: docs\n")
    project.file(f"events/{MAJOR}/incident.md", "---\ntitle: Deposits delayed\nimpact: major\n"
                 "components: [deposits]\nstarted_at: 2026-11-20T09:00:00+08:00\n---\nSummary.\n")
    project.file(f"events/{MAJOR}/2026-11-20T0910.md", update("2026-11-20T09:10:00+08:00", "identified",
                                                             "components: {deposits: partial_outage}"))
    project.file("events/2026-11-20-fake-support/incident.md", "---\ntitle: Fake support accounts\nkind: notice\n"
                 "scam_warning: true\nstarted_at: 2026-11-20T08:00:00+08:00\n---\nBeware.\n")
    project.file("events/2026-11-20-fake-support/2026-11-20T0810.md",
                 update("2026-11-20T08:10:00+08:00", "investigating", body="Never share your seed phrase."))
    project.file("docs/kb/hello.md", "---\ntitle: Hello article\n---\n# Hello article\n\nRead [the FAQ](../faq.md).\n")
    project.file("docs/faq.md", "---\ntitle: Questions\n---\n# Questions\n\nNone yet.\n")
    # Decoys in the default folders: they must not be read once the folders are moved.
    project.file("incidents/2026-11-19-decoy/incident.md", "---\ntitle: Decoy\nstarted_at: 2026-11-19T08:00:00+08:00\n"
                 "---\nx\n")
    project.file("incidents/2026-11-19-decoy/2026-11-19T0810.md", update("2026-11-19T08:10:00+08:00", "resolved"))
    target = tmp_path_factory.mktemp("www") / "status"
    result = herald(root, "build", "--now", NOW, "--site-dir", str(target))
    assert result.returncode == 0, result.stderr
    return target


def html_pages(site: Path) -> list[Path]:
    """The site's pages in the theme (the SMS short links under s/ are bare redirect pages, tested on their own)."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "s")


def test_custom_content_folders_are_read_and_the_defaults_are_not(sub_site: Path) -> None:
    assert (sub_site / "incidents" / MAJOR / "index.html").is_file()
    assert (sub_site / "kb" / "hello" / "index.html").is_file()
    assert "Hello article" in (sub_site / "kb" / "hello" / "index.html").read_text(encoding="utf-8")
    assert not (sub_site / "incidents" / "2026-11-19-decoy").exists()
    assert "Decoy" not in (sub_site / "history" / "index.html").read_text(encoding="utf-8")


def test_no_page_assumes_the_domain_root(sub_site: Path) -> None:
    for page in html_pages(sub_site):
        tree = lxml.html.fromstring(page.read_bytes())
        rooted = [v for v in tree.xpath("//@href | //@src | //@action") if v.startswith("/") and not v.startswith("//")]
        if page.name == "404.html":  # served at any address, so its links start from the site's own path
            assert rooted and all(v.startswith("/status/") for v in rooted), rooted
        else:
            assert rooted == [], page.relative_to(sub_site)
    home = lxml.html.fromstring((sub_site / "index.html").read_bytes())
    assert home.xpath('//link[@rel="canonical"]/@href') == [SUB]


def test_absolute_addresses_in_feeds_and_api_carry_the_sub_path(sub_site: Path) -> None:
    feed = (sub_site / "feed.atom").read_text(encoding="utf-8")
    links = re.findall(r'href="(https?://[^"]+)"', feed)
    assert links and all(link.startswith(SUB) for link in links), links
    assert f"{SUB}incidents/{MAJOR}/#update-2026-11-20T0910" in links
    summary = json.loads((sub_site / "api" / "v2" / "summary.json").read_text(encoding="utf-8"))
    assert summary["page"]["url"].rstrip("/") == SUB.rstrip("/")
    assert all(i["shortlink"].startswith(SUB) for i in summary["incidents"])


def test_served_under_the_sub_path_every_link_of_the_main_pages_loads(sub_site: Path) -> None:
    server, base = serve(sub_site.parent)  # only /status/... exists on this server
    site_url = base + "status/"
    try:
        seen: dict[str, int] = {}
        for path in ("", f"incidents/{MAJOR}/", f"zh/incidents/{MAJOR}/", "history/", "kb/hello/", "track-record/"):
            page_url = site_url + path
            seen.pop(page_url, None)  # a page may have been fetched as a link already: read it again
            tree = lxml.html.fromstring(fetch(page_url, seen))
            for value in tree.xpath("//a/@href | //link/@href | //script/@src | //img/@src"):
                target = urljoin(page_url, value).split("#")[0]
                if urlsplit(target).netloc == urlsplit(base).netloc:
                    fetch(target, seen)
        broken = {url: status for url, status in seen.items() if status != 200}
        assert broken == {}
        assert len(seen) > 30 and all(url.startswith(site_url) for url in seen)  # nothing escaped the sub-path
    finally:
        server.shutdown()


def fetch(url: str, seen: dict[str, int]) -> bytes:
    """GET a loopback URL once, recording its status."""
    if url in seen:
        return b""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            seen[url] = response.status
            return response.read()
    except urllib.error.HTTPError as error:
        seen[url] = error.code
        return b"<html></html>"


def test_banner_for_a_major_incident_on_every_page(sub_site: Path) -> None:
    for page in html_pages(sub_site):
        if page.name == "404.html":
            continue
        tree = lxml.html.fromstring(page.read_bytes())
        banners = tree.xpath('//p[contains(@class, "herald-banner")]')
        relative = page.relative_to(sub_site).as_posix()
        if relative in ("index.html", "zh/index.html", f"incidents/{MAJOR}/index.html",
                        f"zh/incidents/{MAJOR}/index.html"):
            assert banners == [] and not tree.xpath('//aside[@class="md-banner"]'), relative  # the incident leads it
            continue
        assert [b.get("class") for b in banners] == ["herald-banner herald-banner--major"], page.relative_to(sub_site)
        [link] = banners[0].xpath("a")
        target = urljoin(SUB + page.relative_to(sub_site).as_posix(), link.get("href"))
        zh = page.relative_to(sub_site).parts[0] == "zh"
        assert target == f"{SUB}{'zh/' if zh else ''}incidents/{MAJOR}/", page.relative_to(sub_site)


def test_never_ask_footer_on_every_page_in_its_language(sub_site: Path) -> None:
    pages = html_pages(sub_site)
    assert len(pages) > 30
    for page in pages:
        tree = lxml.html.fromstring(page.read_bytes())
        [footer] = tree.xpath('//p[@class="herald-never-ask"]')
        text = " ".join(footer.text_content().split())
        if page.relative_to(sub_site).parts[0] == "zh":
            assert text.startswith("我们绝不会向您索要的信息：") and "示例公司绝不会索要您的助记词" in text, page
        else:
            assert text.startswith("What we will never ask you:") and "Example Ltd will never ask for your seed phrase" \
                in text, page
        [channels, verify] = footer.xpath("a")
        assert urljoin(SUB + page.relative_to(sub_site).as_posix(), channels.get("href")).endswith("official-channels/")
        assert urljoin(SUB + page.relative_to(sub_site).as_posix(), verify.get("href")).endswith("/verify/")


def test_scam_warning_on_the_built_home_page(sub_site: Path) -> None:
    for path, label in (("index.html", "Scam warning:"), ("zh/index.html", "防诈骗提醒：")):
        tree = lxml.html.fromstring((sub_site / path).read_bytes())
        [card] = tree.xpath('//article[contains(@class, "herald-card--scam")]')
        assert " ".join(card.xpath("h3")[0].text_content().split()).startswith(label)
        assert "Never share your seed phrase." in card.text_content()


def search_locations(site: Path) -> list[str]:
    return [doc["location"] for doc in json.loads((site / "search" / "search_index.json").read_text())["docs"]]


def test_incident_pages_stay_out_of_search_by_default(sub_site: Path) -> None:
    locations = search_locations(sub_site)
    assert any(location.startswith("kb/hello/") for location in locations)  # the index is there...
    assert not any(location.startswith("incidents/") for location in locations)  # ...without incidents


def test_search_incidents_puts_incident_pages_in_the_index(project: ProjectFactory) -> None:
    add_outage(project)
    config = project.root / "herald.yml"
    config.write_text(config.read_text() + "output:\n  search_incidents: true\n")
    target = project.root / "built"
    result = herald(project.root, "build", "--now", NOW, "--site-dir", str(target))
    assert result.returncode == 0, result.stderr
    locations = search_locations(target)
    assert any(location.startswith("incidents/2026-11-20-withdrawals-down/") for location in locations)
    assert not any(location.startswith("history/") for location in locations)  # lists stay out
