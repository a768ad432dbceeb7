"""Writes to the banks of mentees and mentors."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from ..models import (
    AcademicYear,
    MenteeEntry,
    MentorEntry,
    Organisation,
    Person,
    PsychologistNote,
    Tag,
    User,
)
from .consents import require_processing_consent, require_unrestricted

MENTOR_STUDENT_AGES = range(15, 19)


def tags_by_names(organisation: Organisation, names: Iterable[str]) -> list[Tag]:
    """The school's catalogue entries with these names (case-insensitive), created when missing."""
    tags = []
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        tag = (
            Tag.objects.annotate(key=Lower("name"))
            .filter(organisation=organisation, key=name.lower())
            .first()
        )
        tags.append(tag or Tag.objects.create(organisation=organisation, name=name[:150]))
    return tags


def _check_person(person: Person, academic_year: AcademicYear) -> None:
    if person.organisation_id != academic_year.organisation_id:
        raise ValidationError(
            _("%(name)s — участник другой организации: в банк включают только своих участников.")
            % {"name": person.full_name}
        )
    if person.is_archived:
        raise ValidationError(
            _(
                "%(name)s в архиве: сначала верните участника из архива в его карточке, "
                "затем включите в банк."
            )
            % {"name": person.full_name}
        )
    require_unrestricted(person)
    require_processing_consent(person)


def _check_mentor(person: Person) -> None:
    if person.kind == Person.Kind.STUDENT:
        age = person.age()
        if age is None:
            raise ValidationError(
                _(
                    "У %(name)s не указана дата рождения: наставником из числа обучающихся "
                    "может быть ученик 15–18 лет — укажите дату рождения в карточке участника."
                )
                % {"name": person.full_name}
            )
        if age not in MENTOR_STUDENT_AGES:
            raise ValidationError(
                _(
                    "%(name)s не может быть наставником: наставником из числа обучающихся "
                    "может быть ученик 15–18 лет, а возраст участника — %(age)s."
                )
                % {"name": person.full_name, "age": age}
            )


@transaction.atomic
def mentee_add(
    *,
    academic_year: AcademicYear,
    person: Person,
    status: str = MenteeEntry.Status.CANDIDATE,
    categories: list[str] = (),
    request_names: Iterable[str] = (),
    requests_text: str = "",
    request_sources: list[str] = (),
    preferred_forms: Iterable = (),
    comment: str = "",
) -> MenteeEntry:
    _check_person(person, academic_year)
    if MenteeEntry.objects.filter(academic_year=academic_year, person=person).exists():
        raise ValidationError(
            _("%(name)s уже в банке наставляемых %(year)s.")
            % {"name": person.full_name, "year": academic_year.title}
        )
    entry = MenteeEntry.objects.create(
        organisation_id=academic_year.organisation_id,
        academic_year=academic_year,
        person=person,
        status=status,
        categories=list(categories),
        requests_text=requests_text,
        request_sources=list(request_sources),
        comment=comment,
    )
    entry.requests.set(tags_by_names(person.organisation, request_names))
    entry.preferred_forms.set(list(preferred_forms))
    return entry


@transaction.atomic
def mentor_add(
    *,
    academic_year: AcademicYear,
    person: Person,
    status: str = MentorEntry.Status.CANDIDATE,
    grounds: list[str] = (),
    competence_names: Iterable[str] = (),
    capacity: int = 1,
    preferred_forms: Iterable = (),
    comment: str = "",
    details: dict | None = None,
) -> MentorEntry:
    """Add a person to the bank of mentors; `details` are the interview and training fields."""
    _check_person(person, academic_year)
    _check_mentor(person)
    if MentorEntry.objects.filter(academic_year=academic_year, person=person).exists():
        raise ValidationError(
            _("%(name)s уже в банке наставников %(year)s.")
            % {"name": person.full_name, "year": academic_year.title}
        )
    entry = MentorEntry(
        organisation_id=academic_year.organisation_id,
        academic_year=academic_year,
        person=person,
        status=status,
        grounds=list(grounds),
        capacity=capacity,
        comment=comment,
        **(details or {}),
    )
    entry.full_clean(exclude=["organisation", "academic_year", "person"])
    entry.save()
    entry.competences.set(tags_by_names(person.organisation, competence_names))
    entry.preferred_forms.set(list(preferred_forms))
    return entry


@transaction.atomic
def bank_entry_update(
    *,
    entry: MenteeEntry | MentorEntry,
    data: dict,
    tag_names: Iterable[str] | None = None,
    preferred_forms: Iterable | None = None,
) -> list[str]:
    """Change the given fields of a bank entry; tags are the requests of a mentee or the
    competences of a mentor."""
    require_unrestricted(entry.person)
    changed = [k for k, v in data.items() if getattr(entry, k) != v]
    if "status" in changed and data["status"] == entry.Status.IN_BANK:
        require_processing_consent(entry.person)
    for field in changed:
        setattr(entry, field, data[field])
    if changed:
        entry.full_clean(exclude=["organisation", "academic_year", "person"])
        entry.save(update_fields=[*changed, "updated_at"])
    if tag_names is not None:
        tags = entry.requests if isinstance(entry, MenteeEntry) else entry.competences
        tags.set(tags_by_names(entry.person.organisation, tag_names))
    if preferred_forms is not None:
        entry.preferred_forms.set(list(preferred_forms))
    return changed


@transaction.atomic
def bank_entries_set_status(*, entries: Iterable[MenteeEntry | MentorEntry], status: str) -> int:
    """Bulk status change from a bank list; entering the bank again needs a valid consent."""
    count = 0
    for entry in entries:
        require_unrestricted(entry.person)
        if entry.status == status:
            continue
        if status == entry.Status.IN_BANK:
            require_processing_consent(entry.person)
        entry.status = status
        entry.save(update_fields=["status", "updated_at"])
        count += 1
    return count


@transaction.atomic
def psychologist_note_add(*, entry: MenteeEntry, author: User, text: str) -> PsychologistNote:
    require_unrestricted(entry.person)
    if not text.strip():
        raise ValidationError({"text": _("Напишите текст заметки.")})
    return PsychologistNote.objects.create(entry=entry, author=author, text=text.strip())
