"""Settings: read once, validated, passed down the flow as frozen data.

Every stage takes the part of the settings it needs; nothing reads a file or the
environment after this module has built a Settings."""

from __future__ import annotations

import re
import reprlib
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the standard library has it from 3.11
    import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]

from .errors import ConfigError
from .model import (
    CHAIN_CLASSES,
    FAIL_ON_LEVELS,
    FINDING_KINDS,
    LEAD_CLASSES,
    TIMING_CLASSES,
    WORDING_CLASSES,
    Severity,
)

# UK conventions: meteorological seasons as people in UK public bodies use them,
# and the public-sector financial year that starts in April.
DEFAULT_SEASONS: Mapping[str, tuple[int, int]] = MappingProxyType(
    {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
)


@dataclass(frozen=True)
class TimingSettings:
    seasons: Mapping[str, tuple[int, int]] = field(default_factory=lambda: DEFAULT_SEASONS)
    fiscal_year_start: int = 4  # month the financial year starts

    # Hashable by content, as frozen data should be, though a mapping cannot be
    # hashed: the stages remember their work per settings (a table's repeated cells).
    def __hash__(self) -> int:
        return self._content_hash

    @cached_property
    def _content_hash(self) -> int:
        return hash((frozenset(self.seasons.items()), self.fiscal_year_start))


@dataclass(frozen=True)
class LoadSettings:
    """Bounds on reading one document, so that a hostile or broken file ends in a
    clear error instead of a hang or a blown-up machine; and its password."""

    max_pages: int = 1000
    max_chars: int = 5_000_000  # characters of text in one document
    timeout: float | None = None  # seconds of reading for one document; None: read_timeout's default
    max_memory: int = 400  # MB that reading one document may add
    password: str | None = None  # for a PDF encrypted with a user password (never from config)
    # "fast": pdfium, with pdfplumber for what it does not reproduce exactly;
    # "plumber": pdfplumber alone, the reference the fast reader is tested against
    engine: str = "fast"
    # which pages are read with OCR: none (a scan is refused), those without a
    # text layer, or every page
    ocr: str = "never"
    # whether a long PDF's pages may be read over the cores that are free (not
    # in a batch, which runs its pairs in parallel instead)
    pages_in_parallel: bool = True

    @property
    def read_timeout(self) -> float:
        """The timeout given, or the default: a text document reads in seconds,
        while OCR takes seconds a page (about 2.5), so a scan of a hundred pages
        is given its time where OCR may read it."""
        if self.timeout is not None:
            return self.timeout
        return DEFAULT_OCR_TIMEOUT if self.ocr != "never" else DEFAULT_TIMEOUT


OCR_MODES = ("never", "auto", "always")
DEFAULT_TIMEOUT = 20.0
DEFAULT_OCR_TIMEOUT = 300.0
# A finding that rests on words read with OCR below this confidence (0-100) is
# marked for review: Tesseract gives nearly every word it reads right 85 and
# over, and the words it misreads on the fixtures' scans less.
DEFAULT_OCR_REVIEW_BELOW = 85.0


@dataclass(frozen=True)
class LeadSettings:
    # canonical name -> other names for the same body ("MPS": ["the Met", ...])
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # a role -> the body it belongs to ("AC Frontline Policing": "MPS")
    roles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    # Hashable by content, as TimingSettings: the stages remember their work per
    # settings (each name's canonical form, a Lead column's repeated cells).
    def __hash__(self) -> int:
        return self._content_hash

    @cached_property
    def _content_hash(self) -> int:
        return hash((frozenset(self.aliases.items()), frozenset(self.roles.items())))


DEFAULT_SEVERITIES: Mapping[str, Severity] = MappingProxyType(
    {
        # an action of the minutes that the letter lost
        "unmatched.minutes-only": Severity.ERROR,
        # an action the letter has and the minutes do not (new actions in a follow-up)
        "unmatched.letter-only": Severity.WARNING,
        "wording.cosmetic": Severity.INFO,
        "wording.substantive": Severity.WARNING,
        "timing.added": Severity.INFO,
        "timing.dropped": Severity.ERROR,
        "timing.narrowed": Severity.INFO,
        "timing.widened": Severity.WARNING,
        "timing.slipped": Severity.ERROR,
        "timing.advanced": Severity.WARNING,
        "timing.status": Severity.INFO,
        # one document's text and its own Timing column disagree
        "timing.inconsistent": Severity.WARNING,
        "lead.changed": Severity.ERROR,
        "lead.added": Severity.INFO,
        "lead.dropped": Severity.WARNING,
        "lead.mismatch": Severity.ERROR,
        # one action restated as several, or several as one
        "structure.split": Severity.INFO,
        "structure.merge": Severity.INFO,
        # a series: an open action no later document mentions again
        "chain.vanished": Severity.ERROR,
        "chain.reopened": Severity.WARNING,
        "chain.slipped-repeatedly": Severity.WARNING,
        "chain.owner-churn": Severity.WARNING,
        # most bodies tick an action without a word on its outcome
        "chain.closed-without-evidence": Severity.INFO,
        "chain.stale": Severity.WARNING,
    }
)

FINDING_CLASSES: tuple[str, ...] = (
    "unmatched.minutes-only",
    "unmatched.letter-only",
    *(f"wording.{c}" for c in WORDING_CLASSES if c != "none"),
    *(f"timing.{c}" for c in TIMING_CLASSES if c != "none"),
    "timing.inconsistent",
    *(f"lead.{c}" for c in LEAD_CLASSES if c != "none"),
    "structure.split",
    "structure.merge",
    *(f"chain.{c}" for c in CHAIN_CLASSES),
)


@dataclass(frozen=True)
class SeriesSettings:
    """When a chain's history becomes a finding."""

    stale_after: int = 3  # restated unchanged this many times while open
    slips: int = 2  # due date slipped this many times
    owner_changes: int = 2  # owner changed this many times


@dataclass(frozen=True)
class Settings:
    timing: TimingSettings = field(default_factory=TimingSettings)
    leads: LeadSettings = field(default_factory=LeadSettings)
    load: LoadSettings = field(default_factory=LoadSettings)
    severities: Mapping[str, Severity] = field(default_factory=lambda: DEFAULT_SEVERITIES)
    fail_on: str = "error"  # info | warning | error | never
    # finding kinds ("timing"), classes ("timing.status") or action numbers ("7")
    # whose findings are reported but do not fail a gate: drift that was agreed
    ignore: tuple[str, ...] = ()
    # a body's own words for sections that track actions ("Clerk's report"),
    # besides the usual ones ("Actions", "Matters arising", "Next steps", ...)
    sections: tuple[str, ...] = ()
    series: SeriesSettings = field(default_factory=SeriesSettings)
    ocr_review_below: float = DEFAULT_OCR_REVIEW_BELOW

    def severity(self, finding_class: str) -> Severity:
        return self.severities[finding_class]

    def reading_in_one_process(self) -> Settings:
        """These settings where documents are read side by side already (a batch,
        a series over --jobs): a document's pages then in one process."""
        return replace(self, load=replace(self.load, pages_in_parallel=False))

    @classmethod
    def resolve(cls, value: Settings | Mapping[str, Any] | None, source: str = "config") -> Settings:
        """Settings from None (the defaults), a mapping as read from YAML, or as is."""
        if value is None:
            return cls()
        if isinstance(value, Settings):
            return value
        return _settings_from_mapping(value, source)


CONFIG_NAMES = ("reconcile.yaml", ".reconcile.yaml")


@dataclass(frozen=True)
class LoadedConfig:
    """Settings and where they came from, for `reconcile config --show`."""

    settings: Settings
    path: str | None = None  # the file read; None when every value is a default
    # the file's settings as read (validated): what batch workers rebuild Settings
    # from, since a Settings holds read-only mappings that do not pickle
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def keys(self) -> tuple[str, ...]:
        """The top-level keys that the file set."""
        return tuple(self.data)


def find_config(start: Path) -> Path | None:
    """reconcile.yaml or .reconcile.yaml in start or a parent, else the nearest
    pyproject.toml with a [tool.reconcile] table."""
    folders = [start, *start.parents]
    for folder in folders:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    for folder in folders:
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def load_config(explicit: str | Path | None = None, cwd: Path | None = None) -> LoadedConfig:
    """--config FILE if given, else the discovered file, else the defaults."""
    path = Path(explicit) if explicit is not None else find_config((cwd or Path.cwd()).resolve())
    if path is None:
        return LoadedConfig(Settings())
    data = _read_config(path)
    return LoadedConfig(_settings_from_mapping(data, str(path)), str(path), dict(data))


def load_settings(path: str | Path) -> Settings:
    """Read a YAML config file (or a pyproject.toml's [tool.reconcile]) into Settings."""
    return _settings_from_mapping(_read_config(Path(path)), str(path))


def _read_config(path: Path) -> Mapping[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("no such file", str(path)) from None
    except IsADirectoryError:
        raise ConfigError("is a directory, not a config file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc.__class__.__name__}", str(path)) from None
    data = _parse_toml(text, path) if path.suffix == ".toml" else _parse_yaml(text, path)
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ConfigError("expected a mapping of settings at the top level", str(path))
    return data


def _parse_yaml(text: str, path: Path) -> Any:
    import yaml  # only a config file needs it: imported on use, for start-up time

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"not valid YAML{where}", str(path)) from None
    except RecursionError:
        raise ConfigError("not valid YAML (nested too deeply)", str(path)) from None


def _parse_toml(text: str, path: Path) -> Any:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc})", str(path)) from None
    except RecursionError:
        raise ConfigError("not valid TOML (nested too deeply)", str(path)) from None
    table = document.get("tool", {}).get("reconcile")
    if table is None:
        raise ConfigError("has no [tool.reconcile] table", str(path))
    return table


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return "reconcile" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False


def describe_config(loaded: LoadedConfig) -> str:
    """The effective configuration as YAML, each top-level key with where it came from."""
    import yaml

    values = _as_plain(loaded.settings)
    lines = [f"# configuration file: {loaded.path or '(none found; all defaults)'}"]
    for key in CONFIG_KEYS:
        origin = loaded.path if key in loaded.keys else "default"
        lines.append(f"# {key}: from {origin}")
        lines.append(yaml.safe_dump({key: values[key]}, sort_keys=False, allow_unicode=True).rstrip())
    return "\n".join(lines) + "\n"


def settings_as_mapping(settings: Settings) -> dict[str, Any]:
    """The settings as a config file would give them (plain data that pickles):
    Settings.resolve of it gives them back, all but a PDF's password and engine,
    which no config file gives."""
    return _as_plain(settings)


def _as_plain(settings: Settings) -> dict[str, Any]:
    return {
        "fail_on": settings.fail_on,
        "severities": {name: level.value for name, level in settings.severities.items()},
        "aliases": {name: list(others) for name, others in settings.leads.aliases.items()},
        "roles": dict(settings.leads.roles),
        "timing": {
            "fiscal_year_start": settings.timing.fiscal_year_start,
            "seasons": {name: list(months) for name, months in settings.timing.seasons.items()},
        },
        "ignore": list(settings.ignore),
        "sections": list(settings.sections),
        "limits": {
            "max_pages": settings.load.max_pages,
            "max_chars": settings.load.max_chars,
            "timeout": settings.load.read_timeout,
            "max_memory": settings.load.max_memory,
        },
        "series": {
            "stale_after": settings.series.stale_after,
            "slips": settings.series.slips,
            "owner_changes": settings.series.owner_changes,
        },
        "ocr": settings.load.ocr,
        "ocr_review_below": settings.ocr_review_below,
    }


CONFIG_KEYS = (
    "fail_on",
    "severities",
    "aliases",
    "roles",
    "timing",
    "ignore",
    "sections",
    "limits",
    "series",
    "ocr",
    "ocr_review_below",
)


def _settings_from_mapping(data: Mapping[str, Any], source: str) -> Settings:
    for key in data:
        if key not in CONFIG_KEYS:
            raise ConfigError(f"unknown key {_shown(key)}; expected one of {', '.join(CONFIG_KEYS)}", source)
    settings = Settings()
    if "fail_on" in data:
        settings = replace(settings, fail_on=_one_of(data["fail_on"], FAIL_ON_LEVELS, "fail_on", source))
    if "severities" in data:
        settings = replace(settings, severities=_severities(data["severities"], source))
    if "aliases" in data or "roles" in data:
        settings = replace(settings, leads=_lead_settings(data, source))
    if "timing" in data:
        settings = replace(settings, timing=_timing_settings(data["timing"], source))
    if "ignore" in data:
        settings = replace(settings, ignore=_ignore(data["ignore"], source))
    if "limits" in data:
        settings = replace(settings, load=_limits(data["limits"], source))
    if "sections" in data:
        settings = replace(settings, sections=_sections(data["sections"], source))
    if "series" in data:
        settings = replace(settings, series=_series_settings(data["series"], source))
    if "ocr" in data:
        ocr = _one_of(data["ocr"], OCR_MODES, "ocr", source)
        settings = replace(settings, load=replace(settings.load, ocr=ocr))
    if "ocr_review_below" in data:
        settings = replace(settings, ocr_review_below=_confidence(data["ocr_review_below"], source))
    return settings


def _confidence(value: Any, source: str) -> float:
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not numeric or not 0 <= value <= 100:
        raise ConfigError(
            f"ocr_review_below: expected a confidence from 0 to 100, got {_shown(value)}", source
        )
    return float(value)


def _series_settings(value: Any, source: str) -> SeriesSettings:
    data = _mapping(value, "series", source)
    counts: dict[str, int] = {}
    for key, number in data.items():
        if key not in SeriesSettings.__dataclass_fields__:
            expected = ", ".join(SeriesSettings.__dataclass_fields__)
            raise ConfigError(f"series: unknown key {_shown(key)}; expected one of {expected}", source)
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise ConfigError(f"series.{key}: expected a positive whole number, got {_shown(number)}", source)
        counts[key] = number
    return SeriesSettings(**counts)


_LIMIT_KEYS = {"max_pages": int, "max_chars": int, "timeout": float, "max_memory": int}


def _limits(value: Any, source: str) -> LoadSettings:
    data = _mapping(value, "limits", source)
    numbers: dict[str, Any] = {}
    for key, number in data.items():
        kind = _LIMIT_KEYS.get(key)
        if kind is None:
            raise ConfigError(
                f"limits: unknown key {_shown(key)}; expected one of {', '.join(_LIMIT_KEYS)}", source
            )
        numeric = isinstance(number, (int, float)) and not isinstance(number, bool)
        if not numeric or number <= 0 or (kind is int and not isinstance(number, int)):
            expected = "a positive whole number" if kind is int else "a positive number of seconds"
            raise ConfigError(f"limits.{key}: expected {expected}, got {_shown(number)}", source)
        numbers[key] = kind(number)
    return LoadSettings(**numbers)


def _ignore(value: Any, source: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, (str, int, float)) else value
    if not isinstance(items, list) or not all(isinstance(i, (str, int, float)) for i in items):
        raise ConfigError("ignore: expected a list of finding classes or action numbers", source)
    return check_ignore([str(i) for i in items], source)


# an action's number as documents print it: 7, 4a, A12, 2.1, 2022/06-3
_ACTION_NUMBER = re.compile(r"[A-Za-z]{0,3}\d[\w./-]*")


def check_ignore(items: list[str] | tuple[str, ...], source: str, key: str = "ignore: ") -> tuple[str, ...]:
    """What `ignore:` or --ignore names, checked as `severities:` is: each a finding
    class (timing.status), a kind (timing) or an action's number (7). Whether some
    action has that number is known only once the documents are read (the gate)."""
    for item in items:
        if item in FINDING_CLASSES or item in FINDING_KINDS or _ACTION_NUMBER.fullmatch(item):
            continue
        raise ConfigError(
            f"{key}unknown finding class, kind or action number {_shown(item)}; expected a class "
            f"({', '.join(FINDING_CLASSES)}), a kind ({', '.join(FINDING_KINDS)}) or an action's number",
            source,
        )
    return tuple(items)


def _sections(value: Any, source: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise ConfigError("sections: expected a list of section titles", source)
    return tuple(i.strip() for i in items)


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 40
_REPR.maxlist = _REPR.maxdict = _REPR.maxtuple = _REPR.maxset = 4
_REPR.maxlevel = 2


def _shown(value: Any) -> str:
    """A bad value as the error shows it: bounded, since a YAML alias bomb's full
    repr would be billions of characters."""
    try:
        return _REPR.repr(value)
    except RecursionError:
        return "(a value nested too deeply to show)"


def _one_of(value: Any, allowed: tuple[str, ...], key: str, source: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ConfigError(f"{key}: expected one of {', '.join(allowed)}, got {_shown(value)}", source)
    return value


def _mapping(value: Any, key: str, source: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{key}: expected a mapping, got {type(value).__name__}", source)
    for k in value:
        if not isinstance(k, str):
            raise ConfigError(f"{key}: keys must be strings, got {_shown(k)}", source)
    return value


def _severities(value: Any, source: str) -> Mapping[str, Severity]:
    result = dict(DEFAULT_SEVERITIES)
    levels = tuple(s.value for s in Severity)
    for name, level in _mapping(value, "severities", source).items():
        if name not in DEFAULT_SEVERITIES:
            raise ConfigError(
                f"severities: unknown finding class {_shown(name)}; "
                f"expected one of {', '.join(FINDING_CLASSES)}",
                source,
            )
        result[name] = Severity(_one_of(level, levels, f"severities.{name}", source))
    return MappingProxyType(result)


def _lead_settings(data: Mapping[str, Any], source: str) -> LeadSettings:
    aliases: dict[str, tuple[str, ...]] = {}
    for name, others in _mapping(data.get("aliases", {}), "aliases", source).items():
        if isinstance(others, str):
            others = [others]
        if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
            raise ConfigError(f"aliases.{name}: expected a list of names", source)
        aliases[name] = tuple(others)
    roles: dict[str, str] = {}
    for role, body in _mapping(data.get("roles", {}), "roles", source).items():
        if not isinstance(body, str):
            raise ConfigError(f"roles.{role}: expected the name of a body, got {_shown(body)}", source)
        roles[role] = body
    return LeadSettings(aliases=MappingProxyType(aliases), roles=MappingProxyType(roles))


_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _month(value: Any, key: str, source: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
        return value
    if isinstance(value, str) and value.strip().lower() in _MONTHS:
        return _MONTHS.index(value.strip().lower()) + 1
    raise ConfigError(f"{key}: expected a month (1-12 or its name), got {_shown(value)}", source)


def _timing_settings(value: Any, source: str) -> TimingSettings:
    data = _mapping(value, "timing", source)
    for key in data:
        if key not in ("seasons", "fiscal_year_start"):
            raise ConfigError(
                f"timing: unknown key {_shown(key)}; expected seasons or fiscal_year_start", source
            )
    settings = TimingSettings()
    if "fiscal_year_start" in data:
        settings = replace(
            settings, fiscal_year_start=_month(data["fiscal_year_start"], "timing.fiscal_year_start", source)
        )
    if "seasons" in data:
        seasons = dict(DEFAULT_SEASONS)
        for name, months in _mapping(data["seasons"], "timing.seasons", source).items():
            if name not in DEFAULT_SEASONS:
                raise ConfigError(f"timing.seasons: unknown season {_shown(name)}", source)
            if not isinstance(months, list) or len(months) != 2:
                raise ConfigError(f"timing.seasons.{name}: expected [first month, last month]", source)
            key = f"timing.seasons.{name}"
            seasons[name] = (_month(months[0], key, source), _month(months[1], key, source))
        settings = replace(settings, seasons=MappingProxyType(seasons))
    return settings
