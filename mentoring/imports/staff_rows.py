"""Reading one row of a staff file into Person fields, with the errors to show beside it."""

import re
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.spreadsheets import cell_text, russian_label

from ..models import Person


class CellError(Exception):
    """A value or row that cannot be imported; the message is shown next to the row."""


def name_header(headers: dict[str, str]) -> str:
    return headers.get("fio") or headers.get("last_name", "")


# Parsing a row.

_DATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г\.?)?")
_EXPERIENCE_RE = re.compile(r"(\d{1,4}(?:[.,]\d+)?)\s*(?:лет|года|год|г\.?)?")
_NO_CATEGORY = ("без категории", "нет", "-", "—", "сзд", "соответствие занимаемой должности")
_CATEGORIES = {
    **dict.fromkeys(_NO_CATEGORY, Person.Category.NONE),
    "первая": Person.Category.FIRST,
    "высшая": Person.Category.HIGHEST,
}
_KIND_SYNONYMS = {
    "учитель": Person.Kind.TEACHER,
    "сотрудник": Person.Kind.STAFF,
    "ученик": Person.Kind.STUDENT,
    "учащийся": Person.Kind.STUDENT,
    "родитель": Person.Kind.PARENT,
}


def match_key(text: str) -> str:
    """How names compare when matching rows to people: spacing, case and «ё» ignored."""
    return " ".join(text.split()).casefold().replace("ё", "е")


def parse_birth_date(value: Any, today: date) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        match = _DATE_RE.fullmatch(cell_text(value))
        if not match:
            raise CellError(_("Укажите дату в виде ДД.ММ.ГГГГ, например 05.09.1984."))
        day, month, year = map(int, match.groups())
        try:
            value = date(year, month, day)
        except ValueError:
            raise CellError(
                _("Такой даты не существует: %(value)s.") % {"value": match[0]}
            ) from None
    if value > today:
        raise CellError(_("Дата рождения в будущем."))
    return value


def _parse_experience(value: Any, today: date) -> int:
    """The year teaching began, from a number of years or from the year itself."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        match = _EXPERIENCE_RE.fullmatch(match_key(cell_text(value)))
        number = float(match[1].replace(",", ".")) if match else -1.0
    if number.is_integer() and 1950 <= number <= today.year:
        return int(number)
    if 0 <= number <= 80:
        return today.year - int(number)
    raise CellError(
        _("Стаж — число лет (например, 12 или «12,5») или год начала работы (1950–%(year)s).")
        % {"year": today.year}
    )


def _parse_category(value: Any) -> str:
    text = match_key(cell_text(value)).removesuffix(" категория").removesuffix(" квалификационная")
    if text not in _CATEGORIES:
        raise CellError(
            _(
                "Неизвестная категория «%(value)s». Допустимо: высшая, первая, без категории, "
                "нет, СЗД (соответствие занимаемой должности)."
            )
            % {"value": cell_text(value)}
        )
    return _CATEGORIES[text]


def _parse_kind(value: Any) -> str:
    kinds = {**_KIND_SYNONYMS, **{match_key(russian_label(k)): k.value for k in Person.Kind}}
    if kind := kinds.get(match_key(cell_text(value))):
        return kind
    labels = ", ".join(russian_label(kind) for kind in Person.Kind)
    raise CellError(
        _("Неизвестный вид участника «%(value)s». Допустимо: %(labels)s.")
        % {"value": cell_text(value), "labels": labels}
    )


def _parse_subjects(value: Any, catalogue: dict[str, str]) -> list[str]:
    names: dict[str, str] = {}
    for part in re.split(r"[,;]", cell_text(value)):
        name = part.strip()
        if len(name) > 100:
            raise CellError(_("Название предмета длиннее 100 символов."))
        if name:
            key = name.casefold()
            names.setdefault(key, catalogue.get(key, name[:1].upper() + name[1:]))
    return list(names.values())


def parse_names(cells: dict[str, Any], headers: dict[str, str]) -> dict[str, str]:
    if {"last_name", "first_name"} <= headers.keys():
        names = {k: cell_text(cells.get(k)) for k in ("last_name", "first_name", "patronymic")}
    else:
        # «Мамедов Эльчин Рашид оглы»: whatever follows the first name is the patronymic.
        parts = cell_text(cells.get("fio")).split(" ")
        names = {
            "last_name": parts[0],
            "first_name": parts[1] if len(parts) > 1 else "",
            "patronymic": " ".join(parts[2:]),
        }
    if not names["last_name"] or not names["first_name"]:
        raise CellError(_("Нужны как минимум фамилия и имя."))
    return {k: v for k, v in names.items() if v}


def parse_row(
    cells: dict[str, Any], headers: dict[str, str], *, catalogue: dict[str, str], today: date
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """A row's Person fields (plus "subjects" names) and its errors as {column, message}.

    An empty cell leaves its field out: an import never erases what is stored.
    """
    name_column = name_header(headers)
    data: dict[str, Any] = {}
    errors: list[dict[str, str]] = []
    parsers = {
        "birth_date": lambda v: parse_birth_date(v, today),
        "position": cell_text,
        "subjects": lambda v: _parse_subjects(v, catalogue),
        "experience": lambda v: _parse_experience(v, today),
        "category": _parse_category,
        "email": lambda v: cell_text(v).lower(),
        "phone": cell_text,
        "kind": _parse_kind,
    }
    try:
        data.update(parse_names(cells, headers))
    except CellError as exc:
        errors.append({"column": name_column, "message": str(exc)})
    for key, parse in parsers.items():
        if key in cells:
            try:
                data["teaching_since" if key == "experience" else key] = parse(cells[key])
            except CellError as exc:
                errors.append({"column": headers[key], "message": str(exc)})
    if "birth_date" in data and data.get("kind") != Person.Kind.STUDENT:
        age = Person(birth_date=data["birth_date"]).age(on=today)
        if not 14 <= age <= 100:
            message = _("Возраст %(age)s — проверьте дату рождения (допустимо от 14 до 100 лет).")
            errors.append({"column": headers["birth_date"], "message": message % {"age": age}})
    fields = {k: v for k, v in data.items() if k != "subjects"}
    try:
        Person(**fields).clean_fields(
            exclude=[f.name for f in Person._meta.fields if f.name not in fields]
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            column = headers.get("experience" if field == "teaching_since" else field)
            errors.extend({"column": column or name_column, "message": m} for m in messages)
    return data, errors


# Matching rows to people.
