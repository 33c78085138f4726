"""Every --format on the seed pair: what each one promises, that document text can
never become markup, a formula or a second workflow command in any of them, and
that the JSON output keeps to the schema `reconcile schema` prints."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from jsonschema import Draft202012Validator

from conftest import FIXTURES, invoke
from reconcile.cli import FORMAT_NAMES
from reconcile.config import FINDING_CLASSES
from reconcile.model import Action, ComparedPair, Document, Drift, Finding, Pair, Reconciliation, Severity
from reconcile.report import FORMATS, ReportOptions, render, renderer
from reconcile.report.github import command
from reconcile.report.records import to_records
from reconcile.report.sarif import RULE_DESCRIPTIONS

SEEDS = FIXTURES / "seeds"
MINUTES_TXT = str(SEEDS / "minutes.txt")
LETTER_TXT = str(SEEDS / "letter.txt")
SEED_PAIRS = [
    pytest.param((MINUTES_TXT, LETTER_TXT), id="text"),
    pytest.param((str(SEEDS / "minutes.pdf"), str(SEEDS / "letter.pdf")), id="pdf"),
]
SEED_FINDINGS = 17  # 10 info, 4 warnings, 3 errors (../shared/seeds/expected.yaml)
ERROR_PAIRS = {"7", "10", "11"}  # a pair with an error-level finding at the default --fail-on
WARNING_OR_ERROR_PAIRS = ERROR_PAIRS | {"1", "8"}


def run(
    fmt: str, *extra: str, expected_exit: int = 1, files: tuple[str, str] = (MINUTES_TXT, LETTER_TXT)
) -> str:
    return invoke([*files, "--format", fmt, *extra], expected_exit).stdout


# Exit codes: the format never changes them.


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
@pytest.mark.parametrize(("fail_on", "expected"), [("never", 0), ("error", 1), ("warning", 1), ("info", 1)])
def test_exit_code_follows_fail_on_in_every_format(fmt: str, fail_on: str, expected: int) -> None:
    assert run(fmt, "--fail-on", fail_on, expected_exit=expected)


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_identical_documents_exit_zero_in_every_format(fmt: str) -> None:
    run(fmt, "--fail-on", "info", expected_exit=0, files=(MINUTES_TXT, MINUTES_TXT))


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_a_run_that_cannot_be_done_exits_2_with_no_report(fmt: str, tmp_path: Path) -> None:
    result = invoke([str(tmp_path / "missing.pdf"), LETTER_TXT, "--format", fmt], 2)
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_every_renderer_takes_the_options(tmp_path: Path) -> None:
    from reconcile import reconcile

    rec = reconcile(MINUTES_TXT, LETTER_TXT)
    for fmt in FORMATS:
        stream = io.StringIO()
        render(rec, fmt, stream, ReportOptions(fail_on="warning"))
        assert stream.getvalue().strip(), fmt


def test_report_options_refuse_an_unknown_level() -> None:
    with pytest.raises(ValueError, match="fail_on"):
        ReportOptions(fail_on="sometimes")


# Markdown


def test_markdown_has_the_heading_summary_table_and_sections() -> None:
    text = run("markdown")
    assert text.startswith("## reconcile: ")
    assert "24 June 2022" in text and "20 July 2022" in text
    assert "**15 pairs**: 15 matched · 3 errors, 4 warnings, 10 info" in text
    assert "| pair | score | wording | timing | lead | worst |" in text
    rows = re.findall(r"^\| (\d+) → (\d+) \| ", text, flags=re.MULTILINE)
    assert [m for m, _ in rows] == [str(n) for n in range(1, 16)]
    assert "| 7 → 7 | 1.00 | **substantive** | **slipped** | none | **error** |" in text
    # a section for each of the 10 pairs with findings, with both sides' lines and the redline
    assert len(re.findall(r"^### Action ", text, flags=re.MULTILINE)) == 10
    assert "minutes l.67 · letter l.52" in text
    assert "~~autumn.~~ **October.**" in text


def test_markdown_gives_pages_for_pdfs() -> None:
    text = run("markdown", files=(str(SEEDS / "minutes.pdf"), str(SEEDS / "letter.pdf")))
    assert "minutes p.3 l.6 · letter p.3 l.23" in text


# CSV


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_a_row_per_pair_with_its_drift() -> None:
    rows = _csv_rows(run("csv"))
    assert len(rows) == 15
    by_number = {row["minutes_number"]: row for row in rows}
    expected = {
        "1": ("substantive", "narrowed", "none"),
        "7": ("substantive", "slipped", "none"),
        "10": ("cosmetic", "added", "mismatch"),
        "14": ("none", "status", "none"),
    }
    for number, classes in expected.items():
        row = by_number[number]
        assert (row["wording"], row["timing"], row["lead"]) == classes, number
    assert by_number["7"]["worst"] == "error"
    assert by_number["7"]["findings"] == "2"
    assert (by_number["1"]["minutes_timing"], by_number["1"]["letter_timing"]) == (
        "autumn 2022",
        "October 2022",
    )
    assert by_number["7"]["messages"].count(" | ") == 1
    assert by_number["4"]["worst"] == "" and by_number["4"]["messages"] == ""


def test_csv_gives_pages_and_lines_for_pdfs() -> None:
    rows = _csv_rows(run("csv", files=(str(SEEDS / "minutes.pdf"), str(SEEDS / "letter.pdf"))))
    row = rows[6]
    assert (row["minutes_page"], row["minutes_line"], row["letter_page"], row["letter_line"]) == (
        "3",
        "6",
        "3",
        "23",
    )


# JUnit


def _junit(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == "testsuites"
    return root


def _failing(root: ET.Element) -> set[str]:
    return {
        case.attrib["name"].split()[1] for case in root.iter("testcase") if case.find("failure") is not None
    }


def test_junit_has_a_testcase_per_pair_and_fails_the_error_pairs() -> None:
    root = _junit(run("junit"))
    suite = root.find("testsuite")
    assert suite is not None and suite.attrib["name"] == "reconcile"
    cases = list(suite.iter("testcase"))
    assert len(cases) == 15
    assert cases[6].attrib == {"classname": "reconcile.minutes", "name": "action 7 -> 7"}
    assert suite.attrib["tests"] == "15"
    assert suite.attrib["failures"] == str(len(ERROR_PAIRS))
    assert _failing(root) == ERROR_PAIRS
    failure = cases[6].find("failure")
    assert failure is not None
    assert failure.attrib["type"] == "error"
    assert "slipped by 1 month" in failure.attrib["message"]
    assert "timing.slipped" in (failure.text or "")


@pytest.mark.parametrize(
    ("fail_on", "expected_exit", "failing"),
    [("warning", 1, WARNING_OR_ERROR_PAIRS), ("never", 0, set()), ("error", 1, ERROR_PAIRS)],
)
def test_junit_failures_follow_fail_on(fail_on: str, expected_exit: int, failing: set[str]) -> None:
    root = _junit(run("junit", "--fail-on", fail_on, expected_exit=expected_exit))
    assert _failing(root) == failing
    assert root.attrib["failures"] == str(len(failing))


def test_junit_fail_on_comes_from_the_config_too(tmp_path: Path) -> None:
    config = tmp_path / "reconcile.yaml"
    config.write_text("fail_on: warning\n")
    root = _junit(run("junit", "--config", str(config)))
    assert _failing(root) == WARNING_OR_ERROR_PAIRS


# GitHub workflow commands

# ::level file=...,line=N,title=...::message, with no raw ',' or ':' in a property
# and no raw newline anywhere
_COMMAND_RE = re.compile(
    r"^::(error|warning|notice) file=[^,:\r\n]+(,line=[1-9]\d*)?,title=[^,:\r\n]+::[^\r\n]+$"
)


def _unescape(text: str) -> str:
    for escaped, raw in (("%0A", "\n"), ("%0D", "\r"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def test_github_has_a_command_per_finding() -> None:
    lines = run("github").splitlines()
    assert len(lines) == SEED_FINDINGS
    for line in lines:
        assert _COMMAND_RE.match(line), line
    slipped = next(line for line in lines if "slipped by 1 month: July" in line)
    # letter.txt line 58 is row 7 of the annex; minutes.txt line 89 is "Action 7: ..."
    assert slipped == (
        f"::error file={LETTER_TXT},line=58,title=reconcile timing slipped (action 7 → 7)::"
        f"action 7 → 7: slipped by 1 month: July 2022 → August 2022 "
        f"(letter line 58; minutes {MINUTES_TXT} line 89)"
    )
    assert sum(line.startswith("::notice ") for line in lines) == 10
    assert sum(line.startswith("::error ") for line in lines) == 3


def _tiny_reconciliation(message: str, minutes_path: str, letter_path: str) -> Reconciliation:
    old = Action(number="1", text="MPS to report.", line=3)
    new = Action(number="1", text="MPS to report soon.", line=4)
    finding = Finding(kind="timing", cls="slipped", severity=Severity.ERROR, message=message)
    return Reconciliation(
        minutes=Document(path=minutes_path, kind="text", lines=()),
        letter=Document(path=letter_path, kind="text", lines=()),
        minutes_actions=(old,),
        letter_actions=(new,),
        pairs=(ComparedPair(Pair(old, new, 0.9), Drift(timing="slipped"), (finding,)),),
    )


def test_github_escapes_messages_and_properties() -> None:
    message = "100% late\r\nand ::error file=x::injected"
    rec = _tiny_reconciliation(message, "minutes:a,b.txt", "letter,1:2%.txt")
    stream = io.StringIO()
    renderer("github")(rec, stream, ReportOptions())
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    line = lines[0]
    assert _COMMAND_RE.match(line), line
    assert line.startswith(
        "::error file=letter%2C1%3A2%25.txt,line=4,title=reconcile timing slipped (action 1 → 1)::"
    )
    data = line.split("::", 2)[2]
    assert "%25 late%0D%0Aand" in data
    assert _unescape(data) == f"action 1 → 1: {message} (letter line 4; minutes minutes:a,b.txt line 3)"


def test_github_points_an_action_the_letter_lost_at_the_minutes() -> None:
    old = Action(number="3", text="MPS to tidy.", line=7)
    finding = Finding(kind="unmatched", cls="minutes-only", severity=Severity.ERROR, message="lost")
    pair = to_records(
        Reconciliation(
            minutes=Document(path="m.txt", kind="text", lines=()),
            letter=Document(path="l.txt", kind="text", lines=()),
            minutes_actions=(old,),
            letter_actions=(),
            pairs=(ComparedPair(Pair(old, None, 0.0), Drift(), (finding,)),),
        )
    )["pairs"][0]
    line = command(pair["findings"][0], pair, {"minutes": "m.txt", "letter": "l.txt"})
    assert line == (
        "::error file=m.txt,line=7,title=reconcile unmatched minutes-only (action 3 → —)::"
        "action 3 → —: lost (minutes line 7)"
    )


def test_github_names_the_action_and_finds_it_across_the_pages_of_a_pdf() -> None:
    lines = run("github", files=(str(SEEDS / "minutes.pdf"), str(SEEDS / "letter.pdf"))).splitlines()
    slipped = next(line for line in lines if "slipped by 1 month: July" in line)
    # letter.pdf: row 7 of the annex is page 3, line 23, the 95th line of the text read
    # (pages 1-2 and the first 22 lines of page 3 before it; `reconcile extract` agrees)
    assert slipped == (
        f"::error file={SEEDS / 'letter.pdf'},line=95,title=reconcile timing slipped (action 7 → 7)::"
        f"action 7 → 7: slipped by 1 month: July 2022 → August 2022 "
        f"(letter page 3, line 23; minutes {SEEDS / 'minutes.pdf'} page 3, line 6)"
    )
    from reconcile.load import load_document

    line = load_document(SEEDS / "letter.pdf").lines[95 - 1]
    assert (line.page, line.number) == (3, 23) and line.text.startswith("7 MPS to provide their assessment")


# SARIF: checked against a hand-written subset of the SARIF 2.1.0 schema (the
# required keys and types a code-scanning consumer relies on); the official schema
# is not fetched, the tests run offline.

_LOCATION = {
    "type": "object",
    "required": ["physicalLocation"],
    "properties": {
        "id": {"type": "integer", "minimum": 0},
        "physicalLocation": {
            "type": "object",
            "required": ["artifactLocation"],
            "properties": {
                "artifactLocation": {
                    "type": "object",
                    "required": ["uri"],
                    "properties": {"uri": {"type": "string", "minLength": 1}},
                },
                "region": {
                    "type": "object",
                    "required": ["startLine"],
                    "properties": {"startLine": {"type": "integer", "minimum": 1}},
                },
            },
        },
        "message": {"$ref": "#/$defs/message"},
        "properties": {"type": "object"},
    },
}

SARIF_SUBSET: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["$schema", "version", "runs"],
    "properties": {
        "$schema": {"type": "string", "pattern": "^https://"},
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "minItems": 1, "maxItems": 1, "items": {"$ref": "#/$defs/run"}},
    },
    "$defs": {
        "message": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
        "run": {
            "type": "object",
            "required": ["tool", "results"],
            "properties": {
                "tool": {
                    "type": "object",
                    "required": ["driver"],
                    "properties": {"driver": {"$ref": "#/$defs/driver"}},
                },
                "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
            },
        },
        "driver": {
            "type": "object",
            "required": ["name", "version", "rules"],
            "properties": {
                "name": {"const": "reconcile"},
                "version": {"type": "string"},
                "rules": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "shortDescription"],
                        "properties": {
                            "id": {"type": "string"},
                            "shortDescription": {"$ref": "#/$defs/message"},
                            "defaultConfiguration": {
                                "type": "object",
                                "properties": {"level": {"enum": ["none", "note", "warning", "error"]}},
                            },
                        },
                    },
                },
            },
        },
        "result": {
            "type": "object",
            "required": ["ruleId", "level", "message", "locations", "partialFingerprints"],
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": 0},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": {"$ref": "#/$defs/message"},
                "locations": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/location"}},
                "relatedLocations": {"type": "array", "items": {"$ref": "#/$defs/location"}},
                "partialFingerprints": {
                    "type": "object",
                    "minProperties": 1,
                    "additionalProperties": {"type": "string"},
                },
            },
        },
        "location": _LOCATION,
    },
}


def _sarif(*extra: str, expected_exit: int = 1, files: tuple[str, str] = (MINUTES_TXT, LETTER_TXT)) -> Any:
    log = json.loads(run("sarif", *extra, expected_exit=expected_exit, files=files))
    Draft202012Validator(SARIF_SUBSET).validate(log)
    return log


@pytest.mark.parametrize("files", SEED_PAIRS)
def test_sarif_is_a_sarif_2_1_0_log(files: tuple[str, str]) -> None:
    log = _sarif(files=files)
    driver = log["runs"][0]["tool"]["driver"]
    rules = [rule["id"] for rule in driver["rules"]]
    assert rules[: len(FINDING_CLASSES)] == list(FINDING_CLASSES)
    results = log["runs"][0]["results"]
    assert len(results) == SEED_FINDINGS
    for result in results:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
            "letter" + Path(files[1]).suffix
        )
        assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
            "minutes" + Path(files[0]).suffix
        )
    assert sorted(r["level"] for r in results).count("note") == 10
    slipped = next(r for r in results if r["ruleId"] == "timing.slipped")
    assert slipped["level"] == "error"


def test_sarif_gives_the_page_of_a_pdf_line() -> None:
    log = _sarif(files=(str(SEEDS / "minutes.pdf"), str(SEEDS / "letter.pdf")))
    slipped = next(r for r in log["runs"][0]["results"] if "July 2022" in r["message"]["text"])
    location = slipped["locations"][0]
    assert location["physicalLocation"]["region"] == {"startLine": 23}
    assert location["properties"] == {"page": 3}


def test_sarif_fingerprints_are_stable_and_distinct() -> None:
    first, second = _sarif(), _sarif()
    prints = [next(iter(r["partialFingerprints"].values())) for r in first["runs"][0]["results"]]
    again = [next(iter(r["partialFingerprints"].values())) for r in second["runs"][0]["results"]]
    assert prints == again
    assert len(set(prints)) == len(prints)


def test_every_finding_class_has_a_rule_description() -> None:
    assert set(RULE_DESCRIPTIONS) == set(FINDING_CLASSES)


# HTML


class _TagChecker(HTMLParser):
    """Collects the elements and checks that every non-void element is closed in order."""

    VOID: ClassVar[set[str]] = {
        "meta",
        "br",
        "hr",
        "img",
        "input",
        "link",
        "col",
        "area",
        "base",
        "source",
        "wbr",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def _parse_html(text: str) -> _TagChecker:
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    assert checker.stack == []
    return checker


@pytest.mark.parametrize("files", SEED_PAIRS)
def test_html_is_one_self_contained_page(files: tuple[str, str]) -> None:
    text = run("html", files=files)
    page = _parse_html(text)
    assert text.startswith("<!DOCTYPE html>")
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    # nothing to fetch: the only links are to the page's own anchors
    assert all(not (value or "").startswith(("http:", "https:", "//")) for _, value in page.attributes)
    assert page.tags.count("article") == 15
    assert "<del>autumn.</del>" in text
    assert "<ins>October.</ins>" in text
    assert "<ins>and Deputy</ins>" in text
    assert "24 June 2022" in text and "20 July 2022" in text
    assert 'class="badge error"><span class="dim">timing</span> slipped' in text


def test_html_gives_each_sides_page_and_line_for_pdfs() -> None:
    text = run("html", files=(str(SEEDS / "minutes.pdf"), str(SEEDS / "letter.pdf")))
    assert "page 3, line 6" in text and "page 3, line 23" in text


# Document text is data in every format


HOSTILE = "<script>alert(1)</script> [bold]x[/bold] `c` *a* _b_ | @someone"


@pytest.fixture
def hostile_pair(tmp_path: Path) -> tuple[str, str]:
    minutes = tmp_path / "m.txt"
    minutes.write_text(
        "Minutes of the meeting, 1 March 2023\n\n"
        f"Action 1: MPS to fix {HOSTILE} \x1b[2J by May 2023.\n\n"
        "Action 2: MPS to tidy the archive by July 2023.\n",
        encoding="utf-8",
    )
    letter = tmp_path / "l.txt"
    letter.write_text(
        "1 April 2023\n\nNo.\tAction\tTiming\tLead\n"
        f"1\tMPS to fix {HOSTILE} <b>now</b>.\tJune 2023\t=cmd()\n"
        "3\tMOPAC to write =cmd() report.\tJune 2023\tMOPAC\n",
        encoding="utf-8",
    )
    return str(minutes), str(letter)


def _hostile(fmt: str, files: tuple[str, str]) -> str:
    text = run(fmt, "--fail-on", "never", expected_exit=0, files=files)
    assert "\x1b" not in text or fmt == "json"  # JSON escapes it as \u001b anyway
    return text


def test_markdown_shows_document_markup_literally(hostile_pair: tuple[str, str]) -> None:
    text = _hostile("markdown", hostile_pair)
    assert "<script>" not in text
    escaped = r"&lt;script&gt;alert\(1\)&lt;/script&gt; \[bold\]x\[/bold\] \`c\` \*a\* \_b\_ \| \@someone"
    assert escaped in text
    assert "**&lt;b&gt;now&lt;/b&gt;.**" in text
    # the table still has its six columns in every row
    for row in (line for line in text.splitlines() if line.startswith("| ")):
        assert len(re.findall(r"(?<!\\)\|", row)) == 7, row


def test_html_shows_document_markup_literally(hostile_pair: tuple[str, str]) -> None:
    text = _hostile("html", hostile_pair)
    page = _parse_html(text)
    assert "script" not in page.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [bold]x[/bold]" in text


def test_csv_neutralises_formulas(hostile_pair: tuple[str, str]) -> None:
    rows = _csv_rows(_hostile("csv", hostile_pair))
    cells = [cell for row in rows for cell in row.values()]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert rows[0]["letter_lead"] == "'=cmd()"


def test_junit_stays_well_formed(hostile_pair: tuple[str, str]) -> None:
    text = _hostile("junit", hostile_pair)
    assert "<b>" not in text
    root = _junit(text)
    body = "".join(root.itertext()) + json.dumps([c.attrib for c in root.iter()])
    assert "'<b>now</b>.'" in body  # the wording finding's message, as written


def test_github_stays_one_command_per_finding(hostile_pair: tuple[str, str]) -> None:
    lines = _hostile("github", hostile_pair).splitlines()
    records = json.loads(run("json", "--fail-on", "never", expected_exit=0, files=hostile_pair))
    assert len(lines) == records["summary"]["findings"]
    for line in lines:
        assert _COMMAND_RE.match(line), line


def test_json_formats_keep_the_text_exactly(hostile_pair: tuple[str, str]) -> None:
    data = json.loads(_hostile("json", hostile_pair))
    assert HOSTILE in data["pairs"][0]["letter"]["text"]
    log = json.loads(_hostile("sarif", hostile_pair))
    Draft202012Validator(SARIF_SUBSET).validate(log)
    assert any("'<b>now</b>.'" in r["message"]["text"] for r in log["runs"][0]["results"])


def test_json_is_the_records_with_an_action_or_a_pair_a_line() -> None:
    from reconcile import reconcile

    rec = reconcile(MINUTES_TXT, LETTER_TXT)
    text = run("json")
    assert json.loads(text) == json.loads(json.dumps(to_records(rec)))
    lines = text.splitlines()
    # 15 actions in each document and 15 pairs, each on a line of its own
    assert sum(1 for line in lines if line.startswith('      {"number": ')) == 30
    assert sum(1 for line in lines if line.startswith('    {"minutes": {"number": ')) == 15
    assert lines[0] == "{" and lines[-1] == "}" and lines[1] == '  "schema_version": 1,'


# The JSON schema


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(invoke(["schema"], 0).stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("files", SEED_PAIRS)
def test_json_output_keeps_to_the_schema(validator: Draft202012Validator, files: tuple[str, str]) -> None:
    validator.validate(json.loads(run("json", files=files)))


def test_unmatched_pairs_keep_to_the_schema(
    validator: Draft202012Validator, hostile_pair: tuple[str, str]
) -> None:
    data = json.loads(run("json", "--fail-on", "never", expected_exit=0, files=hostile_pair))
    assert any(pair["minutes"] is None for pair in data["pairs"])
    validator.validate(data)


def _broken(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    broken = copy.deepcopy(data)
    target: Any = broken
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return broken


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("pairs", 0, "drift", "timing"), "late"),
        (("schema_version",), 2),
        (("pairs", 6, "findings", 1, "class"), "cosmetic"),  # a timing finding of a wording class
        (("pairs", 6, "findings", 1, "severity"), "fatal"),
        (("pairs", 0, "score"), 1.5),
        (("pairs", 0, "minutes", "page"), 0),
        (("pairs", 0, "minutes", "timing", "start"), "autumn"),
        (("minutes", "date"), "24/06/2022"),
        (("pairs", 0, "letter", "lead"), []),
        (("pairs", 0, "letter"), _DELETE),
        (("summary", "by_class", "timing.late"), 1),
    ],
)
def test_a_broken_report_fails_the_schema(
    validator: Draft202012Validator, path: tuple[Any, ...], value: Any
) -> None:
    data = json.loads(run("json"))
    validator.validate(data)
    assert not validator.is_valid(_broken(data, path, value))


def test_a_pair_with_neither_side_fails_the_schema(validator: Draft202012Validator) -> None:
    data = json.loads(run("json"))
    pair = data["pairs"][0]
    pair.update(minutes=None, letter=None, drift={"wording": "none", "timing": "none", "lead": "none"})
    assert not validator.is_valid(data)


def test_new_fields_are_allowed(validator: Draft202012Validator) -> None:
    data = json.loads(run("json"))
    data["pairs"][0]["minutes"]["section"] = "Professionalism"
    data["summary"]["elapsed"] = 0.5
    validator.validate(data)


def test_schema_help_and_output_is_json() -> None:
    assert "JSON Schema" in invoke(["schema", "--help"], 0).stdout
    schema = json.loads(invoke(["schema"], 0).stdout)
    assert schema["properties"]["schema_version"] == {"const": 1}


# Suppressed findings (ignored by config, or accepted in a baseline): still
# reported in every format, never failing a gate.


@pytest.fixture(scope="module")
def slips_ignored() -> Reconciliation:
    from reconcile import reconcile

    return reconcile(MINUTES_TXT, LETTER_TXT, {"ignore": ["timing.slipped"]})


def _render(rec: Reconciliation, fmt: str) -> str:
    stream = io.StringIO()
    render(rec, fmt, stream, ReportOptions())
    return stream.getvalue()


def test_suppressed_findings_do_not_fail_junit(slips_ignored: Reconciliation) -> None:
    root = _junit(_render(slips_ignored, "junit"))
    assert _failing(root) == {"10"}
    assert "timing.slipped: slipped by 1 month: July 2022 → August 2022 (suppressed: ignored)" in "".join(
        root.itertext()
    )


def test_suppressed_findings_are_marked_in_every_format(
    slips_ignored: Reconciliation, validator: Draft202012Validator
) -> None:
    data = json.loads(_render(slips_ignored, "json"))
    validator.validate(data)
    assert data["summary"]["suppressed"] == 2
    assert _csv_rows(_render(slips_ignored, "csv"))[6]["worst"] == "warning"
    assert "*(suppressed: ignored)*" in _render(slips_ignored, "markdown")
    assert '<span class="badge suppressed">ignored</span>' in _render(slips_ignored, "html")
    slips = [line for line in _render(slips_ignored, "github").splitlines() if "slipped by" in line]
    assert all(line.startswith("::notice ") for line in slips)
    titles = {_unescape(re.search(r"title=(.*?)::", line)[1]) for line in slips}
    assert titles == {
        "reconcile timing slipped (action 7 → 7, ignored)",
        "reconcile timing slipped (action 11 → 11, ignored)",
    }
    log = json.loads(_render(slips_ignored, "sarif"))
    suppressed = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert {r["ruleId"] for r in suppressed} == {"timing.slipped"}
    assert suppressed[0]["suppressions"] == [{"kind": "external", "justification": "ignored"}]


def test_sarif_uses_the_fingerprint_baselines_use() -> None:
    records = json.loads(run("json"))
    fingerprints = [f["fingerprint"] for p in records["pairs"] for f in p["findings"]]
    log = _sarif()
    assert [
        r["partialFingerprints"]["reconcileFinding/v1"] for r in log["runs"][0]["results"]
    ] == fingerprints
    assert all(fingerprints)
