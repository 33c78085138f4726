"""Settings: defaults that cover every finding class, and one clear error per bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from reconcile.config import DEFAULT_SEVERITIES, FINDING_CLASSES, Settings, load_settings
from reconcile.errors import ConfigError
from reconcile.model import FINDING_KINDS, Severity


def test_every_finding_class_has_a_default_severity() -> None:
    assert set(FINDING_CLASSES) == set(DEFAULT_SEVERITIES)
    assert {c.split(".")[0] for c in FINDING_CLASSES} == set(FINDING_KINDS)


def test_the_example_config_loads() -> None:
    settings = load_settings(ROOT / "examples" / "reconcile.yaml")
    assert settings.leads.aliases["MPS"][0] == "Metropolitan Police Service"
    assert settings.leads.roles["AC Frontline Policing"] == "MPS"
    assert settings.timing.fiscal_year_start == 4
    assert settings.timing.seasons["autumn"] == (9, 11)
    assert settings.severity("wording.cosmetic") is Severity.INFO


def test_an_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("")
    assert load_settings(path) == Settings()


def test_resolve_takes_a_mapping() -> None:
    settings = Settings.resolve({"fail_on": "warning", "severities": {"lead.added": "error"}})
    assert settings.fail_on == "warning"
    assert settings.severity("lead.added") is Severity.ERROR
    assert settings.severity("lead.changed") is Severity.ERROR


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("colour: red\n", ["unknown key 'colour'"]),
        ("fail_on: sometimes\n", ["fail_on", "sometimes"]),
        ("fail_on: [error]\n", ["fail_on"]),
        ("severities: {timing.late: error}\n", ["unknown finding class 'timing.late'"]),
        ("severities: {timing.slipped: fatal}\n", ["severities.timing.slipped", "fatal"]),
        ("severities: [1, 2]\n", ["severities: expected a mapping"]),
        ("aliases: {MPS: 3}\n", ["aliases.MPS", "list of names"]),
        ("roles: {AC: [MPS]}\n", ["roles.AC"]),
        ("leads: {aliases: {}}\n", ["unknown key 'leads'"]),
        ("timing: {fiscal_year_start: 13}\n", ["fiscal_year_start", "13"]),
        ("timing: {seasons: {monsoon: [6, 9]}}\n", ["unknown season 'monsoon'"]),
        ("timing: {seasons: {autumn: [9]}}\n", ["timing.seasons.autumn"]),
        ("- just\n- a list\n", ["mapping of settings"]),
        ("fail_on: [unclosed\n", ["not valid YAML", "line"]),
        ("a: !!python/object:os.system {}\n", ["not valid YAML"]),
    ],
)
def test_bad_config_names_the_file_and_the_key(tmp_path: Path, text: str, words: list[str]) -> None:
    path = tmp_path / "reconcile.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    message = str(raised.value)
    assert "\n" not in message
    assert str(path) in message
    for word in words:
        assert word in message


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_settings(tmp_path / "absent.yaml")


def test_the_default_timeout_gives_ocr_its_time() -> None:
    """20 s reads any text document; OCR takes about 2.5 s a page, so where it
    may read pages the default is 300 s. A timeout given is kept either way."""
    from reconcile.config import LoadSettings

    assert LoadSettings().read_timeout == 20.0
    assert LoadSettings(ocr="auto").read_timeout == LoadSettings(ocr="always").read_timeout == 300.0
    assert LoadSettings(ocr="auto", timeout=5.0).read_timeout == 5.0
    assert LoadSettings(timeout=45.0).read_timeout == 45.0
