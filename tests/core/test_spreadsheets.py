"""Reading an uploaded workbook: headers by their meaning, title rows, headers and cells merged
over several rows, and bounded work whatever the file."""

from io import BytesIO

import openpyxl.xml
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from core import spreadsheets
from core.spreadsheets import (
    Column,
    FileColumn,
    known_headers,
    normalise_header,
    spreadsheet_read,
)
from tests.core.hostile_files import (
    HEADER,
    ROW,
    SHEET,
    bomb_sheet,
    parts_of,
    wide_rows,
    with_sheet,
    with_strings,
    zipped,
)
from tests.mentoring.xlsx_helpers import xlsx_bytes

COLUMNS = (
    Column("fio", "ФИО", ("Ф.И.О",)),
    Column("position", "Должность"),
    Column("experience", "Стаж", ("Стаж пед работы", "Педагогический стаж")),
    Column("category", "Категория"),
    Column("last_name", "Фамилия"),
    Column("first_name", "Имя"),
    Column("patronymic", "Отчество"),
    Column("number", "№", ("№ п/п",)),
)
KNOWN = known_headers(COLUMNS)
NO_HEADER = "Нет строки заголовков."


def _read(content: bytes, is_header=lambda keys: "fio" in keys):
    return spreadsheet_read(
        SimpleUploadedFile("list.xlsx", content), KNOWN, is_header=is_header, no_header=NO_HEADER
    )


def _error(content: bytes, **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        _read(content, **kwargs)
    return " ".join(error.value.messages)


def _workbook(*rows, merged=(), styled=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for reference in merged:
        sheet.merge_cells(reference)
    for reference in styled:
        sheet[reference].fill = PatternFill("solid", fgColor="FFFF00")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Headers by their meaning.


@pytest.mark.parametrize(
    ("header", "normalised"),
    [
        ("ФИО", "фио"),
        ("  Ф.И.О.  ", "ф и о"),
        ("ДАТА   РОЖДЕНИЯ:", "дата рождения"),
        ("Дата\nрождения", "дата рождения"),
        ("Дата рождения (дд.мм.гггг)", "дата рождения"),
        ("Дата рождения, ДД.ММ.ГГГГ", "дата рождения"),
        ("Педагогический стаж (лет)", "педагогический стаж"),
        ("Стаж пед. работы, лет", "стаж пед работы"),
        ("Стаж пед работы", "стаж пед работы"),
        ("Стаж, лет", "стаж"),
        ("Стаж (полных лет)", "стаж"),
        ("Курс обучения, часов", "курс обучения"),
        ("Семёнова", "семенова"),
        ("«Должность»*", "должность"),
        ("Категория;", "категория"),
        ("E-mail", "e mail"),
        ("Эл.почта", "эл почта"),
        ("Предмет(ы)", "предмет ы"),
        ("Курс обучения (КПК)", "курс обучения кпк"),
        ("Фамилия, имя, отчество", "фамилия имя отчество"),
        ("Результат / документ", "результат документ"),
        ("№ п/п", "№ п п"),
        ("№", "№"),
        ("N_п/п", "n п п"),
        (2024, "2024"),
    ],
)
def test_header_is_normalised_to_its_meaning(header, normalised):
    assert normalise_header(header) == normalised


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Стаж пед. работы, лет", "experience"),
        ("СТАЖ ПЕД.РАБОТЫ (лет)", "experience"),
        ("Педагогический стаж, лет", "experience"),
        ("ф. и. о.", "fio"),
        ("№ п/п", "number"),
        ("№ п. п.", "number"),
        ("№", "number"),
    ],
)
def test_aliases_match_however_they_are_punctuated(header, key):
    assert KNOWN[normalise_header(header)] == key


# Title rows and merged cells.


def test_header_is_found_among_the_first_filled_rows_below_titles_and_gaps():
    content = xlsx_bytes(
        ["Приложение 1"], [], [], [], [], ["к приказу № 5"], [], [], [], [], ["Список"], [],
        ["Ф.И.О.:", "Должность"], ["Иванова Мария", "Учитель"],
    )  # fmt: skip
    table = _read(content)
    assert table.rows == [(14, {"fio": "Иванова Мария", "position": "Учитель"})]


def test_header_below_more_filled_rows_than_are_searched_is_not_found():
    titles = [[f"Строка {n}"] for n in range(spreadsheets.HEADER_SEARCH_ROWS)]
    assert _error(xlsx_bytes(*titles, ["ФИО"], ["Иванова Мария"])) == NO_HEADER


def test_two_row_header_and_cells_merged_down_are_read_on_every_row():
    content = _workbook(
        ["Список педагогов"],
        [],
        ["ФИО", "Сведения о работе"],
        [None, "Должность", "Стаж пед. работы, лет", "Категория"],
        ["Иванова Мария", "Учитель математики", 12, "Первая"],
        ["Петров Олег", None, 5],
        ["Сидорова Анна", None, None, "Высшая"],
        ["Орлова Вера", "Директор", "8 лет"],
        merged=("A1:D1", "A3:A4", "B3:D3", "B5:B7", "C8:D8"),
    )
    table = _read(content)

    assert table.columns == [
        FileColumn(0, "ФИО", "fio", 4),
        FileColumn(1, "Должность", "position", 4),
        FileColumn(2, "Стаж пед. работы, лет", "experience", 3),
        FileColumn(3, "Категория", "category", 2),
    ]
    maths = "Учитель математики"
    assert table.rows == [
        (5, {"fio": "Иванова Мария", "position": maths, "experience": 12, "category": "Первая"}),
        (6, {"fio": "Петров Олег", "position": maths, "experience": 5}),
        (7, {"fio": "Сидорова Анна", "position": maths, "category": "Высшая"}),
        # Merged across columns: read once, in its first column.
        (8, {"fio": "Орлова Вера", "position": "Директор", "experience": "8 лет"}),
    ]


def test_header_completed_by_a_cell_merged_down_from_a_group_row():
    content = _workbook(
        ["№", "Фамилия", "Имя и отчество"],
        [None, None, "Имя", "Отчество"],
        [1, "Иванова", "Мария", "Петровна"],
        merged=("A1:A2", "B1:B2", "C1:D1"),
    )
    table = _read(content, is_header=lambda keys: {"last_name", "first_name"} <= set(keys))

    assert [(c.header, c.key) for c in table.columns] == [
        ("№", "number"),
        ("Фамилия", "last_name"),
        ("Имя", "first_name"),
        ("Отчество", "patronymic"),
    ]
    assert table.rows == [
        (3, {"number": 1, "last_name": "Иванова", "first_name": "Мария", "patronymic": "Петровна"})
    ]


def test_header_merged_further_down_than_a_header_goes_is_not_read_as_data():
    content = _workbook(
        ["ФИО", "Должность"],
        [None, None],
        [None, None],
        [None, "Учитель"],
        merged=("A1:A4",),
    )
    assert _read(content).rows == [(4, {"position": "Учитель"})]


def test_only_the_first_merged_ranges_are_honoured(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_MERGED_RANGES", 1)
    content = _workbook(
        ["ФИО", "Должность", "Категория"],
        ["Иванова Мария", "Учитель", "Первая"],
        ["Петров Олег"],
        merged=("B2:B3", "C2:C3"),
    )
    _number, cells = _read(content).rows[1]
    assert len(cells) == 2  # the name, and the value of one of the two ranges


# Bounded work.


def test_rows_under_the_header_count_even_when_empty_and_styled(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 5)
    people = [[f"Иванова {n}"] for n in range(5)]
    assert len(_read(xlsx_bytes(["ФИО"], *people)).rows) == 5

    message = _error(_workbook(["ФИО"], *people[:2], styled=["A7"]))
    assert "больше 5 строк (пустые строки с оформлением тоже считаются)" in message


def test_cells_right_of_the_header_are_not_read(monkeypatch):
    widths = []
    iter_rows = ReadOnlyWorksheet.iter_rows

    def spy(sheet, **kwargs):
        widths.append(kwargs["max_col"])
        return iter_rows(sheet, **kwargs)

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", spy)
    table = _read(wide_rows())

    assert widths == [spreadsheets.MAX_COLUMNS, len(HEADER)]
    assert [c.header for c in table.columns] == list(HEADER)
    assert len(table.rows) == 200


def test_reading_stops_at_the_time_limit(monkeypatch):
    monkeypatch.setattr(spreadsheets, "READ_SECONDS", 0)
    assert "читается слишком долго" in _error(xlsx_bytes(["ФИО"], ["Иванова Мария"]))


def test_sheet_of_too_many_elements_is_refused(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_SHEET_ELEMENTS", 1000)
    rows = b"".join(
        b'<row r="%d"><c r="A%d"/><c r="B%d"/><c r="C%d"/></row>' % (n, n, n, n)
        for n in range(2, 20_000)
    )
    assert "слишком велик" in _error(with_sheet(xlsx_bytes(["ФИО"]), rows=rows))


def test_rows_out_of_order_are_a_damaged_file():
    content = with_sheet(xlsx_bytes(["ФИО"], ["Иванова Мария"]), rows=b'<row r="1"/>')
    assert "повреждён" in _error(content)


def test_doctype_in_a_sheet_is_refused():
    parts = parts_of(xlsx_bytes(["ФИО"], ["Ivanova Maria"]))
    doctype = b'<!DOCTYPE worksheet [<!ENTITY a "Ivanova">]>'
    parts[SHEET] = doctype + parts[SHEET].replace(b"Ivanova", b"&a;")
    assert "повреждён" in _error(zipped(parts))


def test_entities_in_shared_strings_are_refused():
    assert openpyxl.xml.DEFUSEDXML
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>&b;</t></si></sst>"
    )
    assert "повреждён" in _error(with_strings(xlsx_bytes(HEADER, ROW), [laughs]))


def test_archive_that_inflates_too_much_is_refused_before_it_is_inflated():
    assert "слишком велик" in _error(bomb_sheet())  # 300 MB
    assert "слишком велик" in _error(bomb_sheet(30))  # packed more than 100 times


def test_small_archive_packed_very_tightly_is_read():
    assert len(_read(bomb_sheet(5)).rows) == 1
