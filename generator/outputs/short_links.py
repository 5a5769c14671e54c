"""Short links to incident pages (``/s/<code>/``), for channels with no room for the whole address (SMS).

Each is a small page that sends the reader on to the incident page in its language: a meta
refresh (no script needed), a canonical link, and the address written out to follow by hand.
The code is derived from the incident id and the language, so it never changes.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.outputs.announcements import short_path
from generator.outputs.text import OutputText
from generator.text import i18n, urls

PAGE = Markup("""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={relative}">
<link rel="canonical" href="{target}">
<title>{title}</title>
</head>
<body>
<main>
<h1>{title}</h1>
<p><a href="{relative}">{target}</a></p>
</main>
</body>
</html>
""")


def render_short_links(text: OutputText) -> dict[str, str | bytes]:
    """``s/<code>/index.html`` for every incident in every language."""
    out: dict[str, str | bytes] = {}
    for incident in text.state.content.incidents:
        for lang in text.settings.languages:
            page, short = urls.incident(text.prefix(lang), incident.id), short_path(incident.id, lang)
            out[short + "index.html"] = str(PAGE.format(lang=i18n.html_lang(lang), target=text.url(page),
                                                        relative=urls.relative(short, page),
                                                        title=text.title(incident, lang)))
    return out
