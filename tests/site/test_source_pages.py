"""Links in hand-written pages are read from the file's folder and point at what the build makes of it."""

from __future__ import annotations

import pytest

from generator.site.source_pages import source_link


@pytest.mark.parametrize("href,here,p,expected", [
    ("../faq/index.md", "kb/x/", "", "../../faq/"),                       # a page, as MkDocs linked it
    ("../faq/index.md", "zh/kb/x/", "zh/", "../../faq/"),                 # the page in the same language
    ("y.md#steps", "kb/x/", "", "../y/#steps"),
    ("y.md?tab=1#steps", "kb/x/", "", "../y/?tab=1#steps"),
    ("picture.png", "kb/x/", "", "../picture.png"),                       # a file next to the page's file
    ("picture.png", "zh/kb/x/", "zh/", "../../../kb/picture.png"),        # files are not per language
    ("index.md", "kb/x/", "", "../"),
    ("x.md", "kb/x/", "", "./"),
    ("#steps", "kb/x/", "", "#steps"),
    ("https://example.com/a.md", "kb/x/", "", "https://example.com/a.md"),
    ("mailto:security@example.com", "kb/x/", "", "mailto:security@example.com"),
    ("/kb/y.md", "kb/x/", "", "/kb/y.md"),                               # absolute: kept, as MkDocs kept it
    ("../faq/", "kb/x/", "", "../faq/"),                                  # no file name: kept
    ("../../../outside.md", "kb/x/", "", "../../../outside.md"),          # outside the pages folder: kept
])
def test_relative_links_in_a_page(href: str, here: str, p: str, expected: str) -> None:
    assert source_link("kb/x.md", here, p, href) == expected
