"""What people write for when an action is due -> Timing; and how two timings differ.

Dates are read as UK public bodies write them: day before month, financial years
that start in April, meteorological seasons (both from TimingSettings). A month or
day written without a year takes the year that places it in the twelve months that
start three months before the document's own date, so "by 27 June" in a July letter
stays in the past and "January" in November minutes moves to the next year.

Prose is read conservatively: an action's sentence is full of numbers ("17 per cent",
"2021-22 Q4 Performance Report", "within 24 hours") that are not when it is due, so
numbers count only where a form or a preposition marks them as a time. Table cells
are read leniently: everything in a Timing cell is meant as a timing.
"""

from __future__ import annotations

import calendar
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, lru_cache

from .config import TimingSettings
from .model import Timing
from .scan import compile_scanning

__all__ = ["compare_timing", "find_dates", "find_timing", "mentioned_status", "parse_timing"]

_DEFAULT_SETTINGS = TimingSettings()

# ASCII matching: with full Unicode case folding, "ſep" or a Kelvin sign would match a
# month pattern and then miss every lookup table keyed by ASCII names.
_FLAGS = re.IGNORECASE | re.ASCII

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_INDEX = {name[:3].lower(): number for number, name in enumerate(_MONTHS, start=1)}
_FULL_MONTH_NAMES = frozenset(name.lower() for name in _MONTHS)
# English words as well as months: in prose they need a date-like neighbour.
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})

# UK school terms; not configurable because they do not vary between bodies.
_TERMS = {"spring": (1, 3), "summer": (4, 7), "autumn": (9, 12)}

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_NEEDS_ORDER = {"none": 0, "weak": 1, "strong": 2}

_Y4 = r"(?:19|20)\d\d"
_MONTH_ALTERNATIVES = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"


def _mon(name: str) -> str:
    return rf"(?<![a-z])(?P<{name}>{_MONTH_ALTERNATIVES})(?![a-z])"


def _day(name: str = "d") -> str:
    return rf"(?<!\d)(?P<{name}>[12]\d|3[01]|0?[1-9])(?P<{name}_sfx>st|nd|rd|th)?(?![\da-z])"


# A fiscal year: FY23, FY 2023, FY2022/23, 2022/23, 2022-23, 2022/2023.
_FY = rf"FY\s?'?\d\d(?:\d\d)?(?:\s*[/-]\s*\d\d(?:\d\d)?)?|{_Y4}\s*[/-]\s*\d\d(?:\d\d)?(?!\d)"
# Inside a quarter ("Q3 22/23") two-digit pairs are safe to read as a fiscal year.
_QUARTER_FY = rf"{_FY}|\d\d\s*/\s*\d\d(?!\d)"


@dataclass(frozen=True)
class _Span:
    start: date | None  # None: a deadline, open towards the past
    end: date
    granularity: str
    label: str


@dataclass(frozen=True)
class _Context:
    reference: date | None
    settings: TimingSettings
    prose: bool


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    priority: int
    span: _Span


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    priority: int
    span: _Span | None  # None: reads as a date that does not exist ("31 June")


_Found = tuple[_Span, str]  # the span and the context it needs in prose
_Handler = Callable[[re.Match[str], _Context], _Found | None]


# ---------------------------------------------------------------------------
# Calendar arithmetic


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    year, index = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, index + 1, min(day.day, calendar.monthrange(year, index + 1)[1]))


def _month_label(year: int, month: int) -> str:
    return f"{_MONTHS[month - 1]} {year}"


def _day_label(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _fiscal_label(first_year: int, settings: TimingSettings) -> str:
    if settings.fiscal_year_start == 1:
        return str(first_year)
    return f"{first_year}/{(first_year + 1) % 100:02d}"


def _months_span(year: int, month: int, end_year: int, end_month: int, granularity: str, label: str) -> _Span:
    return _Span(date(year, month, 1), _month_end(end_year, end_month), granularity, label)


def _month_span(year: int, month: int) -> _Span:
    return _months_span(year, month, year, month, "month", _month_label(year, month))


def _fiscal_year_span(first_year: int, settings: TimingSettings) -> _Span:
    start = date(first_year, settings.fiscal_year_start, 1)
    end = _add_months(start, 12) - timedelta(days=1)
    return _Span(start, end, "year", _fiscal_label(first_year, settings))


def _fiscal_quarter_span(first_year: int, quarter: int, settings: TimingSettings) -> _Span:
    index = settings.fiscal_year_start - 1 + 3 * (quarter - 1)
    start = date(first_year + index // 12, index % 12 + 1, 1)
    end = _add_months(start, 3) - timedelta(days=1)
    return _Span(start, end, "quarter", f"Q{quarter} {_fiscal_label(first_year, settings)}")


def _fiscal_year_of(day: date, settings: TimingSettings) -> int:
    return day.year if day.month >= settings.fiscal_year_start else day.year - 1


def _in_window(build: Callable[[int], _Span], ctx: _Context) -> _Span | None:
    """The span for the year that places its start near the document's date."""
    reference = ctx.reference
    if reference is None:
        return None
    low, high = _add_months(reference, -3), _add_months(reference, 9)
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            span = build(year)
        except (ValueError, OverflowError):
            continue  # 29 February in a year without one
        if span.start is not None and low <= span.start < high:
            return span
    raise ValueError("no such date near the document's date")


# ---------------------------------------------------------------------------
# Reading the parts of a match


def _month_number(token: str) -> int | None:
    return _MONTH_INDEX.get(token[:3].lower())


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _two_digit_year(number: int) -> int:
    return 2000 + number


def _month_needs(token: str, ctx: _Context, anchored: bool) -> str | None:
    """How much context a month name needs in prose; None if it is not a month there.

    anchored: a day or a year is written next to it."""
    if not ctx.prose:
        return "none"
    low = token.lower()
    ambiguous = low in _AMBIGUOUS_MONTHS
    if not token[0].isupper() and (ambiguous or not anchored):
        return None
    if anchored:
        return "none"
    if low in _FULL_MONTH_NAMES:
        return "weak" if ambiguous else "none"
    # "Dec" may be a month; "DEC" standing alone is more likely an acronym.
    return "weak" if token.istitle() else None


def _stricter(*needs: str | None) -> str | None:
    if any(n is None for n in needs):
        return None
    return max((n for n in needs if n is not None), key=_NEEDS_ORDER.__getitem__, default="none")


def _fiscal_first_year(text: str, settings: TimingSettings) -> int | None:
    """The calendar year in which the written financial year starts."""
    compact = re.sub(r"[\s']", "", text).upper()
    numbers = re.findall(r"\d+", compact)
    if len(numbers) == 2:
        first, second = (int(n) for n in numbers)
        first = first if first >= 100 else _two_digit_year(first)
        if second % 100 != (first + 1) % 100 or (second >= 100 and second != first + 1):
            return None
        return first
    if len(numbers) == 1 and compact.startswith("FY"):
        # "FY23" names the financial year that ends in 2023.
        ending = int(numbers[0]) if len(numbers[0]) == 4 else _two_digit_year(int(numbers[0]))
        return ending - 1 if settings.fiscal_year_start > 1 else ending
    return None


def _two_digit_to_year(text: str) -> int:
    return int(text) if len(text) == 4 else _two_digit_year(int(text))


# ---------------------------------------------------------------------------
# The forms: one pattern and one handler each


def _iso_date(m: re.Match[str], ctx: _Context) -> _Found | None:
    day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _Span(day, day, "day", _day_label(day)), "none"


def _numeric_date(m: re.Match[str], ctx: _Context) -> _Found | None:
    day = date(int(m["y"]), int(m["m"]), int(m["d"]))  # day first, as in the UK
    return _Span(day, day, "day", _day_label(day)), "none"


def _day_in_month(m: re.Match[str], ctx: _Context, month_group: str) -> _Found | None:
    month = _month_number(m[month_group])
    needs = _month_needs(m[month_group], ctx, anchored=True)
    if month is None or needs is None:
        return None
    number = int(m["d"])

    def build(year: int) -> _Span:
        day = date(year, month, number)
        return _Span(day, day, "day", _day_label(day))

    year = _year(m["y"])
    span = build(year) if year is not None else _in_window(build, ctx)
    return (span, needs) if span else None


def _day_month(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _day_in_month(m, ctx, "dm")


def _month_day(m: re.Match[str], ctx: _Context) -> _Found | None:
    token = m["md"]
    abbreviated = token.lower() not in _FULL_MONTH_NAMES
    if not ctx.prose and abbreviated and m["y"] is None and not m["d_sfx"] and len(m["d"]) == 2:
        return None  # in a Timing cell "Oct 22" is October 2022, not 22 October
    return _day_in_month(m, ctx, "md")


def _week(m: re.Match[str], ctx: _Context) -> _Found | None:
    found = _day_in_month(m, ctx, "wm")
    if found is None or found[0].start is None:
        return None
    first = found[0].start
    return _Span(first, first + timedelta(days=6), "week", f"w/c {_day_label(first)}"), "none"


_MONTH_PARTS = {
    "early": (1, 10, "early {}"),
    "beginning": (1, 10, "early {}"),
    "start": (1, 10, "early {}"),
    "mid": (11, 20, "mid-{}"),
    "middle": (11, 20, "mid-{}"),
    "late": (21, 31, "late {}"),
    "end": (22, 31, "end of {}"),
}


def _part_of_month(m: re.Match[str], ctx: _Context) -> _Found | None:
    month = _month_number(m["pm"])
    needs = _month_needs(m["pm"], ctx, anchored=True)
    if month is None or needs is None:
        return None
    first, last, template = _MONTH_PARTS[m["part"].lower()]

    def build(year: int) -> _Span:
        end = _month_end(year, month)
        return _Span(
            date(year, month, first),
            end.replace(day=min(last, end.day)),
            "week",
            template.format(_month_label(year, month)),
        )

    year = _year(m["y"])
    span = build(year) if year is not None else _in_window(build, ctx)
    return (span, needs) if span else None


def _range_label(year: int, month: int, end_year: int, end_month: int, count: int) -> str:
    if count == 1:
        return _month_label(year, month)
    joint = "/" if count == 2 else " to "
    if year == end_year:
        return f"{_MONTHS[month - 1]}{joint}{_MONTHS[end_month - 1]} {year}"
    return f"{_month_label(year, month)}{joint}{_month_label(end_year, end_month)}"


def _range_span(year: int, month: int, end_year: int, end_month: int) -> _Span:
    count = (end_year * 12 + end_month) - (year * 12 + month) + 1
    if not 1 <= count <= 24:
        raise ValueError("not a range of months")
    label = _range_label(year, month, end_year, end_month, count)
    return _months_span(year, month, end_year, end_month, "month", label)


def _month_range(m: re.Match[str], ctx: _Context) -> _Found | None:
    first, last = _month_number(m["ma"]), _month_number(m["mb"])
    year, end_year = _year(m["ya"]), _year(m["yb"])
    anchored = year is not None or end_year is not None
    # Two month names joined by a dash or "to" read as a range even without a year.
    needs = _stricter(
        _month_needs(m["ma"], ctx, anchored or (ctx.prose and m["ma"][0].isupper())),
        _month_needs(m["mb"], ctx, anchored or (ctx.prose and m["mb"][0].isupper())),
    )
    if first is None or last is None or needs is None:
        return None
    wraps = 1 if last < first else 0
    if year is None and end_year is None:
        span = _in_window(lambda y: _range_span(y, first, y + wraps, last), ctx)
    elif year is None:
        assert end_year is not None
        span = _range_span(end_year - wraps, first, end_year, last)
    elif end_year is None:
        span = _range_span(year, first, year + wraps, last)
    else:
        span = _range_span(year, first, end_year, last)
    return (span, needs) if span else None


def _numeric_month(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _month_span(int(m["y"]), int(m["m"])), "strong"


def _month(m: re.Match[str], ctx: _Context) -> _Found | None:
    month = _month_number(m["mm"])
    if month is None:
        return None
    if m["y"]:
        year: int | None = int(m["y"])
    elif m["yy"]:
        year = _two_digit_year(int(m["yy"]))
    elif m["yy2"] and not ctx.prose:
        year = _two_digit_year(int(m["yy2"]))
    elif m["yy2"]:
        return None  # "Oct 22" in prose is more likely a day; _month_day reads it
    else:
        year = None
    needs = _month_needs(m["mm"], ctx, anchored=year is not None)
    if needs is None:
        return None
    span = _month_span(year, month) if year is not None else _in_window(lambda y: _month_span(y, month), ctx)
    return (span, needs) if span else None


def _season_span(name: str, year: int, months: tuple[int, int], term: bool) -> _Span:
    first, last = months
    if term:
        return _months_span(year, first, year, last, "season", f"{name} term {year}")
    if first <= last:
        return _months_span(year, first, year, last, "season", f"{name} {year}")
    return _months_span(year, first, year + 1, last, "season", f"{name} {year}/{(year + 1) % 100:02d}")


# "the winter access hubs", "their winter readiness plans": a season used as an
# adjective, after a determiner and before a noun, says nothing about when.
_DETERMINERS = ("the", "their", "our", "its", "his", "her", "a", "an", "this", "that", "these", "those")
_DETERMINER_BEFORE = re.compile(rf"\b({'|'.join(_DETERMINERS)})\s+$", re.IGNORECASE)
_LONGEST_DETERMINER = max(map(len, _DETERMINERS))
_NOUN_AFTER = re.compile(
    r"^\s+(?!(?:term|of|and|or|to|in|on|at|by|for|half|months?|period|meetings?|sessions?)\b)\w",
    re.IGNORECASE,
)


def _adjectival(m: re.Match[str]) -> bool:
    text, start, after = m.string, m.start(), m.string[m.end() :]
    if after.startswith(("'s ", "’s ")):
        return True  # "next winter's road salt": whose salt, not when
    # The determiner ends where the spaces before the phrase start: searching from
    # just before there spares a search through all the text before it.
    words_end = len(text[:start].rstrip())
    determiner = _DETERMINER_BEFORE.search(text, max(0, words_end - _LONGEST_DETERMINER), start)
    return bool(determiner and _NOUN_AFTER.match(after))


def _season(m: re.Match[str], ctx: _Context) -> _Found | None:
    name = m["season"].lower()
    term = bool(m["term"]) and name in _TERMS
    if not term and m["y"] is None and _adjectival(m):
        return None
    seasons = {key.lower(): value for key, value in ctx.settings.seasons.items()}
    months = _TERMS[name] if term else seasons.get(name)
    if months is None:
        return None
    year = _year(m["y"])
    if year is not None and m["y2"]:
        spans_years = not term and months[0] > months[1]
        if not spans_years or _two_digit_to_year(m["y2"]) % 100 != (year + 1) % 100:
            return None
    needs = "none" if year is not None or term else "weak"
    if year is not None:
        return _season_span(name, year, months, term), needs
    span = _in_window(lambda y: _season_span(name, y, months, term), ctx)
    return (span, needs) if span else None


def _quarter_span(m: re.Match[str], ctx: _Context) -> _Span | None:
    quarter = int(m["q"])
    settings = ctx.settings
    if m["fy"]:
        first_year = _fiscal_first_year(m["fy"], settings)
        return None if first_year is None else _fiscal_quarter_span(first_year, quarter, settings)
    if m["y"]:
        year = int(m["y"])  # a plain year means the calendar quarter
        start = date(year, 3 * quarter - 2, 1)
        return _Span(start, _month_end(year, 3 * quarter), "quarter", f"Q{quarter} {year}")
    return _in_window(lambda y: _fiscal_quarter_span(y, quarter, settings), ctx)


def _quarter(m: re.Match[str], ctx: _Context) -> _Found | None:
    span = _quarter_span(m, ctx)
    return (span, "strong") if span else None


def _fiscal_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    first_year = _fiscal_first_year(m["fy"], ctx.settings)
    if first_year is None:
        return None
    return _fiscal_year_span(first_year, ctx.settings), "none" if m["named"] else "strong"


_FISCAL_OFFSETS = {"next": 1, "the next": 1, "last": -1, "the last": -1, "previous": -1, "the previous": -1}


def _fiscal_year_phrase(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.reference is None:
        return None
    which = " ".join((m["which"] or "").lower().split())
    first_year = _fiscal_year_of(ctx.reference, ctx.settings) + _FISCAL_OFFSETS.get(which, 0)
    span = _fiscal_year_span(first_year, ctx.settings)
    span = replace(span, label=f"financial year {span.label}")
    if m["yend"]:
        span = _last_month(span)
    return span, "none"


def _year_end(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.reference is None:
        return None
    year = ctx.reference.year + (1 if m["which"].lower() == "next" else 0)
    return _months_span(year, 12, year, 12, "month", f"end of {year}"), "none"


_YEAR_PARTS = {
    "early": (1, 4, "early"),
    "mid": (5, 8, "mid-"),
    "middle": (5, 8, "mid-"),
    "late": (9, 12, "late"),
}


def _part_of_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    year = int(m["y"])
    if m["edge"]:
        edge = m["edge"].lower()
        month = 12 if edge == "end" else 1
        label = f"end of {year}" if edge == "end" else f"start of {year}"
        return _months_span(year, month, year, month, "month", label), "none"
    first, last, word = _YEAR_PARTS[m["part"].lower()]
    label = f"{word}{year}" if word.endswith("-") else f"{word} {year}"
    return _months_span(year, first, year, last, "month", label), "none"


def _year_only(m: re.Match[str], ctx: _Context) -> _Found | None:
    if _adjectival(m):
        return None  # "the 2024 plan", "our 2023 accounts": which plan, not when
    year = int(m["y"])
    return _Span(date(year, 1, 1), date(year, 12, 31), "year", str(year)), "strong"


def _relative(m: re.Match[str], ctx: _Context) -> _Found | None:
    reference = ctx.reference
    if reference is None:
        return None
    count = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"].lower()]
    if count < 1:
        return None
    by = m["lead"].lower() == "within" or bool(m["next"])
    if m["unit"].lower().startswith("month"):
        target = _add_months(reference, count)
        month = _month_span(target.year, target.month)
        if by:
            return replace(month, start=None, label=f"by {month.label}"), "none"
        return replace(month, label=f"about {month.label}"), "none"
    target = reference + timedelta(weeks=count)
    if by:
        return _Span(None, target, "day", f"by {_day_label(target)}"), "none"
    monday = target - timedelta(days=target.weekday())
    return _Span(monday, monday + timedelta(days=6), "week", f"about w/c {_day_label(monday)}"), "none"


@dataclass(frozen=True)
class _Rule:
    """A form of date: its pattern, what reads a match, and what any match of it
    contains (``needs``: names of _GATES; ``words``: lower-case words one of which
    it holds), so that a text without those is not searched at all; and the gate
    whose match every match of it starts with (``starts_at``), so that a text is
    searched only from that gate's first match. Patterns are compiled on first use:
    a run that compares timings without reading any costs no compiling."""

    pattern: str
    handler: _Handler
    needs: frozenset[str]
    words: tuple[str, ...] = ()
    starts_at: str = ""


def _rule(pattern: str, handler: _Handler, *needs: str, starts_at: str = "") -> _Rule:
    return _Rule(pattern, handler, frozenset(needs), starts_at=starts_at)


# Cheap searches that rule out most rules for most texts: a pattern, or words one of
# which the text must contain. Written in lower case: they are searched
# case-sensitively in the text with its ASCII letters folded to lower case, which
# finds what an ASCII case-insensitive search finds, and lets the engine jump to a
# pattern's first letter (and str find a word).
_GATES: dict[str, str | tuple[str, ...]] = {
    "digit": r"\d",
    "day": _day(),  # a day of the month ("7", "21st"), which few numbers in prose are
    "month": rf"(?<![a-z])(?:{_MONTH_ALTERNATIVES})(?![a-z])",
    # numbers joined as in a date or a financial year ("24/06/2022", "2022-23"), or an FY number
    "joined": r"\d\s*[/.-]\s*\d|fy\s?'?\d",
    # what a part of a month or year starts with: "early", "mid-", "end of"
    "part": tuple({**_MONTH_PARTS, **_YEAR_PARTS}),
    "quarter": ("q1", "q2", "q3", "q4"),
    "fiscal": ("financial", "fiscal"),
    "year": ("year",),
    "unit": ("month", "week"),
}


def _first_match(pattern: re.Pattern[str]) -> Callable[[str], int | None]:
    def first_match(text: str) -> int | None:
        found = pattern.search(text)
        return None if found is None else found.start()

    return first_match


def _holds_one(words: tuple[str, ...]) -> Callable[[str], int | None]:
    # where a word is does not matter: no rule starts at one
    return lambda text: 0 if any(word in text for word in words) else None


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


@cache
def _gates() -> tuple[tuple[str, Callable[[str], int | None]], ...]:
    return tuple(
        (name, _first_match(compile_scanning(gate, re.ASCII)) if isinstance(gate, str) else _holds_one(gate))
        for name, gate in _GATES.items()
    )


def _ascii_folded(text: str) -> str:
    """The text with its ASCII letters in lower case, and only those: str.lower also
    folds letters outside ASCII ("\u212a" to "k"), which the ASCII flag does not."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


# A gate that can pass only where another has is searched only there: a day of the
# month and joined numbers are digits, and half the texts have none.
_GATE_NEEDS = {"day": "digit", "joined": "digit"}


def _gates_passed(folded: str) -> dict[str, int]:
    """The gates a text passes, each with where its first match starts; the text is
    given with its ASCII letters folded (_ascii_folded), which keeps its length."""
    passed: dict[str, int] = {}
    for name, first_match in _gates():
        if name in _GATE_NEEDS and _GATE_NEEDS[name] not in passed:
            continue
        found = first_match(folded)
        if found is not None:
            passed[name] = found
    return passed


_Compiled = tuple[tuple[re.Pattern[str], _Handler, frozenset[str], tuple[str, ...], str], ...]


@lru_cache(maxsize=32)
def _compiled(rules: tuple[_Rule, ...]) -> _Compiled:
    return tuple(
        (compile_scanning(rule.pattern, _FLAGS), rule.handler, rule.needs, rule.words, rule.starts_at)
        for rule in rules
    )


_ISO_RULE = _rule(
    r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>0?[1-9]|1[0-2])-(?P<d>0?[1-9]|[12]\d|3[01])(?!\d|-\d)",
    _iso_date,
    "joined",
    starts_at="digit",
)
_NUMERIC_DATE_RULE = _rule(
    rf"(?<!\d)(?<!\d[/.-])(?P<d>0?[1-9]|[12]\d|3[01])(?P<sep>[/.-])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
    rf"(?P<y>{_Y4})(?!\d|[/.-]\d)",
    _numeric_date,
    "joined",
    starts_at="digit",
)
_DAY_MONTH_RULE = _rule(
    rf"(?:{_WEEKDAY})?{_day()}(?:\s+of)?[\s-]+{_mon('dm')}(?:,?[\s-]+(?P<y>{_Y4})(?!\d))?",
    _day_month,
    "day",
    "month",
)
_MONTH_DAY_RULE = _rule(
    rf"(?:{_WEEKDAY})?{_mon('md')}\.?\s+{_day()}(?:,?\s+(?P<y>{_Y4})(?!\d))?", _month_day, "day", "month"
)

# Rules before the seasons, then after them. Where two forms read exactly the same
# characters, the earlier rule wins ("October 22" is a day before it is a month).
_RULES_BEFORE_SEASONS = (
    _ISO_RULE,
    _NUMERIC_DATE_RULE,
    _rule(
        rf"(?:w/c|w/b|w\.c\.|week\s+(?:commencing|beginning|starting|of))\s+(?:{_WEEKDAY})?"
        rf"{_day()}(?:\s+of)?\s+{_mon('wm')}(?:,?\s+(?P<y>{_Y4})(?!\d))?",
        _week,
        "day",
        "month",
    ),
    _DAY_MONTH_RULE,
    _MONTH_DAY_RULE,
    _rule(
        rf"(?:the\s+)?(?P<part>early|mid|middle|late|beginning|start|end)(?:\s+of)?(?:\s+the\s+month\s+of)?"
        rf"[\s-]+{_mon('pm')}(?:,?\s+(?P<y>{_Y4})(?!\d))?",
        _part_of_month,
        "part",
        "month",
    ),
    _rule(
        rf"between\s+{_mon('ma')}(?:,?\s+(?P<ya>{_Y4}))?\s+and\s+{_mon('mb')}(?:,?\s+(?P<yb>{_Y4})(?!\d))?",
        _month_range,
        "month",
    ),
    _rule(
        rf"{_mon('ma')}(?:,?\s+(?P<ya>{_Y4}))?(?:\s*[/\u2013\u2014-]\s*|\s+(?:to|until|till|through|thru)\s+)"
        rf"{_mon('mb')}(?:,?\s+(?P<yb>{_Y4})(?!\d))?",
        _month_range,
        "month",
        starts_at="month",
    ),
    _rule(
        rf"(?<![\d/.-])(?P<m>0?[1-9]|1[0-2])/(?P<y>{_Y4})(?![\d/])",
        _numeric_month,
        "joined",
        starts_at="digit",
    ),
    _rule(
        rf"{_mon('mm')}(?:(?:,?\s+|\s*-\s*)(?P<y>{_Y4})(?!\d)|\s*['\u2018\u2019-]\s*(?P<yy>\d\d)(?![\d/])"
        rf"|\s+(?P<yy2>\d\d)(?![\d/.:]))?",
        _month,
        "month",
        starts_at="month",
    ),
)
_RULES_AFTER_SEASONS = (
    _rule(rf"(?<![\w/])(?P<fy>{_QUARTER_FY})\s+Q(?P<q>[1-4])(?![a-z\d])", _quarter, "joined", "quarter"),
    _rule(
        rf"(?<![a-z\d])Q(?P<q>[1-4])(?![a-z\d])(?:\s*(?:of\s+)?(?:(?P<fy>{_QUARTER_FY})"
        rf"|(?P<y>{_Y4})(?![\d/-])))?",
        _quarter,
        "quarter",
    ),
    _rule(
        rf"(?<![\w/.-])(?P<named>(?:the\s+)?(?:financial|fiscal)\s+year\s+)?(?P<fy>{_FY})(?![\w/]|-\d)",
        _fiscal_year,
        "joined",
    ),
    _rule(
        r"(?:(?P<which>this|current|the\s+current|next|the\s+next|last|the\s+last|previous|the\s+previous"
        rf"|the)\s+)?(?:financial|fiscal)\s+year(?P<yend>[\s-]+end)?(?!\s*(?:{_Y4}|FY))",
        _fiscal_year_phrase,
        "fiscal",
    ),
    _rule(
        r"(?:the\s+)?end\s+of\s+(?:the\s+)?(?P<which>this|the|next)\s+(?:calendar\s+)?year(?![a-z])",
        _year_end,
        "year",
    ),
    _rule(
        rf"(?:(?P<part>early|mid|middle|late)[\s-]+|(?:the\s+)?(?P<edge>end|start|beginning)\s+of\s+)"
        rf"(?P<y>{_Y4})(?![\w/]|-\d)",
        _part_of_year,
        "part",
        "digit",
    ),
    _rule(
        r"(?<![a-z])(?P<lead>within|in)\s+(?:(?P<next>the\s+next|the\s+coming|next)\s+)?"
        r"(?:(?:about|around|approximately|approx\.?|roughly|circa|c\.|some)\s+)?"
        r"(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]+"
        r"(?P<unit>months?|weeks?)(?![a-z])(?:['\u2019]s?)?(?:\s+time)?",
        _relative,
        "unit",
    ),
    _rule(rf"(?<![\w/.-])(?P<y>{_Y4})(?![\w]|[/.-]\d)", _year_only, "digit", starts_at="digit"),
)
# The forms find_dates reads: those that can carry a day, a month and a year.
_FULL_DATE_RULES = (_ISO_RULE, _NUMERIC_DATE_RULE, _DAY_MONTH_RULE, _MONTH_DAY_RULE)


@lru_cache(maxsize=16)
def _season_rule(names: tuple[str, ...]) -> _Rule:
    seasons = sorted({*names, *_TERMS}, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in seasons)
    return _Rule(
        rf"(?<![a-z])(?P<season>{alternatives})(?![a-z])(?:\s+(?P<term>term))?"
        rf"(?:,?\s+(?P<y>{_Y4})(?:\s*[/-]\s*(?P<y2>(?:19|20)?\d\d))?(?!\d))?",
        _season,
        frozenset(),
        words=tuple(seasons),
    )


def _rules(settings: TimingSettings) -> _Compiled:
    return _rules_with_seasons(tuple(settings.seasons))


@lru_cache(maxsize=16)
def _rules_with_seasons(season_names: tuple[str, ...]) -> _Compiled:
    seasons = _season_rule(tuple(name.lower() for name in season_names))
    return _compiled((*_RULES_BEFORE_SEASONS, seasons, *_RULES_AFTER_SEASONS))


# What may stand before a phrase in prose for it to count as a time.
_STRONG_WORDS = (
    r"by|before|until|till|in|during|within|over|throughout|from|at|on|around|about|approximately|after"
    r"|than|due|prior\s+to|ahead\s+of|advance\s+of|end\s+of|start\s+of|beginning\s+of|middle\s+of"
)
_STRONG_BEFORE = re.compile(rf"(?<![a-z])(?:{_STRONG_WORDS})\s+(?:the\s+)?$", _FLAGS)
_WEAK_BEFORE = re.compile(
    rf"(?<![a-z])(?:{_STRONG_WORDS}|the|this|next|of|its|their|our|early|mid|late)[\s-]+$", _FLAGS
)
_EDGE_BEFORE = re.compile(
    r"(?<![a-z])(?:the\s+)?(?P<edge>end|close|start|beginning)\s+of\s+(?:the\s+)?$", _FLAGS
)
_DEADLINE_BEFORE = re.compile(
    r"(?<![a-z])(?P<lead>by|before|until|till|no\s+later\s+than|not\s+later\s+than|prior\s+to|ahead\s+of"
    r"|in\s+advance\s+of)\s+(?:the\s+)?$",
    _FLAGS,
)
_LOOKBACK = 40


# ---------------------------------------------------------------------------
# Scanning a text for dated phrases


def _context_allows(text: str, start: int, needs: str) -> bool:
    if needs == "none":
        return True
    before = text[max(0, start - _LOOKBACK) : start]
    pattern = _STRONG_BEFORE if needs == "strong" else _WEAK_BEFORE
    return pattern.search(before) is not None


class _Impossible(Exception):
    """The text has the form of a date that does not exist ("31 June")."""


def _apply_handler(handler: _Handler, m: re.Match[str], ctx: _Context) -> _Found | None:
    try:
        return handler(m, ctx)
    except (ValueError, OverflowError) as error:
        raise _Impossible from error


def _leftmost_longest(candidates: list[_Candidate]) -> list[_Hit]:
    """The readings a person would take: the earliest first, then the longest there."""
    chosen: list[_Hit] = []
    taken_to = -1
    for candidate in sorted(candidates, key=lambda c: (c.start, c.start - c.end, c.priority)):
        if candidate.start >= taken_to:
            taken_to = candidate.end
            if candidate.span is not None:
                chosen.append(_Hit(candidate.start, candidate.end, candidate.priority, candidate.span))
    return chosen


def _last_month(span: _Span) -> _Span:
    end = span.end
    return _Span(date(end.year, end.month, 1), end, "month", f"end of {span.label}")


def _first_month(span: _Span) -> _Span:
    start = span.start or span.end
    return _Span(start, _month_end(start.year, start.month), "month", f"start of {span.label}")


# Months have their own "end of September" (the last days); longer spans end in a month.
_SPANS_WITH_EDGES = frozenset({"season", "quarter", "year"})


def _with_edge(text: str, hit: _Hit) -> _Hit:
    """'end of Q3', 'start of 2022/23': the last or first month of a longer span."""
    if hit.span.granularity not in _SPANS_WITH_EDGES or hit.span.label.startswith(("end", "start")):
        return hit
    found = _EDGE_BEFORE.search(text[max(0, hit.start - _LOOKBACK) : hit.start])
    if found is None:
        return hit
    edge = found["edge"].lower()
    span = _last_month(hit.span) if edge in ("end", "close") else _first_month(hit.span)
    return replace(hit, start=hit.start - len(found[0]), span=span)


def _with_deadline(text: str, hit: _Hit) -> _Hit:
    """'by X' keeps X's end and drops its start; 'before X' ends the day before X."""
    if hit.span.start is None:
        return hit
    found = _DEADLINE_BEFORE.search(text[max(0, hit.start - _LOOKBACK) : hit.start])
    if found is None:
        return hit
    lead = " ".join(found["lead"].lower().split())
    span = hit.span
    if lead in ("by", "until", "till", "no later than", "not later than"):
        deadline = _Span(None, span.end, span.granularity, f"by {span.label}")
    else:
        assert span.start is not None
        deadline = _Span(None, span.start - timedelta(days=1), span.granularity, f"before {span.label}")
    return replace(hit, start=hit.start - len(found[0]), span=deadline)


def _dated_hits(text: str, ctx: _Context) -> list[_Hit]:
    candidates: list[_Candidate] = []
    folded = _ascii_folded(text)
    passed = _gates_passed(folded)
    for priority, (pattern, handler, gates, words, starts_at) in enumerate(_rules(ctx.settings)):
        if not passed.keys() >= gates or (words and not any(word in folded for word in words)):
            continue
        for m in pattern.finditer(text, passed.get(starts_at, 0)):
            try:
                found = _apply_handler(handler, m, ctx)
            except _Impossible:
                # Kept so that "31 June" is not read as "June" instead.
                candidates.append(_Candidate(m.start(), m.end(), priority, None))
                continue
            if found is None:
                continue
            span, needs = found
            if ctx.prose and not _context_allows(text, m.start(), needs):
                continue
            candidates.append(_Candidate(m.start(), m.end(), priority, span))
    return [_with_deadline(text, _with_edge(text, hit)) for hit in _leftmost_longest(candidates)]


def prepare_timing(settings: TimingSettings = _DEFAULT_SETTINGS) -> None:
    """Compile the patterns of the date forms now rather than on first use."""
    _rules(settings)
    _compiled(_FULL_DATE_RULES)
    _gates()


def _dated_timing(text: str, hit: _Hit) -> Timing:
    span = hit.span
    return Timing(
        text=text, kind="date", label=span.label, start=span.start, end=span.end, granularity=span.granularity
    )


# ---------------------------------------------------------------------------
# Meetings and events: timings with no date of their own

_MEETING_RE = compile_scanning(
    r"(?<![\w-])(?P<phrase>(?P<next>next|following|forthcoming|upcoming)\s+"
    r"(?P<words>(?:[^\s.,;:!?()\[\]]+\s+){0,8}?)meeting)(?![\w-])",
    _FLAGS,
)
# Lower-case words that may name a meeting between "next" and "meeting"; anything
# else ("next time we discuss the meeting") is a sentence, not a meeting's name.
_MEETING_WORDS = frozenset((
    "of", "and", "&", "board", "committee", "panel", "group", "team", "steering", "working", "management",
    "project", "programme", "quarterly", "monthly", "weekly", "annual", "regular", "scheduled", "full",
    "formal", "informal", "progress", "review", "oversight", "coordination", "co-ordination", "planning",
    "performance", "governance", "partnership", "bilateral", "catch-up", "technical", "general",
    "operational", "strategy", "strategic", "executive", "sub-group", "subgroup", "advisory", "liaison",
    "update", "joint", "network", "forum", "assurance", "risk", "audit", "finance", "development", "model",
    "sig",
))  # fmt: skip
_PROSE_EVENT_LEADS = r"prior\s+to|ahead\s+of|in\s+advance\s+of"
_CELL_EVENT_LEADS = rf"{_PROSE_EVENT_LEADS}|before|after|once|following|until|when|upon|on"
_EVENT_MAX_WORDS = 12
_WORD_RE = re.compile(r"\S+")
# Where the event's own clause ends and the sentence goes on about something else.
_EVENT_CLAUSE_END = re.compile(
    r"\s+(?:[-\u2013\u2014]|so|because|which|while|whereas|in\s+order)(?=\s|$)", _FLAGS
)


@lru_cache(maxsize=2)
def _event_pattern(prose: bool) -> re.Pattern[str]:
    leads = _PROSE_EVENT_LEADS if prose else _CELL_EVENT_LEADS
    return compile_scanning(rf"(?<![\w-])(?P<lead>{leads})\s+(?P<rest>[^.;:!?,\n()\[\]]+)", _FLAGS)


def _is_meeting_name(words: str) -> bool:
    return all(
        any(c.isupper() or c.isdigit() for c in word) or word.lower() in _MEETING_WORDS
        for word in words.split()
    )


def _meeting(text: str) -> Timing | None:
    for m in _MEETING_RE.finditer(text):
        if _is_meeting_name(m["words"]):
            label = " ".join([m["next"].lower(), *m["words"].split(), "meeting"])
            return Timing(text=m["phrase"], kind="meeting", label=label)
    return None


def _event(text: str, prose: bool) -> Timing | None:
    for m in _event_pattern(prose).finditer(text):
        rest = _EVENT_CLAUSE_END.split(m["rest"], maxsplit=1)[0]
        words = list(_WORD_RE.finditer(rest))[:_EVENT_MAX_WORDS]
        if not words:
            continue
        label = " ".join([*m["lead"].lower().split(), *(w[0] for w in words)])
        end = m.start("rest") + words[-1].end()
        return Timing(text=text[m.start() : end], kind="event", label=label)
    return None


# ---------------------------------------------------------------------------
# Statuses

_STATUSES = (
    (r"completed?|done|finished|resolved", "completed"),
    (r"closed", "closed"),
    (r"on-?going|in\s+progress|in\s+hand|under\s?way|continuing", "ongoing"),
    (r"tbc|tba|tbd|to\s+be\s+(?:confirmed|agreed|arranged|decided|determined)", "tbc"),
    (r"superseded", "superseded"),
    (r"deferred|postponed", "deferred"),
    (r"on\s+hold|paused", "on hold"),
    (r"carr(?:y|ied)\s+forward|c/f|b/f|brought\s+forward|roll(?:ing|ed)?[\s-]?over", "carried forward"),
    (r"new", "new"),
    (r"open|outstanding|not\s+started", "open"),
)
_STATUS_RE = re.compile(
    r"(?:status\s*[:\u2013-]\s*)?(?P<word>"
    + "|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(_STATUSES))
    + ")"
    r"(?![\w/-])(?P<rest>.*)",
    _FLAGS | re.DOTALL,
)
# After the status word, what may follow without the cell being a sentence that
# merely starts with "New" or "Open".
_STATUS_TAIL_RE = re.compile(
    r"\s*(?:$|[^\w\s]|\d|(?:for|until|till|since|from|on|at|in|by|as|to|pending|awaiting|due|and|but|with)"
    r"(?![\w-]))",
    _FLAGS,
)
_TRAILING_REMARK_RE = re.compile(r"\s*\([^()]*\)\s*$")
_OWNER_TAIL_RE = re.compile(r"\s+for\s+[A-Z]", re.ASCII)
_EMPHASIS_RE = re.compile(r"(?<!\w)[_*]+|[_*]+(?!\w)")


def _clean(text: str) -> str:
    """A cell as a person reads it: no Markdown emphasis or brackets, single spaces."""
    text = _EMPHASIS_RE.sub("", text.replace("\\[", "[").replace("\\]", "]"))
    text = " ".join(text.split())
    return text.strip(" []")


# A status word inside a sentence: "Still working on this, roll over", "Completed
# on community ... - Done". Not "new" or "open", which sentences use for other things.
_MENTIONED_STATUS_RE = compile_scanning(
    r"(?<![\w-])(?:"
    + "|".join(f"(?P<s{i}>{p})" for i, (p, name) in enumerate(_STATUSES) if name not in ("new", "open"))
    + r")(?![\w-])",
    _FLAGS,
)


def mentioned_status(text: str) -> str | None:
    """The status a sentence reports ("completed", "carried forward"), if it names one."""
    m = _MENTIONED_STATUS_RE.search(text)
    if m is None:
        return None
    return next(name for i, (_, name) in enumerate(_STATUSES) if m.groupdict().get(f"s{i}") is not None)


def _status_timing(text: str, cleaned: str, ctx: _Context) -> Timing | None:
    m = _STATUS_RE.match(cleaned)
    if m is None or _STATUS_TAIL_RE.match(m["rest"]) is None:
        return None
    status = next(name for i, (_, name) in enumerate(_STATUSES) if m[f"s{i}"] is not None)
    owner_follows = _OWNER_TAIL_RE.match(m["rest"]) is not None
    # "[new for SIG PMs]": the owner belongs to the lead, not to the status.
    label = m["word"] if owner_follows else cleaned[m.start("word") :]
    # "Completed (see item 4)": a remark after the status is no part of it
    label = _TRAILING_REMARK_RE.sub("", label).rstrip(" .,;:!")
    label = label[:1].upper() + label[1:]
    dated = [] if owner_follows else _dated_hits(m["rest"], ctx)
    span = dated[0].span if dated else None
    return Timing(
        text=text.strip(),
        kind="status",
        label=label,
        start=span.start if span else None,
        end=span.end if span else None,
        granularity=span.granularity if span else None,
        status=status,
    )


# ---------------------------------------------------------------------------
# Public API


_ODD_SPACES = {0xA0: " ", 0x2007: " ", 0x2009: " ", 0x202F: " "}


def _normalise_spaces(text: str) -> str:
    # Same length, so positions found in the result index the original text.
    return text if text.isascii() else text.translate(_ODD_SPACES)


def parse_timing(
    text: str, reference: date | None, settings: TimingSettings = _DEFAULT_SETTINGS
) -> Timing | None:
    """A whole Timing cell or status phrase ('August/Sept 2022', 'Completed', 'Q3 2022/23',
    'next meeting'). None if blank or nothing recognisable."""
    # A table repeats its cells ("Ongoing", "September 2022") row after row.
    return _parse_cell(text, reference, settings)


@lru_cache(maxsize=4096)
def _parse_cell(text: str, reference: date | None, settings: TimingSettings) -> Timing | None:
    cleaned = _clean(_normalise_spaces(text))
    if not cleaned:
        return None
    ctx = _Context(reference, settings, prose=False)
    status = _status_timing(text, cleaned, ctx)
    if status is not None:
        return status
    dated = _dated_hits(cleaned, ctx)
    if dated:
        return _dated_timing(text.strip(), dated[0])
    undated = _meeting(cleaned) or _event(cleaned, prose=False)
    return replace(undated, text=text.strip()) if undated else None


def find_timing(
    text: str, reference: date | None, settings: TimingSettings = _DEFAULT_SETTINGS
) -> Timing | None:
    """The due date an action's own prose gives, scanning a whole sentence or paragraph.

    A dated phrase wins over an undated meeting or event; among dated phrases the
    first one written wins. None when the text gives no timing."""
    text = _normalise_spaces(text)
    ctx = _Context(reference, settings, prose=True)
    dated = _dated_hits(text, ctx)
    if dated:
        hit = dated[0]
        return _dated_timing(text[hit.start : hit.end], hit)
    return _meeting(text) or _event(text, prose=True)


def find_dates(text: str) -> list[date]:
    """Full calendar dates written in the text, with day, month and year, in order of
    appearance ('20 July 2022', 'Friday 24 June 2022', '2022-06-24', '24/06/2022')."""
    text = _normalise_spaces(text)
    ctx = _Context(None, _DEFAULT_SETTINGS, prose=False)
    candidates: list[_Candidate] = []
    for priority, (pattern, handler, *_) in enumerate(_compiled(_FULL_DATE_RULES)):
        for m in pattern.finditer(text):
            if m["y"] is None:
                continue  # a day and month only: not a document's date
            try:
                found = _apply_handler(handler, m, ctx)
            except _Impossible:
                continue
            if found is not None:
                candidates.append(_Candidate(m.start(), m.end(), priority, found[0]))
    return [hit.span.end for hit in _leftmost_longest(candidates)]


# ---------------------------------------------------------------------------
# Comparing


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _distance(earlier: date, later: date) -> str:
    """How far a timing moved, in the unit people would say it in."""
    if _is_month_end(earlier) and _is_month_end(later):
        months = (later.year - earlier.year) * 12 + later.month - earlier.month
        return _plural(months // 12, "year") if months % 12 == 0 else _plural(months, "month")
    days = (later - earlier).days
    return _plural(days // 7, "week") if days % 7 == 0 else _plural(days, "day")


def _bounds(timing: Timing) -> tuple[date, date]:
    return timing.start or date.min, timing.end or date.max


def _compare_dated(old: Timing, new: Timing) -> tuple[str, str]:
    (old_start, old_end), (new_start, new_end) = _bounds(old), _bounds(new)
    change = f"{old.label} → {new.label}"
    if _is_deadline(old, new):
        # A deadline says nothing about how early the work may be done: only its end counts.
        if old_end == new_end:
            return "none", f"no change: {new.label}"
    elif (old_start, old_end) == (new_start, new_end):
        return "none", f"no change: {new.label}"
    elif old_start <= new_start and new_end <= old_end:
        return "narrowed", f"narrowed: {change}"
    elif new_start <= old_start and old_end <= new_end:
        return "widened", f"widened: {change}"
    # Here the ends differ and say which way the timing moved.
    if new_end > old_end:
        return "slipped", f"slipped by {_size(old_end, new_end)}: {change}"
    return "advanced", f"advanced by {_size(new_end, old_end)}: {change}"


def _is_deadline(old: Timing, new: Timing) -> bool:
    return old.start is None or new.start is None


def _size(earlier: date, later: date) -> str:
    if later == date.max or earlier == date.min:
        return "an open-ended amount"
    return _distance(earlier, later)


def _compare_status(old: Timing | None, new: Timing) -> tuple[str, str]:
    if old is not None and old.kind == "status" and old.status == new.status:
        return "none", f"no change: {new.label}"
    if old is None:
        return "status", f"status: {new.label}"
    return "status", f"status: {old.label} → {new.label}"


def _undated_message(old: Timing | None, new: Timing | None) -> str:
    if old is None and new is None:
        return "no timing"
    if old is not None and new is not None and old.label == new.label:
        return f"no change: {old.label}"
    return f"no dated timing: {old.label if old else 'none'} → {new.label if new else 'none'}"


def compare_timing(old: Timing | None, new: Timing | None) -> tuple[str, str]:
    """(class, message) for the minutes' timing `old` against the letter's `new`.

    Classes: none, added, dropped, narrowed, widened, slipped, advanced, status.
    Meetings and events without a date count as no timing."""
    if new is not None and new.kind == "status":
        return _compare_status(old, new)
    if old is not None and old.kind == "status":
        if new is not None and new.is_dated:
            return "status", f"status: {old.label} → {new.label}"
        return "dropped", f"dropped: {old.label}"
    old_dated = old if old is not None and old.is_dated else None
    new_dated = new if new is not None and new.is_dated else None
    if old_dated is None and new_dated is None:
        return "none", _undated_message(old, new)
    if old_dated is None:
        assert new_dated is not None
        was = f" (was {old.label})" if old is not None else ""
        return "added", f"added: {new_dated.label}{was}"
    if new_dated is None:
        now = f" (now {new.label})" if new is not None else ""
        return "dropped", f"dropped: {old_dated.label}{now}"
    return _compare_dated(old_dated, new_dated)


# Statuses that end an action's life ("Completed", "Closed", "Superseded")
CLOSING_STATUSES = frozenset({"completed", "closed", "superseded"})


def closes_action(timing: Timing | None) -> bool:
    """Whether this timing says the action is over."""
    return timing is not None and timing.kind == "status" and timing.status in CLOSING_STATUSES
