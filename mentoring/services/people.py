"""Writes to the staff and student directory."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from ..models import Organisation, Person, Subject
from .consents import require_unrestricted

# Fields of Person that forms and imports may set directly.
PERSON_FIELDS = (
    "kind",
    "last_name",
    "first_name",
    "patronymic",
    "gender",
    "name_cases",
    "birth_date",
    "position",
    "teaching_since",
    "category",
    "duties",
    "homeroom",
    "grade",
    "class_letter",
    "email",
    "phone",
)


def subjects_by_names(names: Iterable[str]) -> list[Subject]:
    """The catalogue subjects with these names (case-insensitive), created when missing."""
    subjects = []
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        subject = Subject.objects.annotate(key=Lower("name")).filter(key=name.lower()).first()
        if subject is None:
            subject = Subject.objects.create(name=name[:1].upper() + name[1:])
        subjects.append(subject)
    return subjects


@transaction.atomic
def person_create(
    *, organisation: Organisation, data: dict, subjects: Iterable[Subject] = ()
) -> Person:
    person = Person(organisation=organisation, **{k: data[k] for k in PERSON_FIELDS if k in data})
    person.full_clean()
    person.save()
    person.subjects.set(list(subjects))
    return person


@transaction.atomic
def person_update(
    *, person: Person, data: dict, subjects: Iterable[Subject] | None = None
) -> list[str]:
    """Apply the given fields; returns the names of the fields that changed."""
    require_unrestricted(person)
    changed = [k for k in PERSON_FIELDS if k in data and getattr(person, k) != data[k]]
    for field in changed:
        setattr(person, field, data[field])
    if changed:
        person.full_clean()
        person.save(update_fields=[*changed, "updated_at"])
    if subjects is not None:
        new_ids = {s.pk for s in subjects}
        if new_ids != set(person.subjects.values_list("pk", flat=True)):
            person.subjects.set(list(new_ids))
            changed.append("subjects")
    return changed


@transaction.atomic
def person_archive(*, person: Person) -> None:
    if person.archived_at is None:
        person.archived_at = timezone.now()
        person.save(update_fields=["archived_at", "updated_at"])


@transaction.atomic
def person_restore(*, person: Person) -> None:
    if person.archived_at is not None:
        person.archived_at = None
        person.save(update_fields=["archived_at", "updated_at"])
