"""Leads: owners read from Lead cells and from the actor of an action's sentence,
and the comparison of the two documents' leads.

Every expected value here was worked out by reading the text, or is the ground
truth of ../shared (seeds/expected.yaml, corpus/*/expected.yaml)."""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHARED
from reconcile.config import LeadSettings
from reconcile.leads import (
    actor_of,
    actor_span,
    canonical_name,
    compare_leads,
    lead_label,
    parse_lead,
    same_leads,
    without_actor,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "seeds"
CORPUS = SHARED / "corpus"

needs_shared = pytest.mark.needs_shared

NONE = LeadSettings()
MET = LeadSettings(
    aliases=MappingProxyType({"MPS": ("Metropolitan Police Service", "the Met")}),
    roles=MappingProxyType({"AC Frontline Policing": "MPS", "DMPC": "MOPAC"}),
)

Lead = tuple[str, ...]


def names(written: str | None) -> Lead | None:
    """The ground truth's way of writing a lead ('MPS and MOPAC', 'Matt/Ana') as a
    tuple; deliberately independent of the code under test."""
    if written is None:
        return None
    return tuple(n.strip() for n in re.split(r"/| and ", written))


# --------------------------------------------------------------------------- lead expressions

ACTOR, CELL = "actor", "cell"

LEAD_EXPRESSIONS = [
    # the verb patterns
    (ACTOR, "MPS to provide a briefing note on the issues with recruiting PCSOs.", NONE, ("MPS",)),
    (ACTOR, "The MPS undertook to remind BCU Commanders that DWO posts must be filled.", NONE, ("MPS",)),
    (ACTOR, "MPS undertook to provide MOPAC with their SSO report by 27 June.", NONE, ("MPS",)),
    (ACTOR, "DMPC to discuss with AC Frontline Policing at their next meeting, how ...", NONE, ("DMPC",)),
    (ACTOR, "MPS and MOPAC to work together to align their reviews.", NONE, ("MPS", "MOPAC")),
    (ACTOR, "MOPAC and the MPS will co-ordinate their reviews.", NONE, ("MOPAC", "MPS")),
    (ACTOR, "The Chief Executive agreed to circulate the paper.", NONE, ("Chief Executive",)),
    (ACTOR, "MPS is to report back in October.", NONE, ("MPS",)),
    (ACTOR, "Trust PACS managers are to confirm how templates are built.", NONE, ("Trust PACS managers",)),
    (ACTOR, "MOPAC should write to the Home Office.", NONE, ("MOPAC",)),
    (ACTOR, "MPS has agreed to share the evaluation.", NONE, ("MPS",)),
    (ACTOR, "MPS, MOPAC and the GLA will meet in July.", NONE, ("MPS", "MOPAC", "GLA")),
    (ACTOR, "Will Smith to review the register.", NONE, ("Will Smith",)),
    (ACTOR, "Following discussion, MOPAC to write to the Home Office.", NONE, ("MOPAC",)),
    # the corpus's forms
    (ACTOR, "2.1 Matt/Ana to check issues before the meetings.", NONE, ("Matt", "Ana")),
    (ACTOR, "Andy/Ana/Matt to discuss with Jon about working meetings.", NONE, ("Andy", "Ana", "Matt")),
    (ACTOR, "Matt to ask James to pass back to Jeff the changes he made for TEOS-10.", NONE, ("Matt",)),
    (ACTOR, "3.1 Mike: Organise meeting with Hedong, Matt, James and Ryan Patmore.", NONE, ("Mike",)),
    (ACTOR, "Jeff/Ana: Discuss offline to outline a procedure.", NONE, ("Jeff", "Ana")),
    (ACTOR, "All: To discuss in future meetings whether to run tests.", NONE, ("All",)),
    (ACTOR, "**Action: DS to email Jérôme about this.**", NONE, ("DS",)),
    (ACTOR, "Action: AA to ensure this is done.", NONE, ("AA",)),
    (ACTOR, "Action 3: AA to explore options with input from others.", NONE, ("AA",)),
    (ACTOR, "Action 1.1: DS to get updated ORCA grids from Mercator.", NONE, ("DS",)),
    (ACTOR, "AA will pass AM contact to Alejandro.", NONE, ("AA",)),
    (ACTOR, "AA/CG/DS We should work with Tim Graham's team.", NONE, ("AA", "CG", "DS")),
    # passive, actor-less, pronouns, headings
    (
        ACTOR,
        "Disproportionality in the misconduct process, including how the Casey Review will assist "
        "with this issue, would be discussed in upcoming discussions on the Casey Review.",
        NONE,
        None,
    ),
    (ACTOR, "To create reporting standard templates for pancreatic cancer staging", NONE, None),
    (ACTOR, "Planning phase of the education programme for cross sectional radiography", NONE, None),
    (ACTOR, "We will be discussing at that meeting the review into Witness Care Units.", NONE, None),
    (ACTOR, "They agreed to look again.", NONE, None),
    (ACTOR, "An email would be circulated to seek volunteers.", NONE, None),
    (ACTOR, "Starvation before a CT scan would be re-visited.", NONE, None),
    (ACTOR, "It was noted that we still need coupled tests to see what happens.", NONE, None),
    (ACTOR, "Mike asked James to review the changes.", NONE, None),
    (ACTOR, "The DMPC-AC Frontline Policing meeting will consider the note.", NONE, None),
    (ACTOR, "Post-meeting note: AA is likely to use the Roadmap option.", NONE, None),
    (ACTOR, "**Action 2.1**", NONE, None),
    (ACTOR, "", NONE, None),
    # aliases and roles
    (ACTOR, "The Met will provide an assessment.", MET, ("MPS",)),
    (ACTOR, "Metropolitan Police Service to provide a paper.", MET, ("MPS",)),
    (ACTOR, "The Met will provide an assessment.", NONE, ("Met",)),
    (ACTOR, "MOPAC and the Met to work together.", MET, ("MOPAC", "MPS")),
    (ACTOR, "MPS and the Met to work together.", MET, ("MPS",)),
    # Lead cells
    (CELL, "MPS", NONE, ("MPS",)),
    (CELL, "MPS and MOPAC", NONE, ("MPS", "MOPAC")),
    (CELL, "MPS/MOPAC", NONE, ("MPS", "MOPAC")),
    (CELL, "MPS & MOPAC", NONE, ("MPS", "MOPAC")),
    (CELL, "MPS, MOPAC", NONE, ("MPS", "MOPAC")),
    (CELL, "MPS, MOPAC, and GLA", NONE, ("MPS", "MOPAC", "GLA")),
    (CELL, "Jon and/or Ryan", NONE, ("Jon", "Ryan")),
    (CELL, "AC Frontline Policing", NONE, ("AC Frontline Policing",)),
    (CELL, "AC Frontline Policing", MET, ("AC Frontline Policing",)),
    (CELL, "Head of Oversight and Performance", NONE, ("Head of Oversight and Performance",)),
    (CELL, "Sophie Linden, DMPC", NONE, ("DMPC",)),
    (
        CELL,
        "Sophie Linden, Deputy Mayor for Policing and Crime",
        NONE,
        ("Deputy Mayor for Policing and Crime",),
    ),
    (CELL, "Matt Martin, Ana Aguiar", NONE, ("Matt Martin", "Ana Aguiar")),
    (CELL, "Cllr Jane Smith", NONE, ("Cllr Jane Smith",)),
    (CELL, "Dr A. Jones", NONE, ("Dr A. Jones",)),
    (CELL, "Damian Tolan/SIG PMs", NONE, ("Damian Tolan", "SIG PMs")),
    (CELL, "Damian Tolan/Helen Jeffrey", NONE, ("Damian Tolan", "Helen Jeffrey")),
    (CELL, "the Met", MET, ("MPS",)),
    (CELL, "Metropolitan Police Service and MOPAC", MET, ("MPS", "MOPAC")),
    (CELL, "M.P.S.", MET, ("MPS",)),
    (CELL, "Lead: MPS.", NONE, ("MPS",)),
    (CELL, "", NONE, None),
    (CELL, "  ", NONE, None),
    (CELL, "-", NONE, None),
    (CELL, "–", NONE, None),
    (CELL, "n/a", NONE, None),
    (CELL, "N/A", NONE, None),
    (CELL, "TBC", NONE, None),
]


@pytest.mark.parametrize(
    ("kind", "text", "settings", "expected"),
    LEAD_EXPRESSIONS,
    ids=[f"{k}:{t[:40]}" for k, t, _, _ in LEAD_EXPRESSIONS],
)
def test_lead_expression(kind: str, text: str, settings: LeadSettings, expected: Lead | None) -> None:
    read = actor_of(text, settings) if kind == ACTOR else parse_lead(text, settings)
    assert read == expected


# --------------------------------------------------------------------------- seeds


def seed_minutes_actions() -> dict[int, str]:
    text = (SEEDS / "minutes.txt").read_text(encoding="utf-8")
    return {int(m[1]): m[2] for m in re.finditer(r"^Action (\d+): (.+)$", text, re.MULTILINE)}


def seed_letter_rows() -> dict[int, tuple[str, str]]:
    """Annex A: No. | Action | Timing | Lead -> number: (action, lead cell)."""
    rows = {}
    for line in (SEEDS / "letter.txt").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 4 and cells[0].isdigit():
            rows[int(cells[0])] = (cells[1], cells[3])
    return rows


SEED_MINUTES_ACTORS: dict[int, Lead | None] = {n: ("MPS",) for n in range(1, 15)}
SEED_MINUTES_ACTORS.update({10: ("DMPC",), 12: ("MPS", "MOPAC"), 15: None})
SEED_LETTER_CELLS: dict[int, Lead] = {n: ("MPS",) for n in range(1, 16)}
SEED_LETTER_CELLS.update({12: ("MPS", "MOPAC"), 15: ("MPS", "MOPAC")})
# The letter restates the minutes' sentences, so their actors are the same.
SEED_LETTER_ACTORS = dict(SEED_MINUTES_ACTORS)


def test_seed_files_have_fifteen_actions_each() -> None:
    assert sorted(seed_minutes_actions()) == list(range(1, 16))
    assert sorted(seed_letter_rows()) == list(range(1, 16))


@pytest.mark.parametrize("number", range(1, 16))
def test_seed_minutes_actor(number: int) -> None:
    assert actor_of(seed_minutes_actions()[number]) == SEED_MINUTES_ACTORS[number]


@pytest.mark.parametrize("number", range(1, 16))
def test_seed_letter_lead_cell_and_actor(number: int) -> None:
    action, cell = seed_letter_rows()[number]
    assert parse_lead(cell) == SEED_LETTER_CELLS[number]
    assert actor_of(action) == SEED_LETTER_ACTORS[number]


def seed_drift(number: int) -> tuple[str, str]:
    minutes_actor = actor_of(seed_minutes_actions()[number])
    action, cell = seed_letter_rows()[number]
    return compare_leads(minutes_actor, minutes_actor, parse_lead(cell), actor_of(action))


@needs_shared
def test_seed_leads_and_drift_match_ground_truth() -> None:
    truth = yaml.safe_load((SHARED / "seeds" / "expected.yaml").read_text(encoding="utf-8"))
    for entry in truth["actions"]:
        number = int(entry["minutes"])
        _, cell = seed_letter_rows()[number]
        assert actor_of(seed_minutes_actions()[number]) == names(entry["lead"]["minutes"]), number
        assert parse_lead(cell) == names(entry["lead"]["letter"]), number
        assert seed_drift(number)[0] == entry["drift"]["lead"], number


def test_seed_drift_by_hand() -> None:
    classes = {n: seed_drift(n)[0] for n in range(1, 16)}
    assert classes == {n: "mismatch" if n == 10 else "added" if n == 15 else "none" for n in range(1, 16)}
    assert seed_drift(10)[1] == "mismatch: the letter's Lead column says MPS but its text has DMPC acting"
    assert seed_drift(15)[1] == "added: MPS and MOPAC"


# --------------------------------------------------------------------------- corpus


def corpus_truth(case: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((CORPUS / case / "expected.yaml").read_text(encoding="utf-8"))
    entries: list[dict[str, Any]] = data["actions"]
    return entries


def numbered_lines(path: Path) -> list[tuple[str, str]]:
    """'   - 2.1 Matt/Ana to check ...' -> ('2.1', 'Matt/Ana to check ...')."""
    text = path.read_text(encoding="utf-8")
    return re.findall(r"^\s*[-*]\s+(\d+\.\d+)\s+(.+)$", text, re.MULTILINE)


@needs_shared
def test_corpus_jmmp_co_actors() -> None:
    truth = corpus_truth("jmmp-co-2023-12")
    by_side = {
        side: {e[side]: names(e["lead"][side]) for e in truth if e[side] is not None}
        for side in ("minutes", "letter")
    }
    for side in ("minutes", "letter"):
        lines = numbered_lines(CORPUS / "jmmp-co-2023-12" / f"{side}.txt")
        assert {number for number, _ in lines} == set(by_side[side])
        for number, text in lines:
            assert actor_of(text) == by_side[side][number], (side, number, text)


@needs_shared
def test_corpus_jmmp_co_names_only_the_one_who_acts() -> None:
    text = dict(numbered_lines(CORPUS / "jmmp-co-2023-12" / "minutes.txt"))["2.6"]
    assert text.startswith("Matt to ask James to pass back to Jeff")
    assert actor_of(text) == ("Matt",)


@needs_shared
def test_corpus_jmmp_go_unnumbered_and_listed_actions() -> None:
    truth = corpus_truth("jmmp-go-2023-11")
    minutes = (CORPUS / "jmmp-go-2023-11" / "minutes.txt").read_text(encoding="utf-8")
    bold_actions = re.findall(r"\*\*(Action:[^*]+)\*\*", minutes)
    by_text = {e["text"]["minutes"]: names(e["lead"]["minutes"]) for e in truth if "text" in e}
    assert len(bold_actions) == 3
    for action in bold_actions:
        assert actor_of(action) == by_text[action.strip()], action
    listed = dict(numbered_lines(CORPUS / "jmmp-go-2023-11" / "letter.txt"))
    for entry in truth:
        if entry["letter"] is not None:
            assert actor_of(listed[entry["letter"]]) == names(entry["lead"]["letter"]), entry["letter"]


@needs_shared
def test_corpus_yic_bracket_owners_and_actorless_actions() -> None:
    truth = corpus_truth("yic-gi-2022-01")
    for side in ("minutes", "letter"):
        text = (CORPUS / "yic-gi-2022-01" / f"{side}.txt").read_text(encoding="utf-8")
        actions = dict(re.findall(r"^(\d+)\. (.+)$", text, re.MULTILINE))
        for entry in truth:
            if entry[side] is None:
                continue
            match = re.fullmatch(r"(.*?)\s*\[(.*)\]", actions[entry[side]])
            assert match is not None, actions[entry[side]]
            sentence, bracket = match.groups()
            owner = bracket.split(" for ", 1)[1] if " for " in bracket else ""
            assert parse_lead(owner) == names(entry["lead"][side]), (side, entry[side])
            assert actor_of(sentence) is None, sentence


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "settings", "expected"),
    [
        ("the Met", MET, "MPS"),
        ("THE MET", MET, "MPS"),
        ("Metropolitan Police Service", MET, "MPS"),
        ("metropolitan  police service", MET, "MPS"),
        ("M.P.S.", MET, "MPS"),
        ("MPS", MET, "MPS"),
        ("the Met", NONE, "Met"),
        ("  The   Chief   Executive ", NONE, "Chief Executive"),
        ("M.P.S.", NONE, "M.P.S."),
        ("Jérôme", NONE, "Jérôme"),
        ("The", NONE, "The"),
    ],
)
def test_canonical_name(name: str, settings: LeadSettings, expected: str) -> None:
    assert canonical_name(name, settings) == expected


@pytest.mark.parametrize(
    ("a", "b", "settings", "expected"),
    [
        (("MPS", "MOPAC"), ("MOPAC", "MPS"), NONE, True),
        (("MPS", "MOPAC"), ("MPS",), NONE, False),
        (("AC Frontline Policing",), ("MPS",), MET, True),
        (("AC Frontline Policing",), ("MPS",), NONE, False),
        (("ac frontline policing",), ("the Met",), MET, True),
        (("DMPC",), ("MOPAC",), MET, True),
        (("Metropolitan Police Service",), ("M.P.S.",), MET, True),
        (("Dr A. Jones",), ("A Jones",), NONE, True),
        (("Matt", "Ana"), ("Ana", "Matt"), NONE, True),
        (None, None, NONE, True),
        (None, ("MPS",), NONE, False),
        (("MPS",), None, NONE, False),
    ],
)
def test_same_leads(a: Lead | None, b: Lead | None, settings: LeadSettings, expected: bool) -> None:
    assert same_leads(a, b, settings) is expected


@pytest.mark.parametrize(
    ("lead", "label"),
    [
        (("MPS",), "MPS"),
        (("MPS", "MOPAC"), "MPS and MOPAC"),
        (("Andy", "Ana", "Matt"), "Andy, Ana and Matt"),
        (None, None),
    ],
)
def test_lead_label(lead: Lead | None, label: str | None) -> None:
    assert lead_label(lead) == label


# --------------------------------------------------------------------------- compare_leads

MPS, MOPAC, DMPC, JOINT = ("MPS",), ("MOPAC",), ("DMPC",), ("MPS", "MOPAC")


@pytest.mark.parametrize(
    ("sides", "settings", "cls", "message"),
    [
        # seed 10: the letter's Lead column says MPS, its sentence has the DMPC act
        (
            (DMPC, DMPC, MPS, DMPC),
            NONE,
            "mismatch",
            "mismatch: the letter's Lead column says MPS but its text has DMPC acting",
        ),
        # seed 15: the minutes name nobody, the letter's column names two bodies
        ((None, None, JOINT, None), NONE, "added", "added: MPS and MOPAC"),
        ((JOINT, JOINT, ("MOPAC", "MPS"), ("MOPAC", "MPS")), NONE, "none", None),
        ((JOINT, JOINT, MPS, MPS), NONE, "changed", "changed: MPS and MOPAC → MPS"),
        ((MPS, MPS, MOPAC, None), NONE, "changed", "changed: MPS → MOPAC"),
        (
            (("Damian Tolan", "SIG PMs"), None, None, None),
            NONE,
            "dropped",
            "dropped: Damian Tolan and SIG PMs",
        ),
        ((None, None, None, None), NONE, "none", None),
        ((MPS, MPS, MPS, MPS), NONE, "none", None),
        # a Lead column with no actor in the sentence is no mismatch
        ((MPS, None, MPS, None), NONE, "none", None),
        # the minutes' own column contradicts their text
        (
            (MOPAC, MPS, MOPAC, MPS),
            NONE,
            "mismatch",
            "mismatch: the minutes' Lead column says MOPAC but its text has MPS acting; "
            "the letter's Lead column says MOPAC but its text has MPS acting",
        ),
        # mismatch takes precedence over a change of lead
        ((MPS, MPS, MOPAC, DMPC), NONE, "mismatch", None),
        # roles and aliases make these the same lead
        ((MPS, MPS, ("AC Frontline Policing",), DMPC), MET, "mismatch", None),
        ((MPS, MPS, ("AC Frontline Policing",), ("the Met",)), MET, "none", None),
        ((("the Met",), ("the Met",), MPS, MPS), MET, "none", None),
        ((MOPAC, DMPC, MOPAC, DMPC), MET, "none", None),
        ((("the Met",), ("the Met",), MPS, MPS), NONE, "changed", "changed: the Met → MPS"),
    ],
)
def test_compare_leads(
    sides: tuple[Lead | None, Lead | None, Lead | None, Lead | None],
    settings: LeadSettings,
    cls: str,
    message: str | None,
) -> None:
    got_cls, got_message = compare_leads(*sides, settings)
    assert got_cls == cls
    assert got_message.startswith(f"{cls}:")
    assert "\n" not in got_message
    if message is not None:
        assert got_message == message


# --------------------------------------------------------------------------- properties

WORDISH = st.text(alphabet="MPSOACDmpsoacdet /&,:.-Tw\t\n*_", max_size=40)
NAME = st.sampled_from(
    ["MPS", "MOPAC", "DMPC", "the Met", "M.P.S.", "AC Frontline Policing", "Matt", "Dr A. Jones"]
) | st.text(max_size=12)
LEAD = st.none() | st.lists(NAME, min_size=1, max_size=4).map(tuple)
SETTINGS = st.sampled_from([NONE, MET])


def is_lead(value: object) -> bool:
    return value is None or (
        isinstance(value, tuple) and len(value) > 0 and all(isinstance(n, str) and n for n in value)
    )


@given(st.text() | WORDISH, SETTINGS)
def test_readers_never_raise_and_return_leads(text: str, settings: LeadSettings) -> None:
    assert is_lead(actor_of(text, settings))
    assert is_lead(parse_lead(text, settings))
    assert isinstance(canonical_name(text, settings), str)


@given(LEAD, LEAD, SETTINGS)
def test_same_leads_is_symmetric(a: Lead | None, b: Lead | None, settings: LeadSettings) -> None:
    assert same_leads(a, b, settings) == same_leads(b, a, settings)


@given(LEAD, st.booleans(), SETTINGS)
def test_identical_consistent_sides_compare_as_none(
    lead: Lead | None, has_actor: bool, settings: LeadSettings
) -> None:
    # A side whose column contradicts its own sentence is a mismatch even when both
    # documents carry it (see the parametrized cases), so the sides here agree with
    # themselves: the actor is absent or the lead itself.
    actor = lead if has_actor else None
    assert compare_leads(lead, actor, lead, actor, settings)[0] == "none"


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        # worked out by hand: the actor and the verb that makes it one go
        ("The Head of Primary Care to circulate the specification.", "circulate the specification."),
        ("MPS must review the policy.", "review the policy."),
        ("MOPAC and the MPS will publish the plan.", "publish the plan."),
        ("Kunal is going to open an issue.", "open an issue."),
        # no actor: the text as it is
        ("Review the policy.", "Review the policy."),
        ("The report will be circulated.", "The report will be circulated."),
    ],
)
def test_without_actor_is_what_the_actor_is_to_do(text: str, rest: str) -> None:
    assert without_actor(text) == rest


@pytest.mark.parametrize("text", ["MPS must review the policy.", "MPS to review the policy."])
def test_one_module_says_what_an_actor_is(text: str) -> None:
    # the actor that leads finds is the one that compare strips: one list of verbs
    assert actor_of(text) == ("MPS",)
    assert without_actor(text) == "review the policy."


@pytest.mark.parametrize(
    "text", ["MPS must review the policy.", "The Head of Primary Care to circulate it.", "Review it."]
)
def test_the_actor_span_is_what_without_actor_leaves_out(text: str) -> None:
    span = actor_span(text)
    assert (text[span[1] :].strip() if span else text) == without_actor(text)


def test_the_actor_span_is_where_the_actor_is_in_each_text_holding_the_sentence() -> None:
    # the same sentence, found from the start of one text and after a label in another
    alone, after_label = "MPS to review it.", "Noted. MPS to review it."
    assert actor_span(alone) == (0, 6)
    assert actor_span(after_label, 7) == (7, 13)
    assert after_label[7:13] == "MPS to"


def test_each_settings_object_names_by_its_own_aliases() -> None:
    # settings made and dropped one after another (an object's id may be reused):
    # each resolves "the Board" to its own body, never to one an earlier settings named
    for body in ("MPS", "MOPAC", "LFB", "TfL", "GLA"):
        settings = LeadSettings(aliases=MappingProxyType({body: ("the Board",)}))
        assert canonical_name("the Board", settings) == body
        assert same_leads(("the Board",), (body,), settings)
        assert not same_leads(("the Board",), ("Someone Else",), settings)


def test_each_settings_is_read_through_its_own_aliases_and_roles_however_many_come_and_go() -> None:
    """The indexes built from settings are kept by identity: settings made and dropped
    one after another (their ids reused) must each be read through their own."""
    for n in range(80):
        settings = LeadSettings(
            aliases=MappingProxyType({f"Body {n}": (f"alias {n}",)}),
            roles=MappingProxyType({f"Head of Unit {n}": f"Body {n}"}),
        )
        assert canonical_name(f"alias {n}", settings) == f"Body {n}"
        assert same_leads((f"Head of Unit {n}",), (f"alias {n}",), settings)
        assert canonical_name(f"alias {n}", NONE) == f"alias {n}"
        assert not same_leads((f"Head of Unit {n}",), (f"Body {n}",), NONE)
