"""Hostile uploads for the spreadsheet reader, built in code: each is small on the wire and
would cost a naive reader a lot of time or memory."""

import zipfile
from functools import cache
from io import BytesIO

from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from tests.mentoring.xlsx_helpers import xlsx_bytes

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
# Headers every import finds: the staff and bank ones by «ФИО», the roadmap by «Мероприятие»
# and «Срок».
HEADER = ("ФИО", "Мероприятие", "Срок", "E-mail")
ROW = ("Иванова Мария Петровна", "Встреча", "сентябрь", "ivanova@school.test")
BOMB_MB = 300


def parts_of(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(parts: dict[str, bytes | list[bytes]]) -> bytes:
    """A deflated archive; a part given as a list of chunks is streamed, not joined."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            if isinstance(data, bytes):
                archive.writestr(name, data)
                continue
            with archive.open(name, "w", force_zip64=True) as part:
                for chunk in data:
                    part.write(chunk)
    return buffer.getvalue()


def _padding(megabytes: int, byte: bytes) -> list[bytes]:
    return [byte * 1024 * 1024] * megabytes


def with_sheet(content: bytes, *, before_data: bytes = b"", rows: bytes = b"") -> bytes:
    """The workbook with XML put at the start and at the end of its first sheet's rows."""
    parts = parts_of(content)
    head, tail = parts[SHEET].split(b"</sheetData>")
    parts[SHEET] = head.replace(b"<sheetData>", b"<sheetData>" + before_data) + rows
    parts[SHEET] += b"</sheetData>" + tail
    return zipped(parts)


@cache
def bomb_sheet(megabytes: int = BOMB_MB) -> bytes:
    """A sheet whose XML holds `megabytes` of spaces before its rows."""
    parts = parts_of(xlsx_bytes(HEADER, ROW))
    head, tail = parts[SHEET].split(b"<sheetData>")
    parts[SHEET] = [head + b"<sheetData>", *_padding(megabytes, b" "), tail]
    return zipped(parts)


def with_strings(content: bytes, xml: list[bytes]) -> bytes:
    """The workbook with a shared strings part of this XML, streamed from its chunks."""
    parts = parts_of(content)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    parts[STRINGS] = xml
    return zipped(parts)


@cache
def bomb_string() -> bytes:
    """A workbook whose shared strings hold one string of BOMB_MB megabytes."""
    return with_strings(
        xlsx_bytes(HEADER, ROW),
        [
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>',
            *_padding(BOMB_MB, b"a"),
            b"</t></si></sst>",
        ],
    )


@cache
def wide_rows(count: int = 200) -> bytes:
    """A table of `count` rows under its header, each row with a cell in the last column, XFD."""
    workbook = Workbook()
    sheet = workbook.active
    for number, values in enumerate((HEADER, *[ROW] * count), start=1):
        for column, value in enumerate(values, start=1):
            sheet.cell(number, column, value)
        sheet.cell(number, 16_384, "x")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _styled() -> bytes:
    """A table, and a third row holding one empty cell with a fill (style 1)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(ROW)
    sheet["A3"].fill = PatternFill("solid", fgColor="FFFF00")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@cache
def styled_empty_rows(count: int = 100_000) -> bytes:
    """A table followed by `count` empty rows, each with a filled, empty cell."""
    rows = b"".join(b'<row r="%d"><c r="A%d" s="1"/></row>' % (n, n) for n in range(4, count + 4))
    return with_sheet(_styled(), rows=rows)


@cache
def far_row() -> bytes:
    """A table and one styled cell in the sheet's last row, 1 048 576."""
    return with_sheet(_styled(), rows=b'<row r="1048576"><c r="A1048576" s="1"/></row>')


@cache
def giant_row() -> bytes:
    """A sheet whose first row holds 1 500 000 styled cells without addresses."""
    cells = b'<c s="1"/>' * 1_500_000
    return with_sheet(_styled(), before_data=b'<row r="1">' + cells + b"</row>")


def encrypted() -> bytes:
    out = BytesIO()
    OOXMLFile(BytesIO(xlsx_bytes(HEADER, ROW))).encrypt("secret", out)
    return out.getvalue()


def docx() -> bytes:
    return zipped(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "word/document.xml": b'<?xml version="1.0"?><document/>',
        }
    )


def plain_zip() -> bytes:
    return zipped({"readme.txt": "Список сотрудников".encode()})


CSV = "ФИО;E-mail\nИванова Мария;ivanova@school.test\n".encode()

# name: (content, file name)
HOSTILE = {
    "bomb-sheet": (bomb_sheet, "staff.xlsx"),
    "bomb-string": (bomb_string, "staff.xlsx"),
    "wide-rows": (wide_rows, "staff.xlsx"),
    "styled-empty-rows": (styled_empty_rows, "staff.xlsx"),
    "far-row": (far_row, "staff.xlsx"),
    "giant-row": (giant_row, "staff.xlsx"),
    "csv": (lambda: CSV, "staff.xlsx"),
    "docx": (docx, "staff.xlsx"),
    "zip": (plain_zip, "staff.xlsx"),
    "encrypted": (encrypted, "staff.xlsx"),
    "zero-bytes": (lambda: b"", "staff.xlsx"),
}
