"""The command line: a thin click layer over reconcile.api. The only module that
knows about exit codes."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import click

from . import __version__
from .errors import ReconcileError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

# kept in step with report.FORMATS by a test; listed here so that --help does not
# import the report modules
FORMAT_NAMES = ("terminal", "json", "markdown", "html", "csv", "junit", "github", "sarif")
FAIL_ON_LEVELS = ("info", "warning", "error", "never")


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
    epilog="Run 'reconcile compare --help' for the options of the main command.",
)
@click.version_option(__version__, "--version", prog_name="reconcile")
def main() -> None:
    """Reconcile meeting minutes with the letter or action log written after them.

    \b
        reconcile MINUTES LETTER [--format json] [--fail-on warning]

    pairs every action of the two documents and reports each drift in wording,
    timing and lead, with the evidence from both. Exit codes: 0 no finding at or
    above --fail-on, 1 findings at or above it, 2 the run could not be done."""


@main.command("compare")
@click.argument("minutes", metavar="MINUTES")
@click.argument("letter", metavar="LETTER")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default="terminal",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_LEVELS),
    default=None,
    help="Exit 1 when a finding reaches this severity [default: error, or the config's fail_on].",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="YAML file with aliases, roles, severities and timing conventions.",
)
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
def compare_command(
    minutes: str, letter: str, fmt: str, fail_on: str | None, config_path: str | None, debug: bool
) -> None:
    """Reconcile MINUTES with LETTER (PDF, text or Markdown; '-' reads standard input).

    MINUTES holds the actions as agreed; LETTER restates them (an annex table,
    an action log, or the next meeting's minutes)."""
    try:
        code = _run(minutes, letter, fmt, fail_on, config_path)
    except ReconcileError as error:
        _fail(error, debug)
    sys.exit(code)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) of the --format json report.

    \b
        reconcile schema > reconcile.schema.json"""
    import json

    from .report.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


def _run(minutes: str, letter: str, fmt: str, fail_on: str | None, config_path: str | None) -> int:
    from .api import reconcile  # the pipeline's imports are heavy: only when running it
    from .config import Settings, load_settings
    from .load import STDIN, load_document
    from .report import ReportOptions, render

    settings = load_settings(config_path) if config_path else Settings()
    if minutes == STDIN and letter == STDIN:
        raise click.UsageError("only one of MINUTES and LETTER can be '-' (standard input)")
    documents = [
        load_document("<stdin>", sys.stdin.buffer.read()) if path == STDIN else load_document(path)
        for path in (minutes, letter)
    ]
    result = reconcile(documents[0], documents[1], settings)
    level = fail_on or settings.fail_on
    render(result, fmt, sys.stdout, ReportOptions(fail_on=level))
    return exit_code(result, level)


def exit_code(result: Any, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    from .model import Severity

    threshold = Severity(fail_on).rank
    return EXIT_FINDINGS if any(f.severity.rank >= threshold for f in result.findings) else EXIT_OK


def _fail(error: BaseException, debug: bool) -> NoReturn:
    if debug:
        raise error
    click.secho(f"reconcile: error: {error}", fg="red", err=True)
    sys.exit(EXIT_ERROR)
