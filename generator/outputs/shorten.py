"""Shortening by rule: where a text may be cut, and the longest cut that fits.

A text is cut only at a sentence end (kept as it is), or else after a whole word with an
ellipsis. Word ends are: before a space, after a punctuation mark, and, inside Chinese or
Japanese text, between two ideographs or kana (preferring a clause mark when there is one).
Never inside a Latin word or a number, never inside a grapheme cluster (an emoji with its
modifiers, a letter with its combining marks).
"""

from __future__ import annotations

from collections.abc import Callable

import regex

ELLIPSIS = "…"
SENTENCE_END = regex.compile(r"[.!?。！？](?:[\"'”’)）」』]*)(?=\s|$)|[。！？](?:[”’）」』]*)")
CJK = regex.compile(r"[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]")
FULL_WIDTH_BREAK = regex.compile(r"[，、；：。！？]")
GRAPHEME = regex.compile(r"\X")
CJK_OR_MARK = r"[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}，。；：！？、（）「」『』“”]"
SPACE_BETWEEN_CJK = regex.compile(rf"(?<={CJK_OR_MARK})\s+(?={CJK_OR_MARK})")
TRAILING_JOINERS = " \t\n,;:，、；：-–—(（「『\"'“‘"


def one_line(text: str) -> str:
    """Text on one line: runs of white space become one space, none left between Chinese or Japanese characters."""
    return SPACE_BETWEEN_CJK.sub("", " ".join(text.split()))


def grapheme_ends(text: str) -> list[int]:
    """Offsets just after each grapheme cluster."""
    return [m.end() for m in GRAPHEME.finditer(text)]


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence (its closing mark and any closing quote or bracket), never inside a
    grapheme cluster (a mark followed by a combining character or an emoji modifier stays whole)."""
    clusters = set(grapheme_ends(text))
    return [m.end() for m in SENTENCE_END.finditer(text) if m.end() < len(text) and m.end() in clusters]


def word_ends(text: str) -> list[int]:
    """Offsets where a word ends: before white space, after punctuation, between CJK characters."""
    ends = []
    clusters = [m.group() for m in GRAPHEME.finditer(text)]
    offset = 0
    for index, cluster in enumerate(clusters[:-1]):
        offset += len(cluster)
        after = clusters[index + 1]
        if after.isspace() and not cluster.isspace():
            ends.append(offset)
        elif not cluster.isspace() and _breaks_after(cluster, after):
            ends.append(offset)
    return ends


def _breaks_after(cluster: str, after: str) -> bool:
    """May a cut fall between these two clusters (neither a space)? After a full-width mark, or between CJK."""
    if FULL_WIDTH_BREAK.fullmatch(cluster):
        return True
    return bool(CJK.match(cluster)) and bool(CJK.match(after))


def cut_at(text: str, end: int) -> str:
    """``text`` cut at a word end, marked with an ellipsis (trailing spaces and joining marks dropped)."""
    return text[:end].rstrip(TRAILING_JOINERS) + ELLIPSIS


def shortened_forms(text: str) -> list[str]:
    """Every acceptable shorter form of ``text``, longest first: whole sentences, then cuts after a word.

    In Chinese and Japanese, a cut after a clause mark comes before cuts between characters of the same
    length region, since the list is tried longest first and a fitting cut is the longest that fits.
    """
    text = text.strip()
    sentences = [text[:end].rstrip() for end in reversed(sentence_ends(text))]
    words = [cut_at(text, end) for end in reversed(word_ends(text)) if text[:end].strip(TRAILING_JOINERS)]
    seen: dict[str, None] = {}
    for form in [*sentences, *words]:
        seen.setdefault(form, None)
    return list(seen)


def longest_fitting(text: str, fits: Callable[[str], bool]) -> str | None:
    """``text`` itself if it fits, else its longest sentence cut that fits, else its longest word cut; or None.

    ``fits`` must be monotone in the length of the form (a shorter form of a fitting form fits too), which
    holds for every channel's measure; the search is binary over the forms of each kind.
    """
    if fits(text):
        return text
    forms = shortened_forms(text)
    sentences = [f for f in forms if not f.endswith(ELLIPSIS)]
    words = [f for f in forms if f.endswith(ELLIPSIS)]
    best = _first_fitting(sentences, fits) or _first_fitting(words, fits)
    if best is None or not best.endswith(ELLIPSIS):
        return best
    clause = _first_fitting([f for f in words if _before_clause_mark(text, f)], fits)
    return clause if clause and len(clause) * 10 >= len(best) * 6 else best


def _before_clause_mark(text: str, form: str) -> bool:
    """Does the cut ``form`` (ending in an ellipsis) end where ``text`` has a full-width clause mark?"""
    kept = len(form) - len(ELLIPSIS)
    return bool(FULL_WIDTH_BREAK.match(text, kept))


def _first_fitting(forms: list[str], fits: Callable[[str], bool]) -> str | None:
    """The first (longest) of ``forms``, ordered longest first, that fits: a binary search."""
    low, high = 0, len(forms)
    while low < high:
        middle = (low + high) // 2
        if fits(forms[middle]):
            high = middle
        else:
            low = middle + 1
    return forms[low] if low < len(forms) else None
