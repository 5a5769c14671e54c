"""mkdocs.yml for test sites in several languages: Herald's theme and one navigation section per language."""

from __future__ import annotations

from tests.conftest import REPO


def mkdocs_yml(sections: dict[str, list[str]]) -> str:
    """A mkdocs.yml whose nav has one section per language (name -> pages), in the order given."""
    nav = "".join(f"  - {name}: [{', '.join(pages)}]\n" for name, pages in sections.items())
    return (f"site_name: Example\ndocs_dir: site_src\n"
            f"theme: {{name: material, custom_dir: {REPO / 'theme'}, font: false}}\n"
            f"plugins: [search, herald]\nnav:\n{nav}")
