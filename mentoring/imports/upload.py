"""Uploading a people file (staff or a bank) and planning its preview: a small file in the
request, a large one by a worker; the user's choice of columns, remembered per school and
file layout, plans it again."""

import hashlib
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.spreadsheets import (
    MAX_FILE_SIZE,
    Mapping,
    SpreadsheetTable,
    mapping_by_header,
    spreadsheet_check,
)

from ..models import AcademicYear, Organisation, StaffImport, User
from ..selectors.import_layouts import import_layout_mapping
from ..services.import_layouts import import_layout_remember
from .banks import bank_columns, bank_read_only, bank_rows_plan
from .staff import staff_rows_plan
from .staff_file import STAFF_COLUMNS, has_name_columns, people_file_read

# Larger files are read by a worker. A school's staff list of ten columns (demo_files) takes
# 78 KB and 0.7 s to read and plan for 1,000 rows, 151 KB and 2 s for 2,000 (bench/run.py).
ASYNC_FILE_SIZE = 80 * 1024
# The worker's limits on reading a file (mentoring/tasks.py): past the soft one the reading
# stops with a message; past the hard one the worker is killed, and the page tells the user.
PARSE_SOFT_TIME_LIMIT = 60
PARSE_TIME_LIMIT = 90

# Stored untranslated; the page translates them into the reader's language.
PARSE_TIMEOUT_MESSAGE = gettext_noop(
    "Файл читался больше минуты, и чтение остановлено. Разделите список на несколько файлов "
    "поменьше и загрузите их по очереди."
)
PARSE_FAILED_MESSAGE = gettext_noop(
    "Не удалось прочитать файл: произошла внутренняя ошибка. Загрузите его ещё раз; если ошибка "
    "повторится, сообщите администратору."
)


def import_columns(target: str):
    """The fields a file of this target may have, as core.spreadsheets Columns."""
    return STAFF_COLUMNS if target == "staff" else bank_columns(target)


def import_field_choices(target: str) -> list[tuple[str, str]]:
    """The fields a column of the file may go to, for the column form."""
    unchanged = () if target == "staff" else bank_read_only()
    note = _("только для сведения")
    clearer = {
        "fio": _("ФИО (одним столбцом)"),
        "experience": _("Педагогический стаж (лет или год начала)"),
    }
    return [
        (c.key, f"{c.header} ({note})" if c.key in unchanged else clearer.get(c.key, c.header))
        for c in import_columns(target)
    ]


def _read(content: bytes, name: str, target: str, mapping: Mapping | None) -> SpreadsheetTable:
    return people_file_read(ContentFile(content, name=name), import_columns(target), mapping)


def import_file_read(
    *, content: bytes, name: str, organisation: Organisation, target: str
) -> SpreadsheetTable:
    """The file read with the school's remembered choice of columns for its layout, if any."""
    table = _read(content, name, target, None)
    remembered = import_layout_mapping(organisation, target, table.layout)
    if remembered is None:
        return table
    try:
        return _read(content, name, target, remembered)
    except ValidationError:  # the remembered choice no longer finds the header row
        return table


@dataclass
class PeopleUpload:
    """An uploaded file; a small one comes read, a large one is left to a worker."""

    name: str
    content: bytes
    table: SpreadsheetTable | None


def people_upload_read(upload, *, organisation: Organisation, target: str) -> PeopleUpload:
    """Check an uploaded file; a small one is read now, so its errors show on the form."""
    content = upload.read(MAX_FILE_SIZE + 1)
    spreadsheet_check(content)
    if len(content) > ASYNC_FILE_SIZE:
        return PeopleUpload(upload.name, content, None)
    table = import_file_read(
        content=content, name=upload.name, organisation=organisation, target=target
    )
    return PeopleUpload(upload.name, content, table)


# Planning.


def _plan_store(staff_import: StaffImport, table: SpreadsheetTable) -> None:
    plan = staff_rows_plan if staff_import.target == "staff" else bank_rows_plan
    staff_import.rows = plan(staff_import, table)
    staff_import.columns = [asdict(column) for column in table.columns]
    staff_import.layout = table.layout
    staff_import.status = StaffImport.Status.PREVIEW
    staff_import.error = ""
    staff_import.parsing_started_at = None
    staff_import.save(
        update_fields=[
            "rows",
            "columns",
            "layout",
            "status",
            "error",
            "parsing_started_at",
        ]
    )


def _parse_later(staff_import: StaffImport) -> None:
    staff_import.status = StaffImport.Status.PARSING
    staff_import.parsing_started_at = timezone.now()
    staff_import.error = ""
    staff_import.save(update_fields=["status", "parsing_started_at", "error"])
    transaction.on_commit(lambda: _send_to_worker(staff_import.pk), robust=True)


def _send_to_worker(staff_import_id: int) -> None:
    from ..tasks import plan_people_import

    try:
        plan_people_import.delay(staff_import_id)
    except Exception:
        # The broker is out of reach: tell the user now rather than let the page wait.
        people_import_parse_fail(staff_import_id=staff_import_id, message=PARSE_FAILED_MESSAGE)
        raise


@transaction.atomic
def people_import_upload(
    *,
    organisation: Organisation,
    target: str,
    uploaded_by: User,
    upload: PeopleUpload,
    academic_year: AcademicYear | None = None,
) -> StaffImport:
    """Keep an uploaded file and plan its preview: now if it came read, else in a worker."""
    staff_import = StaffImport.objects.create(
        organisation=organisation,
        target=target,
        academic_year=academic_year,
        uploaded_by=uploaded_by,
        file_name=upload.name[:255],
        file_sha256=hashlib.sha256(upload.content).hexdigest(),
        content=upload.content,
        status=StaffImport.Status.PARSING,
    )
    if upload.table is not None:
        _plan_store(staff_import, upload.table)
    else:
        _parse_later(staff_import)
    return staff_import


def people_import_plan(*, staff_import_id: int) -> None:
    """Read a kept file and plan its preview (a worker's part); a file that cannot be read
    fails the import with the reason."""
    parsing = StaffImport.objects.filter(pk=staff_import_id, status=StaffImport.Status.PARSING)
    # The time limit the page applies counts from here, not from the wait in the queue.
    parsing.update(parsing_started_at=timezone.now())
    staff_import = parsing.select_related("organisation", "academic_year").defer("rows").first()
    if staff_import is None or staff_import.content is None:
        return
    content = bytes(staff_import.content)
    mapping = _chosen_mapping(staff_import)
    try:
        if mapping is None:
            table = import_file_read(
                content=content,
                name=staff_import.file_name,
                organisation=staff_import.organisation,
                target=staff_import.target,
            )
        else:
            table = _read(content, staff_import.file_name, staff_import.target, mapping)
        with transaction.atomic():
            locked = StaffImport.objects.select_for_update().filter(
                pk=staff_import_id, status=StaffImport.Status.PARSING
            )
            if locked.exists():
                _plan_store(staff_import, table)
    except ValidationError as error:
        people_import_parse_fail(staff_import_id=staff_import_id, message=" ".join(error.messages))


def _chosen_mapping(staff_import: StaffImport) -> Mapping | None:
    """The choice of columns for a file being planned again; None for a new upload."""
    if not staff_import.layout:
        return None
    return import_layout_mapping(
        staff_import.organisation, staff_import.target, staff_import.layout
    )


def people_import_parse_fail(*, staff_import_id: int, message: str) -> None:
    """Mark a file that could not be read as failed, with nothing planned."""
    StaffImport.objects.filter(pk=staff_import_id, status=StaffImport.Status.PARSING).update(
        status=StaffImport.Status.FAILED,
        error=message,
        rows=[],
        columns=[],
        content=None,
        parsing_started_at=None,
    )


def parsing_stalled(staff_import: StaffImport) -> bool:
    """Whether the worker reading the file must have been stopped past its hard time limit."""
    started = staff_import.parsing_started_at
    limit = timedelta(seconds=PARSE_TIME_LIMIT + 30)
    return (
        staff_import.status == StaffImport.Status.PARSING
        and started is not None
        and timezone.now() - started > limit
    )


# The user's choice of columns.


@transaction.atomic
def import_mapping_apply(*, staff_import: StaffImport, fields: dict[int, str | None]) -> None:
    """Plan the preview again with the user's field for each column of the file (by its
    index; None: «не загружать»), and remember the choice for the school's next file of the
    same layout."""
    staff_import = (
        StaffImport.objects.select_for_update(of=("self",))
        .select_related("organisation", "academic_year")
        .get(pk=staff_import.pk)
    )
    if staff_import.status != StaffImport.Status.PREVIEW or staff_import.content is None:
        raise ValidationError(_("Столбцы можно изменить, только пока файл не загружен."))
    chosen = [fields.get(column["index"]) for column in staff_import.columns]
    taken = [key for key in chosen if key is not None]
    if len(taken) != len(set(taken)):
        raise ValidationError(_("Одно поле выбрано для нескольких столбцов."))
    if not has_name_columns(taken):
        raise ValidationError(
            _("Выберите столбец «ФИО» или столбцы «Фамилия» и «Имя»: по ним узнаются люди.")
        )
    mapping = mapping_by_header(
        (column["header"], key) for column, key in zip(staff_import.columns, chosen, strict=True)
    )
    import_layout_remember(
        organisation=staff_import.organisation,
        target=staff_import.target,
        layout=staff_import.layout,
        mapping=mapping,
    )
    content = bytes(staff_import.content)
    if len(content) > ASYNC_FILE_SIZE:
        _parse_later(staff_import)
        return
    _plan_store(staff_import, _read(content, staff_import.file_name, staff_import.target, mapping))
