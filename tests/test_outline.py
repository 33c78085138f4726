"""The outline every reader gives: headings, paragraphs, nested items and their
marks. Expected values are read off the small texts here by hand."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.load.markdown import looks_like_markdown, markdown_outline
from reconcile.load.text import load_text
from reconcile.model import Block


def _outline(text: str, name: str = "doc.md") -> tuple[Block, ...]:
    return load_text(text.encode(), name).outline


def _shape(blocks: tuple[Block, ...]) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in blocks]


MARKDOWN = """---
title: Minutes
---

# Board minutes, 3 March 2025

## Action items

- [ ] Nigel to share the [lifecycle links](https://example.org/x) \\-\\> today
- [x] ~~Naomi to arrange the vote~~
  - Done on 5 March
1. Jo to book a room
1. Ali to write the notice
"""


def test_markdown_headings_items_and_marks() -> None:
    blocks = _outline(MARKDOWN)
    assert _shape(blocks) == [
        ("heading", 1, "Board minutes, 3 March 2025"),
        ("heading", 2, "Action items"),
        ("item", 0, "Nigel to share the lifecycle links -> today"),  # link text kept, escapes read
        ("item", 0, "Naomi to arrange the vote"),
        ("item", 1, "Done on 5 March"),
        ("item", 0, "Jo to book a room"),
        ("item", 0, "Ali to write the notice"),
    ]
    assert [b.checkbox for b in blocks[2:4]] == ["open", "done"]
    assert blocks[3].struck and not blocks[2].struck
    assert blocks[4].parent == 3
    # "1." repeated is Markdown's auto-numbering: no number of their own
    assert [b.number for b in blocks[5:]] == ["", ""]


def test_markdown_real_numbers_are_kept_and_front_matter_skipped() -> None:
    blocks = _outline("# Minutes\n\n## Actions\n\n3. Jo to book a room\n4. Ali to write\n")
    assert [(b.kind, b.number) for b in blocks] == [
        ("heading", ""),
        ("heading", ""),
        ("item", "3"),
        ("item", "4"),
    ]


def test_a_bold_only_short_paragraph_is_a_heading_and_emphasis_is_kept_apart() -> None:
    blocks = _outline("# Minutes\n\n**Next steps**\n\n- Jo to call the council. _Carry forward_\n")
    assert _shape(blocks)[1] == ("heading", 0, "Next steps")
    assert blocks[2].emphasis == ("Carry forward",)


def test_plain_text_numbered_titles_underlines_and_indented_items() -> None:
    text = (
        "Parish council minutes, 3 March 2025\n\n"
        "5. Play area\n\n"
        "Actions\n-------\n\n"
        "* Clerk: order the bins\n"
        "      [ Play 2025-03-03 ]\n"
        "      Status: ordered\n"
        "* Cllr Shah to inspect the swings\n"
    )
    blocks = load_text(text.encode(), "m.txt").outline
    assert _shape(blocks) == [
        ("heading", 0, "Parish council minutes, 3 March 2025"),
        ("heading", 1, "5. Play area"),
        ("heading", 2, "Actions"),
        ("item", 0, "Clerk: order the bins\n[ Play 2025-03-03 ]\nStatus: ordered"),
        ("item", 0, "Cllr Shah to inspect the swings"),
    ]


def test_org_mode_headings() -> None:
    text = "#+TITLE: Minutes\n\n* Actions\n** Open\nTODO Clerk :: order the bins\n"
    blocks = load_text(text.encode(), "m.org").outline
    assert _shape(blocks)[:2] == [("heading", 1, "Actions"), ("heading", 2, "Open")]


def test_a_field_line_is_not_a_title() -> None:
    blocks = load_text(b"Minutes of 3 March 2025\n\nThe bench is broken.\n\nAction: Clerk\n", "m.txt").outline
    assert [b.kind for b in blocks] == ["heading", "paragraph", "paragraph"]


def test_plain_text_laid_out_with_spaces_is_not_markdown() -> None:
    indented = "# A\n\n## B\n\n" + "".join(
        f"    Indented prose line {n} of the minutes.\n" for n in range(20)
    )
    assert not looks_like_markdown(indented)
    assert looks_like_markdown("# Minutes\n\n## Actions\n\n- [ ] Jo to call\n")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#*-_[]()x 1.:\n>~`\\abcAB@")), max_size=300))
def test_markdown_outline_never_raises_and_keeps_its_structure(text: str) -> None:
    blocks = markdown_outline(text)
    for index, block in enumerate(blocks):
        assert block.kind in ("heading", "paragraph", "item")
        assert block.parent < index
        assert block.parent == -1 or blocks[block.parent].kind == "item"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#*-=_[]()x 1.:\n\t ABab")), max_size=300))
def test_line_outline_never_raises_and_points_at_its_lines(text: str) -> None:
    document = load_text((text + "x").encode(), "doc.txt")
    numbers = {line.number for line in document.lines}
    for index, block in enumerate(document.outline):
        assert block.line in numbers
        assert block.parent < index


_PIECES = [*"#*-_[]()x 1.:\n>~@ABCaby", "Action", " to ", "AI:", "TODO ", "Done", "\n- ", "\n## "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_extraction_never_raises_on_any_outline(text: str) -> None:
    from reconcile.extract import extract_actions

    document = load_text((text + " x").encode(), "doc.md")
    for action in extract_actions(document, restatements=True):
        assert action.text.strip() or action.number
