"""--format html: one self-contained page to read in a browser or print.

The two documents and a summary at the top, an overview table that links to each
pair, then every pair side by side (minutes left, letter right) with its drift as
badges coloured by severity, the findings and the word redline. No script, no
external resource: the file can be mailed, archived or opened offline. Every piece
of document text goes through html.escape."""

from __future__ import annotations

import html
from datetime import date
from typing import Any, TextIO

from ..model import Reconciliation
from ..version import __version__
from .options import ReportOptions
from .records import counts, plural, tally, to_records, without_controls, worst_severity

_DIMENSIONS = ("wording", "timing", "lead")

CSS = """
:root {
  --ink: #1d2433; --muted: #5b6475; --line: #d9dee7; --paper: #ffffff; --page: #f4f6f9;
  --error: #b42318; --error-bg: #fde8e6; --warning: #a15c07; --warning-bg: #fdf1d6;
  --info: #175cd3; --info-bg: #e3eefc; --ok: #1a7f4b; --ok-bg: #e2f4ea;
  --del: #fbd5d1; --ins: #cdeed8;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--page); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.wrap { max-width: 1180px; margin: 0 auto; padding: 28px 24px 48px; }
h1 { font-size: 22px; margin: 0 0 16px; }
h1 small { color: var(--muted); font-weight: normal; font-size: 14px; margin-left: 8px; }
.docs { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.doc { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.doc h2 { margin: 0 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: .06em;
  color: var(--muted); }
.doc .path { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px;
  word-break: break-all; margin: 0 0 4px; }
.doc .facts { margin: 0; color: var(--muted); font-size: 14px; }
.summary { margin: 18px 0; font-size: 16px; }
.summary strong { margin-right: 4px; }
.overview { width: 100%; border-collapse: collapse; background: var(--paper); border: 1px solid var(--line);
  border-radius: 8px; overflow: hidden; font-size: 14px; margin-bottom: 28px; }
.overview th, .overview td { padding: 6px 12px; text-align: left; border-bottom: 1px solid var(--line); }
.overview th { background: #eef1f6; font-weight: 600; color: var(--muted); font-size: 12px;
  text-transform: uppercase; letter-spacing: .04em; }
.overview td.num { text-align: right; font-variant-numeric: tabular-nums; }
.overview tr:last-child td { border-bottom: none; }
.overview a { color: inherit; font-weight: 600; }
.overview .none { color: #9aa1ae; }
.pair { background: var(--paper); border: 1px solid var(--line); border-left: 6px solid var(--ok);
  border-radius: 8px; margin: 0 0 18px; padding: 14px 18px 16px; }
.pair.sev-error { border-left-color: var(--error); }
.pair.sev-warning { border-left-color: var(--warning); }
.pair.sev-info { border-left-color: var(--info); }
.pair > header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 14px; margin-bottom: 10px; }
.pair h2 { font-size: 18px; margin: 0; }
.score { color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
.badges { display: flex; flex-wrap: wrap; gap: 6px; }
.badge { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 12.5px; font-weight: 600;
  border: 1px solid transparent; white-space: nowrap; }
.badge .dim { font-weight: normal; opacity: .8; }
.badge.none { background: #f0f2f5; color: #8a92a0; font-weight: normal; }
.badge.ok { background: var(--ok-bg); color: var(--ok); }
.badge.error, .sev.error { background: var(--error-bg); color: var(--error); border-color: #f5b5ad; }
.badge.warning, .sev.warning { background: var(--warning-bg); color: var(--warning); border-color: #f0cf8a; }
.badge.info, .sev.info { background: var(--info-bg); color: var(--info); border-color: #b6cff5; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.side { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; background: #fbfcfd; }
.side.missing { background: repeating-linear-gradient(135deg, #fbfcfd 0 10px, #f2f4f7 10px 20px);
  color: var(--muted); font-style: italic; }
.side h3 { margin: 0 0 6px; font-size: 12px; text-transform: uppercase; letter-spacing: .06em;
  color: var(--muted); display: flex; justify-content: space-between; gap: 8px; }
.side h3 .where { text-transform: none; letter-spacing: 0; font-weight: normal; }
.side .text { margin: 0 0 10px; }
.side dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0;
  font-size: 13.5px; }
.side dt { color: var(--muted); }
.side dd { margin: 0; }
.side dd .raw { color: var(--muted); }
.side dd.drifted { font-weight: 600; justify-self: start; padding: 0 6px; margin-left: -6px;
  border-radius: 4px; }
.side dd.drifted.error { background: var(--error-bg); }
.side dd.drifted.warning { background: var(--warning-bg); }
.side dd.drifted.info { background: var(--info-bg); }
.side dd.drifted.suppressed { background: #eceef2; }
.badge.ocr { background: #eef0fb; color: #4b4f8f; border-color: #c9cdf0; font-weight: normal; }
.badge.review { background: var(--warning-bg); color: var(--warning); border-color: #f0cf8a; }
.badge.suppressed { background: #eceef2; color: var(--muted); border-color: #d3d8e0; font-weight: normal; }
.findings li.suppressed > span { opacity: .6; }
del { background: var(--del); color: #7a1a10; text-decoration: line-through; text-decoration-thickness: 1px; }
ins { background: var(--ins); color: #0d4a2a; text-decoration: none; border-bottom: 1px solid #55b27b; }
del, ins { padding: 0 2px; border-radius: 3px; }
.findings { list-style: none; margin: 12px 0 0; padding: 0; }
.findings li { display: grid; grid-template-columns: 76px 1fr; gap: 4px 10px; padding: 6px 0;
  border-top: 1px dashed var(--line); }
.sev { display: inline-block; text-align: center; border-radius: 4px; font-size: 12px; font-weight: 700;
  text-transform: uppercase; letter-spacing: .04em; padding: 1px 0; height: fit-content; border: 1px solid; }
.rule { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px;
  color: var(--muted); margin-right: 6px; }
.redline { grid-column: 2; margin: 2px 0 0; padding: 6px 10px; background: #f7f8fa; border-radius: 4px;
  font-size: 14px; }
.clean { color: var(--muted); font-size: 13.5px; margin: 10px 0 0; }
footer { color: var(--muted); font-size: 12px; margin-top: 28px; }
/* one column on a phone; paper keeps the side-by-side view however narrow */
@media screen and (max-width: 640px) {
  .docs, .sides { grid-template-columns: 1fr; }
}
@media print {
  @page { margin: 14mm; }
  body { background: #fff; font-size: 10.5pt; }
  .wrap { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .pair, .overview tr, .doc { break-inside: avoid; }
  .overview a { text-decoration: none; }
}
"""


def render_html(rec: Reconciliation, stream: TextIO, options: ReportOptions) -> None:
    records = to_records(rec)
    title = f"reconcile: {records['minutes']['path']} → {records['letter']['path']}"
    stream.write(
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<div class="wrap">\n'
    )
    stream.write(_header(records))
    stream.write(_overview(records["pairs"]))
    for index, pair in enumerate(records["pairs"], 1):
        stream.write(_pair(pair, index))
    stream.write(f"<footer>Made by reconcile {_e(__version__)}.</footer>\n</div>\n</body>\n</html>\n")


def escape(value: object) -> str:
    """Any value as HTML text: escaped, quotes included, with no control characters."""
    return html.escape(without_controls(str(value)), quote=True)


_e = escape


def _header(records: dict[str, Any]) -> str:
    return (
        "<header>\n<h1>Reconciliation of minutes and letter</h1>\n"
        f'<div class="docs">{_document("Minutes", records["minutes"])}'
        f"{_document('Letter', records['letter'])}</div>\n"
        f"{_summary(records['summary'], records['pairs'])}\n</header>\n"
    )


def _document(role: str, doc: dict[str, Any]) -> str:
    actions = len(doc["actions"])
    facts = [_date(doc["date"]), f"{actions} action{'s' if actions != 1 else ''}", doc["kind"]]
    if doc["pages"]:
        facts.append(f"{doc['pages']} page{'s' if doc['pages'] != 1 else ''}")
    return (
        f'<section class="doc"><h2>{_e(role)}</h2><p class="path">{_e(doc["path"])}</p>'
        f'<p class="facts">{" · ".join(_e(f) for f in facts)}</p></section>'
    )


def _date(iso: str | None) -> str:
    if iso is None:
        return "date not found"
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def _summary(summary: dict[str, Any], pair_records: list[dict[str, Any]]) -> str:
    pairs = f"<strong>{plural(summary['pairs'], 'pair')}</strong>"
    badges = []
    if summary["minutes_only"]:
        badges.append(("error", f"{summary['minutes_only']} only in the minutes"))
    if summary["letter_only"]:
        badges.append(("warning", f"{summary['letter_only']} only in the letter"))
    badges.extend(tally(pair_records))
    shown = " ".join(f'<span class="badge {cls}">{text}</span>' for cls, text in badges)
    drift = shown or '<span class="badge ok">no drift found</span>'
    return f'<p class="summary">{pairs} {summary["matched"]} matched · {drift}</p>'


def _overview(pairs: list[dict[str, Any]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("pair", "score", "wording", "timing", "lead", "worst"))
    rows = "".join(_overview_row(pair, index) for index, pair in enumerate(pairs, 1))
    return f'<table class="overview">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n'


def _overview_row(pair: dict[str, Any], index: int) -> str:
    worst = worst_severity(pair["findings"])
    if _unmatched(pair):
        cells = ['<td class="num">—</td>', f'<td colspan="3">{_badges(pair)}</td>']
    else:
        cells = [f'<td class="num">{pair["score"]:.2f}</td>']
        cells += [_class_cell(d, pair["drift"][d], pair["findings"]) for d in _DIMENSIONS]
    worst_cell = (
        f'<span class="badge {worst}">{worst}</span>' if worst else '<span class="badge ok">ok</span>'
    )
    return (
        f'<tr><td><a href="#pair-{index}">{_label(pair)}</a></td>{"".join(cells)}<td>{worst_cell}</td></tr>\n'
    )


def _class_cell(dimension: str, name: str, findings: list[dict[str, Any]]) -> str:
    if name == "none":
        return '<td class="none">none</td>'
    return f'<td><span class="badge {_severity_of(dimension, findings)}">{_e(name)}</span></td>'


def _unmatched(pair: dict[str, Any]) -> bool:
    return pair["minutes"] is None or pair["letter"] is None


def _label(pair: dict[str, Any]) -> str:
    return f"{_number(pair['minutes'])} → {_number(pair['letter'])}"


def _number(action: dict[str, Any] | None) -> str:
    if action is None:
        return "—"
    return _e(action["number"]) if action["number"] else "(unnumbered)"


def _pair(pair: dict[str, Any], index: int) -> str:
    worst = worst_severity(pair["findings"]) or "ok"
    score = "" if _unmatched(pair) else f'<span class="score">score {pair["score"]:.2f}</span>'
    return (
        f'<article class="pair sev-{worst}" id="pair-{index}">\n'
        f"<header><h2>Action {_label(pair)}</h2>{score}{_badges(pair)}</header>\n"
        f'<div class="sides">{_side("Minutes", pair["minutes"], pair, "delete")}'
        f"{_side('Letter', pair['letter'], pair, 'insert')}</div>\n"
        f"{_findings(pair['findings'])}</article>\n"
    )


def _badges(pair: dict[str, Any]) -> str:
    findings = pair["findings"]
    if _unmatched(pair):
        badges = [
            _badge(f["kind"], f["class"], f["severity"] if counts(f) else "suppressed")
            for f in findings
            if f["kind"] == "unmatched"
        ]
    else:
        badges = [_dimension_badge(d, pair["drift"][d], findings) for d in _DIMENSIONS]
    return f'<span class="badges">{"".join(badges)}</span>'


def _dimension_badge(dimension: str, name: str, findings: list[dict[str, Any]]) -> str:
    if name == "none":
        return f'<span class="badge none">{dimension} none</span>'
    return _badge(dimension, name, _severity_of(dimension, findings))


def _severity_of(dimension: str, findings: list[dict[str, Any]]) -> str:
    """The colour of a drift: the severity of the finding that reports it, grey
    when that finding is suppressed (ignored, or accepted in the baseline)."""
    own = [f for f in findings if f["kind"] == dimension]
    if own and not any(counts(f) for f in own):
        return "suppressed"
    return worst_severity(own) or "info"


def _badge(dimension: str, name: str, severity: str) -> str:
    return f'<span class="badge {_e(severity)}"><span class="dim">{_e(dimension)}</span> {_e(name)}</span>'


def _side(role: str, action: dict[str, Any] | None, pair: dict[str, Any], op: str) -> str:
    side = role.lower()
    if action is None:
        return f'<section class="side missing"><h3>{role}</h3><p class="text">not in the {side}</p></section>'
    where = _where(action)
    return (
        f'<section class="side {side}"><h3><span>{role} · action {_number(action)}</span>'
        f'<span class="where">{where}</span></h3>'
        f'<p class="text">{_side_text(action, pair, op)}</p>'
        f"<dl><dt>timing</dt>{_drifted(pair, 'timing')}{_timing(action['timing'])}</dd>"
        f"<dt>lead</dt>{_drifted(pair, 'lead')}{_lead(action)}</dd></dl></section>"
    )


def _drifted(pair: dict[str, Any], dimension: str) -> str:
    """A <dd> that stands out, in its finding's colour, where the two sides differ."""
    if pair["drift"][dimension] == "none":
        return "<dd>"
    return f'<dd class="drifted {_severity_of(dimension, pair["findings"])}">'


def _where(action: dict[str, Any]) -> str:
    parts = []
    if action["page"] is not None:
        parts.append(f"page {action['page']}")
    if action["line"] is not None:
        parts.append(f"line {action['line']}")
    return _e(", ".join(parts))


def _side_text(action: dict[str, Any], pair: dict[str, Any], op: str) -> str:
    """The side's own text, with the words the other side lacks marked. Only ever
    the action's own words: where the redline's side is not exactly its text (the
    parts of a split or a merge, compared as a whole), the text is shown unmarked."""
    diff = next((f["diff"] for f in pair["findings"] if f.get("diff")), None)
    side = " ".join(d["text"] for d in diff or () if d["op"] in ("equal", op))
    if diff is None or side != " ".join(action["text"].split()):
        return _e(action["text"])
    tag = "del" if op == "delete" else "ins"
    words = [
        _e(d["text"]) if d["op"] == "equal" else f"<{tag}>{_e(d['text'])}</{tag}>"
        for d in diff
        if d["op"] in ("equal", op)
    ]
    return " ".join(words)


def _timing(timing: dict[str, Any] | None) -> str:
    if timing is None:
        return '<span class="raw">none given</span>'
    label = _e(timing["label"])
    if timing["text"] and timing["text"].strip() != timing["label"]:
        label += f' <span class="raw">(“{_e(timing["text"])}”)</span>'
    return label


def _lead(action: dict[str, Any]) -> str:
    lead, actor = action["lead"], action["actor"]
    if not lead:
        return '<span class="raw">none given</span>'
    text = _e(_names(lead))
    if actor and actor != lead:
        text += f' <span class="raw">(its text has {_e(_names(actor))} acting)</span>'
    return text


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _findings(findings: list[dict[str, Any]]) -> str:
    if not findings:
        return '<p class="clean">No drift: the two documents agree on this action.</p>\n'
    items = "".join(_finding(f) for f in findings)
    return f'<ul class="findings">{items}</ul>\n'


def _finding(finding: dict[str, Any]) -> str:
    severity = _e(finding["severity"])
    redline = f'<p class="redline">{_redline(finding["diff"])}</p>' if finding.get("diff") else ""
    suppressed = ""
    if not counts(finding):
        suppressed = f' <span class="badge suppressed">{_e(finding["suppressed"])}</span>'
    state = "suppressed" if suppressed else "counts"
    return (
        f'<li class="{state}"><span class="sev {severity}">{severity}</span>'
        f'<span><span class="rule">{_e(finding["kind"])}.{_e(finding["class"])}</span>'
        f"{_e(finding['message'])}{_reading(finding)}{suppressed}</span>{redline}</li>"
    )


def _reading(finding: dict[str, Any]) -> str:
    """Badges for evidence read with OCR: its confidence, and whether it is to be
    checked against the scan."""
    if "ocr_confidence" not in finding:
        return ""
    badges = f' <span class="badge ocr">OCR {finding["ocr_confidence"]:.0f}%</span>'
    if finding["review"]:
        badges += ' <span class="badge review">review</span>'
    return badges


def _redline(diff: list[dict[str, Any]]) -> str:
    tags = {"delete": "del", "insert": "ins"}
    return " ".join(
        f"<{tags[d['op']]}>{_e(d['text'])}</{tags[d['op']]}>" if d["op"] in tags else _e(d["text"])
        for d in diff
    )
