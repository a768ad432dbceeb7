"""The staff spreadsheet: its columns, reading an uploaded .xlsx of staff, and the template
and export workbooks, which share the layout so an export imports back unchanged.

Headers are the file format: they stay Russian whatever the interface language.
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.spreadsheets import (
    DATE_FORMAT,
    HEADER_FILL,
    HEADER_SEARCH_ROWS,
    MAX_ROWS,
    Column,
    Mapping,
    SpreadsheetTable,
    known_headers,
    normalise_header,
    russian_label,
    spreadsheet_read,
    workbook_bytes,
    xlsx_cell,
    xlsx_header_cells,
)

from ..models import Person

# Header aliases as schools write them: the official «сведения о педагогических работниках»,
# tarification lists, the municipal registry's forms. Earlier names win when a file has two
# columns for one field (see best_mapping), so a looser name («Стаж работы в должности») gives
# way to an exact one («Педагогический стаж»). Deliberately absent: «Общий стаж» (the whole
# working life, not teaching), «Год рождения» (a year is not a date), «Квалификация» (in the
# official form it is the qualification of the diploma, not the category); the user can still
# map such a column to a field on the preview.
FIO_NAMES = (
    "ФИО",
    "Ф.И.О",
    "Ф. И. О",
    "Фамилия имя отчество",
    "Фамилия, имя, отчество",
    "Фамилия, имя, отчество (полностью)",
    "Фамилия, имя, отчество (при наличии)",
    "ФИО (полностью)",
    "Ф.И.О. (полностью)",
    "ФИО педагога",
    "Ф.И.О. педагога",
    "ФИО педагогического работника",
    "Ф.И.О. педагогического работника",
    "ФИО работника",
    "Ф.И.О. работника",
    "ФИО сотрудника",
    "Ф.И.О. сотрудника",
    "ФИО учителя",
    "Ф.И.О. учителя",
    "ФИО участника",
    "Фамилия и инициалы",
)
FIO = Column("fio", FIO_NAMES[0], FIO_NAMES[1:], 36)
# The layout of the template and of the export, in order.
LAYOUT = (
    Column("last_name", "Фамилия", width=18),
    Column("first_name", "Имя", width=16),
    Column("patronymic", "Отчество", ("Отчество (при наличии)",), width=20),
    Column(
        "birth_date",
        "Дата рождения",
        ("Д.р", "Д/р", "Дата рожд", "Дата рожд.", "Число, месяц, год рождения"),
        15,
    ),
    Column(
        "position",
        "Должность",
        (
            "Занимаемая должность",
            "Занимаемая должность (должности)",
            "Должность по штатному расписанию",
            "Должность (по штатному расписанию)",
            "Наименование должности",
            "Должность педагога",
            "Основная должность",
        ),
        28,
    ),
    Column(
        "subjects",
        "Предметы",
        (
            "Предмет",
            "Предмет(ы)",
            "Преподаваемые предметы",
            "Преподаваемый предмет",
            "Преподаваемые учебные предметы",
            "Преподаваемые учебные предметы, курсы, дисциплины (модули)",
            "Преподаваемые дисциплины",
            "Преподаваемая дисциплина",
            "Учебный предмет",
            "Учебные предметы",
            "Дисциплина",
            "Дисциплины",
        ),
        30,
    ),
    Column(
        "experience",
        "Стаж",
        (
            "Педагогический стаж",
            "Педагогический стаж (лет)",
            "Педагогический стаж, лет",
            "Педагогический стаж (полных лет)",
            "Педстаж",
            "Пед. стаж",
            "Пед.стаж",
            "Стаж педагогической работы",
            "Стаж педагогической работы, лет",
            "Стаж пед. работы",
            "Стаж пед. работы, лет",
            "Стаж работы по специальности",
            "Стаж по специальности",
            "Год начала педагогической деятельности",
            "Стаж работы в должности",
            "Стаж в должности",
        ),
        10,
    ),
    Column(
        "category",
        "Квалификационная категория",
        (
            "Категория",
            "Кв. категория",
            "Кв.категория",
            "Квал. категория",
            "Квалиф. категория",
            "Кв. кат",
            "Квалификационная категория (при наличии)",
            "Наличие квалификационной категории",
            "Категория (высшая, первая, СЗД)",
            "Результат аттестации",
        ),
        26,
    ),
    Column(
        "email",
        "E-mail",
        (
            "Email",
            "E-mail (личный)",
            "Эл. почта",
            "Эл.почта",
            "Электронная почта",
            "Адрес электронной почты",
            "Адрес эл. почты",
            "Электронный адрес",
            "Эл. адрес",
            "Почта",
            "Личная электронная почта",
            "Mail",
        ),
        28,
    ),
    Column(
        "phone",
        "Телефон",
        (
            "Тел",
            "Номер телефона",
            "Контактный телефон",
            "Мобильный телефон",
            "Моб. телефон",
            "Сотовый телефон",
            "Сот. телефон",
            "Телефон (мобильный)",
            "Контактный номер",
            "Телефон для связи",
        ),
        20,
    ),
    Column("kind", "Вид участника", ("Тип участника",), width=24),
)
# A student's class. Read from a staff file, not written by the export (it writes staff). A
# bare «Класс» is not read into it: in a list of teachers it is the class they lead.
CLASS = Column("class_name", "Класс обучающегося", ("Класс обучения", "Класс ученика"))
# Duties at the school (Person.duties), and the class a class teacher leads: a list may give
# them in one column («классный руководитель 5А, руководитель ШМО») or the class apart. Read
# from a staff file, not written by the export.
DUTIES = Column(
    "duties",
    "Обязанности",
    (
        "Дополнительные обязанности",
        "Доп. обязанности",
        "Функционал",
        "Функциональные обязанности",
        "Дополнительный функционал",
    ),
)
HOMEROOM = Column(
    "homeroom",
    "Классное руководство",
    ("Классный руководитель", "Кл. руководство", "Кл. рук.", "Классное руководство (класс)"),
)


STAFF_COLUMNS = (FIO, *LAYOUT, CLASS, DUTIES, HOMEROOM)


def has_name_columns(keys) -> bool:
    """A staff or bank file's header row: it names people by «ФИО» or by surname and name."""
    return "fio" in keys or {"last_name", "first_name"} <= set(keys)


def _read(upload, known: dict[str, str], mapping: Mapping | None) -> SpreadsheetTable:
    upload.seek(0)
    return spreadsheet_read(
        upload,
        known,
        is_header=has_name_columns,
        no_header=_(
            "Не найдена строка заголовков со столбцом «ФИО» (или «Фамилия» и «Имя») "
            "в первых %(rows)s строках. Скачайте шаблон и сверьте названия столбцов."
        )
        % {"rows": HEADER_SEARCH_ROWS},
        mapping=mapping,
    )


def best_mapping(table: SpreadsheetTable, columns, mapping: Mapping) -> Mapping:
    """Where two columns of the file are names of one field, the mapping that gives the field
    to the column with the earlier name in `columns`; empty when the reader did so already.
    Headers the user mapped are left as they are."""
    rank = {
        normalise_header(name): (column.key, position)
        for column in columns
        for position, name in enumerate((column.header, *column.synonyms))
    }
    best: dict[str, tuple[int, str]] = {}
    holder: dict[str, str] = {}
    for column in table.columns:
        name = normalise_header(column.header)
        if name in mapping or name not in rank:
            continue
        key, position = rank[name]
        if key not in best or position < best[key][0]:
            best[key] = (position, name)
        if column.key == key:
            holder[key] = name
    better: Mapping = {}
    for key, (_position, name) in best.items():
        if holder.get(key, name) != name:
            better.update({name: key, holder[key]: None})
    return better


def people_file_read(upload, columns=STAFF_COLUMNS, mapping: Mapping | None = None):
    """Check and read an uploaded workbook of people (a staff file by default) whose fields
    are `columns`, with the user's `mapping` where it names a header; a ValidationError says
    what is wrong with the file."""
    known = known_headers(columns)
    table = _read(upload, known, mapping)
    if better := best_mapping(table, columns, mapping or {}):
        table = _read(upload, known, {**better, **(mapping or {})})
    return table


# Building workbooks.


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
    sheet["D2"].number_format = DATE_FORMAT
    for index, column in enumerate(LAYOUT, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.cell(row=1, column=index).fill = HEADER_FILL
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
