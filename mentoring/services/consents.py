"""Consents to personal data processing and mentoring duties; withdrawal and destruction."""

import hashlib
from collections.abc import Iterable
from datetime import date
from html import unescape
from typing import NamedTuple
from uuid import uuid4

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.uploads import FileKind, file_kind

from ..models import Consent, DataDestruction, MenteeEntry, MentorEntry, Person, User
from ..models.consents import DESTRUCTION_PERIOD

# The wording of the forms; a new wording gets a new version, old consents keep theirs.
TEXT_VERSION = "2026-12"
SCAN_MAX_BYTES = 10 * 1024 * 1024
_DESTROYED = "[уничтожено]"
# Personal fields cleared when data is destroyed after a withdrawal.
_DESTROYED_FIELDS = (
    "patronymic",
    "birth_date",
    "position",
    "email",
    "phone",
    "grade",
    "class_letter",
)


def is_minor(person: Person, on: date) -> bool:
    age = person.age(on)
    return age is not None and age < 18


def consent_context(*, person: Person, kind: str, representative: dict | None = None) -> dict:
    organisation = person.organisation
    return {
        "person": person,
        "organisation": organisation,
        "authority": organisation.education_authority,
        "kind": kind,
        "kinds": Consent.Kind,
        "categories": Consent.Category.choices,
        "representative": representative or {},
        "minor": is_minor(person, timezone.localdate()),
        "version": TEXT_VERSION,
    }


def consent_text(*, person: Person, kind: str) -> str:
    """The exact text a person consents to, as printed on the form (without filled-in details)."""
    html = render_to_string(f"consents/{kind}.html", consent_context(person=person, kind=kind))
    return " ".join(unescape(strip_tags(html)).split())


def scan_kind(scan: UploadedFile) -> FileKind:
    """What the scan is by its content; refuses anything but PDF, JPEG and PNG, and files
    over the size limit."""
    if scan.size > SCAN_MAX_BYTES:
        raise ValidationError(
            {
                "scan": _(
                    "Скан больше 10 МБ. Сохраните его с меньшим разрешением в PDF, JPEG или PNG."
                )
            }
        )
    kind = file_kind(scan)
    if kind is None:
        raise ValidationError(
            {
                "scan": _(
                    "Скан должен быть в формате PDF, JPEG или PNG, а этот файл — другого "
                    "формата, как бы он ни назывался."
                )
            }
        )
    return kind


@transaction.atomic
def consent_record(
    *,
    person: Person,
    kind: str,
    given_on: date,
    verified_by: User,
    expires_on: date | None = None,
    subject_address: str = "",
    subject_document: str = "",
    subject_document_issued_on: date | None = None,
    subject_document_issued_by: str = "",
    subject_document_division_code: str = "",
    representative_name: str = "",
    representative_relation: str = "",
    representative_address: str = "",
    representative_document: str = "",
    representative_document_issued_on: date | None = None,
    representative_document_issued_by: str = "",
    representative_document_division_code: str = "",
    representative_authority: str = "",
    published_categories: list[str] | None = None,
    scan: UploadedFile | None = None,
) -> Consent:
    """Record a signed paper consent that the verifying user has seen."""
    require_unrestricted(person)
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("Дата согласия не может быть в будущем.")})
    if is_minor(person, given_on) and not (representative_name and representative_relation):
        raise ValidationError(
            _(
                "%(name)s на дату согласия не было 18 лет: согласие даёт родитель (законный "
                "представитель) — укажите его ФИО и кем он приходится участнику."
            )
            % {"name": person.full_name}
        )
    if kind == Consent.Kind.DISSEMINATION and not published_categories:
        raise ValidationError(
            {"published_categories": _("Отметьте, какие данные можно публиковать.")}
        )
    if scan is not None:
        # A generated name: the original one may carry the person's name, and its extension
        # may lie about the content.
        scan.name = f"{uuid4().hex}{scan_kind(scan).extension}"
    consent = Consent(
        person=person,
        kind=kind,
        given_on=given_on,
        expires_on=expires_on,
        text_version=TEXT_VERSION,
        text_sha256=hashlib.sha256(consent_text(person=person, kind=kind).encode()).hexdigest(),
        subject_address=subject_address,
        subject_document=subject_document,
        subject_document_issued_on=subject_document_issued_on,
        subject_document_issued_by=subject_document_issued_by,
        subject_document_division_code=subject_document_division_code,
        representative_name=representative_name,
        representative_relation=representative_relation,
        representative_address=representative_address,
        representative_document=representative_document,
        representative_document_issued_on=representative_document_issued_on,
        representative_document_issued_by=representative_document_issued_by,
        representative_document_division_code=representative_document_division_code,
        representative_authority=representative_authority,
        published_categories=published_categories or [],
        verified_by=verified_by,
        verified_at=timezone.now(),
    )
    if scan is not None:
        consent.scan = scan
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_on: date) -> DataDestruction | None:
    """Withdraw a consent. Withdrawing the processing consent takes the person out of the
    active banks and starts the 30-day period to destroy their data."""
    if consent.withdrawn_on is not None:
        raise ValidationError(
            _("%(kind)s (%(name)s) уже отозвано %(date)s.")
            % {
                "kind": consent.get_kind_display(),
                "name": consent.person.full_name,
                "date": consent.withdrawn_on.strftime("%d.%m.%Y"),
            }
        )
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            _(
                "Согласие дано %(date)s, а дата отзыва раньше: укажите дату отзыва не раньше "
                "%(date)s."
            )
            % {"date": consent.given_on.strftime("%d.%m.%Y")}
        )
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    if consent.kind != Consent.Kind.PROCESSING:
        return None
    person = consent.person
    for entry in MenteeEntry.objects.filter(person=person).exclude(
        status__in=[MenteeEntry.Status.WITHDRAWN, MenteeEntry.Status.FINISHED]
    ):
        entry.status = MenteeEntry.Status.WITHDRAWN
        entry.save(update_fields=["status", "updated_at"])
    for entry in MentorEntry.objects.filter(person=person).exclude(
        status=MentorEntry.Status.ARCHIVED
    ):
        entry.status = MentorEntry.Status.ARCHIVED
        entry.save(update_fields=["status", "updated_at"])
    return DataDestruction.objects.create(
        consent=consent,
        organisation_id=person.organisation_id,
        person_name=person.full_name,
        due_on=withdrawn_on + DESTRUCTION_PERIOD,
        categories=[str(Person._meta.get_field(f).verbose_name) for f in _DESTROYED_FIELDS],
    )


@transaction.atomic
def data_destroy(*, destruction: DataDestruction, actor: User) -> None:
    """Erase the personal data a withdrawal covers; the act and the audit log keep who and when."""
    if destruction.destroyed_at is not None:
        raise ValidationError(
            _("Данные %(name)s уже уничтожены %(date)s.")
            % {
                "name": destruction.person_name,
                "date": timezone.localtime(destruction.destroyed_at).strftime("%d.%m.%Y"),
            }
        )
    person = destruction.consent.person
    for field in _DESTROYED_FIELDS:
        setattr(person, field, Person._meta.get_field(field).get_default())
    # The act keeps the name; the directory keeps only a placeholder.
    person.last_name, person.first_name = _("Данные уничтожены"), f"№{person.pk}"
    person.archived_at = person.archived_at or timezone.now()
    person.save(
        update_fields=[*_DESTROYED_FIELDS, "last_name", "first_name", "archived_at", "updated_at"]
    )
    person.subjects.clear()
    _scrub_audit_log(person)
    destruction.destroyed_at = timezone.now()
    destruction.destroyed_by = actor
    destruction.save(update_fields=["destroyed_at", "destroyed_by"])


def _scrub_audit_log(person: Person) -> None:
    """The audit log keeps who changed which field and when, but no longer the values."""
    for entry in LogEntry.objects.get_for_object(person):
        if entry.changes:
            entry.changes = {field: [_DESTROYED, _DESTROYED] for field in entry.changes}
            entry.changes_text = ""
            entry.save(update_fields=["changes", "changes_text"])


def require_unrestricted(person: Person) -> None:
    """Nothing more is done with the data of a person who withdrew their processing consent,
    but destroying it."""
    if (restriction := person.restriction) is not None:
        raise ValidationError(
            _(
                "%(name)s отозвал(а) согласие на обработку персональных данных %(date)s: "
                "данные не обрабатываются и подлежат уничтожению до %(due)s."
            )
            % {
                "name": person.full_name,
                "date": restriction.withdrawn_on.strftime("%d.%m.%Y"),
                "due": restriction.destroy_by.strftime("%d.%m.%Y"),
            },
            code="restricted",
        )


def valid_consent_kinds(person: Person, on: date | None = None) -> set[str]:
    on = on or timezone.localdate()
    return {c.kind for c in person.consents.all() if c.is_valid_on(on)}


# What a participant of a pair or group has signed: their data may be processed, and they
# take on the duties of a mentor or a mentee (one form for both roles).
REQUIRED_CONSENTS = (Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES)


class MissingConsent(NamedTuple):
    """A consent a person has not given: its kind (for the form's ?kind=) and what it is."""

    kind: str
    label: str


def _consent_label(kind: str, *, minor: bool) -> str:
    if kind == Consent.Kind.PROCESSING:
        if minor:
            return _("согласие родителя (законного представителя) на обработку персональных данных")
        return _("согласие на обработку персональных данных")
    if kind == Consent.Kind.MENTORING_DUTIES:
        if minor:
            return _("согласие родителя (законного представителя) на участие в наставничестве")
        return _("согласие на участие в наставничестве")
    return Consent.Kind(kind).label.lower()


def consents_missing(
    person: Person, kinds: Iterable[str] = REQUIRED_CONSENTS, on: date | None = None
) -> list[MissingConsent]:
    """The consents of `kinds` the person has not validly given on the day (prefetched
    consents). A minor's consent counts only when a parent (legal representative) signed it:
    one the person signed alone, before their birthday was known, does not."""
    on = on or timezone.localdate()
    valid = {
        c.kind
        for c in person.consents.all()
        if c.is_valid_on(on) and (c.by_representative or not is_minor(person, c.given_on))
    }
    minor = is_minor(person, on)
    return [
        MissingConsent(kind, _consent_label(kind, minor=minor))
        for kind in kinds
        if kind not in valid
    ]


def require_processing_consent(person: Person) -> None:
    """A person enters a bank only with a valid consent to process their data (a minor's
    is named as their parent's)."""
    today = timezone.localdate()
    if Consent.Kind.PROCESSING not in valid_consent_kinds(person, today):
        label = _consent_label(Consent.Kind.PROCESSING, minor=is_minor(person, today))
        raise ValidationError(
            _(
                "%(name)s: нужно действующее %(consent)s. Распечатайте бланк согласия, "
                "получите подпись и отметьте согласие в карточке участника."
            )
            % {"name": person.full_name, "consent": label},
            code="no_processing_consent",
        )
