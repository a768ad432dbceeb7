"""Staff import: what an uploaded file would change in the directory, and applying it.

Nothing reaches Person until the user confirms the preview; a worker then applies the file.
At that moment the matches are worked out again, so people added in the meantime are updated
rather than duplicated.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..models import Organisation, Person, StaffImport, Subject, User
from ..tasks import apply_staff_import
from .people import subjects_by_names
from .staff_excel import StaffFile
from .staff_rows import CellError, match_key, name_header, parse_row

ACTIONS = ("create", "update", "unchanged", "error")


_NAME_FIELDS = ("last_name", "first_name", "patronymic")


@dataclass
class _Entry:
    """Someone in the directory, or someone a row of the file is going to add."""

    email: str
    name: tuple[str, ...]
    birth_date: date | None
    person: Person | None = None
    row: int | None = None  # the file row that writes to this entry


class PersonDirectory:
    """The organisation's people, matched by e-mail, else by full name and birth date."""

    def __init__(self, organisation: Organisation):
        self._by_email: dict[str, list[_Entry]] = defaultdict(list)
        self._by_name: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        people = Person.objects.filter(organisation=organisation).prefetch_related("subjects")
        for person in people:
            name = tuple(match_key(getattr(person, f)) for f in _NAME_FIELDS)
            self._add(_Entry(person.email.casefold(), name, person.birth_date, person=person))

    def _add(self, entry: _Entry) -> None:
        if entry.email:
            self._by_email[entry.email].append(entry)
        self._by_name[entry.name].append(entry)

    def claim(self, row: int, data: dict[str, Any]) -> _Entry:
        """The entry this row writes to; a new one when nobody matches."""
        email = data.get("email", "").casefold()
        name = tuple(match_key(data.get(f, "")) for f in _NAME_FIELDS)
        birth_date = data.get("birth_date")
        found = self._by_email.get(email, []) if email else []
        if not found:
            # Two different e-mails mean two different people, whatever their names.
            namesakes = [
                e
                for e in self._by_name.get(name, [])
                if not (email and e.email and e.email != email)
            ]
            found = [e for e in namesakes if e.birth_date == birth_date] or [
                e for e in namesakes if None in (e.birth_date, birth_date)
            ]
        if len(found) > 1:
            raise CellError(
                _(
                    "В справочнике несколько человек с такими ФИО — добавьте e-mail или дату "
                    "рождения, чтобы различить их."
                )
            )
        if found and found[0].row is not None:
            raise CellError(_("Этот человек уже есть в строке %(row)s.") % {"row": found[0].row})
        entry = found[0] if found else _Entry(email, name, birth_date)
        if not found:
            self._add(entry)
        entry.row = row
        return entry


def _shown(field: str, value: Any) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if field == "category":
        return str(Person.Category(value).label)
    if field == "kind":
        return str(Person.Kind(value).label)
    if field == "subjects":
        return ", ".join(value)
    return str(value)


def _changes(person: Person, data: dict[str, Any]) -> list[dict[str, str]]:
    changes = []
    for field, new in data.items():
        if field == "subjects":
            old = [s.name for s in person.subjects.all()]
            same = {s.casefold() for s in old} == {s.casefold() for s in new}
        else:
            old = getattr(person, field)
            same = old == new
        if not same:
            label = str(capfirst(Person._meta.get_field(field).verbose_name))
            changes.append({"field": label, "old": _shown(field, old), "new": _shown(field, new)})
    return changes


def _to_json(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def _from_json(data: dict[str, Any]) -> dict[str, Any]:
    return {k: date.fromisoformat(v) if k == "birth_date" else v for k, v in data.items()}


# The import itself.


@transaction.atomic
def staff_import_create(
    *, organisation: Organisation, uploaded_by: User, staff_file: StaffFile
) -> StaffImport:
    """Plan every row of the file against the directory; writes only the StaffImport."""
    today = timezone.localdate()
    catalogue = {n.casefold(): n for n in Subject.objects.values_list("name", flat=True)}
    directory = PersonDirectory(organisation)
    rows = []
    for number, cells in staff_file.rows:
        data, errors = parse_row(cells, staff_file.headers, catalogue=catalogue, today=today)
        person = None
        if not errors:
            try:
                person = directory.claim(number, data).person
            except CellError as exc:
                errors.append({"column": name_header(staff_file.headers), "message": str(exc)})
        changes = _changes(person, data) if person and not errors else []
        if errors:
            action = "error"
        elif person is None:
            action = "create"
        else:
            action = "update" if changes else "unchanged"
        rows.append(
            {
                "row": number,
                "action": action,
                "person_id": person.pk if person else None,
                "name": " ".join(data.get(f, "") for f in _NAME_FIELDS).strip(),
                "data": _to_json(data),
                "changes": changes,
                "errors": errors,
            }
        )
    return StaffImport.objects.create(
        organisation=organisation,
        uploaded_by=uploaded_by,
        file_name=staff_file.name[:255],
        file_sha256=staff_file.sha256,
        rows=rows,
        ignored_columns=staff_file.ignored,
    )


def staff_import_counts(staff_import: StaffImport) -> dict[str, int]:
    counts = Counter(row["action"] for row in staff_import.rows)
    return {action: counts[action] for action in ACTIONS}


# Stored untranslated; the page translates it into the reader's language.
FAILED_MESSAGE = gettext_noop(
    "Не удалось загрузить файл: произошла внутренняя ошибка, справочник не изменился. "
    "Попробуйте ещё раз; если ошибка повторится, сообщите администратору."
)


@transaction.atomic
def staff_import_queue(*, staff_import: StaffImport, user: User) -> None:
    """Hand a previewed (or failed) import to a worker, which applies it after this commit."""
    staff_import = StaffImport.objects.select_for_update().defer("rows").get(pk=staff_import.pk)
    if staff_import.status == StaffImport.Status.APPLIED:
        raise ValidationError(
            _("Этот файл уже загружен в справочник %(when)s. Повторно его применить нельзя.")
            % {"when": timezone.localtime(staff_import.applied_at).strftime("%d.%m.%Y %H:%M")}
        )
    if staff_import.status in (StaffImport.Status.QUEUED, StaffImport.Status.APPLYING):
        raise ValidationError(_("Загрузка уже идёт."))
    staff_import.status = StaffImport.Status.QUEUED
    staff_import.applied_by = user
    staff_import.error = ""
    staff_import.save(update_fields=["status", "applied_by", "error"])
    # robust: the status is committed whatever happens next, and a failure is logged.
    transaction.on_commit(lambda: _send_to_worker(staff_import.pk), robust=True)


def _send_to_worker(staff_import_id: int) -> None:
    try:
        apply_staff_import.delay(staff_import_id)
    except Exception:
        # The broker is out of reach: let the user retry rather than wait for ever. (Tasks run
        # in-process record their own failure first, so then nothing is still queued here.)
        StaffImport.objects.filter(pk=staff_import_id, status=StaffImport.Status.QUEUED).update(
            status=StaffImport.Status.FAILED, error=FAILED_MESSAGE
        )
        raise


def staff_import_apply(*, staff_import: StaffImport) -> None:
    """Write the previewed rows to the directory, all or nothing; rows with errors are skipped.

    Safe to run again: an applied import is left alone, and as the matches are worked out anew
    a re-run after a crash updates people instead of adding them twice. A failure is recorded
    on the import, with a message for the user, and raised again.
    """
    started = (
        StaffImport.objects.filter(pk=staff_import.pk)
        .exclude(status=StaffImport.Status.APPLIED)
        .update(status=StaffImport.Status.APPLYING, error="")
    )
    if not started:
        return
    try:
        _write_rows(staff_import.pk)
    except Exception:
        staff_import.status = StaffImport.Status.FAILED
        staff_import.error = FAILED_MESSAGE
        staff_import.save(update_fields=["status", "error"])
        raise


@transaction.atomic
def _write_rows(staff_import_id: int) -> None:
    staff_import = (
        StaffImport.objects.select_for_update(of=("self",))
        .select_related("organisation", "applied_by", "academic_year")
        .get(pk=staff_import_id)
    )
    if staff_import.status == StaffImport.Status.APPLIED:  # another worker got there first
        return
    with set_actor(staff_import.applied_by):
        if staff_import.target == "staff":
            counts = _write_staff_rows(staff_import)
        else:
            # Imported here: the bank import builds on this module.
            from .bank_import import bank_rows_write

            counts = bank_rows_write(staff_import)
    staff_import.status = StaffImport.Status.APPLIED
    staff_import.created_count = counts["created"]
    staff_import.updated_count = counts["updated"]
    staff_import.skipped_count = counts["skipped"]
    staff_import.applied_at = timezone.now()
    staff_import.save(
        update_fields=["status", "created_count", "updated_count", "skipped_count", "applied_at"]
    )


def _write_staff_rows(staff_import: StaffImport) -> Counter:
    organisation = staff_import.organisation
    rows = [(r["row"], _from_json(r["data"])) for r in staff_import.rows if r["action"] != "error"]
    names = {n.casefold(): n for _, data in rows for n in data.get("subjects", ())}
    subjects = {s.name.casefold(): s for s in subjects_by_names(names.values())}
    directory = PersonDirectory(organisation)
    counts: Counter[str] = Counter()
    for number, data in rows:
        try:
            entry = directory.claim(number, data)
        except CellError:
            counts["skipped"] += 1
            continue
        row_names = data.pop("subjects", None)
        row_subjects = None if row_names is None else [subjects[n.casefold()] for n in row_names]
        if entry.person is None:
            _person_create(organisation, data, row_subjects or [])
            counts["created"] += 1
        elif _person_update(entry.person, data, row_subjects):
            counts["updated"] += 1
    return counts


# The rows were validated field by field when the file was read. The directory services would
# run full_clean() again, two more queries a row (the organisation and the grade check), in a
# savepoint each; these save the same fields, and the audit log records them all the same.


def _person_create(
    organisation: Organisation, data: dict[str, Any], subjects: list[Subject]
) -> None:
    person = Person(organisation=organisation, **{"kind": Person.Kind.TEACHER, **data})
    person.save()
    if subjects:
        person.subjects.add(*subjects)


def _person_update(person: Person, data: dict[str, Any], subjects: list[Subject] | None) -> bool:
    """Whether anything changed; the person's subjects come prefetched."""
    changed = [field for field, value in data.items() if getattr(person, field) != value]
    for field in changed:
        setattr(person, field, data[field])
    if changed:
        person.save(update_fields=[*changed, "updated_at"])
    if subjects is not None and {s.pk for s in subjects} != {s.pk for s in person.subjects.all()}:
        person.subjects.set(subjects)
        return True
    return bool(changed)
