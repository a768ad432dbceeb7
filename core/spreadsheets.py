"""Excel workbooks: reading an uploaded .xlsx into rows by their headers, and writing tables.

Every import (staff, banks, roadmap) reads through `spreadsheet_read`; every export builds its
cells with `xlsx_cell`, so dates, formulas and illegal characters are handled in one place.
"""

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import date, datetime
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 10_000
HEADER_SEARCH_ROWS = 10
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_ZIP_MAGIC = b"PK\x03\x04"
# Compound File Binary: an encrypted .xlsx or an old .xls.
_CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    synonyms: tuple[str, ...] = ()
    width: int = 18


def normalise_header(text: Any) -> str:
    """Lower case, single spaces, «ё» as «е», no trailing punctuation or required-mark."""
    return " ".join(str(text).split()).casefold().replace("ё", "е").rstrip(" .:;,*")


def known_headers(columns) -> dict[str, str]:
    """Normalised header (and synonym) → column key, for reading a file with these columns."""
    return {
        normalise_header(name): column.key
        for column in columns
        for name in (column.header, *column.synonyms)
    }


@dataclass(frozen=True)
class FileColumn:
    """A column of an uploaded file as the preview shows it."""

    index: int  # 0-based position in the file
    header: str  # as written in the file
    key: str | None  # the field it is read into; None: not imported
    filled: int = 0  # non-empty cells under the header


@dataclass
class SpreadsheetTable:
    name: str
    sha256: str
    columns: list[FileColumn]
    rows: list[tuple[int, dict[str, Any]]]  # (row number, column key → non-empty cell value)

    @property
    def headers(self) -> dict[str, str]:
        """Column key → the header as written in the file."""
        return {c.key: c.header for c in self.columns if c.key is not None}

    @property
    def ignored(self) -> list[str]:
        """Headers of the columns that are not imported."""
        return [c.header for c in self.columns if c.key is None]

    @property
    def layout(self) -> str:
        """The file's layout: its headers in order, so a school's next file of the same shape
        is recognised (see Mapping)."""
        return layout_signature(c.header for c in self.columns)


# A user's choice of fields for a layout: normalised header → column key, or None for «не
# загружать». It takes precedence over the known headers.
Mapping = dict[str, str | None]


def layout_signature(headers) -> str:
    text = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split()) if value is not None else ""


def russian_label(choice) -> str:
    """A choice's label as written in files, whatever the interface language."""
    with translation.override("ru"):
        return str(choice.label)


# Reading a file.


def _not_xlsx() -> ValidationError:
    return ValidationError(
        _(
            "Это не файл Excel .xlsx или он повреждён. Откройте таблицу и сохраните её "
            "как «Книга Excel (*.xlsx)»."
        )
    )


def _sheet_rows(sheet):
    """The sheet's rows as value tuples; openpyxl's own failures mean a damaged file."""
    sheet.reset_dimensions()  # some writers store wrong dimensions, which would cut rows off
    rows = sheet.iter_rows(values_only=True)
    while True:
        try:
            yield next(rows)
        except StopIteration:
            return
        except Exception as exc:  # a damaged file fails in many ways deep inside openpyxl
            raise _not_xlsx() from exc


HeaderTest = Callable[[Collection[str]], bool]


def _header(
    values: tuple, known: dict[str, str], mapping: Mapping, is_header: HeaderTest
) -> list[FileColumn] | None:
    """The file's columns if this row is the header row."""
    columns: list[FileColumn] = []
    taken: set[str] = set()
    for index, value in enumerate(values):
        if not filled(value):
            continue
        name = normalise_header(value)
        key = mapping[name] if name in mapping else known.get(name)
        if key in taken:
            key = None
        if key is not None:
            taken.add(key)
        columns.append(FileColumn(index, cell_text(value), key))
    return columns if is_header(taken) else None


_Table = tuple[list[FileColumn], list[tuple[int, dict[str, Any]]]]


def _read_sheet(
    sheet, known: dict[str, str], mapping: Mapping, is_header: HeaderTest
) -> tuple[bool, _Table | None]:
    """Whether the sheet has anything in it, and its columns and rows."""
    seen = False
    header: list[FileColumn] | None = None
    counts: dict[int, int] = {}
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(_sheet_rows(sheet), start=1):
        if not any(filled(v) for v in values):
            continue
        seen = True
        if header is None:
            if number > HEADER_SEARCH_ROWS:
                break
            header = _header(values, known, mapping, is_header)
            continue
        cells = {}
        for column in header:
            if column.index < len(values) and filled(values[column.index]):
                counts[column.index] = counts.get(column.index, 0) + 1
                if column.key is not None:
                    cells[column.key] = values[column.index]
        if not cells:
            continue
        if len(rows) == MAX_ROWS:
            raise ValidationError(
                _("В файле больше %(max)s строк. Разделите список на несколько файлов.")
                % {"max": f"{MAX_ROWS:,}".replace(",", " ")}
            )
        rows.append((number, cells))
    if header is None:
        return seen, None
    return seen, ([replace(c, filled=counts.get(c.index, 0)) for c in header], rows)


def spreadsheet_read(
    upload,
    known: dict[str, str],
    *,
    is_header: HeaderTest,
    no_header: str,
    mapping: Mapping | None = None,
) -> SpreadsheetTable:
    """Check and read an uploaded workbook with `known` headers (see known_headers), or with
    the user's `mapping` where it names a header.

    The header row is the first of the first HEADER_SEARCH_ROWS filled rows whose recognised
    column keys pass `is_header`; `no_header` says what to do when none does. A ValidationError
    says what is wrong with the file.
    """
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("Файл больше 5 МБ. Удалите лишние листы и столбцы или разделите список на части.")
        )
    content = upload.read()
    if not content:
        raise ValidationError(_("Файл пуст."))
    if content.startswith(_CFB_MAGIC):
        raise ValidationError(
            _(
                "Файл защищён паролем или сохранён в старом формате .xls. Откройте его в Excel, "
                "снимите пароль (Файл → Сведения → Защита книги) и сохраните как "
                "«Книга Excel (*.xlsx)»."
            )
        )
    if not content.startswith(_ZIP_MAGIC):
        raise _not_xlsx()
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign archive fails in many ways inside openpyxl
        raise _not_xlsx() from exc
    seen_anything, table = False, None
    try:
        for sheet in workbook.worksheets:
            seen, table = _read_sheet(sheet, known, mapping or {}, is_header)
            seen_anything = seen_anything or seen
            if table is not None:
                break
    finally:
        workbook.close()
    if not seen_anything:
        raise ValidationError(_("Файл пуст: в нём нет ни одной заполненной строки."))
    if table is None:
        raise ValidationError(no_header)
    columns, rows = table
    if not rows:
        raise ValidationError(
            _("В файле только строка заголовков. Заполните строки под ней и загрузите снова.")
        )
    return SpreadsheetTable(
        name=upload.name,
        sha256=hashlib.sha256(content).hexdigest(),
        columns=columns,
        rows=rows,
    )


# Building workbooks.


def xlsx_cell(sheet, value: Any, **style) -> WriteOnlyCell:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def xlsx_header_cells(sheet, headers) -> list[WriteOnlyCell]:
    return [xlsx_cell(sheet, h, font=Font(bold=True), fill=HEADER_FILL) for h in headers]


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_workbook(title: str, columns, rows) -> bytes:
    """One sheet: a header of `columns` (header, width, value of a row) and a line per row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for index, (_header, width, _value) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(xlsx_header_cells(sheet, [header for header, _width, _value in columns]))
    for row in rows:
        sheet.append([xlsx_cell(sheet, value(row)) for _header, _width, value in columns])
    return workbook_bytes(workbook)
