"""Figures of the dashboards: people and bank counts, destruction deadlines, pairs to look at."""

from django.db.models import Count, Q

from ..models import (
    AcademicYear,
    Consent,
    DataDestruction,
    MenteeEntry,
    MentorEntry,
    MentoringPair,
    Organisation,
    Person,
)
from ..services.pairs import HOLDING_STATUSES


def organisation_counts(organisation_ids: list[int]) -> dict[int, dict[str, int]]:
    """Active staff and students per organisation, in one query."""
    teachers = Q(people__kind__in=[Person.Kind.TEACHER, Person.Kind.STAFF])
    active = Q(people__archived_at__isnull=True)
    rows = (
        Organisation.objects.filter(pk__in=organisation_ids)
        .annotate(
            staff=Count("people", filter=teachers & active),
            students=Count("people", filter=Q(people__kind=Person.Kind.STUDENT) & active),
            accounts=Count("people", filter=active & Q(people__user__isnull=False)),
        )
        .values("pk", "staff", "students", "accounts")
    )
    return {row.pop("pk"): row for row in rows}


def bank_counts(year: AcademicYear | None) -> dict[str, int]:
    """Mentees and mentors of the year's banks, candidates included."""
    if year is None:
        return {"mentees": 0, "mentors": 0}
    return {
        "mentees": MenteeEntry.objects.filter(academic_year=year)
        .exclude(status=MenteeEntry.Status.WITHDRAWN)
        .count(),
        "mentors": MentorEntry.objects.filter(academic_year=year)
        .exclude(status=MentorEntry.Status.ARCHIVED)
        .count(),
    }


def open_destructions(organisation: Organisation) -> list[DataDestruction]:
    """Data still to be destroyed after withdrawals, the most urgent first."""
    return list(
        DataDestruction.objects.filter(organisation=organisation, destroyed_at__isnull=True)
        .select_related("consent")
        .order_by("due_on")[:10]
    )


def pairs_with_withdrawn_consent(organisation: Organisation) -> list:
    """Pairs and groups still holding someone who withdrew the processing consent: the curator
    must dissolve them or replace the participant."""
    withdrawn = Consent.objects.filter(
        kind=Consent.Kind.PROCESSING, withdrawn_on__isnull=False, person__organisation=organisation
    ).values("person_id")
    return list(
        MentoringPair.objects.filter(organisation=organisation, status__in=HOLDING_STATUSES)
        .filter(Q(mentor__person__in=withdrawn) | Q(mentees__person__in=withdrawn))
        .select_related("mentor__person", "form")
        .distinct()[:10]
    )
