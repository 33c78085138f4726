"""Extraction from real text through the real loaders: prose markers and tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.errors import ReconcileError
from reconcile.extract import extract_actions
from reconcile.load.text import load_text


def _actions(text: str) -> list[tuple[str, str]]:
    document = load_text(text.encode(), "doc.txt")
    return [(a.number, a.text) for a in extract_actions(document)]


def test_prose_actions_join_their_wrapped_lines() -> None:
    text = (
        "Minutes of the Board, 24 June 2022\n\n"
        "Some discussion.\n\n"
        "Action 1: MPS to complete evaluation of engagement\n"
        "work in Croydon. For discussion in autumn.\n\n"
        "More discussion.\n\n"
        "Action 2: The MPS undertook to remind BCU Commanders.\n"
    )
    assert _actions(text) == [
        ("1", "MPS to complete evaluation of engagement work in Croydon. For discussion in autumn."),
        ("2", "The MPS undertook to remind BCU Commanders."),
    ]


def test_an_action_whose_text_starts_on_the_next_line() -> None:
    assert _actions("Action 7:\nMPS to provide an assessment.\n\nOther text.\n") == [
        ("7", "MPS to provide an assessment.")
    ]


def test_an_action_whose_text_is_the_next_paragraph() -> None:
    assert _actions("Action 7:\n\nMPS to provide an assessment.\n\nOther text.\n") == [
        ("7", "MPS to provide an assessment.")
    ]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Action 3: MPS to act.", "3"),
        ("ACTION 3 - MPS to act.", "3"),
        ("Action point 3. MPS to act.", "3"),
        ("Action 3. MPS to act.", "3"),
        ("A3: MPS to act.", "A3"),
        ("Action 4a: MPS to act.", "4a"),
        ("Action 2.10: MPS to act.", "2.10"),
        ("- **Action 5:** MPS to act.", "5"),
    ],
)
def test_marker_styles(line: str, number: str) -> None:
    assert _actions(f"Minutes, 1 May 2023\n\n{line}\n") == [(number, "MPS to act.")]


def test_words_that_only_start_with_action_are_not_markers() -> None:
    assert _actions("Actions were reviewed.\n\nAction plan 2023 was noted.\n\nAction 1: MPS to act.\n") == [
        ("1", "MPS to act.")
    ]


def test_a_tab_table_with_a_page_break_blank_line_is_one_table() -> None:
    text = (
        "20 July 2022\n\nAnnex A\n\n"
        "No.\tAction\tTiming\tLead\n"
        "1\tMPS to act.\tOctober 2022\tMPS\n"
        "\n"
        "2\tMPS and MOPAC to align.\t\tMPS and MOPAC\n"
    )
    document = load_text(text.encode(), "letter.txt")
    actions = extract_actions(document)
    assert [(a.number, a.text) for a in actions] == [("1", "MPS to act."), ("2", "MPS and MOPAC to align.")]
    first, second = actions
    assert first.timing is not None and first.timing.start == date(2022, 10, 1)
    assert first.lead == ("MPS",)
    assert second.timing is None
    assert second.lead == ("MPS", "MOPAC")
    assert (first.line, second.line) == (6, 8)


@pytest.mark.parametrize(
    "header",
    [
        "No.\tAction\tTiming\tLead",
        "Ref\tDescription\tDue\tOwner",
        "#\tAction required\tDeadline\tResponsible",
        "Item\tAction\tBy when\tBy whom",
    ],
)
def test_table_header_synonyms(header: str) -> None:
    text = f"1 May 2023\n\n{header}\n1\tMPS to act.\tJune 2023\tMPS\n"
    document = load_text(text.encode(), "log.txt")
    (action,) = extract_actions(document)
    assert (action.number, action.text, action.lead) == ("1", "MPS to act.", ("MPS",))
    assert action.timing is not None and action.timing.label == "June 2023"


def test_a_markdown_pipe_table() -> None:
    text = (
        "# Action log, 1 May 2023\n\n"
        "| No. | Action | Timing | Lead |\n"
        "|-----|--------|--------|------|\n"
        "| 1 | MPS to act. | June 2023 | MPS |\n"
        "| 2 | MOPAC to reply. | Completed | MOPAC |\n"
    )
    assert _actions(text) == [("1", "MPS to act."), ("2", "MOPAC to reply.")]


def test_a_row_without_a_number_continues_the_row_above() -> None:
    text = "1 May 2023\n\nNo.\tAction\tTiming\tLead\n1\tMPS to act\tJune 2023\tMPS\n\tand report back.\t\t\n"
    assert _actions(text) == [("1", "MPS to act and report back.")]


def test_a_table_takes_precedence_over_prose_mentions() -> None:
    text = (
        "20 July 2022\n\nAs Action 1: discussed, we agreed things.\n\n"
        "No.\tAction\tTiming\tLead\n1\tMPS to act.\tJune 2023\tMPS\n"
    )
    assert _actions(text) == [("1", "MPS to act.")]


_LINES = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(["", "Action 1:", "Action 2: MPS to act.", "No.\tAction\tTiming\tLead", "1\tx\t\t"]),
        st.builds("\t".join, st.lists(st.text(max_size=15), min_size=2, max_size=5)),
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(_LINES)
def test_extraction_never_raises_on_arbitrary_text(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", errors="replace")
    try:
        document = load_text(data, "fuzz.txt")
    except ReconcileError:
        return
    for action in extract_actions(document):
        assert isinstance(action.text, str)


def test_a_numbered_list_under_an_actions_heading() -> None:
    text = (
        "# Winter GI Group Meeting, 26 January 2022\n\n### Actions\n"
        "1. To create reporting templates [Ongoing for Damian Tolan/SIG PMs]\n"
        "2. To arrange an ad hoc meeting within the next 6 months [Closed]\n\n"
        "### Key Discussion Points\n1. Not an action.\n"
    )
    document = load_text(text.encode(), "m.md")
    first, second = extract_actions(document)
    assert (first.number, first.text, first.lead) == (
        "1",
        "To create reporting templates",
        ("Damian Tolan", "SIG PMs"),
    )
    assert first.timing is not None and first.timing.label == "Ongoing"
    assert (second.number, second.text, second.lead) == (
        "2",
        "To arrange an ad hoc meeting within the next 6 months",
        None,
    )
    assert second.timing is not None and second.timing.label == "Closed"


def test_list_items_with_their_own_numbers_and_sub_bullets() -> None:
    text = (
        "# Minutes\n\n11th March 2024.\n\n## Open and new actions:\n"
        " - 2.2 Matt to reopen the issue with nn_it000. _Carry forward_\n"
        "- 3.7 Ana/Matt to organise next meeting. Prioritise:\n"
        "   - Discuss CO10 requirements\n"
        "- 3.8 All: Add labels to issues.\n"
    )
    actions = extract_actions(load_text(text.encode(), "m.md"))
    assert [(a.number, a.text) for a in actions] == [
        ("2.2", "Matt to reopen the issue with nn_it000."),
        ("3.7", "Ana/Matt to organise next meeting. Prioritise: Discuss CO10 requirements"),
        ("3.8", "All: Add labels to issues."),
    ]
    assert actions[0].timing is not None and actions[0].timing.label == "Carry forward"
    assert actions[2].lead == ("All",)


def test_an_action_restated_later_under_the_same_number_is_kept_once() -> None:
    text = (
        "# Minutes, 11 March 2024\n\n## Actions from previous meeting:\n"
        "- 2.2 Matt to reopen the issue. _Closed_\n\n"
        "## Open and new actions:\n- 2.2 Matt to reopen the issue.\n- 3.1 Jeff: Share documentation.\n"
    )
    actions = extract_actions(load_text(text.encode(), "m.md"))
    assert [a.number for a in actions] == ["2.2", "3.1"]
    assert actions[0].section == "Actions from previous meeting"


def test_an_inline_bold_action_keeps_the_sentence_it_refers_to() -> None:
    text = (
        "# Minutes, 9 November 2023\n\n"
        "1. The list of issues should be circulated in advance. **Action: AA to ensure this is done.**\n"
    )
    (action,) = extract_actions(load_text(text.encode(), "m.md"))
    assert (action.number, action.text, action.lead) == ("", "AA to ensure this is done.", ("AA",))
    assert action.context == "The list of issues should be circulated in advance."


def test_bare_action_labels_without_text_are_not_actions() -> None:
    text = (
        "# Minutes, 14 February 2024\n\nDS and CG will support this work. **Action 2.1**\n\n"
        "**Action 2.2: DB to ask.**\n"
    )
    assert _actions(text) == [("2.2", "DB to ask.")]


def test_minutes_laid_out_as_a_table_with_an_action_column_of_owners() -> None:
    # "Item | Minute | Action": the Action cell names who acts; the minute is the action,
    # and a minute that names no one is none (worked out from the table by hand)
    text = (
        "# Governors' meeting, 4 March 2025\n\n"
        "| Item | Minute | Action |\n| --- | --- | --- |\n"
        "| 1 | Apologies were received from Mr Lee. | |\n"
        "| 2 | Governors asked for termly attendance figures. | JS |\n"
        "| 3 | The clerk will circulate the new policy. | Clerk |\n"
    )
    actions = extract_actions(load_text(text.encode(), "m.md"))
    assert [(a.number, a.text, a.lead) for a in actions] == [
        ("2", "Governors asked for termly attendance figures.", ("JS",)),
        ("3", "The clerk will circulate the new policy.", ("Clerk",)),
    ]


def test_a_minute_table_with_an_action_by_column() -> None:
    text = (
        "# Board minutes, 4 March 2025\n\n"
        "| No. | Discussion | Action by |\n| --- | --- | --- |\n"
        "| 1 | The board noted the accounts. | |\n"
        "| 2 | Finance to publish the accounts by 31 March. | Finance Director |\n"
    )
    actions = extract_actions(load_text(text.encode(), "m.md"))
    assert [(a.number, a.lead) for a in actions] == [("2", ("Finance Director",))]
    assert actions[0].timing is not None and actions[0].timing.label == "by 31 March 2025"


def test_a_break_after_a_whole_sentence_ends_an_html_action(tmp_path: Path) -> None:
    from reconcile.load import load_document

    page = (
        "<html><body><h1>Cycling forum, 3 April 2024</h1><p>ACTION: Priya to send the petition to the"
        " councillor by 30 April.<br>The forum discussed the new parking rules.</p></body></html>"
    )
    (tmp_path / "m.html").write_text(page, encoding="utf-8")
    actions = extract_actions(load_document(tmp_path / "m.html"))
    assert [a.text for a in actions] == ["Priya to send the petition to the councillor by 30 April."]


@pytest.mark.parametrize(
    ("line", "text", "status"),
    [
        # worked out by hand: the status before a remark in brackets
        (
            "- Jo to renew the certificate. Done (the renewed one is on file)",
            "Jo to renew the certificate.",
            "Done",
        ),
        (
            "- Jo to renew the certificate - Ongoing (awaiting the supplier)",
            "Jo to renew the certificate",
            "Ongoing",
        ),
        # a remark with no status before it stays part of the action
        ("- Jo to renew the certificate (see item 4)", "Jo to renew the certificate (see item 4)", None),
    ],
)
def test_a_status_followed_by_a_remark(line: str, text: str, status: str | None) -> None:
    document = load_text(f"# Minutes, 3 March 2025\n\n## Actions\n\n{line}\n".encode(), "m.md")
    (action,) = extract_actions(document)
    assert action.text == text
    assert (action.timing.label if action.timing else None) == status
