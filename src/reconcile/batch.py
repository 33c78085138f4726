"""Batch: many pairs, in parallel processes (or on a Dask cluster), each pair's
failure recorded and the others carried on. Results come back in the order of
the pairs, whatever the number of workers, so a batch's output never depends on
--jobs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

import yaml

from .cluster import dask_client
from .config import Settings
from .errors import ConfigError, ReconcileError
from .load import regular_file_problem
from .model import BaselineEntry, PairOutcome

DOCUMENT_SUFFIXES = (".pdf", ".txt", ".md", ".markdown", ".docx", ".html", ".htm")
_MINUTES_WORDS = re.compile(r"minutes?", re.IGNORECASE)
_LETTER_WORDS = re.compile(
    r"letter|response|reply|follow[-_ ]?up|action[-_ ]?log|actions|annex", re.IGNORECASE
)
_SEPARATORS = re.compile(r"[-_ .]+")


@dataclass(frozen=True)
class BatchPair:
    name: str
    minutes: str
    letter: str
    config: Mapping[str, Any] = field(default_factory=dict)  # settings for this pair only
    problem: str = ""  # set when the manifest entry itself cannot be run


# Reading what to run


def read_manifest(path: str | Path) -> tuple[BatchPair, ...]:
    """The pairs of a manifest. Paths are relative to the manifest's folder and may
    not leave it; an entry that cannot be run becomes a pair with a problem, so
    that it is reported as an error while the others run."""
    manifest = Path(path)
    data = _read_yaml(manifest)
    entries = data.get("pairs") if isinstance(data, Mapping) else None
    if not isinstance(entries, list) or not entries:
        raise ConfigError("expected 'pairs:' with a list of {minutes, letter} entries", str(manifest))
    folder = manifest.resolve().parent
    pairs = [_manifest_pair(entry, index, folder, str(manifest)) for index, entry in enumerate(entries, 1)]
    _refuse_duplicate_names(pairs, str(manifest))
    return tuple(pairs)


def read_series_manifest(path: str | Path) -> list[str]:
    """The documents a series manifest lists (``documents:``, paths relative to
    its folder, which they may not leave). Any that cannot be read refuses the
    whole series: a series with a gap would report its actions as vanished."""
    manifest = Path(path)
    data = _read_yaml(manifest)
    entries = data.get("documents") if isinstance(data, Mapping) else None
    if not isinstance(entries, list) or not entries or not all(isinstance(e, str) for e in entries):
        raise ConfigError("expected 'documents:' with a list of file paths", str(manifest))
    folder = manifest.resolve().parent
    paths = []
    for entry in entries:
        resolved, problem = _inside(folder, entry)
        if problem:
            raise ConfigError(problem, str(manifest))
        paths.append(resolved)
    return paths


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such manifest", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the manifest ({exc.__class__.__name__})", str(path)) from None
    except yaml.YAMLError:
        raise ConfigError("the manifest is not valid YAML", str(path)) from None
    except RecursionError:
        raise ConfigError("the manifest is not valid YAML (nested too deeply)", str(path)) from None


def _manifest_pair(entry: Any, index: int, folder: Path, source: str) -> BatchPair:
    if (
        not isinstance(entry, Mapping)
        or not isinstance(entry.get("minutes"), str)
        or not isinstance(entry.get("letter"), str)
    ):
        raise ConfigError(f"pairs entry {index}: expected 'minutes' and 'letter' paths", source)
    unknown = set(entry) - {"minutes", "letter", "name", "config"}
    if unknown:
        raise ConfigError(f"pairs entry {index}: unknown key {sorted(unknown)[0]!r}", source)
    config = entry.get("config") or {}
    if not isinstance(config, Mapping):
        raise ConfigError(f"pairs entry {index}: config: expected a mapping", source)
    Settings.resolve(config, f"{source} (pairs entry {index})")  # validate now, not in a worker
    minutes, minutes_problem = _inside(folder, entry["minutes"])
    letter, letter_problem = _inside(folder, entry["letter"])
    if entry.get("name") is None:
        name = pair_name(folder, Path(folder / entry["minutes"]), Path(folder / entry["letter"]))
    else:
        name = str(entry["name"])
        problem = name_problem(name)
        if problem:
            raise ConfigError(f"pairs entry {index}: name {name!r}: {problem}", source)
    return BatchPair(
        name=name,
        minutes=minutes,
        letter=letter,
        config=dict(config),
        problem=minutes_problem or letter_problem,
    )


def _inside(folder: Path, relative: str) -> tuple[str, str]:
    """The resolved path, and a problem if it leaves the folder or is no regular file."""
    candidate = folder / relative
    try:
        resolved = candidate.resolve(strict=False)
    except (OSError, RuntimeError):  # a symbolic link loop
        return str(candidate), f"{relative}: a symbolic link loop"
    if not resolved.is_relative_to(folder):
        return str(candidate), f"{relative}: leaves the manifest's folder"
    problem = regular_file_problem(resolved)
    return str(resolved), f"{relative}: {problem}" if problem else ""


def _refuse_duplicate_names(pairs: Sequence[BatchPair], source: str) -> None:
    counts = Counter(p.name for p in pairs)
    duplicates = sorted(name for name, n in counts.items() if n > 1)
    if duplicates:
        raise ConfigError(f"two pairs are named {duplicates[0]!r}; names must be unique", source)


# A pair's name is the file name of its report in --out, beside summary.json and
# index.html: one plain name, never a path.
_RESERVED_NAMES = frozenset({"summary", "index"})
_NAME_MAX = 120
_UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f/\\]")


def name_problem(name: str) -> str:
    """Why a pair's name cannot be a report's file name in --out, or "" if it can."""
    if not name.strip():
        return "is empty"
    if _UNSAFE_IN_NAME.search(name):
        return "a name is a file name in --out: no '/', '\\' or control characters"
    if name.strip(".") == "" or name.startswith("."):
        return "a name may not start with '.' (it would be hidden, or leave --out)"
    if name.lower() in _RESERVED_NAMES:
        return f"{name!r} is the batch's own {name.lower()} file in --out; choose another name"
    if len(name) > _NAME_MAX:
        return f"longer than {_NAME_MAX} characters"
    return ""


def pair_name(root: Path, minutes: Path, letter: Path) -> str:
    """A default name, from the folders under root and what is left of the file names
    once 'minutes' or 'letter' is taken out: 2022-06/minutes.pdf is '2022-06'. Always
    a safe file name (see name_problem)."""
    try:
        folders = [part for part in minutes.parent.relative_to(root).parts if part not in (".", "..")]
    except ValueError:
        folders = []
    stem = _role_free_stem(minutes) or _role_free_stem(letter)
    parts = [*folders, stem] if stem else [*folders] or [minutes.stem]
    name = _UNSAFE_IN_NAME.sub("-", "-".join(parts)).lstrip(".")[:_NAME_MAX]
    if not name or name.lower() in _RESERVED_NAMES:
        name = f"pair-{name}"
    return name


def discover_pairs(directory: str | Path) -> tuple[tuple[BatchPair, ...], tuple[str, ...]]:
    """Pairs found by file names under a folder: in each folder, a file whose name
    says minutes and one whose name says letter (or response, action log, ...),
    matched by what is left of their names. Returns the pairs and the unpaired files."""
    root = Path(directory)
    if not root.is_dir():
        raise ConfigError("is not a folder", str(root))
    files = sorted(p for p in root.rglob("*") if not p.name.startswith(".") and p.is_file())
    documents = [p for p in files if reads_kind(p)]
    pairs: list[BatchPair] = []
    # a file of a kind we do not read (.odt, .xlsx) is listed too: it may be the
    # letter someone expected to be paired
    unpaired: list[str] = [str(p) for p in files if not reads_kind(p)]
    by_folder: dict[Path, list[Path]] = {}
    for document in documents:
        by_folder.setdefault(document.parent, []).append(document)
    for _folder, files in sorted(by_folder.items()):
        found, left = _pair_in_folder(files)
        pairs.extend(BatchPair(pair_name(root, m, letter), str(m), str(letter)) for m, letter in found)
        unpaired.extend(str(p) for p in left)
    _refuse_duplicate_names(pairs, str(root))
    return tuple(pairs), tuple(sorted(unpaired))


def reads_kind(path: Path | str) -> bool:
    """Whether folder mode takes a file of this name for a document it reads."""
    return Path(path).suffix.lower() in DOCUMENT_SUFFIXES


def _pair_in_folder(files: list[Path]) -> tuple[list[tuple[Path, Path]], list[Path]]:
    minutes = [f for f in files if _MINUTES_WORDS.search(f.stem)]
    letters = [f for f in files if f not in minutes and _LETTER_WORDS.search(f.stem)]
    others = [f for f in files if f not in minutes and f not in letters]
    found: list[tuple[Path, Path]] = []
    if len(minutes) == 1 and len(letters) == 1:
        found.append((minutes[0], letters[0]))
        return found, others
    keyed = {_role_free_stem(letter): letter for letter in letters}
    for m in minutes:
        letter = keyed.pop(_role_free_stem(m), None)
        if letter is None:
            others.append(m)
        else:
            found.append((m, letter))
    return found, others + sorted(keyed.values())


def _role_free_stem(path: Path) -> str:
    stem = _LETTER_WORDS.sub(" ", _MINUTES_WORDS.sub(" ", path.stem))
    return "-".join(part for part in _SEPARATORS.split(stem.lower()) if part)


# Running


def run_one(
    pair: BatchPair,
    base: Mapping[str, Any],
    fmt: str,
    fail_on: str | None,
    baseline: tuple[BaselineEntry, ...] = (),
) -> PairOutcome:
    """Reconcile one pair in this process. Any failure of the pair is its outcome,
    never an exception: one bad pair must not stop a night's audit. A baseline's
    findings are known by their fingerprints, so one file may hold many pairs'."""
    if pair.problem:
        return PairOutcome(pair.name, pair.minutes, pair.letter, error=pair.problem)
    try:
        return _reconcile_pair(pair, base, fmt, fail_on, baseline)
    except ReconcileError as error:
        return PairOutcome(pair.name, pair.minutes, pair.letter, error=str(error))
    except (MemoryError, RecursionError) as error:
        return PairOutcome(pair.name, pair.minutes, pair.letter, error=f"{error.__class__.__name__}")


def _reconcile_pair(
    pair: BatchPair,
    base: Mapping[str, Any],
    fmt: str,
    fail_on: str | None,
    baseline: tuple[BaselineEntry, ...],
) -> PairOutcome:
    from .api import reconcile
    from .report import ReportOptions, render

    settings = Settings.resolve({**base, **pair.config}, pair.name)
    # one core a pair: the batch runs its pairs in parallel instead
    result = reconcile(pair.minutes, pair.letter, settings, baseline, concurrently=False)
    level = fail_on if fail_on is not None and "fail_on" not in pair.config else settings.fail_on
    stream = StringIO()
    render(result, fmt, stream, ReportOptions(fail_on=level))
    active = result.active_findings
    return PairOutcome(
        name=pair.name,
        minutes=pair.minutes,
        letter=pair.letter,
        failed_gate=result.fails(level),
        findings=dict(sorted(Counter(f"{f.kind}.{f.cls}" for f in active).items())),
        report=stream.getvalue(),
    )


def run_batch(
    pairs: Sequence[BatchPair],
    base: Mapping[str, Any],
    fmt: str,
    fail_on: str | None,
    jobs: int = 1,
    on_done: Callable[[PairOutcome], None] | None = None,
    baseline: tuple[BaselineEntry, ...] = (),
) -> tuple[PairOutcome, ...]:
    """Every pair's outcome, in the order of ``pairs``."""
    if jobs <= 1 or len(pairs) <= 1:
        outcomes = []
        for pair in pairs:
            outcomes.append(run_one(pair, base, fmt, fail_on, baseline))
            if on_done:
                on_done(outcomes[-1])
        return tuple(outcomes)
    results: dict[int, PairOutcome] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {
            pool.submit(run_one, pair, base, fmt, fail_on, baseline): i for i, pair in enumerate(pairs)
        }
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            if on_done:
                on_done(results[futures[future]])
    return tuple(results[i] for i in range(len(pairs)))


def run_batch_on_cluster(
    pairs: Sequence[BatchPair],
    base: Mapping[str, Any],
    fmt: str,
    fail_on: str | None,
    scheduler: str,
    on_done: Callable[[PairOutcome], None] | None = None,
    baseline: tuple[BaselineEntry, ...] = (),
) -> tuple[PairOutcome, ...]:
    """The same, on an existing Dask distributed cluster. The workers read the
    documents themselves, so the paths must be visible to them."""
    with dask_client(scheduler) as client:
        import distributed

        dask: Any = distributed  # untyped: used through a few calls only
        futures = [client.submit(run_one, pair, base, fmt, fail_on, baseline, pure=False) for pair in pairs]
        index = {future.key: i for i, future in enumerate(futures)}
        results: dict[int, PairOutcome] = {}
        for future in dask.as_completed(futures):
            outcome: PairOutcome = future.result()
            results[index[future.key]] = outcome
            if on_done:
                on_done(outcome)
    return tuple(results[i] for i in range(len(pairs)))
