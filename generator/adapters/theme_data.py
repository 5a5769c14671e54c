"""What Herald's theme overrides read from ``config.extra``: the same for the MkDocs plugin (at build time)
and for ``herald export`` (written into the exported mkdocs.yml), so both builders show the same frame."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from generator.content.settings import Settings
from generator.pipeline import Output
from generator.text import i18n


@lru_cache(maxsize=None)
def _material_languages() -> frozenset[str]:
    """The interface languages Material for MkDocs ships (``partials/languages/<code>.html``)."""
    try:
        import material  # the theme package; absent where only Zensical builds an export
    except ImportError:
        return frozenset({"en"})
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return frozenset(p.stem for p in folder.glob("*.html") if p.stem != "custom")


def material_language(tag: str) -> str:
    """Material's language file for a tag: the tag (zh-Hant, pt-BR), its language (zh), else English."""
    shipped = _material_languages()
    for candidate in (tag, i18n.html_lang(tag), tag.split("-")[0]):
        if candidate in shipped:
            return candidate
    return "en"


def theme_extra(settings: Settings, output: Output) -> dict[str, object]:
    """``extra.herald`` (frame data per language) and ``extra.alternate`` (the language switcher)."""
    names = {lang: i18n.pick(settings.name, lang, settings.default_language)[0] for lang in settings.languages}
    info = {lang: {**data, "material": material_language(lang)} for lang, data in output.languages.items()}
    herald = {"banner": output.banner, "footer": output.footer, "status": output.status, "names": names,
              "languages": list(settings.languages), "default_language": settings.default_language,
              "lang_info": info}
    alternate = [{"name": data["name"], "lang": data["html_lang"], "code": lang, "prefix": data["prefix"],
                  "link": "/" + data["prefix"]} for lang, data in info.items()]
    return {"herald": herald, "alternate": alternate}
