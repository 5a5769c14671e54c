"""Babel extraction method for Herald's page templates: the message ids of ``h.t('key')`` and ``_('key')``.

Jinja2's own Babel extractor finds only calls of plain names (``gettext('...')``); Herald's templates ask
their page helper (``h.t('status.investigating')``). ``babel.cfg`` names this function, so
``pybabel extract -F babel.cfg`` lists the ids the templates use beside those of the Python code.
"""

from __future__ import annotations

from typing import IO, Any, Iterator

from jinja2 import Environment, nodes

TEMPLATE_KEYWORDS = frozenset({"t", "_"})


def extract_templates(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
                      ) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield ``(line, function, message id, comments)`` for each call with a literal id in a template."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    tree = Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"]).parse(source)
    for call in tree.find_all(nodes.Call):
        name = _called(call.node)
        if name in TEMPLATE_KEYWORDS and call.args and isinstance(call.args[0], nodes.Const) \
                and isinstance(call.args[0].value, str):
            yield call.lineno, name, call.args[0].value, []


def _called(node: nodes.Node) -> str | None:
    """The name of what is called: ``t`` for ``h.t(...)`` and ``t(...)``."""
    if isinstance(node, nodes.Getattr):
        return node.attr
    if isinstance(node, nodes.Name):
        return node.name
    return None
