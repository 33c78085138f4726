"""Make synthetic but realistic minutes/letter pairs for the benchmarks.

    python benchmarks/make_pairs.py [--sizes 15 150 1500] [--mix chromium|reportlab] [--seed 7]
                                    [--out benchmarks/data] [--force]

For each size N, ``OUT/nN/`` (``OUT/reportlab/nN/`` for ``--mix reportlab``) gets:

- ``minutes.html`` and ``minutes.pdf``: minutes of a board meeting with N numbered actions
  in the prose ("Action 7: MPS to provide ... For discussion at the ... meeting in
  autumn."), between discussion paragraphs and numbered section headings, printed to
  PDF (A4) by headless Chromium, as the seed minutes are;
- ``letter.pdf``: the follow-up letter, made by reportlab platypus as the seed letter is:
  a letterhead, a few paragraphs, and Annex A, a ruled table No. | Action | Timing |
  Lead of N rows across pages, its header row repeated on each page (repeatRows=1);
  or, with ``--mix reportlab``, the same minutes set by reportlab platypus (headings in
  Helvetica-Bold, body in Times-Roman, each action's label in bold), a second producer
  mix that writes a text object a line where Chromium writes one a glyph;
- ``minutes.txt`` and ``letter.txt``: the same texts (the annex tab-separated, as in
  the seeds' .txt forms);
- ``truth.json``: the drift put into each action, for checking what the tool reports.

The letter restates each action with the kinds of drift the seeds have, at rates like
theirs: a season narrowed to a month, a meeting slipped by a month or two, the
"For discussion ..." clause dropped, a participant added, a preposition changed, a
Lead column naming someone other than the action's actor, and Completed as status.
Everything is deterministic from ``--seed`` (Chromium stamps its own creation date).
The output is benchmark data, never committed (``benchmarks/data/`` belongs in
.gitignore). Needs ``chromium`` and reportlab.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_OUT = Path(__file__).resolve().parent / "data"
SIZES = (15, 150, 1500)

MEETING_DATE = "24 June 2022"
LETTER_DATE = "20 July 2022"
BOARD = "Performance and Risk Oversight Board"

# Months after the meeting, with the year the letter's readers infer for them.
MONTHS = (
    ("July", 2022),
    ("August", 2022),
    ("September", 2022),
    ("October", 2022),
    ("November", 2022),
    ("December", 2022),
    ("January", 2023),
    ("February", 2023),
    ("March", 2023),
)
# A season as written in minutes, and the months a letter narrows it to (UK seasons).
SEASONS = {
    "autumn": ("September", "October", "November"),
    "winter": ("December", "January", "February"),
}

ACTORS = (
    ("MPS", "MPS"),
    ("MPS", "MPS"),
    ("MPS", "MPS"),
    ("MOPAC", "MOPAC"),
    ("DMPC", "DMPC"),
    ("MPS and MOPAC", "MPS and MOPAC"),
)
VERBS = (
    "provide a briefing note on",
    "provide a paper on",
    "review",
    "share with MOPAC the data on",
    "set out the plan for",
    "report on progress with",
    "complete an evaluation of",
    "provide an assessment of",
)
TOPICS = (
    "the recruitment of PCSOs",
    "the work of Safer Schools Officers",
    "the use of stop and search",
    "the abstraction of Dedicated Ward Officers",
    "victim satisfaction",
    "custody healthcare",
    "the Violence Reduction Unit referrals",
    "the sanction detection rates for burglary",
    "the roll-out of body worn video",
    "the handling of domestic abuse calls",
    "the trust and confidence survey results",
    "the response times to emergency calls",
    "the training of officers on the PNC app",
    "the vetting backlog",
    "the misconduct process",
    "the community engagement handbook",
)
PLACES = (
    "Croydon",
    "Lambeth",
    "Southwark",
    "Hackney",
    "Newham",
    "Barnet",
    "Ealing",
    "Haringey",
    "Brent",
    "Tower Hamlets",
    "across London",
    "in each BCU",
)
FORUMS = (
    "DMPC-AC Professionalism",
    "DMPC-AC Frontline Policing",
    "DMPC-Chief of Corporate Services",
    "DMPC-AC Met Operations",
    "Oversight Board",
)
DISCUSSION = (
    "The DMPC noted the continued decline in {topic} and asked how the MPS assured itself of progress.",
    "There was a discussion of {topic} and the challenges the MPS faced {place}.",
    "The MPS advised that work on {topic} was under way and that a fuller picture would follow.",
    "It was noted that {topic} was not at the level expected, and that this had operational consequences.",
    "MOPAC noted that a better understanding of {topic} would allow for better resourcing decisions.",
    "The Board discussed how good practice {place} could be shared across the MPS.",
)
FOLLOW_UPS = (
    "The paper to also set out {topic} and the actions being taken to address the issues raised.",
    "This to include how the MPS assures itself of the impact of {topic} on the target communities.",
    "The note to cover the barriers to improvement and the training provided to support officers.",
    "The update to also explain how {topic} will be monitored and reported to the Board.",
)
SECTIONS = (
    "MPS Performance Oversight",
    "MPS engagement update",
    "Mayor's Action Plan update",
    "MPS Corporate Risk Register refresh",
    "Workforce and recruitment",
    "Victims and witnesses",
)

# Drift kinds and their rates per action (the rest restate the action as it is).
DRIFT_RATES = (
    ("narrowed", 0.10),
    ("slipped", 0.10),
    ("dropped_clause", 0.06),
    ("added_participant", 0.05),
    ("preposition", 0.06),
    ("lead_mismatch", 0.05),
    ("completed", 0.06),
)


@dataclass
class Pairing:
    number: int
    minutes_text: str
    letter_text: str
    timing: str  # the letter's Timing column
    lead: str  # the letter's Lead column
    drift: str  # "none" or one of DRIFT_RATES


def make_actions(count: int, rng: random.Random) -> list[Pairing]:
    return [make_action(number, rng) for number in range(1, count + 1)]


def make_action(number: int, rng: random.Random) -> Pairing:
    actor, lead = rng.choice(ACTORS)
    verb = rng.choice(VERBS)
    topic = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    place_text = place if place.startswith(("across", "in ")) else f"in {place}"
    drift = pick_drift(rng)
    if drift == "preposition":
        verb = "advise the DMPC of"
    if drift == "lead_mismatch":
        actor, lead = "DMPC", "MPS"
        verb = "discuss with the MPS"
    body = f"{actor} to {verb} {topic} {place_text}."
    if rng.random() < 0.6:
        body += " " + rng.choice(FOLLOW_UPS).format(topic=rng.choice(TOPICS))
    kind = rng.choice(("month", "season", "next", "with"))
    if drift in ("narrowed",):
        kind = "season"
    if drift in ("slipped", "dropped_clause"):
        kind = "month"
    if drift == "added_participant":
        kind = "with"
    forum = rng.choice(FORUMS)
    month_index = rng.randrange(1, len(MONTHS) - 2)
    month, year = MONTHS[month_index]
    minutes_clause, letter_clause, timing = clauses(kind, forum, month, year, drift, month_index, rng)
    letter_body = body.replace("advise the DMPC of", "advise the DMPC on")
    minutes_text = f"{body} {minutes_clause}".strip()
    letter_text = f"{letter_body} {letter_clause}".strip()
    if drift == "completed":
        timing = "Completed"
    return Pairing(number, minutes_text, letter_text, timing, lead, drift)


def pick_drift(rng: random.Random) -> str:
    roll = rng.random()
    for name, rate in DRIFT_RATES:
        if roll < rate:
            return name
        roll -= rate
    return "none"


def clauses(
    kind: str, forum: str, month: str, year: int, drift: str, month_index: int, rng: random.Random
) -> tuple[str, str, str]:
    """(the minutes' clause, the letter's clause, the letter's Timing column)."""
    if kind == "season":
        season = "autumn" if month_index < 5 else "winter"
        narrowed = rng.choice(SEASONS[season])
        minutes = f"For discussion at the {forum} meeting in {season}."
        if drift == "narrowed":
            letter_year = year if narrowed not in ("January", "February") else year + 1
            return (
                minutes,
                f"For discussion at the {forum} meeting in {narrowed}.",
                f"{narrowed} {letter_year}",
            )
        return minutes, minutes, f"{season.capitalize()} {year}"
    if kind == "month":
        minutes = f"For discussion at the {forum} meeting in {month} {year}."
        if drift == "slipped":
            later, later_year = MONTHS[month_index + rng.choice((1, 2))]
            return (
                minutes,
                f"For discussion at the {forum} meeting in {later} {later_year}.",
                f"{later} {later_year}",
            )
        if drift == "dropped_clause":
            return minutes, "", f"{month} {year}"
        return minutes, minutes, f"{month} {year}"
    if kind == "with":
        minutes = "For discussion with the Acting Commissioner prior to the new Commissioner taking up post."
        if drift == "added_participant":
            letter = minutes.replace("Acting Commissioner", "Acting Commissioner and Deputy")
            return minutes, letter, f"{month} {year}"
        return minutes, minutes, f"{month} {year}"
    minutes = f"For discussion at the next {forum} meeting."
    return minutes, minutes, f"{month} {year}" if rng.random() < 0.7 else ""


# --- minutes: HTML printed by Chromium ---------------------------------------------------------

CSS = """
@page { size: A4; margin: 14mm 15mm 16mm 15mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #1f1f1f; background: #fff;
  font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.45;
  font-variant-ligatures: none; font-feature-settings: "liga" 0, "clig" 0, "dlig" 0; }
.site-header { background: #1d1d1b; color: #fff; padding: 10px 18px; }
.site-header span { font-weight: bold; letter-spacing: 0.05em; margin-right: 16px; }
main { padding: 0 2px; }
h1 { font-size: 20pt; line-height: 1.2; margin: 14px 0 14px; max-width: 88%; }
h2 { font-size: 14pt; line-height: 1.25; margin: 20px 0 10px; break-after: avoid; }
p { margin: 0 0 14px; }
.key-info { background: #f1f1f0; border-left: 4px solid #9e0059; padding: 8px 14px 2px; margin: 0 0 16px; }
.key-info p { margin: 0 0 6px; }
.site-footer { margin-top: 26px; border-top: 3px solid #9e0059; background: #f1f1f0;
  padding: 12px 18px; font-size: 8.5pt; }
"""


def minutes_blocks(actions: list[Pairing], rng: random.Random) -> list[tuple[str, str]]:
    """The minutes as (kind, text) blocks: h1, key, h2, p, action."""
    title = f"{BOARD} meeting minutes - {MEETING_DATE}"
    blocks = [("h1", title), ("key", "Publication type: General"), ("key", f"Meeting date: {MEETING_DATE}")]
    blocks += [("h2", "1. Minutes"), ("p", "The minutes of the previous meeting were agreed.")]
    section = 1
    for action in actions:
        if (action.number - 1) % 12 == 0:
            section += 1
            blocks.append(("h2", f"{section}. {SECTIONS[(section - 2) % len(SECTIONS)]}"))
        for _ in range(rng.choice((0, 1, 1, 2))):
            sentences = rng.sample(DISCUSSION, rng.choice((1, 2, 3)))
            text = " ".join(s.format(topic=rng.choice(TOPICS), place=rng.choice(PLACES)) for s in sentences)
            blocks.append(("p", text))
        blocks.append(("action", f"Action {action.number}: {action.minutes_text}"))
    return blocks


def minutes_html(blocks: list[tuple[str, str]]) -> str:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        f"<title>{e(blocks[0][1])}</title><style>{CSS}</style></head><body>",
        '<header class="site-header"><span>MAYOR OF LONDON</span><span>LONDON ASSEMBLY</span></header>',
        "<main>",
    ]
    keys = [text for kind, text in blocks if kind == "key"]
    for kind, text in blocks:
        if kind == "h1":
            out.append(f"<h1>{e(text)}</h1>")
            out.append('<section class="key-info">' + "".join(f"<p>{e(k)}</p>" for k in keys) + "</section>")
        elif kind == "h2":
            out.append(f"<h2>{e(text)}</h2>")
        elif kind == "p":
            out.append(f"<p>{e(text)}</p>")
        elif kind == "action":
            label, rest = text.split(":", 1)
            out.append(f"<p><strong>{e(label)}:</strong>{e(rest)}</p>")
    out += [
        "</main>",
        '<footer class="site-footer"><p>Greater London Authority, City Hall, London E16 1ZE</p></footer>',
        "</body></html>",
        "",
    ]
    return "\n".join(out)


def minutes_text(blocks: list[tuple[str, str]]) -> str:
    lines = ["MAYOR OF LONDON", ""]
    for kind, text in blocks:
        lines += [text, ""]
        if kind == "h1":
            lines += ["Key information", ""]
    return "\n".join(lines)


def print_to_pdf(source: Path, target: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("chromium not found")
    with tempfile.TemporaryDirectory(prefix="pairs-chromium-") as profile:
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={target}",
            source.resolve().as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=900)
    if not target.exists() or target.stat().st_size == 0:
        sys.exit(f"chromium did not write {target}")


def a4_document(target: Path, title: str, margins: tuple[float, float, float, float]) -> Any:
    """A reportlab A4 document, margins (left, right, top, bottom) in mm, with no
    timestamp or ID of its own (invariant)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    left, right, top, bottom = (m * mm for m in margins)
    return SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        creator="reconcile benchmarks",
        invariant=1,
    )


def make_minutes_pdf(blocks: list[tuple[str, str]], target: Path) -> None:
    """The minutes as reportlab sets them (the second producer mix)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    e = html.escape
    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=11, leading=14, spaceAfter=8)
    styles = {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=20, leading=24, spaceAfter=12),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=14, leading=18, spaceBefore=10),
        "key": body,
        "p": body,
    }
    doc = a4_document(target, blocks[0][1], margins=(22, 22, 20, 20))
    story = [Paragraph("MAYOR OF LONDON", styles["h2"])]
    for kind, text in blocks:
        if kind == "action":
            label, rest = text.split(":", 1)
            story.append(Paragraph(f"<b>{e(label)}:</b>{e(rest)}", body))
        else:
            story.append(Paragraph(e(text), styles[kind]))
    doc.build(story)


# --- letter: reportlab with a ruled annex table ------------------------------------------------

LETTER_BODY = (
    "This letter follows up on the quarterly {board} meeting we held on {meeting}.",
    "A number of actions were agreed at the meeting, and these are set out in Annex A.",
    "I am grateful to you for the papers presented and look forward to discussing progress "
    "on these actions at our next meeting.",
)


def make_letter_pdf(actions: list[Pairing], target: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

    e = html.escape
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=14.5, spaceAfter=11)
    heading = ParagraphStyle("annex", parent=body, fontName="Helvetica-Bold", fontSize=13, leading=16)
    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9.5, leading=12)
    head_cell = ParagraphStyle("headcell", parent=cell, fontName="Helvetica-Bold")
    doc = a4_document(target, f"{BOARD} follow-up letter, {LETTER_DATE}", margins=(25, 25, 25, 22))
    story = [
        Paragraph("MAYOR OF LONDON", ParagraphStyle("head", parent=heading, fontSize=17, leading=20)),
        Paragraph("OFFICE FOR POLICING AND CRIME", body),
        Spacer(0, 12),
        Paragraph("Our ref: MOPAC-BENCH-0001", body),
        Paragraph(LETTER_DATE, body),
        Paragraph("Dear Commissioner", body),
    ]
    story += [Paragraph(e(p.format(board=BOARD, meeting=MEETING_DATE)), body) for p in LETTER_BODY]
    story += [Paragraph("Yours sincerely,", body), Paragraph("Deputy Mayor for Policing and Crime", body)]
    story += [PageBreak(), Paragraph("Annex A", heading), Spacer(0, 6)]
    width = A4[0] - 50 * mm
    header = [Paragraph(x, head_cell) for x in ("No.", "Action", "Timing", "Lead")]
    rows = [
        [
            Paragraph(str(a.number), cell),
            Paragraph(e(a.letter_text), cell),
            Paragraph(e(a.timing), cell),
            Paragraph(e(a.lead), cell),
        ]
        for a in actions
    ]
    table = Table(
        [header, *rows], colWidths=[0.07 * width, 0.56 * width, 0.175 * width, 0.195 * width], repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.86, 0.86, 0.86)),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    story.append(table)
    doc.build(story)


def letter_text(actions: list[Pairing]) -> str:
    lines = ["MAYOR OF LONDON", "OFFICE FOR POLICING AND CRIME", "", "Our ref: MOPAC-BENCH-0001", ""]
    lines += [LETTER_DATE, "", "Dear Commissioner", ""]
    for paragraph in LETTER_BODY:
        lines += [paragraph.format(board=BOARD, meeting=MEETING_DATE), ""]
    lines += ["Yours sincerely,", "", "Deputy Mayor for Policing and Crime", "", "Annex A", ""]
    lines.append("No.\tAction\tTiming\tLead")
    lines += [f"{a.number}\t{a.letter_text}\t{a.timing}\t{a.lead}" for a in actions]
    return "\n".join(lines) + "\n"


# --- the pair ----------------------------------------------------------------------------------


def make_pair(count: int, seed: int, out: Path, mix: str = "chromium") -> Path:
    folder = pair_paths(count, out, mix)[0].parent
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}-{count}")
    actions = make_actions(count, rng)
    blocks = minutes_blocks(actions, rng)
    (folder / "minutes.html").write_text(minutes_html(blocks), encoding="utf-8")
    (folder / "minutes.txt").write_text(minutes_text(blocks), encoding="utf-8")
    (folder / "letter.txt").write_text(letter_text(actions), encoding="utf-8")
    truth = [{"number": a.number, "drift": a.drift} for a in actions]
    (folder / "truth.json").write_text(json.dumps(truth, indent=0), encoding="utf-8")
    if mix == "reportlab":
        make_minutes_pdf(blocks, folder / "minutes.pdf")
    else:
        print_to_pdf(folder / "minutes.html", folder / "minutes.pdf")
    make_letter_pdf(actions, folder / "letter.pdf")
    return folder


MIXES = ("chromium", "reportlab")


def pair_paths(count: int, out: Path = DEFAULT_OUT, mix: str = "chromium") -> tuple[Path, Path]:
    folder = (out if mix == "chromium" else out / mix) / f"n{count}"
    return folder / "minutes.pdf", folder / "letter.pdf"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--mix", choices=MIXES, default="chromium", help="who prints the minutes")
    parser.add_argument("--force", action="store_true", help="remake pairs that exist")
    args = parser.parse_args(argv)
    for count in args.sizes:
        minutes, letter = pair_paths(count, args.out, args.mix)
        if minutes.exists() and letter.exists() and not args.force:
            print(f"{minutes.parent}: exists")
            continue
        folder = make_pair(count, args.seed, args.out, args.mix)
        print(f"{folder}: {count} actions")


if __name__ == "__main__":
    main()
