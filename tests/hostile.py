"""Makers of hostile input files, for tests/test_hostile.py.

Each ``make_*`` function writes one file (or, for batch manifests, one folder)
into the folder it is given and returns its path. Nothing large is committed:
the files are made at test time, most in milliseconds. Valid PDFs come from a
real producer (reportlab); PDFs whose point is a broken structure are written
byte by byte (``_pdf``), with a correct cross-reference table unless the break
is in that table. Bombs are made without ever holding their expansion: a deflate
stream of one chunk, flushed with Z_FULL_FLUSH, repeats byte for byte, so the
stream of gigabytes is the same few bytes repeated.
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

# --- the documents' text ----------------------------------------------------------------------

# Annex A of the reportlab letter: (number, action, timing, lead).
LETTER_ACTIONS: tuple[tuple[str, str, str, str], ...] = tuple(
    (
        str(n),
        f"MPS to provide the DMPC with a note on topic {n} and share the outcome with MOPAC. "
        f"For discussion at the DMPC-AC Professionalism meeting in October 2022 (item {n}).",
        "October 2022",
        "MPS",
    )
    for n in range(1, 25)
)

ACTION_1 = "MPS to review the Safer Schools report and share the outcome with MOPAC"
ACTION_2 = "MOPAC to publish the survey results on its website"

# A small valid minutes and letter, in text: the other document of a pair.
SMALL_MINUTES = f"""Performance and Risk Oversight Board minutes - 24 June 2022

Action 1: {ACTION_1} by October 2022.

Action 2: {ACTION_2} in November 2022.
"""

SMALL_LETTER = f"""20 July 2022

Dear Steve

Annex A

No.\tAction\tTiming\tLead
1\t{ACTION_1}.\tOctober 2022\tMPS
2\t{ACTION_2}.\tNovember 2022\tMOPAC
"""

# Text with non-ASCII characters that each encoding must carry: smart quotes, a
# dash and an accented letter (all in Windows-1252).
ENCODED_MINUTES = (
    "Board minutes – 24 June 2022\r\n\r\n"
    "Action 1: MPS to review the “Safer Schools” report and share it with the café group "
    "by October 2022.\r\n\r\n"
    "Action 2: MOPAC to publish the survey’s results in November 2022.\r\n"
)

# What a reader of a hostile file must not show or obey.
SECRET = "XXE-SECRET-7f3a9c"
INJECTED = "[bold]the[/bold] [link=https://example.invalid]report[/link] \x1b[2J\x1b]0;pwned\x07"


def make_small_minutes(folder: Path) -> Path:
    return _write(folder / "small-minutes.txt", SMALL_MINUTES.encode())


def make_small_letter(folder: Path) -> Path:
    return _write(folder / "small-letter.txt", SMALL_LETTER.encode())


# --- valid PDFs from reportlab -----------------------------------------------------------------


def letter_pdf_bytes(encrypt: object = None) -> bytes:
    """A letter with a ruled Annex A of LETTER_ACTIONS over several pages (reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, encrypt=encrypt)
    story: list[object] = [
        Paragraph("20 July 2022", styles["Normal"]),
        Spacer(1, 12),
        Paragraph("Dear Steve", styles["Normal"]),
        Spacer(1, 12),
        Paragraph(
            "This letter follows up on the Oversight Board meeting we held on 24 June. "
            "A number of actions were agreed at the meeting, and these are set out in Annex A.",
            styles["Normal"],
        ),
        Spacer(1, 24),
        Paragraph("Annex A", styles["Heading2"]),
    ]
    rows: list[list[object]] = [["No.", "Action", "Timing", "Lead"]]
    rows += [[no, Paragraph(text, cell), timing, lead] for no, text, timing, lead in LETTER_ACTIONS]
    table = Table(rows, colWidths=[30, 300, 80, 50], repeatRows=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    story.append(table)
    document.build(story)
    return buffer.getvalue()


def make_letter_pdf(folder: Path) -> Path:
    return _write(folder / "letter.pdf", letter_pdf_bytes())


def _prose_pdf(lines: Iterable[str], encrypt: object = None) -> bytes:
    """One page of prose lines (reportlab canvas)."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, encrypt=encrypt)
    canvas.setFont("Helvetica", 11)
    y = 760.0
    for line in lines:
        canvas.drawString(72, y, line)
        y -= 28
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


_PROSE = ("Board minutes - 24 June 2022", f"Action 1: {ACTION_1} by October 2022.")


def make_encrypted_pdf(folder: Path) -> Path:
    """Encrypted with the user password 'secret' (and an owner password)."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    encryption = StandardEncryption("secret", ownerPassword="owner-only", strength=128)
    return _write(folder / "encrypted.pdf", _prose_pdf(_PROSE, encrypt=encryption))


def make_owner_password_pdf(folder: Path) -> Path:
    """Encrypted with an owner password only: anyone may open it (empty user password)."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    encryption = StandardEncryption("", ownerPassword="owner-only", canCopy=0, canModify=0, strength=128)
    return _write(folder / "owner-only.pdf", _prose_pdf(_PROSE, encrypt=encryption))


def make_no_text_pdf(folder: Path) -> Path:
    """A 'scan': drawn shapes and an image, no text objects."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for i in range(20):
        canvas.rect(72, 760 - 30 * i, 400 - 10 * i, 12, fill=1)
    canvas.drawImage(ImageReader(io.BytesIO(png_bytes(64, 64))), 300, 100, 128, 128)
    canvas.showPage()
    canvas.save()
    return _write(folder / "scan.pdf", buffer.getvalue())


def make_many_pages_pdf(folder: Path, pages: int = 2500) -> Path:
    """Thousands of tiny pages, the action on the first."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 40), invariant=1)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica", 3 if number == 1 else 8)
        canvas.drawString(4, 20, f"Action 1: {ACTION_1}." if number == 1 else f"Page {number}")
        canvas.showPage()
    canvas.save()
    return _write(folder / f"pages-{pages}.pdf", buffer.getvalue())


def make_dense_page_pdf(folder: Path, chars: int = 300_000) -> Path:
    """One big page holding ``chars`` characters of text, an action at the top."""
    from reportlab.pdfgen.canvas import Canvas

    per_line = 400
    line_count = chars // per_line
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(1400, 4 * line_count + 80), invariant=1)
    canvas.setFont("Helvetica", 3)
    top = 4 * line_count + 40
    canvas.drawString(10, top + 20, f"Action 1: {ACTION_1} by October 2022.")
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do "
    text = (words * (per_line // len(words) + 1))[:per_line]
    for i in range(line_count):
        canvas.drawString(10, top - 4 * i, text)
    canvas.showPage()
    canvas.save()
    return _write(folder / "dense-page.pdf", buffer.getvalue())


# --- broken PDFs, byte by byte -----------------------------------------------------------------


def _pdf(objects: dict[int, bytes], root: int = 1, size: int | None = None) -> bytes:
    """A PDF of numbered objects with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    start = len(out)
    count = size or max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % count
    for number in range(1, count):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, root, start)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


def _text_ops(lines: Iterable[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL 72 740 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(%s) Tj T* T*" % escaped.encode("latin-1"))
    ops.append(b"ET")
    return b"\n".join(ops)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
_PAGE_LINES = (
    "Board minutes - 24 June 2022",
    f"Action 1: {ACTION_1} by October 2022.",
    f"Action 2: {ACTION_2} in November 2022.",
)


def _one_page(
    page_extra: bytes = b"", pages: bytes = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
) -> dict[int, bytes]:
    """Objects of a one-page PDF with the two actions of _PAGE_LINES: 1 catalog,
    2 pages, 3 page, 4 content, 5 font. Callers change or add objects."""
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: pages,
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R %s>>" % page_extra,
        4: _stream(_text_ops(_PAGE_LINES)),
        5: _FONT,
    }


def make_byte_level_pdf(folder: Path) -> Path:
    """The valid baseline of the byte-level PDFs (to show the writer is sound)."""
    return _write(folder / "byte-level.pdf", _pdf(_one_page()))


def make_empty_pdf(folder: Path) -> Path:
    return _write(folder / "empty.pdf", b"")


def make_html_named_pdf(folder: Path) -> Path:
    page = (
        "<!DOCTYPE html><html><body><h1>Board minutes - 24 June 2022</h1>"
        f"<p>Action 1: {ACTION_1} by October 2022.</p></body></html>"
    )
    return _write(folder / "web-page.pdf", page.encode())


def make_png_named_pdf(folder: Path) -> Path:
    return _write(folder / "image.pdf", png_bytes(32, 32))


def png_bytes(width: int, height: int) -> bytes:
    """A grey-gradient PNG, written by hand (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes((x * 4 + y) % 256 for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def make_truncated_pdf(folder: Path, share: float) -> Path:
    """The reportlab letter cut after ``share`` of its bytes."""
    data = letter_pdf_bytes()
    return _write(folder / f"truncated-{round(share * 100)}.pdf", data[: int(len(data) * share)])


def make_bad_xref_pdf(folder: Path) -> Path:
    """The reportlab letter with every cross-reference offset replaced by garbage:
    offsets that land inside the file, at the wrong places."""
    data = bytearray(letter_pdf_bytes())
    start = data.rindex(b"\nxref\n") + 1
    end = data.index(b"trailer", start)
    table = bytes(data[start:end]).split(b"\n")
    garbled = table[:2]
    for index, entry in enumerate(table[2:]):
        if entry.rstrip().endswith(b" n"):
            entry = b"%010d" % ((int(entry[:10]) * 7 + 13 * index) % start) + entry[10:]
        garbled.append(entry)
    data[start:end] = b"\n".join(garbled)
    return _write(folder / "bad-xref.pdf", bytes(data))


def make_bad_a85_stream_pdf(folder: Path) -> Path:
    """The reportlab letter with garbage in the content stream of its last page
    (reportlab writes ASCII85 over Flate): the same length, so every offset stays right."""
    data = bytearray(letter_pdf_bytes())
    marker = data.rindex(b"/FlateDecode")
    begin = data.index(b"stream", marker) + len(b"stream\n")
    end = data.index(b"endstream", begin)
    middle = begin + 2
    data[middle : end - 1] = bytes((i * 151 + 89) % 256 for i in range(end - 1 - middle))
    return _write(folder / "bad-a85-stream.pdf", bytes(data))


def make_bad_flate_stream_pdf(folder: Path) -> Path:
    """Two pages, one action each; the second page's FlateDecode content is a zlib
    header followed by garbage."""
    first = zlib.compress(_text_ops(_PAGE_LINES[:2]))
    second = zlib.compress(_text_ops((f"Action 2: {ACTION_2} in November 2022.",)))
    broken = second[:2] + bytes((i * 151 + 89) % 256 for i in range(len(second) - 2))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        3: page + b"/Contents 4 0 R >>",
        4: _stream(first, b"/Filter /FlateDecode "),
        5: _FONT,
        6: page + b"/Contents 7 0 R >>",
        7: _stream(broken, b"/Filter /FlateDecode "),
    }
    return _write(folder / "bad-flate-stream.pdf", _pdf(objects))


def make_pages_loop_pdf(folder: Path) -> Path:
    """A /Pages node whose Kids list itself (and a second node pointing back up)."""
    objects = _one_page(pages=b"<< /Type /Pages /Kids [3 0 R 2 0 R 6 0 R] /Count 3 >>")
    objects[6] = b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 6 0 R] /Count 2 >>"
    return _write(folder / "pages-loop.pdf", _pdf(objects))


def make_self_reference_pdf(folder: Path) -> Path:
    """An indirect object whose value is a reference to itself, used as the page's
    /Resources and /Rotate."""
    objects = _one_page()
    objects[3] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Rotate 6 0 R "
        b"/Resources 7 0 R /Contents 4 0 R >>"
    )
    objects[6] = b"6 0 R"
    objects[7] = b"7 0 R"
    return _write(folder / "self-reference.pdf", _pdf(objects))


def make_duplicate_page_pdf(folder: Path) -> Path:
    """A page tree that lists the same page twice."""
    objects = _one_page(pages=b"<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>")
    return _write(folder / "duplicate-page.pdf", _pdf(objects))


def make_flate_bomb_pdf(folder: Path, gigabytes: int = 2) -> Path:
    """A content stream of a few kilobytes that inflates, through two FlateDecode
    filters, to ``gigabytes`` GB of spaces."""
    inner = _zlib_repeat(b" " * (1 << 20), gigabytes * 1024)
    outer = zlib.compress(inner, 9)
    objects = _one_page()
    objects[4] = _stream(outer, b"/Filter [/FlateDecode /FlateDecode] ")
    return _write(folder / "flate-bomb.pdf", _pdf(objects))


def make_deep_array_pdf(folder: Path, depth: int = 100_000) -> Path:
    """Arrays nested ``depth`` deep: in the page's /MediaBox and in its content stream."""
    deep = b"[" * depth + b"0" + b"]" * depth
    objects = _one_page()
    objects[3] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents [6 0 R 4 0 R] >>" % deep
    )
    objects[6] = _stream(deep + b" pop")
    return _write(folder / "deep-array.pdf", _pdf(objects))


def make_reference_chain_pdf(folder: Path, length: int = 100_000) -> Path:
    """A page whose /Rotate heads a chain of ``length`` one-element arrays, each
    holding a reference to the next; and the page ``length`` /Pages nodes deep."""
    chain = 10
    tree = chain + length
    objects = _one_page(pages=b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % tree)
    objects[3] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Rotate %d 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>" % chain
    )
    for i in range(length):
        objects[chain + i] = b"[%d 0 R]" % (chain + i + 1) if i + 1 < length else b"0"
        kid = b"%d 0 R" % (tree + i + 1) if i + 1 < length else b"3 0 R"
        objects[tree + i] = b"<< /Type /Pages /Kids [%s] /Count 1 >>" % kid
    return _write(folder / "reference-chain.pdf", _pdf(objects))


def _zlib_repeat(chunk: bytes, times: int) -> bytes:
    """zlib data inflating to ``chunk * times``, made in milliseconds."""
    body = _deflate_repeat(chunk, times)
    checksum = 1
    for _ in range(times):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\x9c" + body + struct.pack(">I", checksum)


def _deflate_repeat(chunk: bytes, times: int) -> bytes:
    """Raw deflate data inflating to ``chunk * times``: after a full flush the
    compressor starts afresh, so each chunk compresses to the same bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * times + compressor.flush(zlib.Z_FINISH)


# --- DOCX --------------------------------------------------------------------------------------


def docx_bytes(paragraphs: Iterable[str] = _PAGE_LINES) -> bytes:
    """A Word document from python-docx."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rezip(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
    return out.getvalue()


def make_xxe_docx(folder: Path) -> Path:
    """document.xml declares an external entity naming a local file, used in an action."""
    secret = _write(folder / "secret.txt", SECRET.encode())
    marked = docx_bytes((_PAGE_LINES[0], "Action 1: MPS to review the MARKER report by October 2022."))

    def change(name: str, xml: bytes) -> bytes:
        if name != "word/document.xml":
            return xml
        declaration, rest = xml.split(b"?>", 1)
        doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'.encode()
        return declaration + b"?>" + doctype + rest.replace(b"MARKER", b"&xxe;")

    return _write(folder / "xxe.docx", _rezip(marked, change))


def make_corrupt_docx(folder: Path) -> Path:
    """A python-docx document whose document.xml data is overwritten with garbage
    (the zip's directory intact)."""
    import zipfile

    data = bytearray(docx_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    begin = info.header_offset + 30 + name_length + extra_length
    for i in range(begin + 8, begin + info.compress_size - 4):
        data[i] = (i * 31 + 7) % 256
    return _write(folder / "corrupt.docx", bytes(data))


def make_zip_bomb_docx(folder: Path, megabytes: int = 1024, lie: bool = False) -> Path:
    """A docx whose document.xml is ``megabytes`` MB of spaces inside the body,
    about a thousand times smaller compressed. With ``lie`` its headers declare
    the part 2 KB long, so only inflating it tells."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w='
        b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
        b"Action 1: MPS to review the report.</w:t></w:r></w:p>"
    )
    tail = b"</w:body></w:document>"
    chunk = b" " * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [compressor.compress(head), compressor.flush(zlib.Z_FULL_FLUSH)]
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    parts += [block * megabytes, compressor.compress(tail), compressor.flush(zlib.Z_FINISH)]
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + megabytes * len(chunk) + len(tail)
    members = _members_of(docx_bytes())
    members["word/document.xml"] = (b"".join(parts), crc, 2048 if lie else size)
    name = "zip-bomb-lying.docx" if lie else "zip-bomb.docx"
    return _write(folder / name, _zip(members))


def _members_of(data: bytes) -> dict[str, tuple[bytes, int, int]]:
    """Each member of a zip as (raw deflate data, CRC-32, size)."""
    import zipfile

    members = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            content = archive.read(info)
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            members[info.filename] = (
                compressor.compress(content) + compressor.flush(),
                zlib.crc32(content),
                len(content),
            )
    return members


def _zip(members: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A zip of deflated members, written by hand so that a member's data and
    declared size can be anything (zipfile only writes what it compresses)."""
    out = bytearray()
    directory = bytearray()
    for name, (data, crc, size) in members.items():
        encoded = name.encode()
        offset = len(out)
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(data), size)
        out += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + data
        directory += (
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + fields
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset)
            + encoded
        )
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(out), 0
    )
    return bytes(out + directory + end)


# --- HTML --------------------------------------------------------------------------------------


def make_deep_html(folder: Path, depth: int = 500_000) -> Path:
    """'<div>' half a million deep (2.5 MB), with an action at the bottom."""
    page = (
        "<!DOCTYPE html><html><body><p>Board minutes - 24 June 2022</p>"
        + "<div>" * depth
        + f"<p>Action 1: {ACTION_1} by October 2022.</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    return _write(folder / "deep.html", page.encode())


def make_huge_html(folder: Path, megabytes: int = 50) -> Path:
    """50 MB of paragraphs after one action."""
    head = f"<!DOCTYPE html><html><body><p>Action 1: {ACTION_1} by October 2022.</p>\n".encode()
    filler = b"<p>The Board noted the update on performance and risk.</p>\n"
    count = megabytes * (1 << 20) // len(filler)
    return _write(folder / "huge.html", head + filler * count + b"</body></html>\n")


# --- text --------------------------------------------------------------------------------------


def make_encoded_text(folder: Path, encoding: str) -> Path:
    """ENCODED_MINUTES in ``encoding``: 'utf-8-sig', 'utf-16-le' or 'utf-16-be' (with a
    BOM each), or 'cp1252'."""
    boms = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
    data = boms.get(encoding, b"") + ENCODED_MINUTES.encode(encoding)
    return _write(folder / f"minutes-{encoding}.txt", data)


def make_nul_text(folder: Path) -> Path:
    """Text with NUL bytes inside (as a careless export leaves them)."""
    text = SMALL_MINUTES.replace("Action 2", "\x00Action 2").replace("the Safer", "the\x00 Safer")
    return _write(folder / "nul.txt", text.encode())


def make_long_line_text(folder: Path, megabytes: int = 50) -> Path:
    """One line of 50 MB, starting with an action."""
    head = f"Action 1: {ACTION_1} by October 2022. ".encode()
    return _write(folder / "long-line.txt", head + b"word " * (megabytes * (1 << 20) // 5) + b"\n")


def make_escapes_minutes(folder: Path) -> Path:
    """An action carrying rich markup and terminal escapes (clear screen, set title)."""
    text = f"Board minutes - 24 June 2022\n\nAction 1: MPS to review {INJECTED} by October 2022.\n"
    return _write(folder / "escapes-minutes.txt", text.encode())


def make_escapes_letter(folder: Path) -> Path:
    """The same action, reworded, so that reports show both texts and a redline."""
    text = (
        "20 July 2022\n\nAnnex A\n\nNo.\tAction\tTiming\tLead\n"
        f"1\tMPS to review {INJECTED} and publish it.\tNovember 2022\tMPS\n"
    )
    return _write(folder / "escapes-letter.txt", text.encode())


# --- config ------------------------------------------------------------------------------------


def make_billion_laughs_config(folder: Path) -> Path:
    """An alias bomb (10^9 strings once expanded) as the value of ``fail_on``,
    whose wrong type is then reported."""
    levels = ["&a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        levels.append(f"&{level} [{', '.join(['*' + previous] * 10)}]")
    return _write(folder / "billion-laughs.yaml", f"fail_on: [{', '.join(levels)}]\n".encode())


def make_python_tag_config(folder: Path) -> Path:
    """A tag that an unsafe loader would run: it would create ``pwned``."""
    marker = folder / "pwned"
    text = f'fail_on: !!python/object/apply:os.system ["touch {marker}"]\n'
    return _write(folder / "python-tag.yaml", text.encode())


def make_wrong_types_config(folder: Path) -> Path:
    return _write(folder / "wrong-types.yaml", b"limits:\n  max_pages: many\nfail_on: warning\n")


def make_wrong_shape_config(folder: Path) -> Path:
    return _write(folder / "wrong-shape.yaml", b"- fail_on\n- warning\n")


def make_deep_config(folder: Path, depth: int = 100_000) -> Path:
    return _write(folder / "deep.yaml", b"fail_on: " + b"[" * depth + b"\n")


# --- batch manifests ---------------------------------------------------------------------------

BATCH_ENTRIES: tuple[tuple[str, str, str], ...] = (
    # (name, the minutes' path as the manifest gives it, a regex of its error or "" for ok)
    ("good", "good/minutes.txt", ""),
    ("escapes-folder", "../outside/minutes.txt", r"leaves the manifest's folder"),
    ("absolute", "/etc/hostname", r"leaves the manifest's folder"),
    ("link-out", "link-out.txt", r"leaves the manifest's folder"),
    ("fifo", "fifo.txt", r"not a regular file"),
    ("dev-zero", "dev-zero.txt", r"leaves the manifest's folder|not a regular file|device"),
    ("missing", "missing.txt", r"no such file"),
    ("empty", "empty.txt", r"empty"),
    ("scan", "scan.pdf", r"no text layer"),
    ("good-again", "good/minutes.txt", ""),
)
LOOP_ENTRY = ("link-loop", "loop-a.txt", r"symbolic link loop|too many levels of symbolic links")


def make_batch(folder: Path, entries: Iterable[tuple[str, str, str]] = BATCH_ENTRIES) -> Path:
    """A manifest and its folder: good pairs around pairs whose minutes escape the
    folder, link out of it or in a loop, are a FIFO, /dev/zero, missing, empty or
    a scan. Every pair's letter is good/letter.txt."""
    root = folder / "batch"
    (root / "good").mkdir(parents=True)
    (folder / "outside").mkdir()
    _write(folder / "outside" / "minutes.txt", SMALL_MINUTES.encode())
    _write(root / "good" / "minutes.txt", SMALL_MINUTES.encode())
    _write(root / "good" / "letter.txt", SMALL_LETTER.encode())
    (root / "link-out.txt").symlink_to(folder / "outside" / "minutes.txt")
    (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
    (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
    os.mkfifo(root / "fifo.txt")
    (root / "dev-zero.txt").symlink_to("/dev/zero")
    _write(root / "empty.txt", b"")
    make_no_text_pdf(root)
    text = "pairs:\n" + "".join(
        f"  - name: {name}\n    minutes: {minutes}\n    letter: good/letter.txt\n"
        for name, minutes, _ in entries
    )
    return _write(root / "manifest.yaml", text.encode())


def make_loop_batch(folder: Path) -> Path:
    """The batch of make_batch with a pair whose minutes are a symbolic link loop."""
    return make_batch(folder, (*BATCH_ENTRIES[:4], LOOP_ENTRY, *BATCH_ENTRIES[4:]))


def make_report_over_input_batch(folder: Path) -> Path:
    """A pair named 'letter' in the folder of its own letter.txt: its report, with
    --out that folder and --format terminal, would be letter.txt."""
    root = folder
    _write(root / "minutes.txt", SMALL_MINUTES.encode())
    _write(root / "letter.txt", SMALL_LETTER.encode())
    return _write(
        root / "manifest.yaml",
        b"pairs:\n  - name: letter\n    minutes: minutes.txt\n    letter: letter.txt\n",
    )


def make_duplicate_names_batch(folder: Path) -> Path:
    root = folder
    _write(root / "minutes.txt", SMALL_MINUTES.encode())
    _write(root / "letter.txt", SMALL_LETTER.encode())
    entry = "  - name: same\n    minutes: minutes.txt\n    letter: letter.txt\n"
    return _write(root / "manifest.yaml", f"pairs:\n{entry}{entry}".encode())


# --- helpers -----------------------------------------------------------------------------------


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- what OCR would render: a page or an image of absurd size ----------------------------------


def _image_page(media_box: bytes, width: int, height: int) -> dict[int, bytes]:
    """A one-page PDF whose page holds one grey image and no text, as a scan."""
    pixels = zlib.compress(bytes([200]) * 64)
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox %s "
        b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>" % media_box,
        4: _stream(b"q 400 0 0 400 72 200 cm /Im1 Do Q"),
        5: _stream(
            pixels,
            b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode " % (width, height),
        ),
    }


def make_huge_page_scan_pdf(folder: Path) -> Path:
    """A 'scan' on a page 200 inches square: 3.6 billion pixels at 300 dpi."""
    return _write(folder / "huge-page.pdf", _pdf(_image_page(b"[0 0 14400 14400]", 8, 8)))


def make_image_bomb_pdf(folder: Path) -> Path:
    """An A4 'scan' whose image says it is 100,000 pixels square (its data is 64 bytes)."""
    return _write(folder / "image-bomb.pdf", _pdf(_image_page(b"[0 0 595 842]", 100_000, 100_000)))
