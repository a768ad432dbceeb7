"""Workbooks for import tests, built in code."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

HEADERS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Должность",
    "Предметы",
    "Стаж",
    "Квалификационная категория",
    "E-mail",
    "Телефон",
]


def xlsx_bytes(*rows, title: str = "Сотрудники") -> bytes:
    """A workbook whose first sheet holds the given rows (the first is usually the header)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "staff.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def read_rows(content: bytes, sheet: int = 0) -> list[tuple]:
    workbook = load_workbook(BytesIO(content), read_only=True)
    rows = list(workbook.worksheets[sheet].iter_rows(values_only=True))
    workbook.close()
    return rows
