"""Timing: what people write for when an action is due, and how two timings differ.

Every expected value below was worked out by hand from the calendar, not copied from
the code's output. The windows used to infer a missing year (three months before to
nine months after the document's date) are, for the document dates used here:

    2021-01-05: 2020-10-05 .. 2021-10-04      2023-12-11: 2023-09-11 .. 2024-09-10
    2022-06-24: 2022-03-24 .. 2023-03-23      2024-02-14: 2023-11-14 .. 2024-11-13
    2022-07-20: 2022-04-20 .. 2023-04-19
    2022-11-15: 2022-08-15 .. 2023-08-14
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SHARED
from reconcile.config import TimingSettings
from reconcile.model import Timing
from reconcile.timing import compare_timing, find_dates, find_timing, parse_timing

# the seed texts, byte for byte those of ../shared/seeds (test_seeds checks it); the
# expected timings are read from ../shared/seeds/expected.yaml
SEEDS = FIXTURES / "seeds"
SHARED_SEEDS = SHARED / "seeds"

JAN21 = date(2021, 1, 5)
JUN22 = date(2022, 6, 24)  # the seed minutes
JUL22 = date(2022, 7, 20)  # the seed letter
NOV22 = date(2022, 11, 15)
DEC23 = date(2023, 12, 11)
FEB24 = date(2024, 2, 14)

DEFAULT = TimingSettings()
AUTUMN_TO_DECEMBER = TimingSettings(
    seasons=MappingProxyType({"spring": (3, 5), "summer": (6, 8), "autumn": (9, 12), "winter": (1, 2)})
)
WINTER_NOV_JAN = TimingSettings(
    seasons=MappingProxyType({"spring": (3, 5), "summer": (6, 8), "autumn": (9, 10), "winter": (11, 1)})
)
CALENDAR_FY = TimingSettings(fiscal_year_start=1)
JULY_FY = TimingSettings(fiscal_year_start=7)


class Case(NamedTuple):
    text: str
    reference: date | None
    kind: str | None  # None: parse_timing gives None
    start: str | None = None
    end: str | None = None
    label: str | None = None
    status: str | None = None
    settings: TimingSettings = DEFAULT


def d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


PARSE_CASES = [
    # months
    Case("October", JUN22, "date", "2022-10-01", "2022-10-31", "October 2022"),
    Case("October 2022", None, "date", "2022-10-01", "2022-10-31", "October 2022"),
    Case("Oct 22", None, "date", "2022-10-01", "2022-10-31", "October 2022"),
    Case("Oct-22", None, "date", "2022-10-01", "2022-10-31", "October 2022"),
    Case("Dec '22", None, "date", "2022-12-01", "2022-12-31", "December 2022"),
    Case("10/2022", None, "date", "2022-10-01", "2022-10-31", "October 2022"),
    Case("Sept", JUN22, "date", "2022-09-01", "2022-09-30", "September 2022"),
    Case("AUGUST 2022", None, "date", "2022-08-01", "2022-08-31", "August 2022"),
    Case("January", NOV22, "date", "2023-01-01", "2023-01-31", "January 2023"),
    Case("January", JUN22, "date", "2023-01-01", "2023-01-31", "January 2023"),
    Case("March", DEC23, "date", "2024-03-01", "2024-03-31", "March 2024"),
    Case("December", FEB24, "date", "2023-12-01", "2023-12-31", "December 2023"),
    # 1 November 2023 falls before the window opens on 14 November 2023
    Case("November", FEB24, "date", "2024-11-01", "2024-11-30", "November 2024"),
    Case("Feb 2024", None, "date", "2024-02-01", "2024-02-29", "February 2024"),
    Case("Feb 2023", None, "date", "2023-02-01", "2023-02-28", "February 2023"),
    Case("may", JAN21, "date", "2021-05-01", "2021-05-31", "May 2021"),
    # ranges of months
    Case("August/Sept 2022", None, "date", "2022-08-01", "2022-09-30", "August/September 2022"),
    Case("July-September 2022", None, "date", "2022-07-01", "2022-09-30", "July to September 2022"),
    Case("July – September 2022", None, "date", "2022-07-01", "2022-09-30", "July to September 2022"),
    Case("Aug to Oct", JUN22, "date", "2022-08-01", "2022-10-31", "August to October 2022"),
    Case("between June and July", JUN22, "date", "2022-06-01", "2022-07-31", "June/July 2022"),
    Case(
        "December 2022 to February 2023",
        None,
        "date",
        "2022-12-01",
        "2023-02-28",
        "December 2022 to February 2023",
    ),
    Case("Dec-Feb", NOV22, "date", "2022-12-01", "2023-02-28", "December 2022 to February 2023"),
    Case("Nov/Dec", DEC23, "date", "2023-11-01", "2023-12-31", "November/December 2023"),
    Case(
        "December 2023/January 2024", None, "date", "2023-12-01", "2024-01-31", "December 2023/January 2024"
    ),
    Case("June to August 2021", None, "date", "2021-06-01", "2021-08-31", "June to August 2021"),
    # days
    Case("27 June", JUN22, "date", "2022-06-27", "2022-06-27", "27 June 2022"),
    Case("by 27 June 2022", None, "date", None, "2022-06-27", "by 27 June 2022"),
    Case("by 27 June", JUL22, "date", None, "2022-06-27", "by 27 June 2022"),
    Case("27/06/2022", None, "date", "2022-06-27", "2022-06-27", "27 June 2022"),
    Case("05/09/2022", None, "date", "2022-09-05", "2022-09-05", "5 September 2022"),
    Case("2022-06-27", None, "date", "2022-06-27", "2022-06-27", "27 June 2022"),
    Case("27th June", JUN22, "date", "2022-06-27", "2022-06-27", "27 June 2022"),
    Case("June 27", JUN22, "date", "2022-06-27", "2022-06-27", "27 June 2022"),
    Case("Friday 24 June 2022", None, "date", "2022-06-24", "2022-06-24", "24 June 2022"),
    Case("June 24, 2022", None, "date", "2022-06-24", "2022-06-24", "24 June 2022"),
    Case("1 March", FEB24, "date", "2024-03-01", "2024-03-01", "1 March 2024"),
    Case("29 February", DEC23, "date", "2024-02-29", "2024-02-29", "29 February 2024"),
    Case("5 January", NOV22, "date", "2023-01-05", "2023-01-05", "5 January 2023"),
    Case("before 1 October 2022", None, "date", None, "2022-09-30", "before 1 October 2022"),
    Case("no later than 14 March 2024", None, "date", None, "2024-03-14", "by 14 March 2024"),
    Case("w/c 5 September", JUN22, "date", "2022-09-05", "2022-09-11", "w/c 5 September 2022"),
    Case("week commencing 3 October 2022", None, "date", "2022-10-03", "2022-10-09", "w/c 3 October 2022"),
    Case("end of September", JUN22, "date", "2022-09-22", "2022-09-30", "end of September 2022"),
    Case("mid-October", JUN22, "date", "2022-10-11", "2022-10-20", "mid-October 2022"),
    Case("early November", JUN22, "date", "2022-11-01", "2022-11-10", "early November 2022"),
    Case("late January", NOV22, "date", "2023-01-21", "2023-01-31", "late January 2023"),
    Case("end of February 2024", None, "date", "2024-02-22", "2024-02-29", "end of February 2024"),
    Case("by the end of September", JUN22, "date", None, "2022-09-30", "by end of September 2022"),
    # years and parts of years
    Case("late 2022", None, "date", "2022-09-01", "2022-12-31", "late 2022"),
    Case("early 2023", None, "date", "2023-01-01", "2023-04-30", "early 2023"),
    Case("mid-2023", None, "date", "2023-05-01", "2023-08-31", "mid-2023"),
    Case("end of 2022", None, "date", "2022-12-01", "2022-12-31", "end of 2022"),
    Case("2023", None, "date", "2023-01-01", "2023-12-31", "2023"),
    Case("by 2024", None, "date", None, "2024-12-31", "by 2024"),
    Case("end of the year", NOV22, "date", "2022-12-01", "2022-12-31", "end of 2022"),
    # seasons and school terms
    Case("autumn", JUN22, "date", "2022-09-01", "2022-11-30", "autumn 2022"),
    Case("Autumn 2022", None, "date", "2022-09-01", "2022-11-30", "autumn 2022"),
    Case("summer 2023", None, "date", "2023-06-01", "2023-08-31", "summer 2023"),
    Case("spring", NOV22, "date", "2023-03-01", "2023-05-31", "spring 2023"),
    Case("winter 2022", None, "date", "2022-12-01", "2023-02-28", "winter 2022/23"),
    Case("winter 2022/23", None, "date", "2022-12-01", "2023-02-28", "winter 2022/23"),
    Case("winter", NOV22, "date", "2022-12-01", "2023-02-28", "winter 2022/23"),
    Case("winter", FEB24, "date", "2023-12-01", "2024-02-29", "winter 2023/24"),
    Case("spring term", NOV22, "date", "2023-01-01", "2023-03-31", "spring term 2023"),
    Case("summer term 2023", None, "date", "2023-04-01", "2023-07-31", "summer term 2023"),
    Case("autumn term", JUN22, "date", "2022-09-01", "2022-12-31", "autumn term 2022"),
    Case("the autumn", JAN21, "date", "2021-09-01", "2021-11-30", "autumn 2021"),
    # quarters and financial years (April start)
    Case("Q3 2022", None, "date", "2022-07-01", "2022-09-30", "Q3 2022"),
    Case("Q3 2022/23", None, "date", "2022-10-01", "2022-12-31", "Q3 2022/23"),
    Case("Q4 2022/23", None, "date", "2023-01-01", "2023-03-31", "Q4 2022/23"),
    Case("Q1 2023-24", None, "date", "2023-04-01", "2023-06-30", "Q1 2023/24"),
    Case("Q3", JUN22, "date", "2022-10-01", "2022-12-31", "Q3 2022/23"),
    Case("Q1", JUN22, "date", "2022-04-01", "2022-06-30", "Q1 2022/23"),
    Case("Q4", NOV22, "date", "2023-01-01", "2023-03-31", "Q4 2022/23"),
    Case("Q2", FEB24, "date", "2024-07-01", "2024-09-30", "Q2 2024/25"),
    Case("Q3 FY23", None, "date", "2022-10-01", "2022-12-31", "Q3 2022/23"),
    Case("2021-22 Q4", None, "date", "2022-01-01", "2022-03-31", "Q4 2021/22"),
    Case("2022/23", None, "date", "2022-04-01", "2023-03-31", "2022/23"),
    Case("2022-23", None, "date", "2022-04-01", "2023-03-31", "2022/23"),
    Case("FY23", None, "date", "2022-04-01", "2023-03-31", "2022/23"),
    Case("FY2024/25", None, "date", "2024-04-01", "2025-03-31", "2024/25"),
    Case(
        "end of the financial year",
        JUN22,
        "date",
        "2023-03-01",
        "2023-03-31",
        "end of financial year 2022/23",
    ),
    Case(
        "end of the financial year",
        FEB24,
        "date",
        "2024-03-01",
        "2024-03-31",
        "end of financial year 2023/24",
    ),
    Case(
        "by the end of the financial year",
        DEC23,
        "date",
        None,
        "2024-03-31",
        "by end of financial year 2023/24",
    ),
    Case("end of Q3 2022/23", None, "date", "2022-12-01", "2022-12-31", "end of Q3 2022/23"),
    Case("next financial year", JUN22, "date", "2023-04-01", "2024-03-31", "financial year 2023/24"),
    # relative to the document's date
    Case("in about 3 months", DEC23, "date", "2024-03-01", "2024-03-31", "about March 2024"),
    Case("in 3 months", FEB24, "date", "2024-05-01", "2024-05-31", "about May 2024"),
    Case("within the next 6 months", JAN21, "date", None, "2021-07-31", "by July 2021"),
    # 24 June 2022 + 14 days = Friday 8 July; its week starts on Monday 4 July
    Case("in two weeks", JUN22, "date", "2022-07-04", "2022-07-10", "about w/c 4 July 2022"),
    Case("within 4 weeks", NOV22, "date", None, "2022-12-13", "by 13 December 2022"),
    Case("in six months' time", JUN22, "date", "2022-12-01", "2022-12-31", "about December 2022"),
    # meetings and events
    Case("next meeting", None, "meeting", label="next meeting"),
    Case(
        "the next DMPC-AC Professionalism meeting",
        JUN22,
        "meeting",
        label="next DMPC-AC Professionalism meeting",
    ),
    Case(
        "Next Clivar Ocean Model Development Panel meeting",
        FEB24,
        "meeting",
        label="next Clivar Ocean Model Development Panel meeting",
    ),
    Case("the November meeting", JUN22, "date", "2022-11-01", "2022-11-30", "November 2022"),
    Case(
        "at the DMPC-AC Frontline Policing meeting in October 2022",
        JUN22,
        "date",
        "2022-10-01",
        "2022-10-31",
        "October 2022",
    ),
    Case(
        "prior to the new Commissioner taking up post",
        JUN22,
        "event",
        label="prior to the new Commissioner taking up post",
    ),
    # statuses
    Case("Completed", JUL22, "status", label="Completed", status="completed"),
    Case("Complete", JUL22, "status", label="Complete", status="completed"),
    Case("Done.", JUL22, "status", label="Done", status="completed"),
    Case("_Closed_", FEB24, "status", label="Closed", status="closed"),
    Case("_Closed._", FEB24, "status", label="Closed", status="closed"),
    Case("closed", FEB24, "status", label="Closed", status="closed"),
    Case("Ongoing", None, "status", label="Ongoing", status="ongoing"),
    Case("In progress", None, "status", label="In progress", status="ongoing"),
    Case("TBC", None, "status", label="TBC", status="tbc"),
    Case("TBA", None, "status", label="TBA", status="tbc"),
    Case("Superseded", None, "status", label="Superseded", status="superseded"),
    Case("Deferred", None, "status", label="Deferred", status="deferred"),
    Case("On Hold", None, "status", label="On Hold", status="on hold"),
    Case("[On Hold]", None, "status", label="On Hold", status="on hold"),
    Case(
        "On Hold until protocols prioritised",
        None,
        "status",
        label="On Hold until protocols prioritised",
        status="on hold",
    ),
    Case("_Carry forward_", None, "status", label="Carry forward", status="carried forward"),
    Case("Carried forward", None, "status", label="Carried forward", status="carried forward"),
    Case("New", None, "status", label="New", status="new"),
    Case("new for SIG PMs", None, "status", label="New", status="new"),
    Case("Ongoing for Damian Tolan/SIG PMs", None, "status", label="Ongoing", status="ongoing"),
    Case("Open", None, "status", label="Open", status="open"),
    Case(
        "Completed – 27 June",
        JUL22,
        "status",
        "2022-06-27",
        "2022-06-27",
        "Completed – 27 June",
        status="completed",
    ),
    # nothing recognisable
    Case("", JUN22, None),
    Case("   ", JUN22, None),
    Case("N/A", JUN22, None),
    Case("-", JUN22, None),
    Case("See above", JUN22, None),
    Case("31 June", JUN22, None),
    Case("October", None, None),  # no year written and none to infer
    Case("Q3", None, None),
    Case("autumn", None, None),
    Case("in about 3 months", None, None),
    # configured seasons and financial years
    Case("autumn", JUN22, "date", "2022-09-01", "2022-12-31", "autumn 2022", settings=AUTUMN_TO_DECEMBER),
    Case("winter 2022", None, "date", "2022-11-01", "2023-01-31", "winter 2022/23", settings=WINTER_NOV_JAN),
    Case("Q3", JUN22, "date", "2022-07-01", "2022-09-30", "Q3 2022", settings=CALENDAR_FY),
    Case("FY23", None, "date", "2023-01-01", "2023-12-31", "2023", settings=CALENDAR_FY),
    Case(
        "end of the financial year",
        JUN22,
        "date",
        "2022-12-01",
        "2022-12-31",
        "end of financial year 2022",
        settings=CALENDAR_FY,
    ),
    Case("2022/23", None, "date", "2022-07-01", "2023-06-30", "2022/23", settings=JULY_FY),
    Case("Q1 2022/23", None, "date", "2022-07-01", "2022-09-30", "Q1 2022/23", settings=JULY_FY),
    Case("Q3", JUN22, "date", "2023-01-01", "2023-03-31", "Q3 2022/23", settings=JULY_FY),
]


@pytest.mark.parametrize("case", PARSE_CASES, ids=[f"{c.text!r}@{c.reference}" for c in PARSE_CASES])
def test_parse_timing(case: Case) -> None:
    timing = parse_timing(case.text, case.reference, case.settings)
    if case.kind is None:
        assert timing is None
        return
    assert timing is not None
    assert (timing.kind, timing.start, timing.end, timing.label, timing.status) == (
        case.kind,
        d(case.start),
        d(case.end),
        case.label,
        case.status,
    )
    assert timing.text == case.text.strip()


def test_parse_cases_are_many_and_cover_every_kind() -> None:
    assert len(PARSE_CASES) >= 90
    assert {c.kind for c in PARSE_CASES} == {"date", "status", "meeting", "event", None}


def test_granularity_follows_the_form() -> None:
    expected = {
        "27 June 2022": "day",
        "w/c 5 September 2022": "week",
        "October 2022": "month",
        "August/Sept 2022": "month",
        "in about 3 months": "month",
        "autumn 2022": "season",
        "Q3 2022/23": "quarter",
        "2022/23": "year",
        "2023": "year",
    }
    for text, granularity in expected.items():
        timing = parse_timing(text, DEC23)
        assert timing is not None and timing.granularity == granularity, text


# ---------------------------------------------------------------------------
# find_timing: the seed documents and real prose


def _seed_expected() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((SHARED_SEEDS / "expected.yaml").read_text(encoding="utf-8"))
    return {entry["minutes"]: entry["timing"] for entry in data["actions"]}


def _seed_minutes_actions() -> dict[str, str]:
    text = (SEEDS / "minutes.txt").read_text(encoding="utf-8")
    return {m[1]: m[2] for m in re.finditer(r"^Action (\d+): (.*)$", text, re.MULTILINE)}


def _seed_letter_rows() -> dict[str, list[str]]:
    rows = {}
    for line in (SEEDS / "letter.txt").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 4 and cells[0].isdigit():
            rows[cells[0]] = cells
    return rows


SEED_NUMBERS = [str(n) for n in range(1, 16)]


def test_the_seed_has_fifteen_actions_on_each_side() -> None:
    assert sorted(_seed_minutes_actions(), key=int) == SEED_NUMBERS
    assert sorted(_seed_letter_rows(), key=int) == SEED_NUMBERS


@pytest.mark.needs_shared
@pytest.mark.parametrize("number", SEED_NUMBERS)
def test_find_timing_in_the_seed_minutes(number: str) -> None:
    expected = _seed_expected()[number]["minutes"]
    timing = find_timing(_seed_minutes_actions()[number], JUN22)
    if expected is None:
        assert timing is None or not timing.is_dated
    else:
        assert timing is not None and timing.is_dated
        assert timing.label == expected


@pytest.mark.needs_shared
@pytest.mark.parametrize("number", SEED_NUMBERS)
def test_parse_timing_of_the_seed_letter_cells(number: str) -> None:
    expected = _seed_expected()[number]["letter"]
    timing = parse_timing(_seed_letter_rows()[number][2], JUL22)
    if expected is None:
        assert timing is None
    else:
        assert timing is not None
        assert timing.label == expected


def test_seed_minutes_undated_timings_keep_their_meeting_or_event() -> None:
    actions = _seed_minutes_actions()
    expected = {
        "2": ("meeting", "next DMPC-Chief of Corporate Services meeting"),
        "8": ("event", "prior to the new Commissioner taking up his post"),
        "9": ("meeting", "next DMPC-AC Professionalism meeting"),
        "10": ("meeting", "next meeting"),
    }
    for number, (kind, label) in expected.items():
        timing = find_timing(actions[number], JUN22)
        assert timing is not None and (timing.kind, timing.label) == (kind, label), number
    for number in ("3", "5", "12", "15"):
        assert find_timing(actions[number], JUN22) is None, number


def test_seed_minutes_dated_timings_have_their_intervals() -> None:
    actions = _seed_minutes_actions()
    autumn = find_timing(actions["1"], JUN22)
    assert autumn is not None and (autumn.start, autumn.end) == (date(2022, 9, 1), date(2022, 11, 30))
    assert autumn.text == "autumn"
    deadline = find_timing(actions["14"], JUN22)
    assert deadline is not None and (deadline.start, deadline.end) == (None, date(2022, 6, 27))
    assert deadline.text == "by 27 June"


PROSE_CASES = [
    # (text, reference, expected label, or None for no timing)
    ("For discussion at the DMPC-AC Professionalism meeting in autumn.", JUN22, "autumn 2022"),
    ("MPS undertook to provide MOPAC with their SSO report by 27 June.", JUN22, "by 27 June 2022"),
    ("MPS undertook to provide MOPAC with their SSO report by 27 June.", JUL22, "by 27 June 2022"),
    (
        "- 2.9 Ana/Matt to organise the next meeting in about 3 months and to spend more of the meeting "
        "discussing requirements and progress with new model configurations (CO10).",
        DEC23,
        "about March 2024",
    ),
    (
        "- 3.7 Ana/Matt to organise next meeting in about 3 months. Prioritise, at the next meeting:",
        date(2024, 3, 11),
        "about June 2024",
    ),
    ("For discussion at the next meeting in October.", JUN22, "October 2022"),
    ("I look forward to discussing this further when we meet in October.", JUL22, "October 2022"),
    ("The paper will come to the Board in early November.", JUN22, "early November 2022"),
    ("MPS to report back within the next 6 months.", JUN22, "by December 2022"),
    ("Delivery is expected in Q3.", JUN22, "Q3 2022/23"),
    ("To be delivered by the end of Q3 2022/23.", JUN22, "by end of Q3 2022/23"),
    ("Savings to be found during 2023/24.", JUN22, "2023/24"),
    ("To be agreed at the May meeting.", JUN22, "May 2022"),
    ("Work will start in the autumn.", NOV22, "autumn 2022"),  # 1 September 2022 is in the window
    ("Work will start in the spring.", NOV22, "spring 2023"),
    ("The review will conclude by the end of the financial year.", JUN22, "by end of financial year 2022/23"),
    (
        "For discussion prior to the new Commissioner taking up his post, and no later than "
        "1 September 2022.",
        JUN22,
        "by 1 September 2022",
    ),
    # numbers and words that are not timings
    (
        "The DMPC noted that the number of officers trained on the PNC app was 17 per cent against a "
        "target of 90 per cent.",
        JUN22,
        None,
    ),
    (
        "The 2021-22 Q4 Performance Report and MPS Q4 Business Plan Progress Report were presented.",
        JUN22,
        None,
    ),
    ("- 2.4 Matt to clarify with Susan that CO9 is 4.0.4.", DEC23, None),
    ("The DMPC noted the increase in the number of crimes screened-out within 24 hours.", JUN22, None),
    ("The DMPC noted that it had been six years since the HMICFRS published its report.", JUN22, None),
    ("The MPS provided a report outlining the new register for 2022-23 and its processes.", JUN22, None),
    ("The MPS advised that it had delivered 21 of the 23 actions.", JUN22, None),
    ("Report to the Board in Jan.", NOV22, "January 2023"),
    ("Jan to circulate the paper to the group.", NOV22, None),
    ("The DEC report was noted.", NOV22, None),
    ("We may need to march on regardless.", NOV22, None),
    ("Winter GI Group Meeting", NOV22, None),
    ("- 2.10 Ana/Matt to ask Chris Bunney about WWIII ticket system.", DEC23, None),
    ("- 2.1 Matt/Ana to check issues before the meetings.", DEC23, None),
    (
        "- 3.4 All: To discuss in future meetings whether to run tests with reanalysis.",
        date(2024, 3, 11),
        None,
    ),
    ("We could talk about it next time we discuss the meeting.", DEC23, None),
    ("", JUN22, None),
]


@pytest.mark.parametrize(("text", "reference", "label"), PROSE_CASES)
def test_find_timing_in_prose(text: str, reference: date, label: str | None) -> None:
    timing = find_timing(text, reference)
    if label is None:
        assert timing is None
    else:
        assert timing is not None and timing.kind == "date"
        assert timing.label == label


def test_find_timing_reads_a_meeting_named_in_a_follow_up() -> None:
    text = (
        "* 2.2 DB to ask/check at the next Clivar Ocean Model Development Panel meeting what version and "
        "period of WOA will be adopted to generate ICs/climatology for OMIP runs."
    )
    timing = find_timing(text, date(2024, 2, 14))
    assert timing == Timing(
        text="next Clivar Ocean Model Development Panel meeting",
        kind="meeting",
        label="next Clivar Ocean Model Development Panel meeting",
    )


def test_find_timing_without_a_reference_still_finds_meetings_and_written_years() -> None:
    assert find_timing("To report by 27 June.", None) is None
    timing = find_timing("To report by 27 June 2022.", None)
    assert timing is not None and timing.end == date(2022, 6, 27)
    meeting = find_timing("For discussion at the next meeting.", None)
    assert meeting is not None and meeting.kind == "meeting"


# ---------------------------------------------------------------------------
# find_dates


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("20 July 2022", [date(2022, 7, 20)]),
        ("Performance and Risk Oversight Board meeting minutes - 24 June 2022", [date(2022, 6, 24)]),
        ("Publication date: Friday 24 June 2022", [date(2022, 6, 24)]),
        ("11th December 2023.", [date(2023, 12, 11)]),
        ("Our ref: MOPAC14072022-D4220", []),
        ("June 24, 2022", [date(2022, 6, 24)]),
        ("2022-06-24", [date(2022, 6, 24)]),
        ("24/06/2022", [date(2022, 6, 24)]),
        ("start: 2022-01-26T12:30", [date(2022, 1, 26)]),
        ("Met on 19 July; wrote on 20 July 2022, then 1 August 2022.", [date(2022, 7, 20), date(2022, 8, 1)]),
        ("31 June 2022 is not a day", []),
        ("CO9 is 4.0.4; 17 per cent; 24 hours", []),
        ("", []),
    ],
)
def test_find_dates(text: str, dates: list[date]) -> None:
    assert find_dates(text) == dates


# ---------------------------------------------------------------------------
# compare_timing


def p(text: str, reference: date | None = JUN22) -> Timing:
    timing = parse_timing(text, reference)
    assert timing is not None, text
    return timing


NEXT_MEETING = Timing(text="the next meeting", kind="meeting", label="next meeting")
COMMISSIONER = Timing(
    text="prior to X", kind="event", label="prior to the new Commissioner taking up his post"
)


@pytest.mark.parametrize(
    ("old", "new", "cls", "message"),
    [
        (p("autumn"), p("October", JUL22), "narrowed", "narrowed: autumn 2022 → October 2022"),
        (p("July 2022"), p("August 2022"), "slipped", "slipped by 1 month: July 2022 → August 2022"),
        (
            p("November 2022"),
            p("December 2022"),
            "slipped",
            "slipped by 1 month: November 2022 → December 2022",
        ),
        (None, p("August 2022"), "added", "added: August 2022"),
        (NEXT_MEETING, p("August 2022"), "added", "added: August 2022 (was next meeting)"),
        (COMMISSIONER, p("August 2022"), "added", None),
        (p("by 27 June"), p("Completed"), "status", "status: by 27 June 2022 → Completed"),
        (None, p("Closed"), "status", "status: Closed"),
        (NEXT_MEETING, p("Closed"), "status", "status: next meeting → Closed"),
        (p("Ongoing"), p("On Hold"), "status", "status: Ongoing → On Hold"),
        (p("Closed"), p("August 2022"), "status", "status: Closed → August 2022"),
        (p("Closed"), p("_Closed_"), "none", "no change: Closed"),
        (p("Carry forward"), p("Carried forward"), "none", None),
        (p("August 2022"), None, "dropped", "dropped: August 2022"),
        (p("July 2022"), NEXT_MEETING, "dropped", "dropped: July 2022 (now next meeting)"),
        (p("Ongoing"), None, "dropped", "dropped: Ongoing"),
        (p("October 2022"), p("autumn 2022"), "widened", "widened: October 2022 → autumn 2022"),
        (p("December"), p("November"), "advanced", "advanced by 1 month: December 2022 → November 2022"),
        (
            p("by 27 June 2022"),
            p("by 30 June 2022"),
            "slipped",
            "slipped by 3 days: by 27 June 2022 → by 30 June 2022",
        ),
        (
            p("by 30 June 2022"),
            p("by 27 June 2022"),
            "advanced",
            "advanced by 3 days: by 30 June 2022 → by 27 June 2022",
        ),
        (p("by 30 June 2022"), p("June 2022"), "none", None),  # a deadline compares by its end
        (p("w/c 5 September"), p("w/c 19 September"), "slipped", None),
        (p("Q3 2022/23"), p("Q4 2022/23"), "slipped", "slipped by 3 months: Q3 2022/23 → Q4 2022/23"),
        (p("2022/23"), p("2024/25"), "slipped", "slipped by 2 years: 2022/23 → 2024/25"),
        (p("July to September 2022"), p("August to October 2022"), "slipped", None),
        (p("October 2022"), p("October 2022", JUL22), "none", "no change: October 2022"),
        (None, None, "none", "no timing"),
        (NEXT_MEETING, None, "none", None),
        (NEXT_MEETING, COMMISSIONER, "none", None),
    ],
)
def test_compare_timing(old: Timing | None, new: Timing | None, cls: str, message: str | None) -> None:
    result = compare_timing(old, new)
    assert result[0] == cls
    if message is not None:
        assert result[1] == message
    assert "\n" not in result[1]


def test_slip_messages_give_the_size_in_the_unit_people_use() -> None:
    assert "by 2 weeks" in compare_timing(p("w/c 5 September"), p("w/c 19 September"))[1]
    assert "by 1 month" in compare_timing(p("July to September 2022"), p("August to October 2022"))[1]
    assert "by 4 days" in compare_timing(p("27 June"), p("1 July"))[1]


# ---------------------------------------------------------------------------
# Properties

STATUSES = ["completed", "closed", "ongoing", "tbc", "superseded", "deferred", "on hold", "carried forward"]


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + count
    return index // 12, index % 12 + 1


@st.composite
def dated_timings(draw: st.DrawFn) -> Timing:
    year, month = draw(st.integers(2000, 2030)), draw(st.integers(1, 12))
    length = draw(st.integers(1, 6))
    end_year, end_month = _add_months(year, month, length - 1)
    end = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    start = None if draw(st.booleans()) and length == 1 else date(year, month, 1)
    label = f"{'by ' if start is None else ''}{year}-{month:02d} +{length}"
    return Timing(text=label, kind="date", label=label, start=start, end=end, granularity="month")


undated_timings = st.one_of(
    st.sampled_from(STATUSES).map(lambda s: Timing(text=s, kind="status", label=s.capitalize(), status=s)),
    st.just(NEXT_MEETING),
    st.just(COMMISSIONER),
)

MIRROR = {
    "none": "none",
    "slipped": "advanced",
    "advanced": "slipped",
    "narrowed": "widened",
    "widened": "narrowed",
}


@settings(database=None)
@given(st.one_of(st.none(), dated_timings(), undated_timings))
def test_a_timing_compared_with_itself_has_not_drifted(timing: Timing | None) -> None:
    assert compare_timing(timing, timing)[0] == "none"


@settings(database=None)
@given(dated_timings(), dated_timings())
def test_swapping_the_documents_mirrors_the_class(old: Timing, new: Timing) -> None:
    forward, backward = compare_timing(old, new)[0], compare_timing(new, old)[0]
    assert backward == MIRROR[forward]


@settings(database=None)
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_parsing_never_raises(text: str, reference: date | None) -> None:
    for timing in (parse_timing(text, reference), find_timing(text, reference)):
        assert timing is None or timing.kind in ("date", "status", "meeting", "event")
    assert all(isinstance(found, date) for found in find_dates(text))


@settings(database=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "by",
                "27",
                "June",
                "2022",
                "Q3",
                "2022/23",
                "FY23",
                "end of",
                "the",
                "financial year",
                "next",
                "meeting",
                "prior to",
                "in about",
                "3 months",
                "within",
                "Sept",
                "Oct-22",
                "autumn",
                "winter",
                "term",
                "w/c",
                "mid-",
                "early",
                "late",
                "Completed",
                "–",
                "31",
                "February",
                "29",
                "/",
                "-",
            ]
        ),
        max_size=10,
    ).map(" ".join),
    st.one_of(st.none(), st.dates()),
)
def test_parsing_timing_words_in_any_order_never_raises(text: str, reference: date | None) -> None:
    timing = parse_timing(text, reference)
    if timing is not None and timing.start is not None and timing.end is not None:
        assert timing.start <= timing.end
    find_timing(text, reference)


# --- the gates that skip date forms a text cannot contain --------------------------------------

_DATE_TOKENS = [
    *("January", "Feb", "march", "MAY", "June", "Sept", "oct", "December", "spring", "autumn", "winter"),
    *("3", "14th", "31", "2022", "2023", "22", "06/2022", "2022-06-24", "24/06/2022", "Q3", "q1", "FY23"),
    *("2022/23", "22/23", "financial", "fiscal", "year", "end", "of", "the", "by", "before", "in", "within"),
    *("next", "early", "mid", "late", "between", "and", "to", "-", "/", ",", "w/c", "week", "commencing"),
    *("month", "months", "weeks", "two", "a", "calendar", "this", "term", "meeting", "Monday", "."),
    *("YEAR", "Fiscal", "Months", "WEEK", "\u212aMay", "Ma\u017f", "\u0130June", "1st", "22ND", "Mid-"),
    *("End", "beginning", "start", "attend", "amid", "2nd", "4th", "9", "10", "126"),
    *("FY 2023", "fy'23", "2022 - 23", "24.06.2022", "2022/2023", "22 / 23", "1.", "Q3 22/23", "FY2022/23"),
    *("Q4", "q2", "Q5", "Summer", "AUTUMN", "spring", "Winter's", "summertime"),
]


# Each form once, after a digit or a month name that a form may be searched from:
# the gates must neither skip it nor start past it.
_EVERY_FORM = (
    "by 2024-06-24", "on 24/06/2022", "w/c 7 March 2022", "Monday 7 March", "by 7th of May", "March 7, 2022",
    "in early June", "by the end of June 2023", "between March and May", "March to May 2023", "by 06/2022",
    "in March 2023", "Sept '22", "winter 2022/23", "by autumn", "the 2022/23 Q3", "in Q3 of 2022/23",
    "FY23", "the financial year 2022/23", "next financial year", "by the end of next year", "mid-2023",
    "the end of 2022", "within three months", "in 6 weeks' time", "in 2023",
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATE_TOKENS), max_size=12).map(" ".join), st.booleans())
@example(" ".join(_EVERY_FORM), True)
@example(" ".join(_EVERY_FORM), False)
@example("item 1 and March: " + " / ".join(_EVERY_FORM), True)
@example(" ".join(reversed(_EVERY_FORM)), True)
def test_gates_skip_only_forms_the_text_cannot_hold(text: str, prose: bool) -> None:
    """Every date form with its gates searched as without them: the gates are an
    optimisation and must never change what is found."""
    from unittest import mock

    from reconcile import timing

    # searched case-sensitively in the text folded to lower case: as if ignoring case
    for name, found_in in timing._gates():
        gate = timing._GATES[name]
        pattern = gate if isinstance(gate, str) else "|".join(map(re.escape, gate))
        first = re.search(pattern, text, timing._FLAGS)
        found = found_in(timing._ascii_folded(text))
        assert (found is None) == (first is None)
        if isinstance(gate, str) and first is not None:
            assert found == first.start()  # where a form that starts at its match is searched from
    ctx = timing._Context(JUN22, TimingSettings(), prose)
    gated = timing._dated_hits(text, ctx)
    rules = timing._rules(ctx.settings)
    # every form searched in all of every text: no gates, no words, no start
    every = tuple((pattern, handler, frozenset(), (), "") for pattern, handler, *_ in rules)
    with mock.patch.object(timing, "_rules", lambda _: every):
        ungated = timing._dated_hits(text, ctx)
    assert gated == ungated


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_TOKENS), max_size=12).map(" ".join))
def test_date_forms_led_by_their_first_characters_find_what_they_find_as_written(text: str) -> None:
    """The forms are compiled with a lookahead on the characters their matches start
    with (reconcile.scan), an optimisation that must never change what is found."""
    from reconcile import timing

    seasons = timing._season_rule(("winter", "autumn", "spring"))
    for rule in (*timing._RULES_BEFORE_SEASONS, seasons, *timing._RULES_AFTER_SEASONS):
        scanning, plain = timing._compiled((rule,))[0][0], re.compile(rule.pattern, timing._FLAGS)
        assert [m.span() for m in scanning.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["the", "The", "their", "these", "a", "an", "other", "winter", "2024", "plan", "of"]),
        max_size=8,
    ),
    st.lists(st.sampled_from([" ", "  ", "\t", "\n", " \u00a0"]), min_size=8, max_size=8),
)
def test_a_determiner_is_found_before_a_phrase_as_by_searching_all_the_text_before_it(
    words: list[str], spaces: list[str]
) -> None:
    """_adjectival searches for the determiner only just before the phrase: the same
    answer as a search through all that precedes it."""
    from reconcile import timing

    text = "".join(word + space for word, space in zip(words, spaces, strict=False)) + "winter plan"
    for m in re.finditer(r"winter|2024", text):
        before, after = text[: m.start()], text[m.end() :]
        whole = bool(timing._DETERMINER_BEFORE.search(before) and timing._NOUN_AFTER.match(after))
        assert timing._adjectival(m) == (whole or after.startswith(("'s ", "’s ")))
