"""The school's methodical collection (методическая копилка): a completed pair or group
written up as a case, its materials, and publishing it to the school's staff, the
municipality and the public page."""

from uuid import uuid4

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.uploads import DOCUMENT_KINDS, file_kind
from mentoring.models import MentoringPair, Programme

from ..models import PracticeCase, PracticeMaterial
from ..selectors.indicators import evaluations

MAX_MATERIAL_SIZE = 10 * 1024 * 1024
MAX_MATERIALS = 20
CASE_FIELDS = ("title", "description", "form_name", "role_model", "results")


def _paragraphs(*parts: tuple[str, str]) -> str:
    """«Heading: text» paragraphs of the parts that have a text."""
    return "\n\n".join(f"{heading}: {text.strip()}" for heading, text in parts if text.strip())


@transaction.atomic
def case_create_from_pair(*, pair: MentoringPair, user) -> PracticeCase:
    """A draft case of a completed pair or group, filled in from its form, role model,
    programme and latest effectiveness evaluation, for the curator to finish."""
    if pair.status != MentoringPair.Status.COMPLETED:
        raise ValidationError(
            _("В методическую копилку попадает только завершённая пара или группа.")
        )
    existing = PracticeCase.objects.filter(pair=pair).first()
    if existing is not None:
        raise ValidationError(
            _("Эта пара уже описана в копилке: «%(title)s».") % {"title": existing.title}
        )
    programme = Programme.objects.filter(pair=pair).first()
    role_model = pair.role_model
    evaluation = (
        evaluations([pair.academic_year_id], timezone.localdate()).filter(pair=pair).first()
    )
    description = _paragraphs(
        (_("Цель"), programme.goal if programme else (role_model.aim if role_model else "")),
        (_("Задачи"), programme.tasks if programme else (role_model.tasks if role_model else "")),
        (_("Направления работы"), programme.directions if programme else ""),
    )
    expected = programme.expected_results if programme else ""
    if not expected and role_model:
        expected = role_model.expected_results
    case = PracticeCase(
        organisation_id=pair.organisation_id,
        pair=pair,
        title=capfirst(
            _("%(form)s: %(model)s")
            % {
                "form": pair.form.name,
                "model": role_model.name if role_model else pair.mentoring_type.name,
            }
        ),
        description=description,
        form_name=pair.form.name,
        role_model=role_model.name if role_model else "",
        results=_paragraphs((_("Ожидаемые результаты"), expected)),
        score=evaluation.score if evaluation else None,
        level=evaluation.level if evaluation else "",
        created_by=user,
    )
    # The description may still be empty: the curator writes it before publishing.
    case.full_clean(exclude=["description"])
    case.save()
    return case


@transaction.atomic
def case_update(*, case: PracticeCase, **fields) -> PracticeCase:
    for name, value in fields.items():
        if name not in CASE_FIELDS:
            raise TypeError(name)
        setattr(case, name, value)
    case.full_clean()
    case.save(update_fields=[*fields, "updated_at"])
    return case


@transaction.atomic
def case_publish(*, case: PracticeCase) -> PracticeCase:
    """Open the case to the school's staff and the municipality (and the public page)."""
    if not case.description.strip():
        raise ValidationError(_("Перед публикацией опишите практику: поле «Описание» пусто."))
    case.status = PracticeCase.Status.PUBLISHED
    case.published_at = timezone.now()
    case.save(update_fields=["status", "published_at", "updated_at"])
    return case


@transaction.atomic
def case_unpublish(*, case: PracticeCase) -> PracticeCase:
    case.status = PracticeCase.Status.DRAFT
    case.published_at = None
    case.save(update_fields=["status", "published_at", "updated_at"])
    return case


def _delete_on_commit(field_file) -> None:
    storage, name = field_file.storage, field_file.name
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def case_delete(*, case: PracticeCase) -> None:
    for material in case.materials.all():
        _delete_on_commit(material.file)
    case.delete()


def material_kind_check(upload: UploadedFile):
    """The upload's kind by its content; refuses files too big or of another kind."""
    if upload.size > MAX_MATERIAL_SIZE:
        raise ValidationError({"file": _("Файл больше 10 МБ. Сожмите его или разделите на части.")})
    kind = file_kind(upload, DOCUMENT_KINDS)
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "Можно прикрепить документ PDF, Word (.docx), PowerPoint (.pptx), Excel "
                    "(.xlsx) или изображение JPEG, PNG; этот файл — другого формата, как бы он "
                    "ни назывался."
                )
            }
        )
    return kind


@transaction.atomic
def material_add(*, case: PracticeCase, title: str, upload: UploadedFile) -> PracticeMaterial:
    if case.materials.count() >= MAX_MATERIALS:
        raise ValidationError(
            _("К практике можно прикрепить не больше %(count)s файлов.") % {"count": MAX_MATERIALS}
        )
    kind = material_kind_check(upload)
    # A generated name: the original one may carry a person's name, its extension may lie.
    upload.name = f"{uuid4().hex}{kind.extension}"
    material = PracticeMaterial(case=case, title=title.strip(), file=upload, size=upload.size)
    material.full_clean()
    try:
        material.save()  # the file is written to storage first, then the row
    except Exception:
        if material.file.name:
            material.file.storage.delete(material.file.name)
        raise
    return material


@transaction.atomic
def material_delete(*, material: PracticeMaterial) -> None:
    _delete_on_commit(material.file)
    material.delete()
