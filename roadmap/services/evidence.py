"""What shows an activity done: an uploaded file (a protocol, a photo report) or a link to a
pair of the school. Kept on an approved roadmap too, like the status."""

from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from mentoring.models import MentoringPair

from ..models import Activity

MAX_EVIDENCE_SIZE = 10 * 1024 * 1024
# Documents and pictures a school keeps as evidence; nothing a browser would run.
EVIDENCE_EXTENSIONS = frozenset(
    {".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".jpg", ".jpeg", ".png", ".zip"}
)


def evidence_file_check(upload: UploadedFile) -> None:
    if upload.size > MAX_EVIDENCE_SIZE:
        raise ValidationError(_("Файл больше 10 МБ. Сожмите его или загрузите ссылкой."))
    if Path(upload.name).suffix.lower() not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            _("Можно загрузить документ или изображение: PDF, Word, Excel, JPG, PNG или ZIP.")
        )


def _delete_later(field_file) -> None:
    """Remove a replaced file once the change is committed."""
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def activity_evidence_set(
    *,
    activity: Activity,
    upload: UploadedFile | None = None,
    remove_file: bool = False,
    pair: MentoringPair | None = None,
) -> Activity:
    """Attach a new file (replacing the old one) or remove it, and link the activity to a pair
    of the school or to nothing."""
    organisation_id = activity.stage.roadmap.organisation_id
    if pair is not None and pair.organisation_id != organisation_id:
        raise ValidationError(_("Можно сослаться только на пару этой организации."))
    update_fields = ["evidence_type", "evidence_id", "updated_at"]
    if upload is not None:
        evidence_file_check(upload)
        _delete_later(activity.evidence_file)
        activity.evidence_file.save(upload.name, upload, save=False)
        update_fields.append("evidence_file")
    elif remove_file and activity.evidence_file:
        _delete_later(activity.evidence_file)
        activity.evidence_file = ""
        update_fields.append("evidence_file")
    if pair is None:
        activity.evidence_type, activity.evidence_id = None, None
    else:
        activity.evidence_type = ContentType.objects.get_for_model(MentoringPair)
        activity.evidence_id = pair.pk
    activity.save(update_fields=update_fields)
    return activity
