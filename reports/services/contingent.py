"""A school's contingent: its students counted on a date, typed by hand or read from a class
list (ФИО, дата рождения, класс), the denominators of the students' indicators."""

from collections import Counter
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.spreadsheets import (
    HEADER_SEARCH_ROWS,
    Column,
    cell_text,
    known_headers,
    spreadsheet_read,
)
from mentoring.imports.banks import bank_columns
from mentoring.imports.staff_rows import CellError, match_key, parse_birth_date, parse_class
from mentoring.models import Organisation, Person

from ..models import Contingent
from ..selectors.indicators import MENTEE_AGES, MENTOR_AGES, contingent_students

# A pupil of a school is from 5 to 21 years old on the day of the count; a birth date outside
# that is a typing error (or a teacher's row) and is shown as rejected, not counted.
STUDENT_AGES = (5, 21)
# A pupil's name as bank files of mentees write it («ФИО обучающегося», «Ф.И.О. ученика»…).
_PUPIL = next(column for column in bank_columns("mentees") if column.key == "fio")
CLASS_LIST_COLUMNS = (
    Column(
        "fio",
        "ФИО",
        (*_PUPIL.synonyms, "Фамилия, имя обучающегося", "Фамилия и имя", "Обучающийся", "Ученик"),
    ),
    Column(
        "birth_date",
        "Дата рождения",
        (
            "Д.р",
            "Д/р",
            "Д. р",
            "ДР",
            "Дата рожд",
            "Дата рожд.",
            "Дата рождения обучающегося",
            "Число, месяц, год рождения",
            "Рождения",
        ),
    ),
    Column(
        "class_name",
        "Класс",
        ("Класс обучения", "Класс обучающегося", "Класс ученика", "Кл", "Кл.", "Литер"),
    ),
)
_KNOWN = known_headers(CLASS_LIST_COLUMNS)


def _is_header(keys) -> bool:
    return "birth_date" in keys and bool({"fio", "class_name"} & set(keys))


def _check_day(counted_on: date) -> None:
    if counted_on > timezone.localdate():
        raise ValidationError({"counted_on": _("Дата подсчёта не может быть в будущем.")})


def _check_free(organisation: Organisation, counted_on: date) -> None:
    if Contingent.objects.filter(organisation=organisation, counted_on=counted_on).exists():
        raise ValidationError(
            {
                "counted_on": _(
                    "На %(day)s контингент уже введён. Удалите ту запись или выберите другую дату."
                )
                % {"day": f"{counted_on:%d.%m.%Y}"}
            }
        )


@transaction.atomic
def contingent_create(
    *,
    organisation: Organisation,
    counted_on: date,
    students_total: int,
    students_10_18: int,
    students_15_18: int,
    user,
) -> Contingent:
    """Counts typed by hand: 15–18 ≤ 10–18 ≤ all students, one count a day."""
    errors = {}
    if students_10_18 > students_total:
        errors["students_10_18"] = _(
            "Обучающихся 10–18 лет не может быть больше, чем всего обучающихся (%(total)s)."
        ) % {"total": students_total}
    if students_15_18 > students_10_18:
        errors["students_15_18"] = _(
            "Обучающиеся 15–18 лет входят в число обучающихся 10–18 лет: их не может быть "
            "больше (%(count)s)."
        ) % {"count": students_10_18}
    if errors:
        raise ValidationError(errors)
    _check_day(counted_on)
    _check_free(organisation, counted_on)
    return Contingent.objects.create(
        organisation=organisation,
        counted_on=counted_on,
        source=Contingent.Source.MANUAL,
        students_total=students_total,
        students_10_18=students_10_18,
        students_15_18=students_15_18,
        created_by=user,
    )


def _age(born: date, on: date) -> int:
    return Person(birth_date=born).age(on)


def class_list_rows(table, counted_on: date) -> tuple[Counter, list[dict]]:
    """The birth dates of a class list's pupils (date → count) and the rows not taken, each
    with its reason."""
    born: Counter = Counter()
    rejected: list[dict] = []
    seen: dict[tuple, int] = {}
    for number, cells in table.rows:
        name = cell_text(cells.get("fio"))
        if "birth_date" not in cells:
            reason = (
                _("Не указана дата рождения.")
                if name
                else _("В строке нет ни ФИО, ни даты рождения — похоже на заголовок или итог.")
            )
            rejected.append({"row": number, "reason": reason})
            continue
        try:
            day = parse_birth_date(cells["birth_date"], counted_on)
            if "class_name" in cells:
                parse_class(cells["class_name"])
        except CellError as error:
            rejected.append({"row": number, "reason": str(error)})
            continue
        age = _age(day, counted_on)
        if not STUDENT_AGES[0] <= age <= STUDENT_AGES[1]:
            rejected.append(
                {
                    "row": number,
                    "reason": ngettext(
                        "Дата рождения %(day)s: на дату подсчёта %(age)s год — это не возраст "
                        "обучающегося.",
                        "Дата рождения %(day)s: на дату подсчёта %(age)s лет — это не возраст "
                        "обучающегося.",
                        age,
                    )
                    % {"day": f"{day:%d.%m.%Y}", "age": age},
                }
            )
            continue
        key = (match_key(name), day)
        if name and key in seen:
            rejected.append(
                {
                    "row": number,
                    "reason": _("Повторяет строку %(row)s (те же ФИО и дата рождения).")
                    % {"row": seen[key]},
                }
            )
            continue
        seen.setdefault(key, number)
        born[day.isoformat()] += 1
    return born, rejected


def class_list_read(upload):
    upload.seek(0)
    return spreadsheet_read(
        upload,
        _KNOWN,
        is_header=_is_header,
        no_header=_(
            "Не найдена строка заголовков со столбцами «ФИО» (или «Класс») и «Дата рождения» "
            "в первых %(rows)s строках. Переименуйте столбцы и загрузите файл снова."
        )
        % {"rows": HEADER_SEARCH_ROWS},
    )


@transaction.atomic
def contingent_import(*, organisation: Organisation, counted_on: date, upload, user) -> Contingent:
    """A class list read into birth dates; rows that are not a pupil's are kept with their
    reason, never dropped silently. Reading is bounded as every import's is
    (core.spreadsheets)."""
    _check_day(counted_on)
    _check_free(organisation, counted_on)
    table = class_list_read(upload)
    born, rejected = class_list_rows(table, counted_on)
    if not born:
        reasons = "; ".join(f"{_('строка')} {row['row']}: {row['reason']}" for row in rejected[:3])
        raise ValidationError(
            _("В файле не найдено ни одного обучающегося с датой рождения. %(reasons)s")
            % {"reasons": reasons}
        )
    contingent = Contingent(
        organisation=organisation,
        counted_on=counted_on,
        source=Contingent.Source.CLASS_LIST,
        students_total=sum(born.values()),
        birth_dates=dict(sorted(born.items())),
        file_name=table.name[:255],
        rejected_rows=rejected,
        created_by=user,
    )
    # The counts on the day of the list, for the list page; reports count on their own date.
    contingent.students_10_18 = contingent_students(contingent, counted_on, *MENTEE_AGES)
    contingent.students_15_18 = contingent_students(contingent, counted_on, *MENTOR_AGES)
    contingent.save()
    return contingent


@transaction.atomic
def contingent_delete(*, contingent: Contingent) -> None:
    contingent.delete()
