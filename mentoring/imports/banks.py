"""Import of the banks of mentees and mentors: rows of a file matched to the school's people,
previewed as a StaffImport and written to the bank of the import's academic year once confirmed.

The file has the export's columns, so an exported bank imports back with no changes. People
come from the directory: a row never adds a person, and the directory columns of the export
(kind, position, subjects…) are read only to be left alone.
"""

import re
from collections import Counter
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Choices, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.spreadsheets import Column, SpreadsheetTable, cell_text, russian_label

from ..catalogues import SPELLINGS
from ..models import (
    AcademicYear,
    Consent,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    Organisation,
    Person,
    StaffImport,
)
from ..services.banks import MENTOR_STUDENT_AGES, bank_entry_update, mentee_add, mentor_add
from ..services.consents import valid_consent_kinds
from .directory import PersonDirectory, row_name
from .preview import dates_restored, preview_row
from .staff_file import FIO, LAYOUT
from .staff_rows import (
    CellError,
    match_key,
    name_header,
    parse_birth_date,
    parse_class,
    parse_date,
    parse_names,
)

MODELS = {"mentees": MenteeEntry, "mentors": MentorEntry}
_TAGS = {"mentees": "requests", "mentors": "competences"}

_NAMES = tuple(c for c in LAYOUT if c.key in ("last_name", "first_name", "patronymic"))
_WHO = (*_NAMES, *(c for c in LAYOUT if c.key in ("birth_date", "email")))
# The bank's own names for the person column, after the directory's (see staff_file.FIO_NAMES).
_FIO = {
    "mentees": (
        "ФИО наставляемого",
        "Ф.И.О. наставляемого",
        "ФИО обучающегося",
        "Ф.И.О. обучающегося",
        "ФИО ученика",
        "Ф.И.О. ученика",
        "ФИО учащегося",
        "Ф.И.О. учащегося",
        "ФИО молодого специалиста",
    ),
    "mentors": ("ФИО наставника", "Ф.И.О. наставника"),
}
# A student's class: tells namesakes apart when there is no e-mail or birth date.
_CLASS = Column("class_name", "Класс", ("Класс обучения", "Класс обучающегося", "Класс ученика"))
# Written by the export for reading; the directory and the consents are changed elsewhere.
_READ_ONLY = tuple(
    Column(f"read_only_{index}", header)
    for index, header in enumerate(
        (
            "Вид участника",
            "Должность / класс",
            "Предметы",
            "Педагогический стаж, лет",
            "Квалификационная категория",
        )
    )
)
_CONSENT = Column("consent", "Согласие на обработку ПДн")
ENTRY = (
    Column("status", "Статус", ("Статус в банке",)),
    Column(
        "preferred_forms",
        "Желаемые формы наставничества",
        ("Формы наставничества", "Форма наставничества", "Желаемая форма наставничества"),
    ),
    Column("comment", "Комментарий", ("Примечание", "Примечания", "Комментарии")),
)
COLUMNS = {
    "mentees": (
        Column(
            "categories",
            "Категории",
            ("Категория", "Категория наставляемого", "Категории наставляемых"),
        ),
        Column(
            "requests",
            "Запросы",
            (
                "Запрос",
                "Запрос на наставничество",
                "Профессиональные затруднения",
                "Профессиональные дефициты",
                "Затруднения",
                "Дефициты",
            ),
        ),
        Column(
            "requests_text",
            "Запрос своими словами",
            ("Описание запроса", "Запрос (подробно)", "Суть запроса"),
        ),
        Column(
            "request_sources",
            "Источники запроса",
            ("Источник запроса", "Кто выявил запрос", "Откуда запрос"),
        ),
    ),
    "mentors": (
        Column("grounds", "Основания", ("Основание", "Основание для включения в базу")),
        Column(
            "competences",
            "Компетенции",
            (
                "Компетенция",
                "Профессиональные компетенции",
                "Сильные стороны",
                "Область компетенций",
            ),
        ),
        Column(
            "capacity",
            "Наставляемых одновременно",
            ("Количество наставляемых", "Кол-во наставляемых", "Число наставляемых"),
        ),
        Column("interview_date", "Дата собеседования"),
        Column("interview_result", "Итог собеседования", ("Результат собеседования",)),
        Column(
            "interview_psychologist_present",
            "Присутствовал педагог-психолог",
            ("Присутствовал психолог", "Участие педагога-психолога"),
        ),
        Column(
            "training_course",
            "Курс обучения (КПК)",
            ("КПК", "Курсы повышения квалификации", "Курс обучения", "Обучение наставника"),
        ),
        Column("training_hours", "Часов", ("Количество часов", "Кол-во часов", "Объём, часов")),
        Column(
            "training_date",
            "Дата окончания обучения",
            ("Дата окончания КПК", "Дата окончания курса", "Дата обучения"),
        ),
        Column(
            "training_certificate",
            "Номер удостоверения",
            ("№ удостоверения", "Удостоверение", "Номер удостоверения о КПК"),
        ),
    ),
}
_CHOICES = {"categories": MenteeEntry.Category, "request_sources": MenteeEntry.Source}
_CHOICES["grounds"] = MentorEntry.Ground
_TEXTS = ("comment", "requests_text", "interview_result", "training_course")
_TEXTS += ("training_certificate",)
_DATES = ("interview_date", "training_date")
_YES = {"да": True, "yes": True, "+": True, "1": True, "нет": False, "no": False, "-": False}
_YES["0"] = False


def bank_columns(target: str) -> tuple[Column, ...]:
    """Every column a bank file may have, in the order the upload page lists them."""
    fio = Column(FIO.key, FIO.header, (*FIO.synonyms, *_FIO[target]), FIO.width)
    return (fio, *_WHO, _CLASS, *COLUMNS[target], *ENTRY, *_READ_ONLY, _CONSENT)


def bank_read_only() -> tuple[str, ...]:
    """The keys of the columns a bank file may have that the import does not write: the
    consent and the directory's columns of the export."""
    return ("consent", *(c.key for c in _READ_ONLY))


# Reading cells.


def _named(value: Any, options: dict[str, Any]) -> list[Any]:
    """The options named in a cell, separated by ; or , (a name may itself hold a comma)."""
    text = match_key(cell_text(value))
    found = []
    for key in sorted(options, key=len, reverse=True):
        if key in text:
            found.append(key)
            text = text.replace(key, ";")
    unknown = [part.strip() for part in re.split(r"[;,]", text) if part.strip()]
    if unknown:
        raise CellError(
            _("Неизвестно: «%(values)s». Допустимо: %(labels)s.")
            % {"values": "», «".join(unknown), "labels": "; ".join(options_labels(options))}
        )
    return [option for key, option in options.items() if key in found]


def options_labels(options: dict[str, Any]) -> list[str]:
    """Each option once, by its name (a form) or its Russian label (a choice), whatever
    spellings lead to it."""
    labels = (
        russian_label(option) if isinstance(option, Choices) else str(option.name)
        for option in options.values()
    )
    return list(dict.fromkeys(labels))


def _choice_options(choice_class) -> dict[str, Any]:
    """A choice's Russian label and the other spellings the catalogue knows for it."""
    options = {}
    for choice in choice_class:
        for spelling in (*SPELLINGS.get(choice, ()), russian_label(choice)):
            options[match_key(spelling)] = choice
    return options


def _status(value: Any, model) -> str:
    options = _choice_options(model.Status)
    if status := options.get(match_key(cell_text(value))):
        return status.value
    raise CellError(
        _("Неизвестный статус «%(value)s». Допустимо: %(labels)s.")
        % {"value": cell_text(value), "labels": "; ".join(options_labels(options))}
    )


def _tags(value: Any) -> list[str]:
    names: dict[str, str] = {}
    for part in re.split(r"[;,]", cell_text(value)):
        if name := part.strip():
            names.setdefault(name.casefold(), name)
    return list(names.values())


def _date(value: Any) -> date:
    return parse_date(value, timezone.localdate())


def _number(value: Any, low: int, high: int) -> int:
    text = cell_text(value)
    if not text.isdigit() or not low <= int(text) <= high:
        raise CellError(
            _("Укажите целое число от %(low)s до %(high)s.") % {"low": low, "high": high}
        )
    return int(text)


def _yes_no(value: Any) -> bool:
    answer = _YES.get(match_key(cell_text(value)))
    if answer is None:
        raise CellError(_("Укажите «да» или «нет»."))
    return answer


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else cell_text(value)


def _parse_cell(key: str, value: Any, *, model, forms: dict[str, MentoringForm]) -> Any:
    if key == "status":
        return _status(value, model)
    if key in _CHOICES:
        return [choice.value for choice in _named(value, _choice_options(_CHOICES[key]))]
    if key == "preferred_forms":
        return sorted(form.pk for form in _named(value, forms))
    if key in ("requests", "competences"):
        return _tags(value)
    if key in _DATES:
        return _date(value)
    if key == "capacity":
        return _number(value, 1, 10)
    if key == "training_hours":
        return _number(value, 1, 10_000)
    if key == "interview_psychologist_present":
        return _yes_no(value)
    return _text(value)


def _parse_entry(cells, headers, *, model, forms) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The entry fields of a row ("tags" for requests or competences) and its errors."""
    data: dict[str, Any] = {}
    errors: list[dict[str, str]] = []
    for column in (*COLUMNS[_target(model)], *ENTRY):
        if column.key not in cells:
            continue
        try:
            value = _parse_cell(column.key, cells[column.key], model=model, forms=forms)
        except CellError as exc:
            errors.append({"column": headers[column.key], "message": str(exc)})
            continue
        data["tags" if column.key in _TAGS.values() else column.key] = value
    fields = {k: v for k, v in data.items() if k in (*_TEXTS, *_DATES, "training_hours")}
    try:
        model(**fields).clean_fields(
            exclude=[f.name for f in model._meta.fields if f.name not in fields]
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.extend({"column": headers[field], "message": m} for m in messages)
    return data, errors


def _target(model) -> str:
    return "mentees" if model is MenteeEntry else "mentors"


def _who(cells, headers, today: date) -> dict[str, Any]:
    """What identifies the row's person: names, and the e-mail and birth date if given."""
    who: dict[str, Any] = parse_names(cells, headers)
    if "birth_date" in cells:
        who["birth_date"] = parse_birth_date(cells["birth_date"], today)
    if "email" in cells:
        who["email"] = cell_text(cells["email"]).lower()
    if "class_name" in cells:
        who["class_name"] = parse_class(cells["class_name"])
    return who


def _person_problem(person: Person, model, today: date) -> str | None:
    if person.is_archived:
        return _("Участник в архиве: сначала верните его из архива.")
    if Consent.Kind.PROCESSING not in valid_consent_kinds(person, today):
        return _(
            "Нет действующего согласия на обработку персональных данных. Распечатайте бланк "
            "согласия, получите подпись и отметьте согласие в карточке участника."
        )
    student = model is MentorEntry and person.kind == Person.Kind.STUDENT
    if student and person.age(on=today) not in MENTOR_STUDENT_AGES:
        return _("Наставником из числа обучающихся может быть ученик 15–18 лет.")
    return None


# Comparing with the bank.


def _current(entry, field: str) -> Any:
    if field == "tags":
        return [tag.name for tag in getattr(entry, _TAGS[_target(type(entry))]).all()]
    if field == "preferred_forms":
        return sorted(form.pk for form in entry.preferred_forms.all())
    return getattr(entry, field)


def _same(field: str, old: Any, new: Any) -> bool:
    if field == "tags":
        return {n.casefold() for n in old} == {n.casefold() for n in new}
    if field in _CHOICES:
        return set(old) == set(new)
    return old == new


def _shown(model, field: str, value: Any, forms: dict[int, MentoringForm]) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if field == "status":
        return str(model.Status(value).label)
    if field in _CHOICES:
        return "; ".join(str(_CHOICES[field](v).label) for v in value)
    if field == "preferred_forms":
        return ", ".join(forms[pk].name for pk in value if pk in forms)
    if field == "tags":
        return ", ".join(value)
    if isinstance(value, bool):
        return _("да") if value else _("нет")
    return str(value)


def _changes(entry, data: dict[str, Any], forms: dict[int, MentoringForm]) -> list[dict]:
    model = type(entry)
    changes = []
    for field, new in data.items():
        old = _current(entry, field)
        if not _same(field, old, new):
            name = _TAGS[_target(model)] if field == "tags" else field
            label = str(capfirst(model._meta.get_field(name).verbose_name))
            changes.append(
                {
                    "field": label,
                    "old": _shown(model, field, old, forms),
                    "new": _shown(model, field, new, forms),
                }
            )
    return changes


def _entries(model, academic_year: AcademicYear, person_ids) -> dict[int, Any]:
    entries = model.objects.filter(academic_year=academic_year, person_id__in=person_ids)
    entries = entries.select_related("person__organisation").prefetch_related(
        _TAGS[_target(model)], "preferred_forms", "person__consents"
    )
    return {entry.person_id: entry for entry in entries}


def _forms(organisation: Organisation):
    return MentoringForm.objects.filter(Q(organisation=None) | Q(organisation=organisation))


# The import itself.


def bank_rows_plan(staff_import: StaffImport, staff_file: SpreadsheetTable) -> list[dict]:
    """Every row of the file planned against the directory and the bank of the import's year."""
    organisation, academic_year = staff_import.organisation, staff_import.academic_year
    model = MODELS[staff_import.target]
    today = timezone.localdate()
    headers = staff_file.headers
    forms = list(_forms(organisation))
    forms_by_name = {match_key(form.name): form for form in forms}
    directory = PersonDirectory(organisation)
    planned = []
    for number, cells in staff_file.rows:
        person, errors = None, []
        try:
            who = _who(cells, headers, today)
            person = directory.claim(number, who).person
            if person is None:
                raise CellError(
                    _("Нет в справочнике участников — сначала загрузите его в справочник.")
                )
        except CellError as exc:
            errors.append({"column": name_header(headers), "message": str(exc)})
        data, cell_errors = _parse_entry(cells, headers, model=model, forms=forms_by_name)
        planned.append((number, row_name(cells), person, data, errors + cell_errors))
    person_ids = [row[2].pk for row in planned if row[2]]
    people = Person.objects.prefetch_related("consents").in_bulk(person_ids)
    entries = _entries(model, academic_year, person_ids)
    forms_by_id = {form.pk: form for form in forms}
    rows = []
    for number, name, person, data, errors in planned:
        if person and (problem := _person_problem(people[person.pk], model, today)):
            column = headers.get("consent", name_header(headers))
            errors.insert(0, {"column": column, "message": problem})
        entry = entries.get(person.pk) if person else None
        rows.append(
            preview_row(
                number=number,
                name=name,
                person=person,
                existing=entry,
                data=data,
                changes=_changes(entry, data, forms_by_id) if entry and not errors else [],
                errors=errors,
            )
        )
    return rows


def bank_rows_write(staff_import: StaffImport) -> Counter:
    """Write the previewed rows to the bank; a row the bank now refuses is skipped."""
    model = MODELS[staff_import.target]
    year = staff_import.academic_year
    rows = [r for r in staff_import.rows if r["action"] in ("create", "update")]
    person_ids = [row["person_id"] for row in rows]
    people = (
        Person.objects.filter(organisation=staff_import.organisation)
        .select_related("organisation")
        .prefetch_related("consents")
        .in_bulk(person_ids)
    )
    entries = _entries(model, year, person_ids)
    forms = {form.pk: form for form in _forms(staff_import.organisation)}
    counts: Counter[str] = Counter()
    for row in rows:
        data = dates_restored(row["data"], _DATES)
        tags = data.pop("tags", None)
        form_ids = data.pop("preferred_forms", None)
        chosen = None if form_ids is None else [forms[pk] for pk in form_ids if pk in forms]
        person, entry = people.get(row["person_id"]), entries.get(row["person_id"])
        try:
            if entry is not None:
                bank_entry_update(entry=entry, data=data, tag_names=tags, preferred_forms=chosen)
                counts["updated"] += 1
            elif person is None:
                counts["skipped"] += 1
            else:
                _entry_add(model, year, person, data, tags or [], chosen or [])
                counts["created"] += 1
        except ValidationError:
            counts["skipped"] += 1
    return counts


def _entry_add(model, year, person, data: dict[str, Any], tags: list[str], forms) -> None:
    common = {"academic_year": year, "person": person, "preferred_forms": forms}
    if model is MenteeEntry:
        mentee_add(**common, request_names=tags, **data)
        return
    main = {k: data.pop(k) for k in ("status", "grounds", "capacity", "comment") if k in data}
    mentor_add(**common, competence_names=tags, details=data, **main)
