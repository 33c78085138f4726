"""The command line: a thin click layer over the library. The only module that
knows about exit codes.

Heavy modules (pdfplumber, rich, the pipeline) are imported inside the commands,
so that `reconcile --version` and `--help` start fast."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from .errors import ConfigError, ReconcileError
from .version import __version__

if TYPE_CHECKING:
    from .config import LoadedConfig, Settings
    from .model import DocumentBytes, PairOutcome, Reconciliation

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130

# Kept in step with model.FAIL_ON_LEVELS and report.FORMATS by tests; listed here so
# that --version and --help import neither the model nor the report modules.
FAIL_ON_LEVELS = ("info", "warning", "error", "never")
OCR_MODES = ("never", "auto", "always")  # as config.OCR_MODES
FORMAT_NAMES = ("terminal", "json", "markdown", "html", "csv", "junit", "github", "sarif")
FORMAT_SUFFIX = {
    "terminal": "txt",
    "json": "json",
    "markdown": "md",
    "html": "html",
    "csv": "csv",
    "junit": "xml",
    "github": "txt",
    "sarif": "sarif",
}
STDIN = "-"

F = TypeVar("F", bound=Callable[..., Any])


class _DefaultCommandGroup(click.Group):
    """`reconcile MINUTES LETTER` runs the `compare` command; subcommands by name."""

    default_command = "compare"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        group_options = {"--help", "-h", "--version"}
        if args and args[0] not in self.commands and args[0] not in group_options:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@click.group(
    cls=_DefaultCommandGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Run 'reconcile COMMAND --help' for the options of a command.",
)
@click.version_option(__version__, "--version", prog_name="reconcile")
def main() -> None:
    """Reconcile meeting minutes with the letter or action log written after them.

    \b
        reconcile MINUTES LETTER [--format json] [--fail-on warning]

    pairs every action of the two documents and reports each drift in wording,
    timing and lead, with the evidence from both. Exit codes: 0 no finding at or
    above --fail-on, 1 findings at or above it, 2 the run could not be done."""


# Shared options


def _debug_option(function: F) -> F:
    return click.option("--debug", is_flag=True, help="Show the traceback of an error.")(function)


def _color_option(function: F) -> F:
    return click.option(
        "--color/--no-color",
        default=None,
        help="Colour the terminal output [default: on a terminal, unless NO_COLOR is set].",
    )(function)


def _ignore_option(function: F) -> F:
    return click.option(
        "--ignore",
        multiple=True,
        metavar="CLASS|NUMBER",
        help="Do not fail on a finding class (timing.status), kind (wording) or action "
        "number (7); repeatable. Ignored findings are still reported, marked.",
    )(function)


def _baseline_option(function: F) -> F:
    return click.option(
        "--baseline",
        "baseline_path",
        type=click.Path(dir_okay=False),
        help="Accepted findings (reconcile baseline): fail only on new ones.",
    )(function)


def _config_options(function: F) -> F:
    function = click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="Config file (YAML, or a pyproject.toml with [tool.reconcile]) "
        "[default: reconcile.yaml or .reconcile.yaml here or in a parent folder].",
    )(function)
    return function


def _limit_options(function: F) -> F:
    """Bounds on reading each document; a document that needs more is an error (exit 2)."""
    for decorator in reversed(
        (
            click.option(
                "--max-pages",
                type=click.IntRange(min=1),
                help="Refuse a PDF with more pages [default: 1000].",
            ),
            click.option(
                "--max-chars",
                type=click.IntRange(min=1),
                help="Refuse a document with more characters of text [default: 5,000,000].",
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(min=0, min_open=True),
                help="Stop reading a document after this many seconds [default: 20; 300 with --ocr].",
            ),
            click.option(
                "--max-memory",
                type=click.IntRange(min=16),
                metavar="MB",
                help="Stop reading a document that needs this much more memory [default: 400].",
            ),
            click.option(
                "--password",
                envvar="RECONCILE_PASSWORD",
                help="Password of an encrypted PDF (or set RECONCILE_PASSWORD).",
            ),
            click.option(
                "--engine",
                type=click.Choice(("fast", "plumber")),
                default=None,
                help="PDF reader: fast (pdfium) or plumber (pdfplumber, the reference) [default: fast].",
            ),
            _ocr_option,
        )
    ):
        function = decorator(function)
    return function


def _ocr_option(function: F) -> F:
    return click.option(
        "--ocr",
        type=click.Choice(OCR_MODES),
        default=None,
        help="Read PDF pages with OCR (Tesseract): never (refuse a scan), auto (the pages "
        "without a text layer) or always (every page) [default: never, or the config's ocr].",
    )(function)


def _gate_options(function: F) -> F:
    for decorator in reversed(
        (
            click.option(
                "--format",
                "fmt",
                type=click.Choice(FORMAT_NAMES),
                default="terminal",
                show_default=True,
                help="Report format.",
            ),
            click.option(
                "--fail-on",
                type=click.Choice(FAIL_ON_LEVELS),
                default=None,
                help="Exit 1 when a finding reaches this severity [default: error, or the config's fail_on].",
            ),
            _config_options,
            _ignore_option,
            _color_option,
            click.option("--quiet", "-q", is_flag=True, help="Print no report; only the exit code tells."),
            _debug_option,
        )
    ):
        function = decorator(function)
    return function


def _handles_errors(function: F) -> F:
    """One line on stderr and exit 2 for every failure of a run, no traceback
    unless --debug; Ctrl-C and a closed pipe end quietly."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = bool(kwargs.get("debug"))
        try:
            return function(*args, **kwargs)
        except ReconcileError as error:
            _fail(str(error), error, debug)
        except KeyboardInterrupt:
            click.echo("reconcile: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            _silence_stdout()  # the reader went away (| head): nothing left to say
            sys.exit(EXIT_OK)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as error:  # a bug: still one line, the traceback with --debug
            _fail(f"internal error: {error.__class__.__name__}: {error} (run with --debug)", error, debug)

    return wrapper  # type: ignore[return-value]


@contextmanager
def _exit_on_closed_pipe(code: int) -> Iterator[None]:
    """A reader that stops early (`| head -3`) is no failure of the run: the exit
    code stays the one the findings give. The report is flushed here, so that a
    closed pipe is met here and not at the interpreter's exit."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(code)


def _silence_stdout() -> None:
    """Point standard output at the null device: what is still buffered for a
    closed pipe must not fail again when Python flushes it at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind it (a test's runner)
        pass


def _fail(message: str, error: BaseException, debug: bool) -> NoReturn:
    if debug:
        raise error
    click.secho(f"reconcile: error: {' '.join(message.split())}", fg="red", err=True)
    sys.exit(EXIT_ERROR)


# Commands


@main.command("compare")
@click.argument("minutes", metavar="MINUTES")
@click.argument("letter", metavar="LETTER")
@_gate_options
@_limit_options
@_baseline_option
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to this file (whole or not at all) instead of standard output.",
)
@_handles_errors
def compare_command(
    minutes: str,
    letter: str,
    fmt: str,
    fail_on: str | None,
    config_path: str | None,
    ignore: tuple[str, ...],
    color: bool | None,
    quiet: bool,
    debug: bool,
    max_pages: int | None,
    max_chars: int | None,
    timeout: float | None,
    max_memory: int | None,
    password: str | None,
    engine: str | None,
    ocr: str | None,
    baseline_path: str | None,
    output: str | None,
) -> None:
    """Reconcile MINUTES with LETTER: PDF, Word (.docx), HTML, text or Markdown;
    '-' reads one of them from standard input.

    MINUTES holds the actions as agreed; LETTER restates them (an annex table,
    an action log, or the next meeting's minutes)."""
    from .api import reconcile
    from .gate import read_baseline, recorded_for_other_documents

    loaded = _load_config(config_path)
    settings = _with_limits(
        _with_ignores(loaded.settings, ignore),
        max_pages,
        max_chars,
        timeout,
        max_memory,
        password,
        engine,
        ocr,
    )
    _refuse_output_onto_input(output, [minutes, letter])
    baseline = read_baseline(baseline_path) if baseline_path else None
    result = reconcile(*_sources(minutes, letter), settings, baseline.entries if baseline else ())
    elsewhere = recorded_for_other_documents(baseline, result) if baseline else ""
    if elsewhere:
        raise ConfigError(elsewhere, baseline_path)
    level = fail_on or settings.fail_on
    code = exit_code(result, level)
    with _exit_on_closed_pipe(code):
        _emit_report(result, fmt, level, color, quiet, output)
    _warn_stale_baseline(result, quiet)
    sys.exit(code)


@main.command("series")
@click.argument("sources", metavar="DOC...|DIR|MANIFEST", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("terminal", "json", "csv", "html")),
    default="terminal",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_LEVELS),
    default=None,
    help="Exit 1 when a chain finding reaches this severity [default: error, or the config's fail_on].",
)
@click.option(
    "--stale-after",
    type=click.IntRange(min=1),
    default=None,
    help="A chain restated unchanged this many times while open is stale [default: 3, or the config's].",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Read the documents in this many processes at once.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Read the documents on this Dask distributed scheduler (pip install 'reconcile[dask]'); "
    "the workers must see the same paths.",
)
@_config_options
@_ignore_option
@_baseline_option
@_ocr_option
@click.option("--quiet", "-q", is_flag=True, help="Print no report; only the exit code tells.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to this file instead of standard output.",
)
@_debug_option
@_handles_errors
def series_command(
    sources: tuple[str, ...],
    fmt: str,
    fail_on: str | None,
    stale_after: int | None,
    jobs: int,
    scheduler: str | None,
    config_path: str | None,
    ignore: tuple[str, ...],
    baseline_path: str | None,
    ocr: str | None,
    quiet: bool,
    output: str | None,
    debug: bool,
) -> None:
    """Follow every action through a series of meeting records: DOC... in any
    order, a folder of them, or a YAML manifest ('documents:' and their paths).
    The documents are ordered by their own dates (file names break ties); each
    action becomes a chain of its appearances, with findings: vanished,
    reopened, slipped-repeatedly, owner-churn, closed-without-evidence, stale."""
    import io
    from dataclasses import replace

    from .gate import read_baseline
    from .report.series import render_series
    from .series import reconcile_series

    loaded = _load_config(config_path)
    settings = _with_limits(_with_ignores(loaded.settings, ignore), None, None, None, None, None, ocr=ocr)
    if stale_after is not None:
        settings = replace(settings, series=replace(settings.series, stale_after=stale_after))
    paths = _series_paths(sources)
    _refuse_output_onto_input(output, paths)
    baseline = read_baseline(baseline_path) if baseline_path else None
    result = reconcile_series(paths, settings, baseline.entries if baseline else (), jobs, scheduler)
    code = EXIT_FINDINGS if result.fails(fail_on or settings.fail_on) else EXIT_OK
    buffer = io.StringIO()
    render_series(result, fmt, buffer)
    with _exit_on_closed_pipe(code):
        if output:
            Path(output).write_text(buffer.getvalue(), encoding="utf-8")
        elif not quiet:
            click.echo(buffer.getvalue(), nl=False)
    sys.exit(code)


# Files of a folder that describe it rather than record a meeting
_FOLDER_NOTES = frozenset({"readme", "source", "license", "licence", "changelog"})


def _series_paths(sources: Sequence[str]) -> list[str]:
    """The documents named, a folder standing for the documents in it (its
    README, SOURCE or LICENSE left out), a manifest for those it lists."""
    from .batch import read_series_manifest, reads_kind

    paths: list[str] = []
    for source in sources:
        path = Path(source)
        if path.suffix.lower() in (".yaml", ".yml"):
            paths.extend(read_series_manifest(path))
        elif path.is_dir():
            found = sorted(
                str(f)
                for f in path.iterdir()
                if f.is_file() and reads_kind(f) and f.stem.lower() not in _FOLDER_NOTES
            )
            if not found:
                raise ReconcileError("no document of a kind reconcile reads in this folder", source)
            paths.extend(found)
        else:
            paths.append(source)
    return paths


@main.command("extract")
@click.argument("document", metavar="FILE")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("terminal", "json")),
    default="terminal",
    show_default=True,
    help="A table to read, or the actions as JSON records.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Say for each action which form made it one (its cue) and which slots were read.",
)
@_config_options
@_color_option
@_limit_options
@_debug_option
@_handles_errors
def extract_command(
    document: str,
    fmt: str,
    explain: bool,
    config_path: str | None,
    color: bool | None,
    max_pages: int | None,
    max_chars: int | None,
    timeout: float | None,
    max_memory: int | None,
    password: str | None,
    engine: str | None,
    ocr: str | None,
    debug: bool,
) -> None:
    """Print the actions found in one document, with their page and line: the
    first thing to run when a result looks wrong. A document with no action is an
    error (exit 2) whose message says what was looked for and what came nearest."""
    from .api import extract
    from .report.actions import render_actions

    settings = _with_limits(
        _load_config(config_path).settings, max_pages, max_chars, timeout, max_memory, password, engine, ocr
    )
    doc, actions = extract(_source(document), settings)
    with _exit_on_closed_pipe(EXIT_OK):
        render_actions(doc, actions, fmt, sys.stdout, color, explain=explain)


@main.command("baseline")
@click.argument("minutes", metavar="MINUTES")
@click.argument("letter", metavar="LETTER")
@_config_options
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of standard output."
)
@_limit_options
@_debug_option
@_handles_errors
def baseline_command(
    minutes: str,
    letter: str,
    config_path: str | None,
    output: str | None,
    max_pages: int | None,
    max_chars: int | None,
    timeout: float | None,
    max_memory: int | None,
    password: str | None,
    engine: str | None,
    ocr: str | None,
    debug: bool,
) -> None:
    """Record today's findings as accepted drift, for --baseline.

    \b
        reconcile baseline MINUTES LETTER > baseline.yaml
        reconcile MINUTES LETTER --baseline baseline.yaml   # fails only on new drift"""
    from .api import reconcile
    from .gate import dump_baseline
    from .output import write_atomically

    settings = _with_limits(
        _load_config(config_path).settings, max_pages, max_chars, timeout, max_memory, password, engine, ocr
    )
    _refuse_output_onto_input(output, [minutes, letter])
    text = dump_baseline(reconcile(*_sources(minutes, letter), settings))
    if output:
        write_atomically(Path(output), text)
    else:
        click.echo(text, nl=False)


@main.command("schema")
@click.option("--series", is_flag=True, help="The schema of `reconcile series --format json` instead.")
def schema_command(series: bool) -> None:
    """Print the JSON Schema (draft 2020-12) of the --format json report.

    \b
        reconcile schema > reconcile.schema.json
        reconcile schema --series > reconcile-series.schema.json"""
    import json

    from .report.schema import json_schema, series_json_schema

    click.echo(json.dumps(series_json_schema() if series else json_schema(), indent=2, ensure_ascii=False))


@main.command("config")
@click.option(
    "--show", is_flag=True, help="Print the effective configuration and where each value came from."
)
@_config_options
@_debug_option
@_handles_errors
def config_command(show: bool, config_path: str | None, debug: bool) -> None:
    """Find and check the configuration (exit 2 with the file, key and reason if it is wrong)."""
    from .config import describe_config

    loaded = _load_config(config_path)
    if show:
        click.echo(describe_config(loaded), nl=False)
    else:
        click.echo(f"configuration OK: {loaded.path or 'no file found; defaults'}")


@main.command("batch")
@click.argument("source", metavar="MANIFEST|DIR")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default="json",
    show_default=True,
    help="Format of each pair's report in --out.",
)
@click.option("--fail-on", type=click.Choice(FAIL_ON_LEVELS), default=None, help="As for compare; per pair.")
@_config_options
@_ignore_option
@_baseline_option
@_color_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Write each pair's report and summary.json here.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Parallel processes [default: the machine's cores].",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on this Dask distributed scheduler (pip install 'reconcile[dask]'); "
    "the workers read the documents, so they must see the same paths.",
)
@_ocr_option
@click.option(
    "--quiet", "-q", is_flag=True, help="Print no pairing, progress or summary; only the exit code tells."
)
@_debug_option
@_handles_errors
def batch_command(
    source: str,
    fmt: str,
    fail_on: str | None,
    config_path: str | None,
    ignore: tuple[str, ...],
    baseline_path: str | None,
    color: bool | None,
    out_dir: str | None,
    jobs: int | None,
    scheduler: str | None,
    ocr: str | None,
    quiet: bool,
    debug: bool,
) -> None:
    """Reconcile many pairs: from a manifest (pairs: [{minutes, letter, name, config}],
    paths relative to it) or a folder (pairs found by file names). One bad pair is
    an error row; the others are still reported. Exit code: the worst over all pairs."""
    import os

    from .batch import discover_pairs, read_manifest, run_batch, run_batch_on_cluster
    from .gate import read_baseline

    loaded = _load_config(config_path)
    base = {**loaded.data, "ignore": list(_with_ignores(loaded.settings, ignore).ignore)}
    if ocr:
        base["ocr"] = ocr
    accepted = read_baseline(baseline_path).entries if baseline_path else ()
    if Path(source).is_dir():
        pairs, unpaired = discover_pairs(source)
    else:
        pairs, unpaired = read_manifest(source), ()
    if out_dir:
        _refuse_reports_over_inputs(Path(out_dir), pairs, fmt, source)
    if not quiet:
        _show_pairing(pairs, unpaired)
    if not pairs:
        raise ReconcileError("no pairs found (name the files minutes/letter, or write a manifest)", source)
    with _progress(len(pairs), enabled=not quiet) as advance:
        if scheduler:
            outcomes = run_batch_on_cluster(pairs, base, fmt, fail_on, scheduler, advance, accepted)
        else:
            workers = jobs or os.cpu_count() or 1
            outcomes = run_batch(pairs, base, fmt, fail_on, workers, advance, accepted)
    codes = [_pair_exit_code(o) for o in outcomes]
    if out_dir:
        _write_batch(Path(out_dir), fmt, outcomes, codes)
    if not quiet:
        _show_batch_summary(outcomes, color)
    sys.exit(max(codes))


# Helpers of the commands


def exit_code(result: Reconciliation, fail_on: str) -> int:
    """1 when a finding that counts (not ignored, not in the baseline) reaches fail_on."""
    return EXIT_FINDINGS if result.fails(fail_on) else EXIT_OK


def _pair_exit_code(outcome: PairOutcome) -> int:
    if not outcome.ok:
        return EXIT_ERROR
    return EXIT_FINDINGS if outcome.failed_gate else EXIT_OK


def _load_config(config_path: str | None) -> LoadedConfig:
    from .config import load_config

    return load_config(config_path)


def _with_ignores(settings: Settings, ignore: Sequence[str]) -> Settings:
    from dataclasses import replace

    from .config import check_ignore

    if not ignore:
        return settings
    return replace(settings, ignore=(*settings.ignore, *check_ignore(tuple(ignore), "--ignore", key="")))


def _with_limits(
    settings: Settings,
    max_pages: int | None,
    max_chars: int | None,
    timeout: float | None,
    max_memory: int | None,
    password: str | None,
    engine: str | None = None,
    ocr: str | None = None,
) -> Settings:
    """The config's limits, with those given on the command line instead."""
    from dataclasses import replace

    given: dict[str, Any] = {
        "max_pages": max_pages,
        "max_chars": max_chars,
        "timeout": timeout,
        "max_memory": max_memory,
        "password": password,
        "engine": engine,
        "ocr": ocr,
    }
    chosen = {key: value for key, value in given.items() if value is not None}
    return replace(settings, load=replace(settings.load, **chosen)) if chosen else settings


def _sources(minutes: str, letter: str) -> tuple[str | DocumentBytes, str | DocumentBytes]:
    """The two documents as the library takes them: paths, or standard input's bytes."""
    if minutes == letter == STDIN:
        raise ReconcileError("only one document can be '-' (standard input)")
    return _source(minutes), _source(letter)


def _source(path: str) -> str | DocumentBytes:
    from .model import DocumentBytes

    if path != STDIN:
        return path
    if sys.stdin.isatty():
        # a person who typed '-' by mistake would otherwise see nothing happen
        click.echo("reconcile: waiting for a document on standard input (end it with Ctrl-D)", err=True)
    return DocumentBytes("<stdin>", sys.stdin.buffer.read())


def _refuse_output_onto_input(output: str | None, inputs: Sequence[str]) -> None:
    """A report written over an input would lose the document it reports on."""
    if not output:
        return
    target = _resolved(output)
    if target is not None and target in {_resolved(path) for path in inputs if path != STDIN}:
        raise ReconcileError("is one of the input files; a report is never written over an input", output)


def _resolved(path: str | Path) -> Path | None:
    """The path with links followed; None for a link loop, which names no file."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return None


def _emit_report(
    result: Reconciliation, fmt: str, level: str, color: bool | None, quiet: bool, output: str | None
) -> None:
    from io import StringIO

    from .output import write_atomically
    from .report import ReportOptions, render

    if output:
        buffer = StringIO()
        render(result, fmt, buffer, ReportOptions(fail_on=level, color=bool(color)))
        write_atomically(Path(output), buffer.getvalue())
    elif not quiet:
        render(result, fmt, sys.stdout, ReportOptions(fail_on=level, color=color))


def _warn_stale_baseline(result: Reconciliation, quiet: bool) -> None:
    if quiet or not result.stale_baseline:
        return
    click.echo(f"reconcile: {len(result.stale_baseline)} baseline entries no longer occur:", err=True)
    for entry in result.stale_baseline:
        action = entry.minutes or entry.letter
        click.echo(
            f"  {entry.fingerprint} {entry.kind}.{entry.cls} (action {action}): {entry.message}", err=True
        )


def _show_pairing(pairs: Sequence[Any], unpaired: Sequence[str]) -> None:
    click.echo(f"reconcile: {len(pairs)} pair{'s' if len(pairs) != 1 else ''}", err=True)
    for pair in pairs:
        click.echo(f"  {pair.name}: {pair.minutes} <-> {pair.letter}", err=True)
    if unpaired:
        click.echo(
            f"reconcile: {len(unpaired)} file{'s' if len(unpaired) != 1 else ''} without a pair:", err=True
        )
        from .batch import reads_kind

        for path in unpaired:
            why = "" if reads_kind(path) else " (not a kind reconcile reads)"
            click.echo(f"  {path}{why}", err=True)


class _progress:
    """A progress bar on stderr when it is a terminal; otherwise nothing."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and sys.stderr.isatty()
        self._bar: Any = None

    def __enter__(self) -> Callable[[Any], None]:
        if not self.enabled:
            return lambda outcome: None
        from rich.progress import Progress

        self._bar = Progress(transient=True, console=_stderr_console())
        self._bar.start()
        task = self._bar.add_task("reconciling", total=self.total)
        return lambda outcome: self._bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _refuse_reports_over_inputs(out: Path, pairs: Sequence[Any], fmt: str, source: str) -> None:
    """Batch writes one report per pair and summary.json into --out: none of them
    may land on a document or the manifest."""
    inputs = {_resolved(p) for pair in pairs for p in (pair.minutes, pair.letter)} | {_resolved(source)}
    inputs.discard(None)
    if _resolved(out) in inputs:
        raise ReconcileError(f"--out {out} is one of the input files", source)
    reports = [(pair.name, out / f"{pair.name}.{FORMAT_SUFFIX[fmt]}") for pair in pairs]
    own = [("the summary", out / "summary.json"), ("the index", out / "index.html")]
    for name, report in [*reports, *own]:
        if _resolved(report) in inputs:
            raise ReconcileError(
                f"the report of {name!r} would be written over {report}, one of the inputs; "
                "choose another --out",
                source,
            )


def _write_batch(out: Path, fmt: str, outcomes: Sequence[PairOutcome], codes: Sequence[int]) -> None:
    """Each pair's report, summary.json, and for --format html an index.html that
    links every pair's report."""
    import json

    from .output import write_atomically
    from .report.batch import batch_index, batch_summary

    out.mkdir(parents=True, exist_ok=True)
    reports = [f"{o.name}.{FORMAT_SUFFIX[fmt]}" if o.ok else None for o in outcomes]
    for outcome, report in zip(outcomes, reports, strict=True):
        if report is not None:
            write_atomically(_inside_out(out, report), outcome.report)
    summary = batch_summary(outcomes, codes, reports)
    write_atomically(out / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    if fmt == "html":
        write_atomically(out / "index.html", batch_index(outcomes, reports))


def _inside_out(out: Path, name: str) -> Path:
    """The report's path, which must be a file directly in --out: a second guard
    behind the names the manifest reader refuses."""
    path = out / name
    if path.parent != out or name in ("", ".", "..") or Path(name).name != name:
        raise ReconcileError(f"a report named {name!r} would be written outside --out", str(out))
    return path


def _show_batch_summary(outcomes: Sequence[PairOutcome], color: bool | None) -> None:
    from .report.batch import render_batch_summary

    with _exit_on_closed_pipe(max((_pair_exit_code(o) for o in outcomes), default=EXIT_OK)):
        render_batch_summary(outcomes, sys.stdout, color)
