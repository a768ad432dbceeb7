"""The staff spreadsheet: its columns, reading an uploaded .xlsx, and building the template
and export workbooks.

Headers are the file format: they stay Russian whatever the interface language.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..models import Person

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 10_000
HEADER_SEARCH_ROWS = 10
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ZIP_MAGIC = b"PK\x03\x04"
# Compound File Binary: an encrypted .xlsx or an old .xls.
_CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_DATE_FORMAT = "DD.MM.YYYY"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    synonyms: tuple[str, ...] = ()
    width: int = 18


FIO = Column("fio", "ФИО", ("Ф.И.О", "Фамилия имя отчество", "Фамилия, имя, отчество"), 36)
# The layout of the template and of the export, in order.
LAYOUT = (
    Column("last_name", "Фамилия", width=18),
    Column("first_name", "Имя", width=16),
    Column("patronymic", "Отчество", width=20),
    Column("birth_date", "Дата рождения", width=15),
    Column("position", "Должность", width=28),
    Column(
        "subjects",
        "Предметы",
        ("Предмет", "Предмет(ы)", "Преподаваемые предметы", "Преподаваемый предмет"),
        30,
    ),
    Column("experience", "Стаж", ("Педагогический стаж", "Педстаж"), 10),
    Column("category", "Квалификационная категория", ("Категория",), 26),
    Column(
        "email",
        "E-mail",
        ("Email", "Эл. почта", "Эл.почта", "Электронная почта", "Адрес электронной почты"),
        28,
    ),
    Column("phone", "Телефон", ("Тел", "Номер телефона"), 20),
    Column("kind", "Вид участника", width=24),
)


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


_HEADERS = known_headers((FIO, *LAYOUT))


@dataclass
class StaffFile:
    name: str
    sha256: str
    headers: dict[str, str]  # column key → the header as written in the file
    ignored: list[str]  # headers not recognised
    rows: list[tuple[int, dict[str, Any]]]  # (row number, column key → non-empty cell value)


def _filled(value: Any) -> bool:
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


# Reading the file.


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


def _header(
    values: tuple, known: dict[str, str]
) -> tuple[dict[str, int], dict[str, str], list[str]] | None:
    """Column positions, headers and ignored headers if this row is the header row."""
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for index, value in enumerate(values):
        if not _filled(value):
            continue
        key = known.get(normalise_header(value))
        if key is None or key in positions:
            ignored.append(cell_text(value))
        else:
            positions[key] = index
            headers[key] = cell_text(value)
    has_name = "fio" in positions or {"last_name", "first_name"} <= positions.keys()
    return (positions, headers, ignored) if has_name else None


_Table = tuple[dict[str, str], list[str], list[tuple[int, dict[str, Any]]]]


def _read_sheet(sheet, known: dict[str, str]) -> tuple[bool, _Table | None]:
    """Whether the sheet has anything in it, and its headers, ignored headers and rows."""
    seen = False
    header = None
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(_sheet_rows(sheet), start=1):
        if not any(_filled(v) for v in values):
            continue
        seen = True
        if header is None:
            if number > HEADER_SEARCH_ROWS:
                break
            header = _header(values, known)
            continue
        cells = {
            key: values[i] for key, i in header[0].items() if i < len(values) and _filled(values[i])
        }
        if not cells:
            continue
        if len(rows) == MAX_ROWS:
            raise ValidationError(
                _("В файле больше %(max)s строк. Разделите список на несколько файлов.")
                % {"max": f"{MAX_ROWS:,}".replace(",", " ")}
            )
        rows.append((number, cells))
    return seen, (header[1], header[2], rows) if header else None


def staff_file_read(upload, known: dict[str, str] | None = None) -> StaffFile:
    """Check and read an uploaded workbook, by default a staff one, with `known` headers
    (see known_headers); a ValidationError says what is wrong."""
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
            seen, table = _read_sheet(sheet, known or _HEADERS)
            seen_anything = seen_anything or seen
            if table is not None:
                break
    finally:
        workbook.close()
    if not seen_anything:
        raise ValidationError(_("Файл пуст: в нём нет ни одной заполненной строки."))
    if table is None:
        raise ValidationError(
            _(
                "Не найдена строка заголовков со столбцом «ФИО» (или «Фамилия» и «Имя») "
                "в первых %(rows)s строках. Скачайте шаблон и сверьте названия столбцов."
            )
            % {"rows": HEADER_SEARCH_ROWS}
        )
    headers, ignored, rows = table
    if not rows:
        raise ValidationError(
            _("В файле только строка заголовков. Заполните строки под ней и загрузите снова.")
        )
    return StaffFile(
        name=upload.name,
        sha256=hashlib.sha256(content).hexdigest(),
        headers=headers,
        ignored=ignored,
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
        cell.number_format = _DATE_FORMAT
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def xlsx_header_cells(sheet, headers) -> list[WriteOnlyCell]:
    fill = PatternFill("solid", fgColor="DDEBF7")
    return [xlsx_cell(sheet, h, font=Font(bold=True), fill=fill) for h in headers]


def _person_values(person: Person) -> list[Any]:
    return [
        person.last_name,
        person.first_name,
        person.patronymic,
        person.birth_date,
        person.position,
        ", ".join(s.name for s in person.subjects.all()),
        person.teaching_since,
        russian_label(Person.Category(person.category)),
        person.email,
        person.phone,
        russian_label(Person.Kind(person.kind)),
    ]


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


def staff_export_workbook(people) -> bytes:
    """The directory in the template's layout, so the file imports back unchanged."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Участники"))
    for index, column in enumerate(LAYOUT, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.append(xlsx_header_cells(sheet, [c.header for c in LAYOUT]))
    for person in people:
        sheet.append([xlsx_cell(sheet, v) for v in _person_values(person)])
    return workbook_bytes(workbook)


def _column_help() -> dict[str, str]:
    kinds = ", ".join(russian_label(kind) for kind in Person.Kind)
    return {
        "last_name": _("Обязательно. Вместо трёх столбцов можно дать один — «ФИО»."),
        "first_name": _("Обязательно."),
        "patronymic": _("Если есть; может быть из нескольких слов, например «Рашид оглы»."),
        "birth_date": _("Дата Excel или текст ДД.ММ.ГГГГ."),
        "position": _("Например, «Учитель математики»."),
        "subjects": _("Через запятую или точку с запятой."),
        "experience": _(
            "Педагогический стаж: число лет (12, «12 лет», «12,5») или год начала работы (2010)."
        ),
        "category": _("Высшая, первая или без категории (можно «нет», «СЗД»)."),
        "email": _("По e-mail человек узнаётся при повторной загрузке."),
        "phone": _("В любом виде."),
        "kind": _("Необязательно, по умолчанию «Педагог». Допустимо: %(kinds)s.")
        % {"kinds": kinds},
    }


def staff_template_workbook() -> bytes:
    """An empty import file: the header row, one example row and an instruction sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Сотрудники")
    sheet.append([c.header for c in LAYOUT])
    sheet.append(
        [
            "Иванова",
            "Мария",
            "Петровна",
            date(1985, 4, 12),
            "Учитель математики",
            "Математика, Информатика",
            12,
            "Первая",
            "ivanova@example.com",
            "+7 912 345-67-89",
            "Педагог",
        ]
    )
    sheet["D2"].number_format = _DATE_FORMAT
    for index, column in enumerate(LAYOUT, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.cell(row=1, column=index).fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.freeze_panes = "A2"
    category_column = get_column_letter([c.key for c in LAYOUT].index("category") + 1)
    categories = ",".join(russian_label(c) for c in Person.Category)
    validation = DataValidation(type="list", formula1=f'"{categories}"', allow_blank=True)
    validation.add(f"{category_column}2:{category_column}{MAX_ROWS + 1}")
    sheet.add_data_validation(validation)

    notes = workbook.create_sheet(_("Инструкция"))
    notes.column_dimensions["A"].width = 28
    notes.column_dimensions["B"].width = 90
    notes.append([_("Как заполнить файл")])
    notes["A1"].font = Font(bold=True, size=14)
    for line in (
        _("Одна строка — один человек. Перед загрузкой удалите строку-пример."),
        _(
            "Строка заголовков может стоять не первой (в пределах первых 10 строк). Регистр и "
            "пробелы в заголовках не важны; незнакомые столбцы пропускаются."
        ),
        _(
            "Уже внесённые люди узнаются по e-mail, а без него — по ФИО и дате рождения; у них "
            "обновляются изменившиеся сведения. Пустая ячейка не стирает сохранённые данные."
        ),
        _("Перед записью вы увидите, кто будет добавлен и изменён, и ошибки по строкам."),
        _("Формат .xlsx без пароля, не больше 5 МБ и 10 000 строк."),
    ):
        notes.append([line])
    notes.append([])
    notes.append([_("Столбец"), _("Что писать")])
    for cell in notes[notes.max_row]:
        cell.font = Font(bold=True)
    help_texts = _column_help()
    for column in LAYOUT:
        notes.append([column.header, help_texts[column.key]])
        for cell in notes[notes.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(workbook)
