"""Gate: which findings count. Findings of an ignored class or action, and
findings accepted in a baseline, stay in the report but no longer fail a run."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import FINDING_KINDS, BaselineEntry, ComparedPair, Finding, Reconciliation

BASELINE_VERSION = 1


def apply_gate(
    rec: Reconciliation, ignore: Iterable[str] = (), baseline: Iterable[BaselineEntry] = ()
) -> Reconciliation:
    """Mark ignored and baselined findings, and list the baseline entries this run
    no longer has (a drift that was fixed, or a baseline that went stale)."""
    rules = frozenset(ignore)
    _refuse_unknown_numbers(rules, rec)
    accepted = {entry.fingerprint: entry for entry in baseline}
    pairs = tuple(_gate_pair(p, rules, accepted) for p in rec.pairs)
    seen = {f.fingerprint for p in pairs for f in p.findings}
    stale = tuple(e for fp, e in accepted.items() if fp not in seen)
    return replace(rec, pairs=pairs, stale_baseline=stale)


def _refuse_unknown_numbers(rules: frozenset[str], rec: Reconciliation) -> None:
    """An action number to ignore that no action has is a typo, or the config of
    another pair of documents: ignoring nothing in silence would hide it."""
    numbers = {a.number for a in (*rec.minutes_actions, *rec.letter_actions) if a.number}
    for rule in sorted(rules):
        is_kind_or_class = rule.partition(".")[0] in FINDING_KINDS
        if not is_kind_or_class and rule not in numbers:
            raise ConfigError(f"no action of either document is numbered {rule!r}", "ignore")


def _gate_pair(
    compared: ComparedPair, rules: frozenset[str], accepted: Mapping[str, BaselineEntry]
) -> ComparedPair:
    numbers = {a.number for a in (compared.pair.minutes, compared.pair.letter) if a is not None and a.number}
    findings = tuple(gate_finding(f, rules, numbers, accepted) for f in compared.findings)
    return replace(compared, findings=findings)


def gate_finding(
    finding: Finding, rules: frozenset[str], numbers: set[str], accepted: Mapping[str, BaselineEntry]
) -> Finding:
    """The finding marked ignored (by kind, class or one of its actions'
    ``numbers``) or baseline (accepted earlier), else as it is."""
    if finding.kind in rules or f"{finding.kind}.{finding.cls}" in rules or numbers & rules:
        return replace(finding, suppressed="ignored")
    if finding.fingerprint in accepted:
        return replace(finding, suppressed="baseline")
    return finding


def baseline_entries(rec: Reconciliation) -> tuple[BaselineEntry, ...]:
    """Today's findings, as a baseline records them."""
    return tuple(
        BaselineEntry(
            fingerprint=f.fingerprint,
            kind=f.kind,
            cls=f.cls,
            minutes=p.pair.minutes.number or None if p.pair.minutes else None,
            letter=p.pair.letter.number or None if p.pair.letter else None,
            message=f.message,
        )
        for p in rec.pairs
        for f in p.findings
    )


def dump_baseline(rec: Reconciliation) -> str:
    entries = [
        {
            "fingerprint": e.fingerprint,
            "kind": e.kind,
            "class": e.cls,
            "minutes": e.minutes,
            "letter": e.letter,
            "message": e.message,
        }
        for e in baseline_entries(rec)
    ]
    header = (
        "# reconcile baseline: drift accepted on purpose. Findings listed here are still\n"
        "# reported, but do not fail `reconcile --baseline THIS_FILE`. Remove an entry to\n"
        "# make its finding count again.\n"
    )
    body = {
        "version": BASELINE_VERSION,
        "minutes": rec.minutes.path,
        "letter": rec.letter.path,
        "findings": entries,
    }
    import yaml  # a baseline is seldom used: imported on use, for start-up time

    return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


@dataclass(frozen=True)
class Baseline:
    """A baseline file: the documents it was recorded for, and its accepted findings."""

    minutes: str
    letter: str
    entries: tuple[BaselineEntry, ...]


def recorded_for_other_documents(baseline: Baseline, rec: Reconciliation) -> str:
    """Why the baseline belongs to another pair of documents, or "": none of its
    findings occur in this run, and neither file it names is one of these by name.
    (Documents renamed keep their fingerprints; a letter whose drift was all fixed
    keeps its minutes.)"""
    seen = {f.fingerprint for f in rec.findings}
    if not baseline.entries or any(e.fingerprint in seen for e in baseline.entries):
        return ""
    if Path(baseline.minutes).name == Path(rec.minutes.path).name or (
        Path(baseline.letter).name == Path(rec.letter.path).name
    ):
        return ""
    return (
        f"recorded for other documents (minutes {baseline.minutes}, letter {baseline.letter}): "
        f"none of its {len(baseline.entries)} findings occur in {rec.minutes.path} and {rec.letter.path}"
    )


def load_baseline(path: str | Path) -> tuple[BaselineEntry, ...]:
    return read_baseline(path).entries


def read_baseline(path: str | Path) -> Baseline:
    import yaml

    name = str(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such baseline file", name) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the baseline ({exc.__class__.__name__})", name) from None
    except yaml.YAMLError:
        raise ConfigError("the baseline is not valid YAML", name) from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise ConfigError(
            f"not a reconcile baseline (expected 'version: {BASELINE_VERSION}' and 'findings:')", name
        )
    findings = data.get("findings") or []
    if not isinstance(findings, list):
        raise ConfigError("findings: expected a list", name)
    entries = tuple(_entry(item, index, name) for index, item in enumerate(findings, start=1))
    return Baseline(str(data.get("minutes", "")), str(data.get("letter", "")), entries)


def _entry(item: Any, index: int, name: str) -> BaselineEntry:
    if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
        raise ConfigError(f"findings entry {index}: expected a mapping with a fingerprint", name)
    return BaselineEntry(
        fingerprint=item["fingerprint"],
        kind=str(item.get("kind", "")),
        cls=str(item.get("class", "")),
        minutes=None if item.get("minutes") is None else str(item["minutes"]),
        letter=None if item.get("letter") is None else str(item["letter"]),
        message=str(item.get("message", "")),
    )
