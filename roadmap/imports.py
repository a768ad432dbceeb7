"""A roadmap in Excel, in the five columns schools print it in (№, Мероприятие, Срок,
Ответственные, Результат) with each stage as a bold section row; and the file read back:
checked, previewed row by row, then applied in place of the roadmap's stages and activities.

Headers are the file format: they stay Russian whatever the interface language.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, NamedTuple

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.spreadsheets import (
    HEADER_SEARCH_ROWS,
    Column,
    cell_text,
    known_headers,
    spreadsheet_read,
    workbook_bytes,
    xlsx_cell,
    xlsx_header_cells,
)
from mentoring.models import AcademicYear, Organisation, Person, User

from .deadlines import ParsedDeadline, parse_deadline
from .models import Activity, Roadmap, Stage
from .selectors.approval import responsible_line, restricted_responsible
from .services.roadmap import deadline_fields, roadmap_check_unlocked, roadmap_create_empty
from .templates_data import roles_from_text

TITLE = "title"
COLUMNS = (
    Column("number", "№", ("№ п/п", "N п/п", "№ пп", "Номер", "п/п"), 8),
    Column(
        TITLE,
        "Мероприятие",
        (
            "Мероприятия",
            "Наименование мероприятия",
            "Наименование мероприятий",
            "Содержание мероприятия",
            "Название мероприятия",
        ),
        70,
    ),
    Column(
        "deadline",
        "Срок",
        ("Сроки", "Срок реализации", "Срок исполнения", "Сроки реализации", "Сроки проведения"),
        24,
    ),
    Column(
        "responsible",
        "Ответственные",
        (
            "Ответственный",
            "Ответственный исполнитель",
            "Ответственные исполнители",
            "Исполнитель",
            "Исполнители",
        ),
        32,
    ),
    Column(
        "result",
        "Результат",
        (
            "Результат. Вид документа",
            "Результат, вид документа",
            "Результат / документ",
            "Ожидаемый результат",
            "Вид документа",
        ),
        34,
    ),
)
_HEADERS = known_headers(COLUMNS)
# Title and content share the activity's cell, parted by an empty line; a title keeps its
# single line breaks (some documents list items in it).
CONTENT_SEPARATOR = "\n\n"
_LIMITS = {"title": 1000, "deadline_text": 300, "responsible_text": 500, "result": 500}
_STAGE_LIMIT = 500
# «1», «1.», «Этап 2», «II.»: the number of a stage, nothing after it.
_STAGE_NUMBER = re.compile(r"(?:этап\s*)?(?:\d{1,2}|[IVX]{1,5})\s*[.)]?", re.IGNORECASE)
# The same with the stage's title after it, as a merged section row writes it.
_STAGE_WITH_TITLE = re.compile(
    r"(?:этап\s*)?(?:\d{1,2}|[IVX]{1,5})\s*[.)]?\s+(?P<title>\S.*)", re.IGNORECASE | re.DOTALL
)


# Writing.


def _row_style(sheet, values, *, bold: bool = False) -> list:
    alignment = Alignment(wrap_text=True, vertical="top")
    font = Font(bold=bold)
    return [xlsx_cell(sheet, value, alignment=alignment, font=font) for value in values]


def activity_cell(activity: Activity) -> str:
    return activity.title + (CONTENT_SEPARATOR + activity.content if activity.content else "")


def roadmap_workbook(roadmap: Roadmap, stages: list[Stage]) -> bytes:
    """`stages` as roadmap_stages gives them, each with its `shown_activities`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Дорожная карта"
    width = len(COLUMNS)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.append(_row_style(sheet, [roadmap.title], bold=True))
    sheet.append(
        _row_style(
            sheet,
            [f"{roadmap.organisation.full_name}, {roadmap.academic_year.title} учебный год"],
        )
    )
    for row in (1, 2):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.row_dimensions[row].height = 32
    sheet.append([])
    sheet.append(xlsx_header_cells(sheet, [column.header for column in COLUMNS]))
    sheet.freeze_panes = "A5"
    left_out = restricted_responsible(roadmap)
    for stage in stages:
        sheet.append(_row_style(sheet, [f"{stage.number}.", stage.title], bold=True))
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=width)
        for activity in stage.shown_activities:
            values = [
                f"{stage.number}.{activity.number}.",
                activity_cell(activity),
                activity.deadline_text,
                responsible_line(activity, left_out),
                activity.result,
            ]
            sheet.append(_row_style(sheet, values))
    return workbook_bytes(workbook)


# Reading.


@dataclass
class ImportActivity:
    row: int
    title: str
    content: str = ""
    deadline_text: str = ""
    responsible_text: str = ""
    result: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportStage:
    row: int
    title: str
    activities: list[ImportActivity] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class RoadmapFile:
    name: str
    sha256: str
    stages: list[ImportStage]
    # Rows that belong nowhere: (row number, error).
    orphans: list[tuple[int, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def activity_count(self) -> int:
        return sum(len(stage.activities) for stage in self.stages)

    @property
    def error_count(self) -> int:
        return len(self.orphans) + sum(
            len(stage.errors) + sum(len(a.errors) for a in stage.activities)
            for stage in self.stages
        )

    def to_data(self) -> dict:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict) -> "RoadmapFile":
        stages = [
            ImportStage(
                row=stage["row"],
                title=stage["title"],
                activities=[ImportActivity(**activity) for activity in stage["activities"]],
                errors=stage["errors"],
            )
            for stage in data["stages"]
        ]
        return cls(
            name=data["name"],
            sha256=data["sha256"],
            stages=stages,
            orphans=[tuple(orphan) for orphan in data["orphans"]],
            ignored=data["ignored"],
        )


def _line(value: Any) -> str:
    """A one-line text: spaces and line breaks collapsed."""
    return " ".join(cell_text(value).split()) if value is not None else ""


def _lines(value: Any) -> str:
    """A text whose line breaks count; spaces at the ends of lines dropped. A date or a
    number reads as it shows."""
    if not isinstance(value, str):
        return cell_text(value)
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def roadmap_file_read(upload) -> RoadmapFile:
    """Check and read an uploaded roadmap; a ValidationError says what is wrong with the file,
    the rows carry their own errors."""
    table = spreadsheet_read(
        upload,
        _HEADERS,
        is_header=lambda keys: TITLE in keys,
        no_header=_(
            "Не найдена строка заголовков со столбцом «Мероприятие» в первых %(rows)s "
            "строках. Выгрузите дорожную карту в Excel и сверьте названия столбцов."
        )
        % {"rows": HEADER_SEARCH_ROWS},
    )
    content = RoadmapFile(name=table.name, sha256=table.sha256, stages=[], ignored=table.ignored)
    for number, cells in table.rows:
        _read_row(content, number, cells)
    if not content.stages:
        raise ValidationError(
            _(
                "В файле нет ни одного этапа. Этап — строка с его номером («1.») и названием "
                "без срока и ответственных; мероприятия идут под ним."
            )
        )
    return content


def _read_row(content: RoadmapFile, number: int, cells: dict[str, Any]) -> None:
    mark = _line(cells.get("number"))
    text = _lines(cells.get(TITLE))
    details = {
        "deadline_text": _lines(cells.get("deadline")),
        "responsible_text": _lines(cells.get("responsible")),
        "result": _lines(cells.get("result")),
    }
    if not any(details.values()):
        if not text and (match := _STAGE_WITH_TITLE.fullmatch(mark)):
            content.stages.append(_stage(number, match["title"]))
            return
        if text and (not mark or _STAGE_NUMBER.fullmatch(mark)):
            content.stages.append(_stage(number, text))
            return
    if not content.stages:
        content.orphans.append(
            (number, _("Мероприятие стоит до первого этапа: добавьте над ним строку этапа."))
        )
        return
    title, _separator, rest = text.partition(CONTENT_SEPARATOR)
    activity = ImportActivity(row=number, title=title.strip(), content=rest.strip())
    for name, value in details.items():
        setattr(activity, name, value)
    if not activity.title:
        activity.errors.append(_("Нет названия мероприятия."))
    for name, limit in _LIMITS.items():
        if len(getattr(activity, name)) > limit:
            activity.errors.append(
                _("Столбец «%(column)s» длиннее %(limit)s символов.")
                % {"column": _column_header(name), "limit": limit}
            )
    content.stages[-1].activities.append(activity)


def _column_header(name: str) -> str:
    key = {"title": TITLE, "deadline_text": "deadline", "responsible_text": "responsible"}
    key = key.get(name, name)
    return next(column.header for column in COLUMNS if column.key == key)


def _stage(number: int, title: str) -> ImportStage:
    stage = ImportStage(row=number, title=" ".join(title.split()))
    if len(stage.title) > _STAGE_LIMIT:
        stage.errors.append(
            _("Название этапа длиннее %(limit)s символов.") % {"limit": _STAGE_LIMIT}
        )
    return stage


# Responsible people named in the text.


def _name_key(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = re.sub(r"\.\s+", ".", text)
    return " ".join(text.split())


def _name_forms(person: Person) -> list[str]:
    """«Иванова Анна Петровна», «Иванова А.П.», «А.П. Иванова»."""
    initials = "".join(f"{part[0]}." for part in (person.first_name, person.patronymic) if part)
    forms = [person.full_name, person.short_name]
    if initials:
        forms.append(f"{initials} {person.last_name}")
    return [_name_key(form) for form in forms if form]


class StaffIndex:
    """The school's staff, to find the people a responsible text names."""

    def __init__(self, people):
        self.patterns = [
            (
                person,
                re.compile(
                    "|".join(
                        rf"(?<![а-яa-z]){re.escape(form)}(?![а-яa-z])"
                        for form in _name_forms(person)
                    )
                ),
            )
            for person in people
        ]

    def named_in(self, text: str) -> list[Person]:
        key = _name_key(text)
        if not key:
            return []
        return [person for person, pattern in self.patterns if pattern.search(key)]


# Preview and applying.


class PreviewActivity(NamedTuple):
    item: ImportActivity
    number: str
    parsed: ParsedDeadline
    people: list[Person]

    @property
    def unparsed(self) -> bool:
        return self.parsed.kind == Activity.DeadlineKind.UNPARSED

    @property
    def kind_label(self) -> str:
        return Activity.DeadlineKind(self.parsed.kind).label


def preview(
    content: RoadmapFile, academic_year: AcademicYear, staff: StaffIndex
) -> list[tuple[int, ImportStage, list[PreviewActivity]]]:
    """Each stage with its number and its activities as they would be saved."""
    rows = []
    for stage_number, stage in enumerate(content.stages, start=1):
        activities = [
            PreviewActivity(
                item,
                f"{stage_number}.{number}",
                parse_deadline(
                    item.deadline_text, academic_year.start_date, academic_year.end_date
                ),
                staff.named_in(item.responsible_text),
            )
            for number, item in enumerate(stage.activities, start=1)
        ]
        rows.append((stage_number, stage, activities))
    return rows


class ImportResult(NamedTuple):
    roadmap: Roadmap
    created: bool
    activities: int
    unparsed: int


@transaction.atomic
def roadmap_import_apply(
    *,
    organisation: Organisation,
    academic_year: AcademicYear,
    content: RoadmapFile,
    staff: StaffIndex,
    actor: User,
) -> ImportResult:
    """Put the file's stages and activities in place of those of the school's roadmap for the
    year, or make the roadmap. Refused while the file has errors or the roadmap is approved."""
    if content.error_count:
        raise ValidationError(_("Исправьте ошибки в файле и загрузите его снова."))
    if academic_year.organisation_id != organisation.pk:
        raise ValidationError(_("Учебный год относится к другой организации."))
    roadmap = (
        Roadmap.objects.select_for_update()
        .filter(organisation=organisation, academic_year=academic_year)
        .first()
    )
    created = roadmap is None
    with set_actor(actor):
        if roadmap is None:
            roadmap = roadmap_create_empty(
                organisation=organisation, academic_year=academic_year, actor=actor
            )
        else:
            roadmap_check_unlocked(roadmap)
            roadmap.stages.all().delete()
        stages = Stage.objects.bulk_create(
            Stage(roadmap=roadmap, number=number, title=stage.title)
            for number, stage in enumerate(content.stages, start=1)
        )
        activities, people = [], []
        for stage, source in zip(stages, content.stages, strict=True):
            for number, item in enumerate(source.activities, start=1):
                activities.append(
                    Activity(
                        stage=stage,
                        number=number,
                        title=item.title,
                        content=item.content,
                        deadline_text=item.deadline_text,
                        responsible_text=item.responsible_text,
                        responsible_roles=roles_from_text(item.responsible_text),
                        result=item.result,
                        **deadline_fields(item.deadline_text, academic_year),
                    )
                )
                people.append(staff.named_in(item.responsible_text))
        activities = Activity.objects.bulk_create(activities)
        Through = Activity.responsible_people.through
        Through.objects.bulk_create(
            Through(activity_id=activity.pk, person_id=person.pk)
            for activity, named in zip(activities, people, strict=True)
            for person in named
        )
    unparsed = sum(a.deadline_kind == Activity.DeadlineKind.UNPARSED for a in activities)
    return ImportResult(roadmap, created, len(activities), unparsed)


def export_filename(roadmap: Roadmap, today: date) -> str:
    return f"roadmap-{roadmap.academic_year.title.replace('/', '-')}-{today:%Y-%m-%d}.xlsx"
