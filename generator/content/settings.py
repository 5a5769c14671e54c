"""Project settings: read ``herald.yml`` once into a frozen ``Settings``.

Everything the core needs to know about a site (name, address, time zone,
languages, components and groups, limits) lives in that one file, which the
core reads without MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.content.announce_settings import Announce, announce_from_config, check_announce
from generator.content.addresses import channel_address_problem, channel_address_warning, site_url_problem
from generator.content.diagnose import line_for, near, validate_model
from generator.content.frontmatter import parse_yaml_mapping
from generator.content.mkdocs_yaml import check_mkdocs_yaml
from generator.content.schema import ConfigIn
from generator.errors import Diagnostic, Severity
from generator.model import Component, Group, Localized
from generator.text import i18n

CONFIG_NAME = "herald.yml"


@dataclass(frozen=True, slots=True)
class Channel:
    """An official channel (website, social account, support address, app listing)."""

    kind: str
    name: Localized
    address: str
    note: Localized
    contact: Localized = None  # type: ignore[assignment]
    """A person to ask for (the spokesperson of a press channel)."""
    developer: str | None = None
    """An app's developer name as the app stores show it."""


@dataclass(frozen=True, slots=True)
class Feedback:
    """Where readers send questions and feedback, and where scam reports go (and whether they are rewarded)."""

    link: str
    scam_reports: str | None = None
    scam_reward: Localized = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Signing:
    """The ``signing`` section: which key signs the updates, where its public part is, and a demo's secret."""

    fingerprint: str
    """40 upper-case hex digits, no spaces."""
    public_key: str
    demo_secret_key: str | None = None


@dataclass(frozen=True, slots=True)
class SecurityTxt:
    """What ``/.well-known/security.txt`` says (RFC 9116); its Expires comes from the build's now."""

    contact: tuple[str, ...]
    policy: str | None = None
    preferred_languages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Editor:
    """The ``editor`` section: the git backend the web editor at ``/admin/`` commits through."""

    backend: str
    repo: str | None = None
    branch: str = "main"
    base_url: str | None = None
    api_root: str | None = None
    app_id: str | None = None
    local_server: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """Validated project settings."""

    root: Path
    """Project folder; content paths are relative to it."""
    name: Localized
    url: str
    """Public base URL, always ending in '/'."""
    time_zone: str
    languages: tuple[str, ...]
    groups: tuple[Group, ...]
    components: tuple[Component, ...]
    description: Localized = None  # type: ignore[assignment]
    pinned_now: datetime | None = None
    stale_after: timedelta = timedelta(hours=72)
    max_file_bytes: int = 2_000_000
    max_files: int = 200_000
    history_per_page: int = 50
    home_days: int = 14
    allow_raw_html: bool = False
    search_incidents: bool = False
    incidents_dir: str = "incidents"
    pages_dir: str = "site_src"
    channels: tuple[Channel, ...] = ()
    company: Localized = None  # type: ignore[assignment]
    feeds_max_entries: int = 50
    """Entries in the site-wide, component and maintenance feeds; per-incident feeds keep all."""
    security: SecurityTxt | None = None
    """Contents of security.txt, or None to publish none."""
    feedback: Feedback | None = None
    explorers: tuple[tuple[str, str, str], ...] = ()
    """(chain, address URL, transaction URL) set in herald.yml, over the built-in block explorers."""
    signing: Signing | None = None
    """The ``signing`` section, or None (updates are signed only when HERALD_SIGNING_KEY is set)."""
    editor: Editor | None = None
    """The web editor's backend, or None to publish no editor."""
    translations: str = "optional"
    """``checks.translations``: missing or outdated translations are warnings, errors (required) or not checked."""
    announce: Announce | None = None
    """The ``announce`` section: channels told of each update (``herald announce``), or None."""

    @property
    def default_language(self) -> str:
        """The language served at the site root."""
        return self.languages[0]

    @property
    def zone(self) -> ZoneInfo:
        """The configured time zone."""
        return ZoneInfo(self.time_zone)

    def component(self, component_id: str) -> Component:
        """Look up a declared component."""
        return next(c for c in self.components if c.id == component_id)


def load_settings(root: Path) -> tuple[Settings | None, list[Diagnostic]]:
    """Read and validate ``root/herald.yml``; ``root/mkdocs.yml`` is checked for tags that run code too."""
    settings, diagnostics = _load_config(root)
    return settings, diagnostics + check_mkdocs_yaml(root)


def _load_config(root: Path) -> tuple[Settings | None, list[Diagnostic]]:
    """Read and validate ``root/herald.yml``."""
    path = root / CONFIG_NAME
    shown = CONFIG_NAME
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None, [Diagnostic(shown, 0, "", "no-config", f"no {CONFIG_NAME} in {root}",
                                 "run herald in the project folder, or pass --root")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Diagnostic(shown, 0, "", "unreadable", f"cannot read the file: {exc}",
                                 "save it as UTF-8 text")]
    data, lines, diagnostics = parse_yaml_mapping(text, shown)
    if data is None:
        return None, diagnostics
    config, warnings = validate_model(ConfigIn, data, shown, lines)
    if config is None:
        return None, warnings
    diagnostics = warnings + _check_config(config, lines) + _check_signing_files(config, root, lines)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return None, diagnostics
    return settings_from_config(config, root), diagnostics


def settings_from_config(config: ConfigIn, root: Path) -> Settings:
    """Build Settings from a validated configuration."""
    languages = tuple(dict.fromkeys(config.site.languages))
    default = languages[0]
    groups = tuple(Group(g.id, localize(g.name, default), localize(g.description, default), g.order)
                   for g in config.groups)
    components = tuple(
        Component(c.id, localize(c.name, default), localize(c.description, default), c.group, c.order)
        for c in config.components)
    url = config.site.url if config.site.url.endswith("/") else config.site.url + "/"
    return Settings(
        root=root, name=localize(config.site.name, default), url=url, time_zone=config.site.time_zone,
        languages=languages, groups=groups, components=components,
        description=localize(config.site.description, default), pinned_now=config.site.now,
        stale_after=timedelta(hours=config.checks.stale_after_hours), translations=config.checks.translations,
        max_file_bytes=config.limits.max_file_bytes, max_files=config.limits.max_files,
        history_per_page=config.output.history_per_page, home_days=config.output.home_days,
        allow_raw_html=config.output.allow_raw_html, search_incidents=config.output.search_incidents,
        incidents_dir=config.incidents_dir,
        pages_dir=config.pages_dir,
        channels=tuple(Channel(c.kind, localize(c.name, default), c.address, localize(c.note, default),
                               localize(c.contact, default), c.developer) for c in config.channels),
        feedback=(Feedback(config.feedback.link, config.feedback.scam_reports,
                           localize(config.feedback.scam_reward, default)) if config.feedback else None),
        explorers=tuple((chain, e.address, e.transaction) for chain, e in sorted(config.explorers.items())),
        company=localize(config.company, default) or localize(config.site.name, default),
        feeds_max_entries=config.output.feeds_max_entries,
        announce=announce_from_config(config.announce, languages, localize),
        signing=None if config.signing is None else Signing(
            "".join(config.signing.fingerprint.split()).upper(), config.signing.public_key,
            config.signing.demo_secret_key),
        security=None if config.security is None else SecurityTxt(
            tuple(config.security.contact), config.security.policy, tuple(config.security.preferred_languages)),
        editor=None if config.editor is None else Editor(**config.editor.model_dump()))


def localize(value: str | Mapping[str, str] | None, default_language: str) -> dict[str, str]:
    """Normalise a plain string or a by-language mapping to a by-language dict."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {default_language: value}
    return dict(value)


def _check_config(config: ConfigIn, lines: dict[Any, int]) -> list[Diagnostic]:
    """Cross-field checks: time zone, unique ids, known groups, content folders."""
    out: list[Diagnostic] = []
    try:
        ZoneInfo(config.site.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        out.append(Diagnostic(CONFIG_NAME, line_for(lines, ("site", "time_zone")), "site.time_zone",
                              "bad-time-zone", f"unknown time zone '{config.site.time_zone}'",
                              "use an IANA name such as UTC, Asia/Shanghai or Europe/Berlin"))
    group_ids = [g.id for g in config.groups]
    for kind, ids in (("groups", group_ids), ("components", [c.id for c in config.components])):
        for index, item_id in enumerate(ids):
            if item_id in ids[:index]:
                out.append(Diagnostic(CONFIG_NAME, line_for(lines, (kind, index, "id")), f"{kind}[{index}].id",
                                      "duplicate-id", f"id '{item_id}' is declared twice", "ids must be unique"))
    for index, component in enumerate(config.components):
        if component.group is not None and component.group not in group_ids:
            out.append(Diagnostic(CONFIG_NAME, line_for(lines, ("components", index, "group")),
                                  f"components[{index}].group", "unknown-group",
                                  f"group '{component.group}' is not declared under groups",
                                  near(component.group, group_ids) or "declare it under 'groups:'"))
    paths = [(key, getattr(config, key)) for key in ("incidents_dir", "pages_dir")]
    if config.signing is not None:
        paths += [(f"signing.{key}", getattr(config.signing, key)) for key in ("public_key", "demo_secret_key")
                  if getattr(config.signing, key)]
    for key, value in paths:
        if Path(value).is_absolute() or ".." in Path(value).parts:
            out.append(Diagnostic(CONFIG_NAME, line_for(lines, tuple(key.split("."))), key, "path-escapes",
                                  f"'{value}' must be a folder inside the project", "use a relative path"))
    announce = check_announce(config.announce, list(config.site.languages), [c.id for c in config.components],
                              [c.address for c in config.channels], lines)
    return (out + _check_site(config, lines) + _check_bounds(config, lines) + _check_channels(config, lines)
            + _check_editor(config, lines) + announce)


def _check_editor(config: ConfigIn, lines: dict[Any, int]) -> list[Diagnostic]:
    """A git host backend needs the repository it commits to."""
    editor = config.editor
    if editor is None or editor.backend == "git-gateway" or editor.repo is not None:
        return []
    return [Diagnostic(CONFIG_NAME, line_for(lines, ("editor", "backend")), "editor.repo", "missing-field",
                       f"the {editor.backend} backend needs the repository the editor commits to",
                       "add 'repo: owner/name' under editor")]


NUMBER_BOUNDS = {("checks", "stale_after_hours"): 24 * 365 * 10, ("output", "history_per_page"): 10_000,
                 ("output", "feeds_max_entries"): 100_000, ("limits", "max_files"): 10_000_000,
                 ("limits", "max_file_bytes"): 1_000_000_000}
"""Largest sane value of each number in herald.yml (beyond them durations overflow or limits mean nothing)."""


def _check_site(config: ConfigIn, lines: dict[Any, int]) -> list[Diagnostic]:
    """The site's address and languages."""
    out = []
    problem = site_url_problem(config.site.url)
    if problem:
        out.append(Diagnostic(CONFIG_NAME, line_for(lines, ("site", "url")), "site.url", "bad-url",
                              f"site.url is not usable: {problem}",
                              "write the plain public address, e.g. https://status.example.com/ "
                              "(no query, fragment, quotes or spaces)"))
    if not config.site.languages:
        out.append(Diagnostic(CONFIG_NAME, line_for(lines, ("site", "languages")), "site.languages", "empty-value",
                              "site.languages is empty", "list at least one language, e.g. [en] or [en, zh]"))
    return out + _check_languages(config.site.languages, lines)


def _check_languages(languages: list[str], lines: dict[Any, int]) -> list[Diagnostic]:
    """A tag CLDR does not know is an error; a language without a catalog builds with English interface text."""
    out = []
    for index, tag in enumerate(languages):
        line, field = line_for(lines, ("site", "languages", index)), f"site.languages[{index}]"
        if not i18n.known_tag(tag):
            out.append(Diagnostic(CONFIG_NAME, line, field, "unknown-language",
                                  f"'{tag}' is not a language tag that Herald knows",
                                  "use a BCP 47 tag such as en, zh-Hans, zh-Hant, ja, ko, es, pt-BR or ar"))
        elif not i18n.has_catalog(tag):
            out.append(Diagnostic(CONFIG_NAME, line, field, "no-catalog",
                                  f"Herald has no interface translation for '{tag}': its pages show "
                                  "the interface (menus, labels, dates' words) in English",
                                  f"translate generator/locales/herald.pot into generator/locales/"
                                  f"{tag.replace('-', '_')}/LC_MESSAGES/herald.po (see the README)", Severity.WARNING))
    return out


def _check_signing_files(config: ConfigIn, root: Path, lines: dict[Any, int]) -> list[Diagnostic]:
    """The signing section's files exist (the secret key itself is the build's to read and check)."""
    signing = config.signing
    if signing is None:
        return []
    return [Diagnostic(CONFIG_NAME, line_for(lines, ("signing", key)), f"signing.{key}", "missing-file",
                       f"signing.{key} names '{value}', which is not a file in the project",
                       "export the key there (gpg --armor --export FINGERPRINT > signing-key.asc), or fix the path")
            for key, value in (("public_key", signing.public_key), ("demo_secret_key", signing.demo_secret_key))
            if value and not (Path(value).is_absolute() or ".." in Path(value).parts)
            and not (root / value).is_file()]


def _check_bounds(config: ConfigIn, lines: dict[Any, int]) -> list[Diagnostic]:
    """Numbers too large to mean anything (they would overflow durations)."""
    out = []
    for (section, key), largest in NUMBER_BOUNDS.items():
        value = getattr(getattr(config, section), key)
        if value > largest:
            out.append(Diagnostic(CONFIG_NAME, line_for(lines, (section, key)), f"{section}.{key}", "out-of-range",
                                  f"{section}.{key} is {value}; the largest value allowed is {largest:,}",
                                  "use a smaller number"))
    return out


def _check_channels(config: ConfigIn, lines: dict[Any, int]) -> list[Diagnostic]:
    """Official channels: no text-direction tricks (error); look-alike letters or punycode (warning)."""
    out = []
    for index, channel in enumerate(config.channels):
        line, field = line_for(lines, ("channels", index, "address")), f"channels[{index}].address"
        problem = channel_address_problem(channel.address)
        if problem:
            out.append(Diagnostic(CONFIG_NAME, line, field, "bidi-control", f"the address is refused: {problem}",
                                  "type the address again without invisible characters"))
        warning = channel_address_warning(channel.address)
        if warning:
            out.append(Diagnostic(CONFIG_NAME, line, field, "look-alike-address", f"check this address: {warning}",
                                  "make sure it is exactly the address users should trust", Severity.WARNING))
    return out
