"""The seed pair reproduces every field of ../shared/seeds/expected.yaml, from
the texts and from the PDFs made by real producers."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from conftest import FIXTURES, SHARED, run_json, shared_present
from golden import check_all, check_entry, entry_name

SEED_FORMS = {
    "txt": ("minutes.txt", "letter.txt"),
    "pdf": ("minutes.pdf", "letter.pdf"),
    "docx": ("minutes.docx", "letter.docx"),
    "html": ("minutes.html", "letter.html"),
    "libreoffice-pdf": ("minutes.pdf", "letter-lo.pdf"),
}


def _expected() -> dict[str, Any]:
    if not shared_present():
        return {"actions": []}  # the tests skip, or fail under RECONCILE_REQUIRE_SHARED
    data: dict[str, Any] = yaml.safe_load((SHARED / "seeds" / "expected.yaml").read_text())
    return data


EXPECTED = _expected()
_RESULTS: dict[str, dict[str, Any]] = {}


def _result(form: str) -> dict[str, Any]:
    if form not in _RESULTS:
        minutes, letter = (FIXTURES / "seeds" / name for name in SEED_FORMS[form])
        _RESULTS[form] = run_json(minutes, letter)
    return _RESULTS[form]


@pytest.mark.needs_shared
@pytest.mark.parametrize("form", sorted(SEED_FORMS))
@pytest.mark.parametrize("entry", EXPECTED["actions"], ids=entry_name)
def test_seed_pair_matches_expected(form: str, entry: dict[str, Any]) -> None:
    problems = check_entry(_result(form), entry)
    assert not problems, "\n".join(str(p) for p in problems)


@pytest.mark.needs_shared
@pytest.mark.parametrize("form", sorted(SEED_FORMS))
def test_seed_pair_has_exactly_the_expected_pairs_and_dates(form: str) -> None:
    problems = check_all(_result(form), EXPECTED)
    assert not problems, "\n".join(str(p) for p in problems)


@pytest.mark.needs_shared
def test_fixture_texts_are_the_shared_seeds() -> None:
    for name in ("minutes.txt", "letter.txt"):
        assert (FIXTURES / "seeds" / name).read_bytes() == (SHARED / "seeds" / name).read_bytes()


def test_pdf_actions_keep_page_and_line() -> None:
    data = _result("pdf")
    letter = {a["number"]: a for a in data["letter"]["actions"]}
    # the annex table breaks across a page between rows 11 and 12
    assert letter["12"]["page"] == letter["11"]["page"] + 1
    assert all(a["page"] is not None and a["line"] is not None for a in data["minutes"]["actions"])
    pages: list[int] = [a["page"] for a in data["minutes"]["actions"]]
    assert pages == sorted(pages)
