"""Applying a confirmed import, staff or bank, in a worker: queued after the commit, written
all or nothing, safe to run again."""

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..models import StaffImport, User
from .banks import bank_rows_write
from .staff import staff_rows_write

# Stored untranslated; the page translates it into the reader's language.
FAILED_MESSAGE = gettext_noop(
    "Не удалось загрузить файл: произошла внутренняя ошибка, справочник не изменился. "
    "Попробуйте ещё раз; если ошибка повторится, сообщите администратору."
)


@transaction.atomic
def staff_import_queue(*, staff_import: StaffImport, user: User) -> None:
    """Hand a previewed (or failed) import to a worker, which applies it after this commit."""
    staff_import = (
        StaffImport.objects.select_for_update().defer("rows", "content").get(pk=staff_import.pk)
    )
    if staff_import.status == StaffImport.Status.PARSING or not staff_import.columns:
        raise ValidationError(_("Файл ещё не прочитан: загружать пока нечего."))
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
    from ..tasks import apply_staff_import

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
            counts = staff_rows_write(staff_import)
        else:
            counts = bank_rows_write(staff_import)
    staff_import.status = StaffImport.Status.APPLIED
    staff_import.created_count = counts["created"]
    staff_import.updated_count = counts["updated"]
    staff_import.skipped_count = counts["skipped"]
    staff_import.applied_at = timezone.now()
    staff_import.content = None  # kept only to plan the preview again
    staff_import.save(
        update_fields=[
            "status",
            "created_count",
            "updated_count",
            "skipped_count",
            "applied_at",
            "content",
        ]
    )
