"""Excel workbooks: reading an uploaded .xlsx into rows by their headers, and writing tables.

Every import (staff, banks, roadmap) reads through `spreadsheet_read`; every export builds its
cells with `xlsx_cell`, so dates, formulas and illegal characters are handled in one place.
"""

import hashlib
import re
import time
import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from io import BytesIO
from itertools import islice
from pyexpat import ParserCreate
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.constants import SHEET_MAIN_NS

MAX_FILE_SIZE = 5 * 1024 * 1024
# What the parts of a workbook may inflate to, read from the archive's directory. A school's
# 10 000-row list inflates 10–20 times to under 10 MB.
MAX_UNPACKED_SIZE = 100 * 1024 * 1024
MAX_PACKING_RATIO = 100  # refused above MAX_PACKING_CHECKED_SIZE
MAX_PACKING_CHECKED_SIZE = 20 * 1024 * 1024
MAX_ROWS = 10_000  # rows under the header, empty ones included
MAX_COLUMNS = 200  # searched for the header; under it, nothing right of its last column is read
MAX_ROW_ELEMENTS = 4 * 16_384  # XML elements of one row: every column of a sheet, a few each
MAX_SHEET_ELEMENTS = 2_000_000  # 10 000 rows of 100 filled columns
MAX_MERGED_RANGES = 10_000
HEADER_SEARCH_ROWS = 10
HEADER_SPAN_ROWS = 3  # a header cell merged down over up to this many rows
READ_SECONDS = 20
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_ZIP_MAGIC = b"PK\x03\x04"
# Compound File Binary: an encrypted .xlsx or an old .xls.
_CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_WORKBOOK_PART = "xl/workbook.xml"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    synonyms: tuple[str, ...] = ()
    width: int = 18


# Units written in brackets or after a comma: «Стаж (лет)», «Дата рождения, дд.мм.гггг».
# As words (see _words).
_UNITS = frozenset(
    {
        *("лет", "полных лет", "в годах", "год", "года", "годы", "годов", "г"),
        *("мес", "месяцев", "дней", "дн", "ч", "час", "часов", "руб", "чел", "шт"),
        *("дд мм гггг", "дд мм гг", "мм гггг", "гггг"),
    }
)
_PUNCTUATION = re.compile(r"[^\w№]+|_")  # «№» is a word: «№ п/п» is the number column
_BRACKETED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")


def _words(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def normalise_header(text: Any) -> str:
    """A header by its meaning: lower case, «ё» as «е», punctuation as spaces, single spaces,
    without a unit in brackets or after the last comma («Стаж пед. работы, лет» is «стаж пед
    работы»)."""
    text = str(text).casefold().replace("ё", "е")
    text = _BRACKETED.sub(
        lambda match: " " if _words(match[1] or match[2] or "") in _UNITS else match[0], text
    )
    head, comma, tail = text.rpartition(",")
    if comma and _words(tail) in _UNITS:
        text = head
    return _words(text)


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
    def layout(self) -> str:
        """The file's layout: its headers in order, so a school's next file of the same shape
        is recognised (see Mapping)."""
        return layout_signature(c.header for c in self.columns)


# A user's choice of fields for a layout: normalised header → column key, or None for «не
# загружать». It takes precedence over the known headers.
Mapping = dict[str, str | None]


def mapping_by_header(choices) -> Mapping:
    """A choice of field per column, as (header, field) pairs, keyed as Mapping is. Only the
    first of columns with one header is read, so a field chosen for a later one is refused
    rather than lost."""
    mapping: Mapping = {}
    for header, key in choices:
        name = normalise_header(header)
        if name in mapping and key is not None:
            raise ValidationError(
                _("Столбец «%(header)s» повторяет заголовок левее, его нельзя загрузить.")
                % {"header": header}
            )
        mapping.setdefault(name, key)
    return mapping


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


def _too_big() -> ValidationError:
    return ValidationError(
        _("Файл больше 5 МБ. Удалите лишние листы и столбцы или разделите список на части.")
    )


def _too_large() -> ValidationError:
    return ValidationError(
        _(
            "Файл в распакованном виде слишком велик или сжат неправдоподобно сильно. Откройте "
            "его в Excel, удалите лишние листы, строки и столбцы и сохраните как «Книга Excel "
            "(*.xlsx)»."
        )
    )


def _too_slow() -> ValidationError:
    return ValidationError(
        _(
            "Файл читается слишком долго. Удалите лишние листы, строки и столбцы (в том числе "
            "пустые с оформлением) или разделите список на несколько файлов."
        )
    )


def _check_clock(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise _too_slow()


def spreadsheet_check(content: bytes) -> None:
    """Refuse a file too large, not a workbook, or one that would inflate too much, from the
    archive's directory before anything is inflated: cheap enough for any request, so even a
    file read later by a worker is refused at once."""
    if len(content) > MAX_FILE_SIZE:
        raise _too_big()
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
        with zipfile.ZipFile(BytesIO(content)) as archive:
            entries = archive.infolist()
    except Exception as exc:  # a damaged archive fails in many ways inside zipfile
        raise _not_xlsx() from exc
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_SIZE or (
        unpacked > MAX_PACKING_CHECKED_SIZE and unpacked / len(content) > MAX_PACKING_RATIO
    ):
        raise _too_large()
    if _WORKBOOK_PART not in {entry.filename for entry in entries}:
        raise _not_xlsx()  # a .docx, an .xlsb or any other archive


_ROW_TAG = f"{SHEET_MAIN_NS}}}row"
_MERGE_TAG = f"{SHEET_MAIN_NS}}}mergeCell"
_SHEET_DATA_TAG = f"{SHEET_MAIN_NS}}}sheetData"
# The last row the reader may ask for: a header found at row MAX_ROWS, over HEADER_SPAN_ROWS
# rows, and MAX_ROWS rows under it.
_LAST_ROW_READ = 2 * MAX_ROWS + HEADER_SPAN_ROWS


class _ScanDone(Exception):
    pass


def _row_number(text: str | None, previous: int) -> int:
    """A row's number as openpyxl reads it; a row without one follows the previous."""
    if text is None:
        return previous + 1
    try:
        number = float(text)
    except ValueError:
        raise _not_xlsx() from None
    if not number.is_integer():
        raise _not_xlsx()
    return int(number)


class _SheetScan:
    """A sheet's XML part, read before openpyxl reads it: the ranges merged over several rows,
    which openpyxl's streaming mode does not give, and the number of the last row.

    The parser keeps nothing but those and refuses a DTD, so no entity is ever expanded. The
    scan bounds what openpyxl will hold and do: rows go down the sheet, each once, with no more
    elements than a sheet row can have, few elements stand outside them, and MAX_SHEET_ELEMENTS
    in all; the scan stops after the last row the reader may ask for, or after
    MAX_MERGED_RANGES merged ranges.
    """

    def __init__(self, archive: zipfile.ZipFile, part: str, deadline: float):
        self.deadline = deadline
        self.ranges: list[tuple[int, int, int]] = []  # top row, first column, bottom row
        self.last_row = 0
        self._elements = self._depth = self._row_depth = self._in_row = self._outside = 0
        self._merges = 0
        self._data_read = False
        parser = ParserCreate(namespace_separator="}")
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.StartDoctypeDeclHandler = self._refuse
        try:
            with archive.open(part) as source:
                while chunk := source.read(1 << 16):
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
        except _ScanDone:
            pass
        except ValidationError:
            raise
        except Exception as exc:  # ExpatError, a bad CRC, a part that is not there…
            raise _not_xlsx() from exc

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self._elements += 1
        if not self._elements % 65_536:
            _check_clock(self.deadline)
            if self._elements > MAX_SHEET_ELEMENTS:
                raise _too_large()
        self._depth += 1
        if self._row_depth:
            self._in_row += 1
            if self._in_row > MAX_ROW_ELEMENTS:
                raise _not_xlsx()
        elif name == _ROW_TAG:
            self._row(attributes.get("r"))
        elif name == _MERGE_TAG:
            self._merge(attributes.get("ref", ""))
        else:
            self._outside += 1

    def _end(self, name: str) -> None:
        if self._depth == self._row_depth:
            self._row_depth = 0
        elif name == _SHEET_DATA_TAG:
            self._data_read = True
        self._depth -= 1

    def _row(self, number_text: str | None) -> None:
        if self.last_row > _LAST_ROW_READ:
            raise _ScanDone  # openpyxl will parse no row after that one
        if self._outside > MAX_ROW_ELEMENTS:
            raise _not_xlsx()
        number = _row_number(number_text, self.last_row)
        if number <= self.last_row:
            raise _not_xlsx()
        self.last_row, self._row_depth, self._in_row = number, self._depth, 0

    def _merge(self, reference: str) -> None:
        self._merges += 1
        if self._merges > MAX_MERGED_RANGES:
            if self._data_read:
                raise _ScanDone
            return
        try:
            left, top, _right, bottom = range_boundaries(reference)
        except (TypeError, ValueError):
            return
        if top and bottom and bottom > top and left <= MAX_COLUMNS:
            self.ranges.append((top, left, bottom))

    def _refuse(self, *_args) -> None:
        raise _not_xlsx()


class _MergedDown:
    """Ranges merged over several rows, applied as the rows stream by: a range's value is read
    on each of its rows, in its first column only. A position merged down over the rows of
    three people belongs to each of them; a title merged across columns is read once."""

    def __init__(self, ranges: list[tuple[int, int, int]]):
        self._starts: dict[int, list[tuple[int, int]]] = {}
        for top, left, bottom in ranges:
            self._starts.setdefault(top, []).append((left - 1, bottom))
        self._open: dict[int, tuple[Any, int]] = {}  # column index → value, bottom row

    def bottom(self, number: int) -> int:
        """The last row of the ranges that start in this row."""
        return max((bottom for _index, bottom in self._starts.get(number, ())), default=number)

    def close(self) -> None:
        """Stop the ranges read so far: a header or a title merged further down than the
        header goes is not data."""
        self._open.clear()

    def fill(self, number: int, values: tuple) -> tuple:
        if not self._open and number not in self._starts:
            return values
        cells = list(values)
        for index, (value, bottom) in list(self._open.items()):
            if number > bottom:
                del self._open[index]
            elif index < len(cells) and not filled(cells[index]):
                cells[index] = value
        for index, bottom in self._starts.get(number, ()):
            if index < len(cells) and filled(cells[index]):
                self._open[index] = (cells[index], bottom)
        return tuple(cells)


class _StreamedSheet(ReadOnlyWorksheet):
    """openpyxl's streaming sheet without the dimensions it reads when made: they are not
    trusted (some writers store wrong ones, which would cut rows off), and a sheet stored
    without them would be parsed whole to find them, before it is scanned."""

    def _get_size(self) -> None:
        pass


class _Sheet:
    """A worksheet read as a stream of rows, bounded by its scan."""

    def __init__(self, sheet: _StreamedSheet, scan: _SheetScan):
        self._sheet, self._deadline = sheet, scan.deadline
        self.last_row = scan.last_row
        self.merged = _MergedDown(scan.ranges)

    def rows(self, *, first: int, width: int) -> Iterator[tuple[int, tuple]]:
        """The rows from row `first` to the last, empty ones included, as (row number, values
        of the first `width` columns); openpyxl's own failures mean a damaged file."""
        rows = self._sheet.iter_rows(min_row=first, max_col=width, values_only=True)
        try:
            # Past the last row openpyxl would read on to the end of the part.
            for number in range(first, self.last_row + 1):
                _check_clock(self._deadline)
                try:
                    values = next(rows)
                except StopIteration:
                    return
                except Exception as exc:  # a damaged file fails in many ways inside openpyxl
                    raise _not_xlsx() from exc
                yield number, self.merged.fill(number, values)
        finally:
            rows.close()


HeaderTest = Callable[[Collection[str]], bool]


@dataclass(frozen=True)
class _Headers:
    """How a header row is recognised: see spreadsheet_read."""

    known: dict[str, str]
    mapping: Mapping
    is_header: HeaderTest

    def columns(self, values: tuple) -> list[FileColumn] | None:
        """The file's columns if this row is the header row."""
        columns: list[FileColumn] = []
        taken: set[str] = set()
        for index, value in enumerate(values):
            if not filled(value):
                continue
            name = normalise_header(value)
            key = self.mapping[name] if name in self.mapping else self.known.get(name)
            if key in taken:
                key = None
            if key is not None:
                taken.add(key)
            columns.append(FileColumn(index, cell_text(value), key))
        return columns if self.is_header(taken) else None


def _lowest_filled(rows: list[tuple]) -> tuple:
    """Each column's lowest filled cell: the header of a header written over several rows."""
    width = max(len(values) for values in rows)
    return tuple(
        next((v[i] for v in reversed(rows) if i < len(v) and filled(v[i])), None)
        for i in range(width)
    )


def _sheet_header(
    sheet: _Sheet, headers: _Headers
) -> tuple[bool, tuple[list[FileColumn], int] | None]:
    """Whether the sheet has a filled row, and its header's columns and last row.

    The header is the first of the first HEADER_SEARCH_ROWS filled rows whose recognised
    columns pass `is_header`. When a cell of it is merged down over the rows under it («ФИО»
    over two rows, beside a group title with its columns' headers under it), those rows are
    the header too, and a column's header is its lowest filled cell in them.
    """
    seen, filled_rows = False, 0
    rows = sheet.rows(first=1, width=MAX_COLUMNS)
    try:
        for number, values in rows:
            if number > MAX_ROWS:
                return True, None
            if not any(filled(v) for v in values):
                continue
            seen, filled_rows = True, filled_rows + 1
            if filled_rows > HEADER_SEARCH_ROWS:
                break
            header = headers.columns(values)
            if header is None:
                continue
            last = min(sheet.merged.bottom(number), number + HEADER_SPAN_ROWS - 1)
            if last > number:
                span = [values, *(values for _number, values in islice(rows, last - number))]
                header = headers.columns(_lowest_filled(span)) or header
            return seen, (header, last)
    finally:
        rows.close()
    return seen, None


def _too_many_rows() -> ValidationError:
    return ValidationError(
        _(
            "В файле больше %(max)s строк (пустые строки с оформлением тоже считаются). "
            "Удалите лишние строки под таблицей или разделите список на несколько файлов."
        )
        % {"max": f"{MAX_ROWS:,}".replace(",", " ")}
    )


_Table = tuple[list[FileColumn], list[tuple[int, dict[str, Any]]]]


def _read_sheet(sheet: _Sheet, headers: _Headers) -> tuple[bool, _Table | None]:
    """Whether the sheet has anything in it, and its columns and rows."""
    seen, found = _sheet_header(sheet, headers)
    if found is None:
        return seen, None
    header, last = found
    if sheet.last_row > last + MAX_ROWS:
        raise _too_many_rows()
    sheet.merged.close()
    counts: dict[int, int] = {}
    rows: list[tuple[int, dict[str, Any]]] = []
    width = max((column.index for column in header), default=0) + 1
    for number, values in sheet.rows(first=last + 1, width=width):
        cells = {}
        for column in header:
            if filled(values[column.index]):
                counts[column.index] = counts.get(column.index, 0) + 1
                if column.key is not None:
                    cells[column.key] = values[column.index]
        if cells:
            rows.append((number, cells))
    return seen, ([replace(c, filled=counts.get(c.index, 0)) for c in header], rows)


def _read_workbook(content: bytes, headers: _Headers) -> tuple[bool, _Table | None]:
    """Whether the workbook has anything in it, and the columns and rows of its first sheet
    with a header."""
    spreadsheet_check(content)
    deadline = time.monotonic() + READ_SECONDS
    try:
        reader = ExcelReader(BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign archive fails in many ways inside openpyxl
        raise _not_xlsx() from exc
    seen_anything = False
    try:
        try:
            # What load_workbook reads before the sheets, less the properties and the theme.
            reader.read_manifest()
            reader.read_strings()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)  # which number formats are dates
            parts = [
                (sheet.name, rel.target)
                for sheet, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files and "chartsheet" not in rel.Type
            ]
        except Exception as exc:
            raise _not_xlsx() from exc
        for name, part in parts:
            scan = _SheetScan(reader.archive, part, deadline)
            sheet = _StreamedSheet(reader.wb, name, part, reader.shared_strings)
            seen, table = _read_sheet(_Sheet(sheet, scan), headers)
            seen_anything = seen_anything or seen
            if table is not None:
                return True, table
    finally:
        reader.archive.close()
    return seen_anything, None


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
    says what is wrong with the file. The work is bounded whatever the file: its archive is
    checked before it is inflated, at most MAX_ROWS rows under the header and the columns up
    to the header's last are read, and reading stops after READ_SECONDS.
    """
    if upload.size > MAX_FILE_SIZE:
        raise _too_big()
    content = upload.read()
    seen_anything, table = _read_workbook(content, _Headers(known, mapping or {}, is_header))
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
