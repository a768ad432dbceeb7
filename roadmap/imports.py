"""A roadmap in Excel, in the five columns schools print it in (№, Мероприятие, Срок,
Ответственные, Результат) with each stage as a bold section row; and a school's file read back,
whatever its columns' order and names: each column matched to a field (the curator may change
the match), the rows read into stages and activities, previewed, then applied in place of the
roadmap's stages and activities.

Headers are the file format: they stay Russian whatever the interface language.
"""

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, NamedTuple

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.spreadsheets import (
    HEADER_SEARCH_ROWS,
    Column,
    FileColumn,
    Mapping,
    cell_text,
    known_headers,
    layout_signature,
    mapping_by_header,
    normalise_header,
    spreadsheet_read,
    workbook_bytes,
    xlsx_cell,
    xlsx_header_cells,
)
from mentoring.models import AcademicYear, Organisation, Person, User

from .deadlines import ParsedDeadline, parse_deadline, shift_years
from .models import Activity, Roadmap, Stage
from .selectors.approval import responsible_line, restricted_responsible
from .services.roadmap import deadline_fields, roadmap_check_unlocked, roadmap_create_empty
from .templates_data import roles_from_text

NUMBER, STAGE, TITLE, CONTENT = "number", "stage", "title", "content"
DEADLINE, RESPONSIBLE, RESULT = "deadline", "responsible", "result"
# Every field a column of a school's file may be read into, with the headers schools give it
# (collected from real roadmaps). The width is the export's.
FIELDS = (
    Column(
        NUMBER,
        "№",
        ("№ п/п", "N п/п", "№ пп", "№ п.п.", "Номер", "Номер п/п", "п/п", "N", "№ этапа"),
        8,
    ),
    Column(
        STAGE,
        "Этап",
        (
            "Этапы",
            "Наименование этапа",
            "Наименование этапов",
            "Название этапа",
            "Этап реализации",
            "Этапы реализации",
            "Этап работы",
            "Раздел",
            "Наименование раздела",
        ),
    ),
    Column(
        TITLE,
        "Мероприятие",
        (
            "Мероприятия",
            "Наименование мероприятия",
            "Наименование мероприятий",
            "Название мероприятия",
            "Перечень мероприятий",
            "Направление",
            "Направления",
            "Направление деятельности",
            "Направления деятельности",
            "Направление работы",
            "Вид деятельности",
            "Виды деятельности",
            "Задачи",
            "Действия",
        ),
        70,
    ),
    Column(
        CONTENT,
        "Содержание деятельности",
        (
            "Содержания деятельности",
            "Содержание мероприятия",
            "Содержание мероприятий",
            "Содержание",
            "Содержание работы",
            "Краткое содержание",
            "Описание",
            "Описание мероприятия",
            "Содержание деятельности и план мероприятий",
            "Содержание деятельности и примерный план мероприятий",
        ),
    ),
    Column(
        DEADLINE,
        "Срок",
        (
            "Сроки",
            "Срок реализации",
            "Сроки реализации",
            "Срок исполнения",
            "Сроки исполнения",
            "Срок проведения",
            "Сроки проведения",
            "Срок выполнения",
            "Сроки выполнения",
            "Дата",
            "Даты",
            "Дата проведения",
            "Период",
            "Период проведения",
            "Период реализации",
        ),
        24,
    ),
    Column(
        RESPONSIBLE,
        "Ответственные",
        (
            "Ответственный",
            "Ответственный исполнитель",
            "Ответственные исполнители",
            "Исполнитель",
            "Исполнители",
            "Ответственное лицо",
            "Ответственные лица",
            "Ответственный за исполнение",
            "Ответственные за исполнение",
        ),
        32,
    ),
    Column(
        RESULT,
        "Результат",
        (
            "Результаты",
            "Ожидаемый результат",
            "Ожидаемые результаты",
            "Планируемый результат",
            "Планируемые результаты",
            "Результат. Вид документа",
            "Результат, вид документа",
            "Результат / документ",
            "Вид документа",
            "Продукт",
            "Продукты",
            "Ожидаемый продукт",
            "Отчётный документ",
            "Отчётные документы",
            "Отчётная документация",
            "Форма отчётности",
            "Итоговый документ",
        ),
        34,
    ),
)
FIELD_LABELS = {
    NUMBER: gettext_lazy("№ по порядку"),
    STAGE: gettext_lazy("Этап"),
    TITLE: gettext_lazy("Мероприятие / направление"),
    CONTENT: gettext_lazy("Содержание мероприятия"),
    DEADLINE: gettext_lazy("Срок"),
    RESPONSIBLE: gettext_lazy("Ответственные"),
    RESULT: gettext_lazy("Результат"),
}
_BY_KEY = {column.key: column for column in FIELDS}
# The export: the five columns, the stage as a section row, the content in the activity's cell.
COLUMNS = tuple(_BY_KEY[key] for key in (NUMBER, TITLE, DEADLINE, RESPONSIBLE, RESULT))
_HEADERS = known_headers(FIELDS)
# Title and content share the activity's cell when the file has one text column, parted by an
# empty line; a title keeps its single line breaks (some documents list items in it).
CONTENT_SEPARATOR = "\n\n"
_LIMITS = {"title": 1000, "deadline_text": 300, "responsible_text": 500, "result": 500}
_STAGE_LIMIT = 500
# The cells of a file kept for the preview round trip; roadmaps are a few hundred rows.
MAX_SOURCE_CHARS = 1_000_000

# Stage numbers: «1», «1.», «II», «Этап 2», «2 этап». Schools type Roman numerals with
# Cyrillic «І» and «Х» too.
_NUM = r"(?:\d{1,2}|[IVXІХ]{1,5})"
_ARABIC = re.compile(r"\d{1,2}")
_ARABIC_DOT = re.compile(r"\d{1,2}\s*[.)]")
_MULTI = re.compile(r"\d{1,2}(?:\.\d{1,3})+\.?")
_ROMAN = re.compile(r"[IVXІХ]{1,5}\s*[.)]?")
_ETAP = re.compile(rf"(?:этап\s*{_NUM}|{_NUM}\s*этап)\s*[.):]?", re.IGNORECASE)
# «6.1 Контроль …»: a sub-heading with the document's number.
_SUBHEADING = re.compile(r"(?P<number>\d{1,2}(?:\.\d{1,3})+\.?)\s+(?P<text>\S.*)", re.DOTALL)
# A number before a stage's title, as a section row or a stage column writes it.
_STAGE_PREFIX = re.compile(
    rf"(?:этап\s*{_NUM}|{_NUM}\s*этап|{_NUM})(?:\s*[.):]|\s+[-–—]|\s)\s*(?P<title>\S.*)",
    re.IGNORECASE | re.DOTALL,
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
        subheading = ""
        for activity in stage.shown_activities:
            if activity.subheading and activity.subheading != subheading:
                # Across the whole row, as «6.1 Контроль …»: read back as a sub-heading.
                sheet.append(_row_style(sheet, [activity.subheading], bold=True))
                row = sheet.max_row
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            subheading = activity.subheading
            values = [
                f"{activity.label or f'{stage.number}.{activity.number}'}.",
                activity_cell(activity),
                activity.deadline_text,
                responsible_line(activity, left_out),
                activity.result,
            ]
            sheet.append(_row_style(sheet, values))
    return workbook_bytes(workbook)


# Reading a file: its columns and the text of every cell under the header.

# Column index in the file → the field it is read into, or None: not imported.
ColumnMapping = dict[int, str | None]


@dataclass
class RoadmapSource:
    """A school's file as read: every column under the header with the field its header
    names, and each row's cell texts in the columns' order. The preview keeps it (signed), so
    the curator can read it again with other fields without uploading it again."""

    name: str
    sha256: str
    columns: list[FileColumn]
    rows: list[tuple[int, list[str]]]
    # Rows left out as no part of the table: (row number, NUMBERING or HEADER).
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def auto_mapping(self) -> ColumnMapping:
        return {column.index: column.key for column in self.columns}

    @property
    def layout(self) -> str:
        return layout_signature(column.header for column in self.columns)

    def header_mapping(self, mapping: ColumnMapping) -> Mapping:
        """`mapping` by header, as a school's choice for its next file is remembered."""
        return mapping_by_header((c.header, mapping.get(c.index)) for c in self.columns)

    def remembered_mapping(self, remembered: Mapping | None) -> ColumnMapping:
        """The school's remembered choice for this layout, where it still makes a roadmap;
        else the fields the headers name."""
        auto = self.auto_mapping()
        if not remembered:
            return auto
        mapping = {
            c.index: remembered.get(normalise_header(c.header), auto[c.index]) for c in self.columns
        }
        keys = [key for key in mapping.values() if key is not None]
        usable = len(keys) == len(set(keys)) and {TITLE, CONTENT} & set(keys)
        return mapping if usable else auto

    @property
    def repeated(self) -> set[int]:
        """Columns whose header repeats an earlier column's: their cells cannot be read."""
        seen, repeated = set(), set()
        for column in self.columns:
            name = normalise_header(column.header)
            if name in seen:
                repeated.add(column.index)
            seen.add(name)
        return repeated

    def to_data(self) -> dict:
        return {
            "name": self.name,
            "sha256": self.sha256,
            "columns": [[c.index, c.header, c.key, c.filled] for c in self.columns],
            "rows": [[number, texts] for number, texts in self.rows],
            "skipped": [[number, why] for number, why in self.skipped],
        }

    @classmethod
    def from_data(cls, data: dict) -> "RoadmapSource":
        return cls(
            name=data["name"],
            sha256=data["sha256"],
            columns=[FileColumn(*column) for column in data["columns"]],
            rows=[(number, texts) for number, texts in data["rows"]],
            skipped=[(number, why) for number, why in data["skipped"]],
        )


def _text(value: Any) -> str:
    """A cell as text: its line breaks kept, spaces at the ends of lines dropped; a date or a
    number as it shows."""
    if not isinstance(value, str):
        return cell_text(value)
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _line(text: str) -> str:
    return " ".join(text.split())


def _is_roadmap_header(keys) -> bool:
    keys = set(keys)
    return bool(keys & {TITLE, CONTENT}) and len(keys) >= 2


def roadmap_source_read(upload) -> RoadmapSource:
    """Check and read an uploaded roadmap; a ValidationError says what is wrong with the file."""
    table = spreadsheet_read(
        upload,
        _HEADERS,
        is_header=_is_roadmap_header,
        no_header=_(
            "Не найдена строка заголовков со столбцом «Мероприятие» (или «Содержание "
            "деятельности») в первых %(rows)s строках. Выгрузите дорожную карту в Excel и "
            "сверьте названия столбцов."
        )
        % {"rows": HEADER_SEARCH_ROWS},
    )
    # Read again with every header as its own field, to keep the cells of the columns no
    # field was found for: the curator may still choose one for them.
    own = {}
    for column in table.columns:
        own.setdefault(normalise_header(column.header), f"c{column.index}")
    wanted = set(own.values())
    upload.seek(0)
    every = spreadsheet_read(
        upload,
        {},
        mapping=own,
        is_header=lambda keys: set(keys) == wanted,
        no_header=_("Не удалось прочитать столбцы файла."),
    )
    keys = {column.index: column.key for column in table.columns}
    columns = [replace(column, key=keys.get(column.index)) for column in every.columns]
    source = RoadmapSource(name=table.name, sha256=table.sha256, columns=columns, rows=[])
    filled, size = Counter(), 0
    for number, cells in every.rows:
        texts = [_text(cells.get(f"c{column.index}")) for column in columns]
        if _numbers_columns(texts):
            source.skipped.append((number, NUMBERING))
            continue
        if _repeats_header(texts, columns):
            source.skipped.append((number, HEADER))
            continue
        size += sum(map(len, texts))
        filled.update(column.index for column, text in zip(columns, texts, strict=True) if text)
        source.rows.append((number, texts))
    if size > MAX_SOURCE_CHARS:
        raise ValidationError(
            _(
                "В файле больше текста, чем бывает в дорожной карте. Оставьте в нём один лист "
                "с дорожной картой и загрузите снова."
            )
        )
    repeated = source.repeated
    source.columns = [
        column if column.index in repeated else replace(column, filled=filled[column.index])
        for column in columns
    ]
    return source


NUMBERING, HEADER = "numbering", "header"


def _numbers_columns(texts: list[str]) -> bool:
    """A row that numbers the columns under the header: «1 2 3 4 5»."""
    filled = [(position, text) for position, text in enumerate(texts, start=1) if text]
    return len(filled) >= 3 and all(text == str(position) for position, text in filled)


def _repeats_header(texts: list[str], columns: list[FileColumn]) -> bool:
    """The header row again, as a table that spans pages repeats it."""
    filled = [(text, column) for text, column in zip(texts, columns, strict=True) if text]
    return len(filled) >= 2 and all(
        normalise_header(text) == normalise_header(column.header) for text, column in filled
    )


# The file's rows as stages and activities.


@dataclass
class ImportActivity:
    row: int
    title: str
    content: str = ""
    deadline_text: str = ""
    responsible_text: str = ""
    result: str = ""
    # The number cell as the file writes it, and the sub-heading the row stands under.
    label: str = ""
    subheading: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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
    # Rows left out on purpose: (row number, why).
    skipped: list[tuple[int, str]] = field(default_factory=list)
    # Columns not imported that have filled cells: (header, filled cells).
    dropped: list[tuple[str, int]] = field(default_factory=list)
    # Fields no column is read into.
    missing: list[str] = field(default_factory=list)

    @property
    def activity_count(self) -> int:
        return sum(len(stage.activities) for stage in self.stages)

    @property
    def error_count(self) -> int:
        return len(self.orphans) + sum(
            len(stage.errors) + sum(len(a.errors) for a in stage.activities)
            for stage in self.stages
        )

    @property
    def dropped_cells(self) -> int:
        return sum(count for _header, count in self.dropped)


def mark_style(mark: str) -> str:
    """How a number cell numbers its row: none, arabic («1»), arabic. («1.», «1)»), multi
    («1.1.»), roman («II.»), etap («Этап 2») or text (anything else: a stage's title with its
    number)."""
    if not mark:
        return "none"
    patterns = (("arabic", _ARABIC), ("arabic.", _ARABIC_DOT), ("multi", _MULTI), ("roman", _ROMAN))
    for style, pattern in patterns:
        if pattern.fullmatch(mark):
            return style
    return "etap" if _ETAP.fullmatch(mark) else "text"


def stage_title(text: str) -> str:
    """A stage's title without its number: «Этап 1. Подготовка» → «Подготовка»."""
    text = _line(text)
    match = _STAGE_PREFIX.fullmatch(text)
    return match["title"] if match else text


def _key(text: str) -> str:
    return _line(text).casefold().replace("ё", "е")


class _Reader:
    """Reads the rows in order into stages and activities."""

    def __init__(self, content: RoadmapFile, keys: set[str], stage_marks: set[str]):
        self.content = content
        self.keys = keys
        self.stage_marks = stage_marks
        self.both_texts = {TITLE, CONTENT} <= keys
        self.direction = ""  # the last «Мероприятие» of the stage, for the rows under it
        self.subheading = ""  # the last sub-heading of the stage, for the rows under it

    def row(self, number: int, cells: dict[str, str], first_key: str) -> None:
        if text := self._section(cells, first_key):
            if _SUBHEADING.fullmatch(text) and self.content.stages:
                # A section row numbered within a stage («6.1 Контроль …») heads the
                # activities below it; a stage is numbered «6.» or «Этап 6».
                self.subheading = text
            else:
                self._stage(number, stage_title(text))
            return
        if STAGE in self.keys:
            self._with_stage_column(number, cells)
        else:
            self._with_section_rows(number, cells)

    def _section(self, cells: dict[str, str], first_key: str) -> str | None:
        """The text of a merged section row, its number included: one value in the first
        column, or the same text across the row."""
        texts = {_line(text) for text in cells.values()}
        if len(cells) > 1:
            return texts.pop() if len(texts) == 1 else None
        (key, text), *_rest = cells.items()
        if key != first_key or key not in (NUMBER, STAGE):
            return None
        style = mark_style(_line(text))
        return _line(text) if style in ("text", "etap") or key == STAGE else None

    def _with_stage_column(self, number: int, cells: dict[str, str]) -> None:
        if text := cells.get(STAGE):
            title = stage_title(text)
            stages = self.content.stages
            if not stages or _key(stages[-1].title) != _key(title):
                self._stage(number, title)
        if set(cells) - {NUMBER, STAGE} or STAGE not in cells:
            self._activity(number, cells)

    def _with_section_rows(self, number: int, cells: dict[str, str]) -> None:
        texts = [cells[key] for key in (TITLE, CONTENT) if key in cells]
        details = any(key in cells for key in (DEADLINE, RESPONSIBLE, RESULT))
        # With both text columns, a content alone is an activity of the direction above.
        lone_content = self.both_texts and TITLE not in cells
        if not details and len(set(texts)) == 1 and not lone_content:
            style = mark_style(_line(cells.get(NUMBER, "")))
            if style in self.stage_marks:
                self._stage(number, stage_title(texts[0]))
                return
        self._activity(number, cells)

    def _stage(self, number: int, title: str) -> None:
        stage = ImportStage(row=number, title=_line(title))
        if len(stage.title) > _STAGE_LIMIT:
            stage.errors.append(
                _("Название этапа длиннее %(limit)s символов.") % {"limit": _STAGE_LIMIT}
            )
        self.content.stages.append(stage)
        self.direction = ""
        self.subheading = ""

    def _activity(self, number: int, cells: dict[str, str]) -> None:
        if not self.content.stages:
            self.content.orphans.append(
                (number, _("Мероприятие стоит до первого этапа: добавьте над ним строку этапа."))
            )
            return
        if self.both_texts:
            title, content = cells.get(TITLE, ""), cells.get(CONTENT, "")
            if title:
                self.direction = title
            elif content:
                # A direction written once over the activities of its rows.
                title = self.direction
            if not title:
                title, content = content, ""
        else:
            text = cells.get(TITLE) or cells.get(CONTENT, "")
            title, _separator, content = text.partition(CONTENT_SEPARATOR)
        activity = ImportActivity(
            row=number,
            title=title.strip(),
            content=content.strip(),
            deadline_text=cells.get(DEADLINE, ""),
            responsible_text=cells.get(RESPONSIBLE, ""),
            result=cells.get(RESULT, ""),
            label=_line(cells.get(NUMBER, "")),
            subheading=self.subheading,
        )
        if not activity.title:
            activity.errors.append(_("Нет названия мероприятия."))
        for name, limit in _LIMITS.items():
            if len(getattr(activity, name)) > limit:
                activity.errors.append(
                    _("Столбец «%(column)s» длиннее %(limit)s символов.")
                    % {"column": _field_label(name), "limit": limit}
                )
        if DEADLINE in self.keys and not activity.deadline_text:
            activity.warnings.append(_("Срок не указан."))
        if RESPONSIBLE in self.keys and not activity.responsible_text:
            activity.warnings.append(_("Ответственные не указаны."))
        self.content.stages[-1].activities.append(activity)


def _field_label(name: str) -> str:
    key = {"deadline_text": DEADLINE, "responsible_text": RESPONSIBLE}.get(name, name)
    return _BY_KEY[key].header


def _stage_marks(rows: list[dict[str, str]]) -> set[str]:
    """The number styles that mark a stage in this file. A row with a title and no details
    is a stage when it is not numbered the way activities are («1.» over «1.1.», «I.» or
    «1.» over «1»); numbered alike, when such rows count 1, 2, 3… in turn while the
    activities' numbers run on their own."""
    styles, bare = set(), {"arabic": [], "arabic.": []}
    for cells in rows:
        style = mark_style(_line(cells.get(NUMBER, "")))
        if any(key in cells for key in (DEADLINE, RESPONSIBLE, RESULT)):
            styles.add(style)
        elif style in bare:
            bare[style].append(int(re.sub(r"\D", "", cells[NUMBER])))
    marks = {"none", "roman", "etap"}
    for style, numbers in bare.items():
        if "multi" in styles or style not in styles or numbers == list(range(1, len(numbers) + 1)):
            marks.add(style)
    return marks


def roadmap_file_parse(source: RoadmapSource, mapping: ColumnMapping | None = None) -> RoadmapFile:
    """The file's stages and activities with the columns read into `mapping`'s fields (by
    default the fields their headers name). Rows carry their errors and warnings."""
    mapping = source.auto_mapping() if mapping is None else mapping
    fields = [mapping.get(column.index) for column in source.columns]
    keys = {key for key in fields if key}
    content = RoadmapFile(name=source.name, sha256=source.sha256, stages=[])
    content.missing = [
        str(_BY_KEY[key].header) for key in (DEADLINE, RESPONSIBLE, RESULT) if key not in keys
    ]
    why = {NUMBERING: _("нумерация столбцов"), HEADER: _("повтор строки заголовков")}
    content.skipped = [(number, why[code]) for number, code in source.skipped]
    dropped = Counter()
    rows = []
    for number, texts in source.rows:
        cells = {}
        for key, text, column in zip(fields, texts, source.columns, strict=True):
            if not text:
                continue
            if key:
                cells[key] = text
            else:
                dropped[column.index] += 1
        if cells:
            rows.append((number, cells))
    for index in source.repeated:
        dropped[index] = next(c.filled for c in source.columns if c.index == index)
    content.dropped = [
        (column.header, dropped[column.index]) for column in source.columns if dropped[column.index]
    ]
    first_key = next((key for key in fields if key), None)
    reader = _Reader(content, keys, _stage_marks([cells for _number, cells in rows]))
    for number, cells in rows:
        reader.row(number, cells, first_key)
    if not content.stages:
        raise ValidationError(
            _(
                "В файле нет ни одного этапа. Этап — строка с его номером («1.») и названием "
                "без срока и ответственных, или столбец «Этап»; мероприятия идут под ним."
            )
        )
    return content


def roadmap_file_read(upload, mapping: ColumnMapping | None = None) -> RoadmapFile:
    return roadmap_file_parse(roadmap_source_read(upload), mapping)


# Dates of another academic year.

# A year in a full date written with two digits: «15.09.24».
_SHORT_YEAR = re.compile(r"(?<!\d)(\d{1,2}\.\d{1,2}\.)(\d\d)(?![\d.])")
_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|" + _SHORT_YEAR.pattern)


def deadline_shift(text: str, years: int) -> str:
    """A deadline's years moved by `years`, in full dates written with two digits too."""
    text = shift_years(text, years)
    return _SHORT_YEAR.sub(lambda m: f"{m[1]}{(int(m[2]) + years) % 100:02d}", text)


def _in_year(parsed: ParsedDeadline, year: AcademicYear) -> bool:
    return all(year.start_date <= day <= year.end_date for day in (parsed.start, parsed.due) if day)


def file_year_shift(content: RoadmapFile, year: AcademicYear) -> int:
    """How many years to move the file's dated deadlines by so that most of them fall in
    `year`; 0 when they already do (or none is dated)."""
    dated = [
        activity.deadline_text
        for stage in content.stages
        for activity in stage.activities
        if _HAS_YEAR.search(activity.deadline_text)
    ]

    def inside(years: int) -> int:
        return sum(
            _in_year(parse_deadline(deadline_shift(text, years), *bounds), year) for text in dated
        )

    bounds = (year.start_date, year.end_date)
    candidates = {0}
    for text in dated:
        due = parse_deadline(text, *bounds).due
        if due:
            starts = due.year if due.month >= year.start_date.month else due.year - 1
            candidates.add(year.start_date.year - starts)
    return max(sorted(candidates, key=abs), key=inside)


def roadmap_file_shift(content: RoadmapFile, years: int) -> None:
    """Move the years of every deadline of the file by `years`."""
    if not years:
        return
    for stage in content.stages:
        for activity in stage.activities:
            activity.deadline_text = deadline_shift(activity.deadline_text, years)


class PreparedFile(NamedTuple):
    content: RoadmapFile
    offer: int  # years the file's dates are off the roadmap's year by
    shifted: int  # years they were moved by


def roadmap_file_prepare(
    source: RoadmapSource,
    *,
    mapping: ColumnMapping,
    academic_year: AcademicYear,
    shift: bool,
) -> PreparedFile:
    """The file read with `mapping` for the roadmap of `academic_year`, its dates moved into
    that year if `shift` and they fall in another one. The preview and the applying both call
    it, so what is applied is what was shown."""
    content = roadmap_file_parse(source, mapping)
    offer = file_year_shift(content, academic_year)
    shifted = offer if shift else 0
    roadmap_file_shift(content, shifted)
    return PreparedFile(content, offer, shifted)


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
    warnings: list[str]

    @property
    def unparsed(self) -> bool:
        """A deadline is written that could not be read (an empty one is a warning)."""
        return self.parsed.kind == Activity.DeadlineKind.UNPARSED and bool(self.item.deadline_text)

    @property
    def kind_label(self) -> str:
        return Activity.DeadlineKind(self.parsed.kind).label


def _preview_activity(
    item: ImportActivity, number: str, year: AcademicYear, staff: StaffIndex
) -> PreviewActivity:
    parsed = parse_deadline(item.deadline_text, year.start_date, year.end_date)
    warnings = list(item.warnings)
    if not _in_year(parsed, year):
        warnings.append(_("Срок вне %(year)s учебного года.") % {"year": year.title})
    return PreviewActivity(item, number, parsed, staff.named_in(item.responsible_text), warnings)


def preview(
    content: RoadmapFile, academic_year: AcademicYear, staff: StaffIndex
) -> list[tuple[int, ImportStage, list[PreviewActivity]]]:
    """Each stage with its number and its activities as they would be saved."""
    return [
        (
            stage_number,
            stage,
            [
                _preview_activity(item, f"{stage_number}.{number}", academic_year, staff)
                for number, item in enumerate(stage.activities, start=1)
            ],
        )
        for stage_number, stage in enumerate(content.stages, start=1)
    ]


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
        own_numbers = _own_numbering(content)
        for stage, source in zip(stages, content.stages, strict=True):
            for number, item in enumerate(source.activities, start=1):
                activities.append(
                    Activity(
                        stage=stage,
                        number=number,
                        label=_label(item.label) if own_numbers else "",
                        subheading=item.subheading,
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
    unparsed = sum(
        a.deadline_kind == Activity.DeadlineKind.UNPARSED and bool(a.deadline_text)
        for a in activities
    )
    return ImportResult(roadmap, created, len(activities), unparsed)


def _label(mark: str) -> str:
    return mark.rstrip(".) ")[: Activity._meta.get_field("label").max_length]


def _own_numbering(content: RoadmapFile) -> bool:
    """Whether the file numbers its activities its own way («1.2», «1.6», «6.1.1»; «1», «2»,
    «3», «5» straight through) rather than as the roadmap does anyway («2.3» or «3» for the
    third of stage 2): then every row keeps the file's number."""
    return any(
        _label(item.label) not in (f"{s}.{n}", str(n))
        for s, stage in enumerate(content.stages, start=1)
        for n, item in enumerate(stage.activities, start=1)
    )


def export_filename(roadmap: Roadmap, today: date) -> str:
    return f"roadmap-{roadmap.academic_year.title.replace('/', '-')}-{today:%Y-%m-%d}.xlsx"
