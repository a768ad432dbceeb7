"""Participants' preferred partners after the group meeting (seed 000, stage 4)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ..models import AcademicYear, MenteeEntry, MentorEntry, Person, Preference, User
from ..models.consents import restricted

MAX_CHOICES = 3
# Entries that no longer take part in the year's matching; nor does anyone whose processing
# consent is withdrawn.
_MENTEE_GONE = (MenteeEntry.Status.FINISHED, MenteeEntry.Status.WITHDRAWN)
_MENTOR_GONE = (MentorEntry.Status.ARCHIVED,)


def mentee_entries_of(academic_year: AcademicYear) -> QuerySet[MenteeEntry]:
    return (
        MenteeEntry.objects.filter(academic_year=academic_year)
        .exclude(status__in=_MENTEE_GONE)
        .exclude(restricted("person"))
    )


def mentor_entries_of(academic_year: AcademicYear) -> QuerySet[MentorEntry]:
    return (
        MentorEntry.objects.filter(academic_year=academic_year)
        .exclude(status__in=_MENTOR_GONE)
        .exclude(restricted("person"))
    )


def partner_candidates(*, academic_year: AcademicYear, chooser: Person) -> QuerySet[Person] | None:
    """Whom the chooser may name: a mentee chooses mentors, a mentor chooses mentees, someone in
    both banks chooses from both. None when the chooser is in neither bank of the year."""
    mentees = mentee_entries_of(academic_year)
    mentors = mentor_entries_of(academic_year)
    allowed = Q()
    if mentees.filter(person=chooser).exists():
        allowed |= Q(pk__in=mentors.values("person"))
    if mentors.filter(person=chooser).exists():
        allowed |= Q(pk__in=mentees.values("person"))
    if not allowed:
        return None
    return Person.objects.filter(allowed).exclude(pk=chooser.pk)


@transaction.atomic
def preferences_set(
    *,
    academic_year: AcademicYear,
    chooser: Person,
    chosen: list[Person],
    entered_by: User | None,
) -> list[Preference]:
    """Replace the chooser's choices of the year with `chosen`, best first."""
    candidates = partner_candidates(academic_year=academic_year, chooser=chooser)
    if candidates is None:
        raise ValidationError(
            _("%(name)s не входит в банк наставников или наставляемых %(year)s учебного года.")
            % {"name": chooser.full_name, "year": academic_year.title}
        )
    if len(chosen) > MAX_CHOICES:
        raise ValidationError(_("Можно назвать не больше трёх партнёров."))
    if any(person.pk == chooser.pk for person in chosen):
        raise ValidationError(_("Нельзя выбрать самого себя."))
    if len({person.pk for person in chosen}) != len(chosen):
        raise ValidationError(_("Один и тот же участник выбран несколько раз."))
    allowed = set(candidates.filter(pk__in=[p.pk for p in chosen]).values_list("pk", flat=True))
    for person in chosen:
        if person.pk not in allowed:
            raise ValidationError(
                _(
                    "%(name)s нельзя выбрать: наставляемый выбирает из банка наставников, "
                    "наставник — из банка наставляемых этого учебного года."
                )
                % {"name": person.full_name}
            )
    Preference.objects.filter(academic_year=academic_year, chooser=chooser).delete()
    return Preference.objects.bulk_create(
        Preference(
            academic_year=academic_year,
            chooser=chooser,
            chosen=person,
            rank=rank,
            entered_by=entered_by,
        )
        for rank, person in enumerate(chosen, start=1)
    )
