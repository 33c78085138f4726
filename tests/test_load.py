"""Loading DOCX and HTML, and telling kinds apart: the seed documents, Word's list
numbering, HTML's lists, tables and skipped furniture, and hostile inputs (zip
bombs, external entities, deep nesting, arbitrary bytes)."""

from __future__ import annotations

import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from reconcile.errors import InputError, ReconcileError
from reconcile.load import load_document
from reconcile.load.docx import load_docx
from reconcile.load.html import load_html
from reconcile.load.sniff import sniff_kind
from reconcile.model import Document

SEEDS = FIXTURES / "seeds"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def texts(document: Document) -> list[str]:
    return [line.text for line in document.lines]


def prose(document: Document) -> list[str]:
    return [line.text for line in document.lines if not line.in_table]


def assert_consistent(document: Document) -> None:
    """Line numbers count the emitted lines; every table row points at its own line."""
    assert [line.number for line in document.lines] == list(range(1, len(document.lines) + 1))
    assert all(line.page is None and line.text == line.text.strip() and line.text for line in document.lines)
    by_number = {line.number: line for line in document.lines}
    for table in document.tables:
        for row in table.rows:
            assert row.line is not None and row.page is None
            line = by_number[row.line]
            assert line.in_table
            assert line.text == " | ".join(cell for cell in row.cells if cell)


# --- the seed documents ------------------------------------------------------------------------


def test_seed_minutes_docx_reads_every_paragraph_in_order() -> None:
    document = load_document(SEEDS / "minutes.docx")
    assert document.kind == "docx" and document.pages is None
    assert document.date == date(2022, 6, 24)
    assert document.tables == ()
    assert_consistent(document)
    lines = texts(document)
    assert lines[0] == "Performance and Risk Oversight Board meeting minutes - 24 June 2022"
    assert "- Board and advisors" in lines  # a "List Bullet" paragraph
    actions = [line for line in document.lines if line.text.startswith("Action ")]
    assert [a.text.split(":")[0] for a in actions] == [f"Action {n}" for n in range(1, 16)]
    assert all(a.starts_paragraph for a in actions)
    # a paragraph with a manual line break gives two lines of one paragraph
    first = lines.index(
        "MPS's work to reduce disproportionality in the grievance and misconduct processes was raised."
    )
    assert document.lines[first + 1].text.startswith("Disproportionality in outcomes had reduced")
    assert not document.lines[first + 1].starts_paragraph


def test_seed_letter_docx_reads_the_annex_as_a_table_and_as_lines() -> None:
    document = load_document(SEEDS / "letter.docx")
    assert document.date == date(2022, 7, 20)
    assert_consistent(document)
    (table,) = document.tables
    assert len(table.rows) == 16
    assert table.rows[0].cells == ("No.", "Action", "Timing", "Lead")
    assert table.rows[14].cells == (
        "14",
        "MPS undertook to provide MOPAC with their SSO report by 27 June.",
        "Completed",
        "MPS",
    )
    assert table.rows[5].cells[2] == ""  # action 5 has no timing
    assert prose(document)[-1] == "Annex A"
    assert "20 July 2022" in texts(document)


def test_seed_minutes_html_reads_blocks_and_skips_navigation() -> None:
    document = load_document(SEEDS / "minutes.html")
    assert document.kind == "html" and document.date == date(2022, 6, 24)
    assert_consistent(document)
    lines = texts(document)
    assert lines[0].startswith("Performance and Risk Oversight Board meeting minutes - 24 June 2022")
    assert "Search" not in lines and "Contents" not in lines  # <nav> furniture
    assert not any("@page" in line or "font-family" in line for line in lines)  # <style>
    assert "Action 7: MPS to provide their assessment of when and how the increased number" in " ".join(lines)
    assert any(line.startswith("Greater London Authority, City Hall") for line in lines)  # footer kept
    assert "- The MPS connecting the use of handcuffing data with stop and search data." in lines


def test_seed_letter_html_matches_the_text_form() -> None:
    document = load_document(SEEDS / "letter.html")
    assert document.date == date(2022, 7, 20)
    assert_consistent(document)
    (table,) = document.tables
    expected_rows = [
        tuple(line.split("\t"))
        for line in (SEEDS / "letter.txt").read_text(encoding="utf-8").split("Annex A\n", 1)[1].splitlines()
        if line.strip()
    ]
    assert [row.cells for row in table.rows] == expected_rows
    letter_lines = {line.strip() for line in (SEEDS / "letter.txt").read_text(encoding="utf-8").splitlines()}
    body = [line for line in prose(document) if line in letter_lines]
    assert body[0] == "Sir Stephen House QPM" and body[-1] == "Annex A"


# --- DOCX: Word's numbering, tables, dates -------------------------------------------------------


def _word() -> Any:
    import docx

    return docx.Document()


def _save(document: Any, path: Path) -> Path:
    document.save(str(path))
    return path


def _xml(text: str) -> Any:
    from docx.oxml import parse_xml

    return parse_xml(text)


def _add_list_definitions(document: Any) -> None:
    """A three-level list ("1.", "1.1", "(a)") with two instances: 90 and 91, the
    second restarting level one at 1, as Word writes "Restart at 1"."""
    numbering = document.part.numbering_part.element
    abstract = _xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="(%3)"/></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(f"{{{W_NS}}}num")
    first_num.addprevious(abstract)
    numbering.append(_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(
        _xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )


def _numbered(document: Any, text: str, num_id: int, level: int = 0) -> None:
    paragraph = document.add_paragraph(text)
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = level
    numbering.get_or_add_numId().val = num_id


def test_docx_list_number_style_paragraphs_get_their_numbers(tmp_path: Path) -> None:
    document = _word()
    document.add_paragraph("Actions agreed")
    document.add_paragraph("MPS to provide a note.", style="List Number")
    document.add_paragraph("")  # empty paragraphs are left out
    document.add_paragraph("MOPAC to publish it.", style="List Number")
    document.add_paragraph("A point.", style="List Bullet")
    loaded = load_document(_save(document, tmp_path / "list.docx"))
    assert texts(loaded) == [
        "Actions agreed",
        "1. MPS to provide a note.",
        "2. MOPAC to publish it.",
        "- A point.",
    ]
    assert_consistent(loaded)


def test_docx_multilevel_numbering_restarts_lower_levels_and_honours_start_overrides(tmp_path: Path) -> None:
    document = _word()
    _add_list_definitions(document)
    for text, num_id, level in [
        ("Finance", 90, 0),
        ("Budget", 90, 1),
        ("Capital", 90, 1),
        ("Detail", 90, 2),
        ("People", 90, 0),
        ("Recruitment", 90, 1),
        ("Other", 90, 2),
        ("Risk", 90, 0),
        ("Again from one", 91, 0),
        ("Continues", 90, 0),
    ]:
        _numbered(document, text, num_id, level)
    loaded = load_document(_save(document, tmp_path / "levels.docx"))
    assert texts(loaded) == [
        "1. Finance",
        "1.1 Budget",
        "1.2 Capital",
        "(a) Detail",
        "2. People",
        "2.1 Recruitment",
        "(a) Other",
        "3. Risk",
        "1. Again from one",
        "2. Continues",  # instances of one list definition share its counters, as in Word
    ]


def test_docx_numbered_action_column_in_a_table(tmp_path: Path) -> None:
    document = _word()
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ("No.", "Action", "Lead"), strict=True):
        cell.text = text
    for row, (action, lead) in zip(
        table.rows[1:], [("MPS to report.", "MPS"), ("Publish.", "MOPAC")], strict=True
    ):
        row.cells[0].paragraphs[0].style = document.styles["List Number"]
        row.cells[1].text = action
        row.cells[2].text = lead
    loaded = load_document(_save(document, tmp_path / "table.docx"))
    (read,) = loaded.tables
    assert [row.cells for row in read.rows] == [
        ("No.", "Action", "Lead"),
        ("1.", "MPS to report.", "MPS"),
        ("2.", "Publish.", "MOPAC"),
    ]
    assert_consistent(loaded)


def test_docx_merged_cells_nested_tables_and_body_order(tmp_path: Path) -> None:
    document = _word()
    document.add_paragraph("Before the table")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Across two columns"
    table.cell(0, 2).text = "Lead"
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "First line"
    table.cell(1, 1).add_paragraph("second paragraph")
    table.cell(1, 2).merge(table.cell(2, 2)).text = "MPS"
    table.cell(2, 0).text = "2"
    inner = table.cell(2, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "inner a"
    inner.cell(0, 1).text = "inner b"
    document.add_paragraph("After the table")
    loaded = load_document(_save(document, tmp_path / "merged.docx"))
    (read,) = loaded.tables
    assert [row.cells for row in read.rows] == [
        ("Across two columns", "Lead"),  # a cell across columns comes once
        ("1", "First line second paragraph", "MPS"),
        ("2", "inner a inner b", "MPS"),  # a cell merged down repeats, as Word shows it
    ]
    assert prose(loaded) == ["Before the table", "After the table"]
    assert [line.in_table for line in loaded.lines] == [False, True, True, True, False]
    assert_consistent(loaded)


def test_docx_date_in_a_letterhead_table_is_found(tmp_path: Path) -> None:
    document = _word()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "Office for Policing and Crime"
    header.cell(0, 1).text = "20 July 2022"
    document.add_paragraph("Dear Steve")
    loaded = load_document(_save(document, tmp_path / "letterhead.docx"))
    assert loaded.date == date(2022, 7, 20)


def test_docx_one_column_box_is_read_as_prose(tmp_path: Path) -> None:
    document = _word()
    box = document.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "Minutes"
    box.cell(0, 0).add_paragraph("Action 1: MPS to report.")
    loaded = load_document(_save(document, tmp_path / "box.docx"))
    assert loaded.tables == ()
    assert prose(loaded) == ["Minutes", "Action 1: MPS to report."]
    assert all(line.starts_paragraph for line in loaded.lines)


# --- DOCX: hostile and damaged packages --------------------------------------------------------


def _rewrite_part(source: Path, target: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            content = old.read(info.filename)
            new.writestr(info.filename, change(content) if info.filename == part else content)
    return target


def _simple_docx(tmp_path: Path, text: str = "before MARKER after") -> Path:
    document = _word()
    document.add_paragraph(text)
    return _save(document, tmp_path / "simple.docx")


def test_docx_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")

    def add_entity(xml: bytes) -> bytes:
        declaration, rest = xml.split(b"?>", 1)
        doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'.encode()
        return declaration + b"?>" + doctype + rest.replace(b"MARKER", b"&xxe;")

    hostile = _rewrite_part(_simple_docx(tmp_path), tmp_path / "xxe.docx", "word/document.xml", add_entity)
    assert b"&xxe;" in zipfile.ZipFile(hostile).read("word/document.xml")
    loaded = load_document(hostile)
    assert "TOP-SECRET-CONTENT" not in " ".join(texts(loaded))
    assert texts(loaded) == ["before after"]


def _with_doctype(entities: str) -> Callable[[bytes], bytes]:
    def change(xml: bytes) -> bytes:
        declaration, rest = xml.split(b"?>", 1)
        doctype = f"<!DOCTYPE w:document [{entities}]>".encode()
        return declaration + b"?>" + doctype + rest.replace(b"MARKER", b"&last;")

    return change


def test_docx_internal_entities_are_not_expanded(tmp_path: Path) -> None:
    change = _with_doctype('<!ENTITY last "lol">')
    hostile = _rewrite_part(_simple_docx(tmp_path), tmp_path / "entity.docx", "word/document.xml", change)
    assert texts(load_document(hostile)) == ["before after"]


def test_docx_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    levels = [f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)]
    change = _with_doctype('<!ENTITY e0 "lol">' + "".join(levels) + '<!ENTITY last "&e9;">')
    hostile = _rewrite_part(_simple_docx(tmp_path), tmp_path / "laughs.docx", "word/document.xml", change)
    started = time.perf_counter()
    with pytest.raises(InputError, match="damaged"):
        load_document(hostile)
    assert time.perf_counter() - started < 5


def _zip_with_zeros(path: Path, megabytes: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/image1.bin", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(megabytes):
                member.write(chunk)
    return path


def test_docx_zip_bomb_is_refused_by_its_total_size(tmp_path: Path) -> None:
    bomb = _zip_with_zeros(tmp_path / "bomb.docx", 201)
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(InputError, match="expands to more than 200 MB; it may be a zip bomb"):
        load_document(bomb)


def test_docx_zip_bomb_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    bomb = _zip_with_zeros(tmp_path / "ratio.docx", 11)
    with pytest.raises(InputError, match="expands more than 200 times; it may be a zip bomb"):
        load_document(bomb)


def test_damaged_docx_says_so(tmp_path: Path) -> None:
    data = _simple_docx(tmp_path).read_bytes()
    with pytest.raises(InputError, match="damaged zip archive"):
        load_document("cut.docx", data[: len(data) // 2])
    with pytest.raises(InputError, match=r"the DOCX is damaged \(not a valid zip archive\)"):
        load_docx(data[: len(data) // 2], "cut.docx")
    broken = _rewrite_part(
        _simple_docx(tmp_path), tmp_path / "broken.docx", "word/document.xml", lambda xml: xml[:-20]
    )
    with pytest.raises(InputError, match=r"the DOCX is damaged \(its XML is not well-formed\)") as caught:
        load_document(broken)
    assert "\n" not in str(caught.value)


def test_zip_without_a_word_document_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(InputError, match="this is a zip archive"):
        load_document(path)
    with pytest.raises(InputError, match="not a Word document"):
        load_docx(path.read_bytes(), str(path))


@pytest.fixture(scope="module")
def odt_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    work = tmp_path_factory.mktemp("odt")
    source = work / "letter.txt"
    source.write_text("20 July 2022\n\nAction 1: MPS to report.\n", encoding="utf-8")
    profile = (work / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            *("--convert-to", "odt", "--outdir", str(work), str(source)),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return work / "letter.odt"


def test_odt_is_refused_with_a_way_out(odt_file: Path) -> None:
    assert zipfile.ZipFile(odt_file).read("mimetype") == b"application/vnd.oasis.opendocument.text"
    with pytest.raises(InputError, match=r"OpenDocument text \(\.odt\).*save it as DOCX or PDF"):
        load_document(odt_file)


# --- HTML --------------------------------------------------------------------------------------


def html(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def test_html_ordered_lists_honour_start_value_type_and_reversed() -> None:
    page = html(
        '<ol start="3"><li>three</li><li>four</li><li value="10">ten</li><li>eleven</li></ol>'
        "<ul><li>bullet</li></ul>"
        '<ol type="a"><li>first</li><li>second</li></ol>'
        "<ol reversed><li>c</li><li>b</li><li>a</li></ol>"
        "<ol><li><p>a paragraph in an item</p></li><li>"
        "outer<ol><li>inner</li></ol></li></ol>"
    )
    assert texts(load_html(page, "lists.html")) == [
        "3. three",
        "4. four",
        "10. ten",
        "11. eleven",
        "- bullet",
        "a. first",
        "b. second",
        "3. c",
        "2. b",
        "1. a",
        "1. a paragraph in an item",
        "2. outer",
        "1. inner",
    ]


def test_html_unclosed_items_and_paragraphs_close_as_browsers_close_them() -> None:
    page = html("<p>one<p>two<ul><li>a<li>b</ul><dl><dt>term<dd>definition</dl>")
    assert texts(load_html(page, "sloppy.html")) == ["one", "two", "- a", "- b", "term", "definition"]


def test_html_skips_code_navigation_and_hidden_text() -> None:
    page = html(
        "<nav><a href='/'>Home</a> <a>Search</a></nav>"
        "<script>var secret = 'x < y';</script><noscript>Enable JavaScript</noscript>"
        "<template><p>template text</p></template>"
        "<p hidden>hidden paragraph</p><div aria-hidden='true'>aria hidden</div>"
        "<div style='display: none'>not displayed</div>"
        "<header><h1>Board minutes - 24 June 2022</h1></header>"
        "<main><p>Action 1: MPS to report.</p></main><footer>Site footer</footer>",
        head="<title>Minutes</title><style>p { color: red }</style><script>alert(1)</script>",
    )
    document = load_html(page, "skip.html")
    assert texts(document) == [
        "Minutes",
        "Board minutes - 24 June 2022",
        "Action 1: MPS to report.",
        "Site footer",
    ]
    assert document.date == date(2022, 6, 24)


def test_html_entities_whitespace_and_line_breaks() -> None:
    page = html(
        "<p>MPS &amp; MOPAC&nbsp;to   report&#8217;s\n  outcome &eacute;t&eacute; &#x2014; soon</p>"
        "<p>Our ref: X<br>20 July 2022<br/>Dear Steve</p><pre>line one\n  line two</pre>"
    )
    document = load_html(page, "entities.html")
    assert texts(document) == [
        "MPS & MOPAC to report’s outcome été — soon",
        "Our ref: X",
        "20 July 2022",
        "Dear Steve",
        "line one",
        "line two",
    ]
    assert [line.starts_paragraph for line in document.lines] == [True, True, False, False, True, False]
    assert document.date == date(2022, 7, 20)


def test_html_tables_with_spans_nesting_and_captions() -> None:
    page = html(
        "<p>Annex A</p>"
        "<table><caption>Actions agreed</caption>"
        "<thead><tr><th>No.</th><th>Action</th><th>Timing</th><th>Lead</th></tr></thead>"
        "<tbody><tr><td>1</td><td>MPS to <b>report</b>.</td>"
        "<td rowspan='2'>October 2022</td><td>MPS</td></tr>"
        "<tr><td>2</td><td>MPS to review<table><tr><td>part a</td><td>part b</td></tr></table></td>"
        "<td>MPS</td></tr>"
        "<tr><td colspan='4'>Completed actions</td></tr>"
        "<tr><td>3<td>Unclosed cells<td>Completed<td>MOPAC</tbody></table>"
        "<p>After</p>"
    )
    document = load_html(page, "table.html")
    (table,) = document.tables
    assert [row.cells for row in table.rows] == [
        ("No.", "Action", "Timing", "Lead"),
        ("1", "MPS to report.", "October 2022", "MPS"),
        ("2", "MPS to review part a part b", "October 2022", "MPS"),
        ("Completed actions",),
        ("3", "Unclosed cells", "Completed", "MOPAC"),
    ]
    assert prose(document) == ["Annex A", "Actions agreed", "After"]
    assert_consistent(document)


def test_html_layout_tables_are_read_as_blocks() -> None:
    page = html(
        "<table role='presentation'><tr><td><p>Action 1: MPS to report.</p></td><td>side</td></tr></table>"
        "<table><tr><td>Action 2: single column box.</td></tr></table>"
        "<table><tr><td><h1>Minutes</h1><p>Action 3: MPS to act.</p></td><td>menu</td></tr></table>"
    )
    document = load_html(page, "layout.html")
    assert document.tables == ()
    assert texts(document) == [
        "Action 1: MPS to report.",
        "side",
        "Action 2: single column box.",
        "Minutes",
        "Action 3: MPS to act.",
        "menu",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<meta charset="windows-1252"><p>caf\xe9 \x93quoted\x94</p>', "café “quoted”"),
        ("<meta charset='koi8-r'><p>Протокол заседания</p>".encode("koi8_r"), "Протокол заседания"),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>it\x92s</p>',
            "it’s",  # browsers read a Latin-1 label as Windows-1252
        ),
        ('<meta charset="utf-8"><p>café</p>'.encode(), "café"),
        (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "café"),
        ("<p>café</p>".encode("utf-16"), "café"),
        ('<meta charset="no-such-charset"><p>café</p>'.encode(), "café"),
    ],
)
def test_html_charset_from_bom_or_meta(data: bytes, expected: str) -> None:
    assert texts(load_document("page.html", data))[-1] == expected


@pytest.mark.parametrize(
    "markup",
    [
        "<div>" * 100_000 + "deep text",
        "<table><tr><td>" * 30_000 + "deep text",
        "<ol><li>" * 50_000 + "deep text",
        "<span>" * 100_000 + "deep text" + "</span>" * 100_000 + "</div>" * 100_000,
        "<p>" + "<b><i>" * 50_000 + "deep text",
        "<nav>" * 100_000 + "hidden" + "</nav>" * 100_000 + "<p>deep text</p>",
    ],
    ids=["divs", "tables", "lists", "spans-closed", "inline", "skipped"],
)
def test_html_deep_nesting_finishes_quickly(markup: str) -> None:
    started = time.perf_counter()
    document = load_html(markup.encode(), "deep.html")
    assert time.perf_counter() - started < 10
    assert "deep text" in " ".join(texts(document))
    assert "hidden" not in " ".join(texts(document))


def test_html_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no text"):
        load_html(html("<script>only()</script>"), "empty.html")


# --- sniffing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("notes.txt", b"Action 1: if a < b then MPS to report.\n", "text"),
        ("notes.md", b"# Minutes\n\nUse <p> tags and <div> blocks: a < b.\n", "text"),
        ("love.txt", b"<3 to the board\n", "text"),
        ("note.txt", b"<b>Minutes</b> of the meeting\n", "text"),
        ("page.pdf", b"<!DOCTYPE html><title>x</title><p>Minutes</p>", "html"),
        ("page.txt", b"  \n<HTML><BODY>Minutes</BODY></HTML>", "html"),
        ("fragment", b"<p>Action 1: MPS to report.</p>", "html"),
        ("fragment", b"<!-- saved page -->\n<div class=x>Minutes</div>", "html"),
        ("bom.html", b"\xef\xbb\xbf<!doctype html><p>x</p>", "html"),
        ("utf16.html", "<html><p>x</p></html>".encode("utf-16"), "html"),
        ("doc.pdf", b"%PDF-1.7\n", "pdf"),
    ],
)
def test_sniffing_by_content(name: str, data: bytes, kind: str) -> None:
    assert sniff_kind(data, name) == kind


def test_sniffing_a_docx_by_content_whatever_its_name() -> None:
    data = (SEEDS / "letter.docx").read_bytes()
    assert sniff_kind(data, "letter.pdf") == "docx"
    assert load_document("letter.txt", data).kind == "docx"


def test_other_office_files_are_named(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match=r"Excel workbook"):
        load_document(path)


# --- properties --------------------------------------------------------------------------------

_PREFIXES = st.sampled_from(
    [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<!DOCTYPE html>", b"<p>", b"\xef\xbb\xbf", b"\xff\xfe", b"{\\rtf"]
)


@settings(max_examples=300, deadline=None)
@given(prefix=_PREFIXES, body=st.binary(max_size=2048))
def test_arbitrary_bytes_raise_only_reconcile_errors(prefix: bytes, body: bytes) -> None:
    try:
        document = load_document("input.bin", prefix + body)
    except ReconcileError as error:
        assert "\n" not in str(error)
    else:
        assert document.lines


_TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<br>",
        "<br/>",
        "</br>",
        "<ol start='x'>",
        "<ol reversed>",
        "<li value='-5'>",
        "</li>",
        "<ul>",
        "<table>",
        "<tr>",
        "<td colspan='999999'>",
        "<td rowspan='0'>",
        "<th>",
        "</table>",
        "<script>",
        "</script>",
        "<nav>",
        "</nav>",
        "<pre>",
        "</pre>",
        "<title>",
        "</title>",
        "<svg><title>",
        "<head>",
        "<body>",
        "<p hidden>",
        "<![CDATA[",
        "<!--",
        "-->",
        "<!",
        "<?xml?>",
        "&",
        "&#",
        "&#xffffffff;",
        "&#0;",
        "<",
    ]
)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(_TAGS, st.text(max_size=40)), max_size=40))
def test_arbitrary_tag_soup_raises_only_reconcile_errors(parts: list[str]) -> None:
    page = "<html><body><div>" + "".join(parts) + "</div></body></html>"
    try:
        document = load_html(page.encode(), "soup.html")
    except ReconcileError as error:
        assert "\n" not in str(error)
        return
    assert_consistent(document)
