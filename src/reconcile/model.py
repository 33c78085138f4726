"""The values every stage passes on: frozen dataclasses, no behaviour beyond
normalising their own fields. Imports nothing else from the package, so that any
stage may depend on it without reaching back up the flow."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def reaches(self, fail_on: str) -> bool:
        """Whether a finding of this severity fails a run at this --fail-on level
        (info | warning | error | never)."""
        return fail_on != "never" and self.rank >= Severity(fail_on).rank


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


# --fail-on levels: a severity, or never fail
FAIL_ON_LEVELS = ("info", "warning", "error", "never")

# The classes of drift, as defined in ../shared/seeds/expected.yaml.
WORDING_CLASSES = ("none", "cosmetic", "substantive")
TIMING_CLASSES = (
    "none",
    "added",
    "dropped",
    "narrowed",
    "widened",
    "slipped",
    "advanced",
    "status",
)
LEAD_CLASSES = ("none", "changed", "added", "dropped", "mismatch")
# What a series finds about one action's whole life (chain.vanished, ...)
CHAIN_CLASSES = (
    "vanished",
    "reopened",
    "slipped-repeatedly",
    "owner-churn",
    "closed-without-evidence",
    "stale",
)
# A chain's state after the last document: still open there, closed, or open at
# its last appearance and missing from every later document
CHAIN_STATES = ("open", "closed", "vanished")
FINDING_KINDS = ("wording", "timing", "lead", "unmatched", "structure", "chain")


@dataclass(frozen=True)
class DocumentBytes:
    """A document's bytes that come from elsewhere than its path (standard input):
    ``name`` is only what messages call it."""

    name: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Line:
    """One line of text as read, with where it was read."""

    text: str
    number: int  # 1-based, counted within its page (within the file for text)
    page: int | None = None  # 1-based; None where the source has no pages
    starts_paragraph: bool = False
    in_table: bool = False  # the line lies inside a table that `tables` also holds
    # the font of most of the line's characters, where the source has one (PDF):
    # its size in points and whether it is bold, to tell headings from body text
    font_size: float | None = None
    bold: bool = False
    indent: int = 0  # leading spaces in plain text, where indentation carries structure
    # read with OCR: the lowest recognition confidence (0-100) of its words; None
    # for text the file holds
    confidence: float | None = None


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    page: int | None
    line: int | None


@dataclass(frozen=True)
class Table:
    """A table as read: rows of cell texts (wrapped cells already joined)."""

    rows: tuple[TableRow, ...]


# The kinds of Block in a document's outline.
BLOCK_KINDS = ("heading", "paragraph", "item")


@dataclass(frozen=True)
class Block:
    """One unit of a document's outline: a heading, a paragraph or a list item,
    its text as a reader sees it (links as their text, emphasis and escapes
    resolved; one space between words, the source's line breaks kept as "\\n"),
    with the marks that carry meaning kept apart."""

    kind: str  # one of BLOCK_KINDS
    text: str
    page: int | None = None
    line: int | None = None
    # a heading's level (1 = top; 0 where the source does not say); an item's
    # nesting depth (0 = a top-level item)
    level: int = 0
    number: str = ""  # an item's own number as printed; "" for bullets and auto-numbering
    checkbox: str = ""  # a task-list box: "" none, "open" [ ], "done" [x]
    struck: bool = False  # the whole text is struck through: done
    emphasis: tuple[str, ...] = ()  # the emphasised spans, as they read
    parent: int = -1  # the index of the item this one is nested in, -1 for none


@dataclass(frozen=True)
class Document:
    path: str
    kind: str  # "pdf" | "text" | ...
    lines: tuple[Line, ...]
    tables: tuple[Table, ...] = ()
    date: date | None = None
    pages: int | None = None
    # headings, paragraphs and list items in reading order (tables apart)
    outline: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Timing:
    """When an action is due, as written and as understood.

    kind is "date" (start/end set), "status" (status set), "meeting" or "event"
    (neither: a reference such as "the next meeting" that has no date of its own).
    label is the normalised form people read ("autumn 2022", "August/September 2022",
    "by 27 June 2022", "Completed")."""

    text: str
    kind: str
    label: str
    start: date | None = None
    end: date | None = None
    granularity: str | None = None  # day | week | month | season | quarter | year
    status: str | None = None

    @property
    def is_dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class Action:
    number: str  # as printed: "7", "4a", "A3", "2.10"; "" when unnumbered
    text: str
    timing: Timing | None = None
    lead: tuple[str, ...] | None = None  # the owner: the Lead cell, else the actor
    actor: tuple[str, ...] | None = None  # who acts in the action's own sentence
    lead_cell: tuple[str, ...] | None = None  # the Lead/Owner column, where there is one
    page: int | None = None
    line: int | None = None
    source: str = "prose"  # "prose" | "table" | "list"
    timing_cell: Timing | None = None  # the Timing/Status column or status marker
    timing_in_text: Timing | None = None  # the timing the action's own text gives
    # the sentence before an action written inline ("... circulated in advance.
    # Action: AA to ensure this is done."), which says what "this" is
    context: str = ""
    section: str = ""  # the heading the action sits under
    ordinal: int = 0  # 1-based order of appearance in its document: how an unnumbered action is known
    # what a follow-up writes under a restated action (sub-bullets, remarks): shown
    # as evidence, never compared as its wording
    update: str = ""
    cue: str = ""  # the form that made this an action ("table", "marker", "section-item", ...)
    # the text without the slots written into it ("Brett: ..." owner prefix): what
    # wording drift compares; "" where it is the text itself
    wording: str = ""
    # an item of a follow-up's review list that does not read as an action ("Google
    # Calendar Link: Nigel reported ..."): a restatement if it pairs, else nothing
    tentative: bool = False
    # a sentence of a follow-up's prose that says someone will act: counts only as
    # the restatement of an action of the minutes, never as an action of its own
    restates_only: bool = False
    # read with OCR: the lowest recognition confidence (0-100) of the lines it was
    # read from; None for text the file holds
    ocr_confidence: float | None = None

    @property
    def words(self) -> str:
        """What wording drift and pairing read: the text without its slots."""
        return self.wording or self.text


@dataclass(frozen=True)
class Pair:
    minutes: Action | None
    letter: Action | None
    score: float  # 0..1; 0 for an unmatched action
    # "split": this minutes action became several letter actions, this one a part;
    # "merge": several minutes actions became this one letter action
    relation: str = ""


@dataclass(frozen=True)
class DiffOp:
    op: str  # "equal" | "delete" | "insert"
    text: str


@dataclass(frozen=True)
class Finding:
    kind: str  # one of FINDING_KINDS
    cls: str
    severity: Severity
    message: str
    diff: tuple[DiffOp, ...] = ()
    fingerprint: str = ""  # stable across runs: from the action texts and the finding
    # "" while the finding counts; "ignored" (config or --ignore) or "baseline"
    # (accepted earlier) when it is reported but no longer fails a gate
    suppressed: str = ""
    # in a series: the index of the document the finding is about
    document: int | None = None
    # evidence read with OCR: the lowest recognition confidence (0-100) of the
    # words involved, and whether it is too low to state the finding as fact
    ocr_confidence: float | None = None
    review: bool = False

    @property
    def active(self) -> bool:
        return not self.suppressed

    def fails(self, fail_on: str) -> bool:
        """The gate's one decision: whether this finding fails a run at this --fail-on
        level. It must count (not ignored, not in the baseline) and reach the level."""
        return self.active and self.severity.reaches(fail_on)


@dataclass(frozen=True)
class Drift:
    wording: str = "none"
    timing: str = "none"
    lead: str = "none"


@dataclass(frozen=True)
class ComparedPair:
    pair: Pair
    drift: Drift
    findings: tuple[Finding, ...] = ()

    @property
    def worst(self) -> Severity | None:
        """The worst severity of the findings that count."""
        active = (f.severity for f in self.findings if f.active)
        return max(active, key=lambda s: s.rank, default=None)

    def fails(self, fail_on: str) -> bool:
        return any(f.fails(fail_on) for f in self.findings)


@dataclass(frozen=True)
class Reconciliation:
    minutes: Document
    letter: Document
    minutes_actions: tuple[Action, ...]
    letter_actions: tuple[Action, ...]
    pairs: tuple[ComparedPair, ...] = field(default_factory=tuple)
    # accepted findings of a baseline that this run no longer has
    stale_baseline: tuple[BaselineEntry, ...] = ()
    # what makes the whole comparison doubtful: the documents look swapped or
    # unrelated (one line each)
    warnings: tuple[str, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for p in self.pairs for f in p.findings)

    @property
    def active_findings(self) -> tuple[Finding, ...]:
        """The findings that count for a gate: not ignored, not in the baseline."""
        return tuple(f for f in self.findings if f.active)

    def fails(self, fail_on: str) -> bool:
        """Whether the run fails its gate at this --fail-on level: what the exit code,
        a batch's summary and every report that marks failures go by."""
        return any(p.fails(fail_on) for p in self.pairs)


@dataclass(frozen=True)
class BaselineEntry:
    """One accepted finding, as a baseline file records it."""

    fingerprint: str
    kind: str
    cls: str
    minutes: str | None  # the action numbers, for people reading the file
    letter: str | None
    message: str


@dataclass(frozen=True)
class PairOutcome:
    """One pair of a batch, as it came out: its report, or why it could not be run."""

    name: str
    minutes: str
    letter: str
    error: str | None = None  # the one-line reason when the pair could not be reconciled
    failed_gate: bool = False  # a finding reached the pair's fail-on level
    findings: Mapping[str, int] = field(default_factory=dict)  # class -> count of active findings
    report: str = ""  # the rendered report

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Appearance:
    """One action as one document of a series prints it, and how it moved since
    the chain's previous appearance (None for the first)."""

    document: int  # index into Series.documents
    action: Action
    closed: bool
    drift: Drift | None = None


@dataclass(frozen=True)
class Chain:
    """One action through a series: every document that prints it, in order."""

    id: str
    appearances: tuple[Appearance, ...]
    state: str  # one of CHAIN_STATES
    findings: tuple[Finding, ...] = ()

    def fails(self, fail_on: str) -> bool:
        return any(f.fails(fail_on) for f in self.findings)


@dataclass(frozen=True)
class Series:
    """Every action of a series of documents as chains, the documents in the
    order their dates give."""

    documents: tuple[Document, ...]
    actions: tuple[tuple[Action, ...], ...]  # each document's own actions
    chains: tuple[Chain, ...]
    stale_baseline: tuple[BaselineEntry, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for c in self.chains for f in c.findings)

    def fails(self, fail_on: str) -> bool:
        return any(c.fails(fail_on) for c in self.chains)
