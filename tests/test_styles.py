"""Every style case of fixtures/styles/ against its hand-made expected.yaml: one small pair
of minutes and follow-up per way real minutes mark their actions (issue 11), checked like
fixtures/pairs: every pair, drift class, normalised timing and lead, both documents' dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, run_json
from golden import check_all

STYLES = FIXTURES / "styles"
CASES = sorted(p.name for p in STYLES.iterdir() if (p / "expected.yaml").exists())
# Cases whose form the extraction does not read yet (issue 11): still run, expected to
# fail (non-strict). A case leaves this list as it passes; the list is empty when the
# real-styles work is done.
NOT_YET = frozenset(
    {
        "01-garden-markdown-task-list",  # the "### Open" heading wins over the item's new date
        "02-village-hall-setext-text",  # unnumbered items whose actor changed are not paired
        "03-parish-numbered-agenda-html",  # "Done." after a restated Action paragraph is no status
        "06-docs-group-org-mode",  # org-mode "** TODO Owner :: task" headlines: no actions found
        "07-patient-group-nested-status",  # a "Status:" sub-bullet is read as an action of its own
        "08-chemistry-markdown-repeated-one",  # "Done." / "Ongoing." after an item are no statuses
        "09-release-group-strikethrough",  # ~~struck~~ items are not Done; a heading is read as a timing
        "10-scouts-emphasis-status",  # unnumbered items whose actor changed are not paired
        "12-research-data-next-steps-html",  # "Completed." after "X will VERB" items is no status
        "13-makerspace-follow-ups-colon",  # "Name: task" lines under "Follow-ups": no actions found
        "14-ppg-matters-arising-docx",  # a new date beside a status; a remark kept in the status label
        "16-township-old-new-business-reportlab",  # "New Business" items: no actions found
        "17-cycling-action-lines-chromium",  # an ACTION line takes in the discussion line after it
        "18-icb-en-dash-marker-docx-reportlab",  # the "Action –" (en dash) marker: no actions found
        "19-town-council-parenthetical-owner",  # "(ACTION: Cllr Shah)" after a sentence: no actions found
        "20-parish-owner-only-marker-text",  # "Action: Clerk" taken as the action, not its owner
        "21-core-team-at-handles",  # "@name: task" bullets: no actions found
        "22-radio-ai-lines-text",  # "AI:" lines are missed or run together; "AI-generated" is taken as one
        "23-rivers-panel-prefixed-numbers-annex",  # "62.3  Dr Kerr to ..." lines: no actions found
        "24-theatre-slots-in-item",  # "(Priya)", "[Hazel]", "Assigned:", "Due:" slots are not read
        "25-rowing-club-status-forms",  # "Completed 20 March" keeps the completion date in the status
        "26-scrutiny-panel-date-and-status",  # a new date beside a status: the status wins over the slip
        "27-academy-audit-initials-docx",  # initials vs full names; "the 2024 plan" as a timing
        "28-food-bank-joint-lead",  # "the volunteer rota for February" is taken as a timing
        "29-pcc-reordered-unnumbered-text",  # a new date beside a status: the status wins over the slip
        "30-history-new-actions-prose",  # an action sentence in the follow-up's prose is not read
    }
)


def _expected(case: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((STYLES / case / "expected.yaml").read_text(encoding="utf-8"))
    return data


def _case_param(case: str) -> Any:
    if case in NOT_YET:
        return pytest.param(
            case, marks=pytest.mark.xfail(reason="issue 11: this form is not read yet", strict=False)
        )
    return case


def test_there_are_at_least_25_styles() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", [_case_param(c) for c in CASES])
def test_style_matches_its_expected(case: str) -> None:
    expected = _expected(case)
    folder: Path = STYLES / case
    data = run_json(folder / expected["minutes"]["file"], folder / expected["letter"]["file"])
    problems = check_all(data, expected)
    assert not problems, f"{case}:\n" + "\n".join(str(p) for p in problems)
