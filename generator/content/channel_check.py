"""Is this really us? Read a pasted link, domain, handle, e-mail address, developer name or whole message, and
say of each address in it: official, a known impostor (naming the warning), or not ours (with the trick found).

Pure functions over the rules of ``channel_rules`` (JSON-able data). The /verify/ page's script
(``generator/site/scripts/herald-verify.mjs``) is a line-by-line port of this module over the same data; a test
runs both on one table of cases. Change one, change the other.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

import regex

HIDDEN = regex.compile(r"[\p{Cc}\p{Cf}]")
"""Controls and invisible format characters (bidi controls, zero-width joiners): never part of an address."""
LEADING = "<([{\"'“‘«"
TRAILING = ">)]}\"'”’».,;:!?。，；：！？"
SCHEME = regex.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
MAILTO = regex.compile(r"^mailto:", regex.IGNORECASE)
EMAIL = regex.compile(r"^[^@/\s]+@[^@/\s]+$")
PORT = regex.compile(r":[0-9]*$")
NAME_SPLIT = regex.compile(r"[\s.,]+")
NOT_IN_LINK = "\\s<>\"'“”‘’"
EXTRACT = ("[a-zA-Z][a-zA-Z0-9+.-]*://[^" + NOT_IN_LINK + "]+"
           "|[^" + NOT_IN_LINK + "@()\\[\\],;:]+@[^" + NOT_IN_LINK + "@()\\[\\],;:/]+\\.[^" + NOT_IN_LINK
           + "@()\\[\\],;:/]+"
           "|(?<![\\p{L}\\p{N}_.@])@[\\p{L}\\p{N}_.]{2,}"
           "|(?<![\\p{L}\\p{N}@._-])(?:[\\p{L}\\p{N}_-]+\\.)+\\p{L}[\\p{L}\\p{N}-]*(?:/[^" + NOT_IN_LINK + "]*)?")
"""Addresses inside a message: URLs, e-mail addresses, @handles, bare domains (also sent to the page's script)."""
EXTRACT_PATTERN = regex.compile(EXTRACT)
MAX_NAME = 80
"""A message with no address in it is read as a name (an app's developer) up to this length."""
RANK = {"impostor": 0, "not_ours": 1, "official": 2}
REASONS = ("official", "impostor", "at_trick", "hidden", "punycode", "lookalike", "lookalike_letters", "extra_words",
           "other_tld", "near_miss", "uses_name", "unlisted_address", "not_ours", "nothing")
"""Every reason code a verdict can give (each has an interface text ``verify.reason.<code>``)."""
PLATFORMS = {"t.me": "telegram", "telegram.me": "telegram", "x.com": "x", "twitter.com": "x",
             "discord.gg": "discord", "discord.com": "discord"}
"""Hosts whose first path segment (``discord.com/invite/<code>``: the second) is an account or invite."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One address as read: ``kind`` domain, handle, email or name; ``value`` its normal form."""

    kind: str
    value: str
    platform: str = ""
    host: str = ""
    tricks: tuple[str, ...] = ()
    """``at`` (a user name before @ in a link), ``hidden`` (invisible characters removed)."""
    shown: str = ""
    cased: str = ""
    """``value`` before lower case (a capital I reads as l)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one address is: ``official``, ``impostor`` or ``not_ours``, why (a reason code), and the details."""

    verdict: str
    reason: str
    kind: str
    shown: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Report:
    """The verdict on a whole text (the worst of its addresses'), and each address's own."""

    verdict: str
    items: tuple[Verdict, ...]


def parse_candidate(raw: str) -> Candidate:
    """Read one address in its normal form (lower case, no scheme, ``www.``, port, trailing dot or slash)."""
    text = raw.strip()
    tricks = ("hidden",) if HIDDEN.search(text) else ()
    text = _trim(HIDDEN.sub("", text).strip())
    if text.startswith("@") and "@" not in text[1:] and "/" not in text:
        return Candidate("handle", text[1:].lower(), "", "", tricks, text, text[1:])
    text_after_mailto = MAILTO.sub("", text)
    scheme = SCHEME.match(text_after_mailto)
    rest = text_after_mailto[scheme.end():] if scheme else text_after_mailto
    if not scheme and EMAIL.match(rest):
        local, host = rest.rsplit("@", 1)
        cased = _host(host, lower=False)
        return Candidate("email", f"{local.lower()}@{cased.lower()}", "", cased.lower(), tricks, text, rest)
    cut = min([i for i in (rest.find(c) for c in "/?#\\") if i >= 0], default=len(rest))
    authority, path = rest[:cut], rest[cut:]
    if "@" in authority:
        tricks += ("at",)
        authority = authority.rsplit("@", 1)[1]
    cased = _host(authority, lower=False)
    host = cased.lower()
    handle = _platform_handle(host, path)
    if handle is not None:
        return Candidate("handle", handle[1].lower(), handle[0], host, tricks, text, handle[1])
    if "." in host:
        return Candidate("domain", host, "", host, tricks, text, cased)
    return Candidate("name", normal_name(text), "", "", tricks, text, normal_name(text, lower=False))


def normal_name(text: str, lower: bool = True) -> str:
    """A name's normal form: lower case, words joined by one space, no dots or commas."""
    return " ".join(part for part in NAME_SPLIT.split(text.lower() if lower else text) if part)


def _trim(text: str) -> str:
    """Without the brackets, quotes and sentence punctuation around an address."""
    start, end = 0, len(text)
    while start < end and text[start] in LEADING:
        start += 1
    while end > start and (text[end - 1] in TRAILING or (text[end - 1] == "/" and end - 1 > start)):
        end -= 1
    return text[start:end]


def _host(authority: str, lower: bool = True) -> str:
    """A host name's normal form: lower case, no port, trailing dot or leading ``www.``."""
    host = PORT.sub("", authority.lower() if lower else authority).rstrip(".")
    return host[4:] if host[:4].lower() == "www." else host


def _platform_handle(host: str, path: str) -> tuple[str, str] | None:
    """(platform, account) for ``t.me/name``, ``x.com/name``, ``discord.gg/code``; None for any other host."""
    platform = PLATFORMS.get(host)
    segments = [s for s in regex.split(r"[/?#]", path) if s]
    if platform is None or not segments:
        return None
    if host == "discord.com":
        if len(segments) < 2 or segments[0].lower() != "invite":
            return None
        segments = segments[1:]
    return platform, segments[0].lstrip("@")


def candidates(text: str) -> list[Candidate]:
    """The addresses in ``text``: the whole of it when it is one word, else each one found (a name if none)."""
    trimmed = HIDDEN.sub("", text).strip()
    if not trimmed:
        return []
    if not regex.search(r"\s", trimmed):
        return [parse_candidate(text)]
    found = [parse_candidate(match.group(0)) for match in EXTRACT_PATTERN.finditer(text)]
    if found:
        return found
    name = Candidate("name", normal_name(trimmed), "", "", (), trimmed, normal_name(trimmed, lower=False))
    return [name] if len(trimmed) <= MAX_NAME else []


def skeleton(text: str, rules: dict[str, Any]) -> str:
    """What ``text`` looks like: NFKC, confusable letters as their ASCII twin, capital ``I`` as ``l``, lower case,
    ``rn`` as ``m``."""
    table = rules["confusables"]
    out = "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFKC", text))
    for seen, meant in rules["case_lookalikes"]:
        out = out.replace(seen, meant)
    out = "".join(table.get(ch, ch) for ch in out.lower())
    for seen, meant in rules["ascii_lookalikes"]:
        out = out.replace(seen, meant)
    return out


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace) from ``a`` to ``b`` (Levenshtein)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def check_text(text: str, rules: dict[str, Any]) -> Report:
    """The verdict on everything in ``text``: impostor if any address is one, else not ours if any is, else official."""
    items = tuple(check_candidate(c, rules) for c in candidates(text))
    if not items:
        return Report("not_ours", (Verdict("not_ours", "nothing", "", text.strip()[:MAX_NAME]),))
    return Report(min((i.verdict for i in items), key=RANK.__getitem__), items)


def check_candidate(candidate: Candidate, rules: dict[str, Any]) -> Verdict:
    """One address's verdict."""
    check = {"domain": _check_domain, "handle": _check_handle, "email": _check_email}.get(candidate.kind, _check_name)
    return check(candidate, rules)


def _verdict(verdict: str, reason: str, candidate: Candidate, entry: dict[str, str] | None = None,
             **extra: str) -> Verdict:
    """A verdict naming the official channel or the warning it was compared with."""
    params = {"value": candidate.shown or candidate.value, **extra}
    if entry is not None:
        params.update(official=entry["shown"], label=entry["label"])
        if "notice" in entry:
            params.update(notice=entry["notice"], url=entry["url"])
    return Verdict(verdict, reason, candidate.kind, candidate.shown, params)


def _on(host: str, domain: str) -> bool:
    """True if ``host`` is ``domain`` or one of its subdomains."""
    return host == domain or host.endswith("." + domain)


def _same_platform(a: str, b: str) -> bool:
    return not a or not b or a == b


def _check_domain(candidate: Candidate, rules: dict[str, Any]) -> Verdict:
    host = candidate.host
    impostor = next((e for e in rules["impostors"] if e["kind"] == "domain" and _on(host, e["value"])), None)
    if impostor is not None:
        return _verdict("impostor", "impostor", candidate, impostor)
    if "at" in candidate.tricks:
        return _verdict("not_ours", "at_trick", candidate, host=host)
    if "hidden" in candidate.tricks:
        return _verdict("not_ours", "hidden", candidate)
    official = max((e for e in rules["official"] if e["kind"] == "domain" and _on(host, e["value"])
                    and host.isascii()), key=lambda e: len(e["value"]), default=None)
    if official is not None:
        return _verdict("official", "official", candidate, official)
    if "xn--" in host:
        return _verdict("not_ours", "punycode", candidate)
    return _resembling(candidate, candidate.cased, [e for e in rules["official"] if e["kind"] == "domain"], rules)


def _resembling(candidate: Candidate, value: str, entries: list[dict[str, str]], rules: dict[str, Any]) -> Verdict:
    """Not ours, and why it may look like ours: look-alike letters, our address with more after it, another
    ending, a few letters apart, our name inside; or simply not ours."""
    seen, lowered = skeleton(value, rules), value.lower()
    for entry in entries:
        target = skeleton(entry["value"], rules)
        if seen == target or (not value.isascii() and (_on(seen, target) or _near(seen, target, rules))):
            return _verdict("not_ours", "lookalike", candidate, entry)
    for entry in entries:
        if candidate.kind == "domain" and lowered.startswith(entry["value"] + "."):
            return _verdict("not_ours", "extra_words", candidate, entry)
    for entry in entries:
        if candidate.kind == "domain" and lowered.rsplit(".", 1)[0] == entry["value"].rsplit(".", 1)[0]:
            return _verdict("not_ours", "other_tld", candidate, entry)
    for entry in entries:
        target = skeleton(entry["value"], rules)
        if _near(seen, target, rules):
            return _verdict("not_ours", "near_miss", candidate, entry, distance=str(distance(seen, target)))
    brand = next((b for b in rules["brands"] if b in seen), None)
    if brand is not None:
        return _verdict("not_ours", "uses_name", candidate, entries[0] if entries else None, brand=brand)
    if not value.isascii():
        return _verdict("not_ours", "lookalike_letters", candidate)
    return _verdict("not_ours", "not_ours", candidate)


def _near(seen: str, target: str, rules: dict[str, Any]) -> bool:
    """True if two skeletons are a few edits apart (and the official one is long enough to tell)."""
    return len(target) >= rules["min_length_for_distance"] and distance(seen, target) <= rules["max_distance"]


def _check_handle(candidate: Candidate, rules: dict[str, Any]) -> Verdict:
    def matches(entry: dict[str, str]) -> bool:
        return (entry["kind"] == "handle" and entry["value"] == candidate.value
                and _same_platform(entry["platform"], candidate.platform))

    impostor = next((e for e in rules["impostors"] if matches(e)), None)
    if impostor is not None:
        return _verdict("impostor", "impostor", candidate, impostor)
    if "hidden" in candidate.tricks:
        return _verdict("not_ours", "hidden", candidate)
    official = next((e for e in rules["official"] if matches(e)), None)
    if official is not None:
        return _verdict("official", "official", candidate, official)
    return _resembling(candidate, candidate.cased, [e for e in rules["official"] if e["kind"] == "handle"], rules)


def _check_email(candidate: Candidate, rules: dict[str, Any]) -> Verdict:
    impostor = next((e for e in rules["impostors"] if (e["kind"] == "email" and e["value"] == candidate.value)
                     or (e["kind"] == "domain" and _on(candidate.host, e["value"]))), None)
    if impostor is not None:
        return _verdict("impostor", "impostor", candidate, impostor)
    if "hidden" in candidate.tricks:
        return _verdict("not_ours", "hidden", candidate)
    official = next((e for e in rules["official"] if e["kind"] == "email" and e["value"] == candidate.value), None)
    if official is not None:
        return _verdict("official", "official", candidate, official)
    cased = candidate.cased.rsplit("@", 1)[-1]
    domain = _check_domain(Candidate("domain", candidate.host, "", candidate.host, (), cased, cased), rules)
    if domain.verdict == "official":
        return _verdict("not_ours", "unlisted_address", candidate, host=candidate.host)
    return Verdict(domain.verdict, domain.reason, "email", candidate.shown, {**domain.params, "value": candidate.shown})


def _check_name(candidate: Candidate, rules: dict[str, Any]) -> Verdict:
    if "hidden" in candidate.tricks:
        return _verdict("not_ours", "hidden", candidate)
    official = next((e for e in rules["official"] if e["kind"] == "name" and e["value"] == candidate.value), None)
    if official is not None:
        return _verdict("official", "official", candidate, official)
    return _resembling(candidate, candidate.cased, [e for e in rules["official"] if e["kind"] == "name"], rules)
