"""`reconcile series`: every action followed through a body's meetings.

The real series (../shared/series/pqcp-tsc) is scored by its official scorer
against the hand-made expected-chains.yaml; the hand-written fixture series
(fixtures/series/, Markdown and the same minutes printed to PDF) are checked
chain by chain, field by field, against their expected.yaml."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, SHARED, invoke
from reconcile.report.schema import series_json_schema

SERIES = FIXTURES / "series"
ALLOTMENTS = SERIES / "01-allotments-markdown"
EXPECTED = yaml.safe_load((ALLOTMENTS / "expected.yaml").read_text(encoding="utf-8"))
PQCP = SHARED / "series" / "pqcp-tsc"


def series_json(*args: str) -> dict[str, Any]:
    result = invoke(["series", *args, "--format", "json", "--fail-on", "never"], 0)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def documents_of(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.glob("20*") if p.suffix in (".md", ".pdf", ".txt"))


@pytest.mark.needs_shared
def test_the_real_series_scores_at_least_95_percent(tmp_path: Path) -> None:
    output = tmp_path / "pqcp.json"
    documents = sorted(str(p) for p in PQCP.glob("20*.md"))
    invoke(["series", *documents, "--format", "json", "--fail-on", "never", "-o", str(output)], 0)
    scorer = SHARED / "series" / "score_chains.py"
    run = subprocess.run(
        [sys.executable, str(scorer), str(PQCP / "expected-chains.yaml"), str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    print(run.stdout)
    assert run.returncode == 0, run.stdout + run.stderr
    score = re.search(r"chains (\d+)/(\d+) cells (\d+)/(\d+) final (\d+)/(\d+)", run.stdout)
    assert score is not None
    chains, chains_n, cells, cells_n, final, final_n = map(int, score.groups())
    assert chains == chains_n == 35
    assert cells / cells_n >= 0.95 and final / final_n >= 0.95


@pytest.mark.parametrize(
    ("folder", "truth"),
    [
        ("01-allotments-markdown", "01-allotments-markdown"),
        ("02-allotments-pdf", "01-allotments-markdown"),  # the same minutes, printed
        ("03-choir-plain-text", "03-choir-plain-text"),
    ],
)
def test_fixture_series_chain_by_chain(folder: str, truth: str) -> None:
    expected = yaml.safe_load((SERIES / truth / "expected.yaml").read_text(encoding="utf-8"))
    data = series_json(*documents_of(SERIES / folder))
    names = [Path(d["path"]).stem for d in data["documents"]]
    assert names == [Path(n).stem for n in expected["documents"]]
    assert len(data["chains"]) == len(expected["chains"])
    for want in expected["chains"]:
        got = _chain_of(data["chains"], want)
        where = f"action {want.get('number') or want['first']}"
        assert [a["document"] for a in got["appearances"]] == want["appearances"], where
        if "number" in want:
            assert all(a["number"] == want["number"] for a in got["appearances"]), where
        assert got["state"] == want["state"], where
        found = sorted(f"{f['class']}@{f['document']}" for f in got["findings"])
        assert found == sorted(want["findings"]), where
        if "owners" in want:
            assert [" ".join(a["lead"]) for a in got["appearances"]] == want["owners"], where
        if "slip_days" in want:
            (slip,) = [f for f in got["findings"] if f["class"] == "slipped-repeatedly"]
            assert f"{want['slip_days']} days" in slip["message"]


def _chain_of(chains: list[dict[str, Any]], want: dict[str, Any]) -> dict[str, Any]:
    """The chain whose first appearance has the expected number, or the snippet."""
    (chain,) = [
        c
        for c in chains
        if (c["appearances"][0]["number"] == want["number"] if "number" in want else False)
        or ("first" in want and want["first"] in c["appearances"][0]["text"])
    ]
    return chain


def test_documents_are_ordered_by_their_dates_not_as_given() -> None:
    given = list(reversed(documents_of(ALLOTMENTS)))
    data = series_json(*given)
    dates = [d["date"] for d in data["documents"]]
    assert dates == ["2025-01-09", "2025-02-13", "2025-03-13", "2025-04-10", "2025-05-08"]
    shown = invoke(["series", *given, "--fail-on", "never"], 0).stdout
    assert shown.index("2025-01-09.md") < shown.index("2025-05-08.md") < shown.index("c1 ")


def test_a_folder_is_its_documents_without_its_readme() -> None:
    data = series_json(str(ALLOTMENTS))
    assert [Path(d["path"]).name for d in data["documents"]] == EXPECTED["documents"]


def test_the_json_follows_its_schema() -> None:
    data = series_json(*documents_of(ALLOTMENTS))
    jsonschema.validate(data, series_json_schema())
    schema = json.loads(invoke(["schema", "--series"], 0).stdout)
    assert schema == series_json_schema()
    assert data["summary"]["by_state"] == {"closed": 5, "open": 2, "vanished": 1}


def test_the_gate_fails_on_a_vanished_action_unless_ignored_or_accepted(tmp_path: Path) -> None:
    documents = documents_of(ALLOTMENTS)
    invoke(["series", *documents], 1)  # chain.vanished is an error
    invoke(["series", *documents, "--ignore", "chain.vanished"], 0)
    invoke(["series", *documents, "--ignore", "chain.vanished", "--fail-on", "warning"], 1)
    data = series_json(*documents)
    vanished = [f for c in data["chains"] for f in c["findings"] if f["class"] == "vanished"]
    baseline = tmp_path / "baseline.yaml"
    entries = [{"fingerprint": f["fingerprint"], "kind": "chain", "class": "vanished"} for f in vanished]
    baseline.write_text(yaml.safe_dump({"version": 1, "findings": entries}))
    invoke(["series", *documents, "--baseline", str(baseline)], 0)


def test_stale_after_is_configurable(tmp_path: Path) -> None:
    documents = documents_of(ALLOTMENTS)

    def stale(*args: str) -> list[str]:
        data = series_json(*documents, *args)
        return [c["id"] for c in data["chains"] for f in c["findings"] if f["class"] == "stale"]

    assert len(stale()) == 1
    assert stale("--stale-after", "4") == []
    assert len(stale("--stale-after", "2")) == 1  # reached at the fourth document instead
    config = tmp_path / "reconcile.yaml"
    config.write_text("series: {stale_after: 4, slips: 3}\nseverities: {chain.vanished: info}\n")
    data = series_json(*documents, "--config", str(config))
    classes = {f["class"]: f["severity"] for c in data["chains"] for f in c["findings"]}
    assert "stale" not in classes and "slipped-repeatedly" not in classes
    assert classes["vanished"] == "info"


def test_a_bad_series_config_is_one_line_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "reconcile.yaml"
    config.write_text("series: {stale_after: 0}\n")
    result = invoke(["series", *documents_of(ALLOTMENTS), "--config", str(config)], 2)
    assert "series.stale_after" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_missing_document_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = str(tmp_path / "2025-06-12.md")
    result = invoke(["series", *documents_of(ALLOTMENTS), missing], 2)
    assert missing in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_csv_is_a_row_an_appearance() -> None:
    documents = documents_of(ALLOTMENTS)
    rows = invoke(["series", *documents, "--format", "csv", "--fail-on", "never"], 0).stdout.splitlines()
    assert rows[0].startswith("chain,state,document,path,date,number,text")
    want = sum(len(c["appearances"]) for c in EXPECTED["chains"])
    assert len(rows) == 1 + want


def test_the_html_report_is_a_row_a_chain_in_a_real_browser(tmp_path: Path) -> None:
    from test_html_report import _chromium

    chromium = _chromium()
    report = tmp_path / "series.html"
    documents = documents_of(ALLOTMENTS)
    invoke(["series", *documents, "--format", "html", "-o", str(report), "--fail-on", "never"], 0)
    dom = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    body = dom[dom.index("<tbody>") : dom.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)
    assert len(rows) == len(EXPECTED["chains"])
    for row, want in zip(rows, EXPECTED["chains"], strict=True):
        cells = re.findall(r'<td class="cell (\w+)"', row)
        assert len(cells) == len(EXPECTED["documents"])
        shown = [i for i, state in enumerate(cells) if state in ("open", "closed")]
        assert shown == want["appearances"], row
    # the action as each document prints it, on hover: the trough's moving date
    titles = re.findall(r'title="([^"]*)"', rows[0])
    assert [t.split(" | ")[1] for t in titles[:3]] == ["by 31 January 2025", "Ongoing", "Ongoing"]
    assert "http" not in report.read_text(encoding="utf-8").split("<body>")[1]  # nothing fetched


def test_jobs_read_in_parallel_to_the_same_result() -> None:
    documents = documents_of(SERIES / "02-allotments-pdf")
    assert series_json(*documents, "--jobs", "2") == series_json(*documents)
    result = invoke(["series", *documents, "/no/such/2025-06-12.pdf", "--jobs", "2"], 2)
    assert "/no/such/2025-06-12.pdf" in result.stderr and "Traceback" not in result.stderr


def test_on_a_dask_cluster_to_the_same_result() -> None:
    distributed = pytest.importorskip("distributed", reason="the Dask extra is not installed")
    documents = documents_of(SERIES / "02-allotments-pdf")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        remote = series_json(*documents, "--scheduler", cluster.scheduler_address)
    assert remote == series_json(*documents)


def test_an_unreachable_scheduler_is_one_line() -> None:
    pytest.importorskip("distributed", reason="the Dask extra is not installed")
    documents = documents_of(ALLOTMENTS)
    result = invoke(["series", *documents, "--scheduler", "tcp://127.0.0.1:9"], 2)
    assert result.stderr.strip().splitlines()[-1].startswith("reconcile: error:")


def test_a_manifest_lists_the_documents(tmp_path: Path) -> None:
    manifest = ALLOTMENTS / "series.yaml"
    assert series_json(str(manifest)) == series_json(*documents_of(ALLOTMENTS))
    outside = tmp_path / "series.yaml"
    outside.write_text("documents: [../escape.md]\n")
    result = invoke(["series", str(outside)], 2)
    assert "leaves the manifest's folder" in result.stderr


def test_a_bad_manifest_is_one_line_and_exit_2(tmp_path: Path) -> None:
    manifest = tmp_path / "series.yaml"
    manifest.write_text("pairs: []\n")
    result = invoke(["series", str(manifest)], 2)
    assert "expected 'documents:'" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_initials_and_full_names_from_the_attendance_lists_are_one_owner(tmp_path: Path) -> None:
    # worked out by hand: the same action, its owner written "JB" then "Jo Baker",
    # whom the attendance lists say are one person; no owner churn
    for day, owner in (("2025-01-06", "JB"), ("2025-02-03", "Jo Baker"), ("2025-03-03", "JB")):
        (tmp_path / f"{day}.md").write_text(
            f"# Garden club, {day}\n\nPresent: Jo Baker (JB), Ann Lee (AL)\n\n## Actions\n\n"
            f"- {owner} to order the seed potatoes.\n- AL to book the hall.\n",
            encoding="utf-8",
        )
    data = series_json(*sorted(str(p) for p in tmp_path.glob("*.md")))
    kinds = [f["class"] for c in data["chains"] for f in c["findings"]]
    assert "owner-churn" not in kinds
    assert len(data["chains"]) == 2
