"""Reads that span relations; each returns a queryset whose query count does not grow with rows."""

from auditlog.models import LogEntry
from django.db.models import CharField, Count, Q, QuerySet, Value
from django.db.models.functions import Concat, Lower, Replace

from .models import (
    AcademicYear,
    Consent,
    DataDestruction,
    MenteeEntry,
    MentorEntry,
    MentoringPair,
    Organisation,
    Person,
)
from .services.pairs import HOLDING_STATUSES


def normalise_for_search(text: str) -> str:
    """Lower case with «ё» as «е», the form search compares in."""
    return text.lower().replace("ё", "е")


_PERSON_SEARCH_TEXT = Replace(
    Lower(
        Concat(
            "last_name",
            Value(" "),
            "first_name",
            Value(" "),
            "patronymic",
            Value(" "),
            "position",
            Value(" "),
            "email",
            output_field=CharField(),
        )
    ),
    Value("ё"),
    Value("е"),
)


def people_for_directory(organisation: Organisation, params) -> QuerySet[Person]:
    """The directory of one organisation, filtered by the list page's GET parameters."""
    people = Person.objects.filter(organisation=organisation).prefetch_related("subjects")
    if params.get("archived") == "1":
        people = people.filter(archived_at__isnull=False)
    else:
        people = people.filter(archived_at__isnull=True)
    if kind := params.get("kind"):
        people = people.filter(kind=kind)
    if category := params.get("category"):
        people = people.filter(category=category)
    if subject := params.get("subject"):
        people = people.filter(subjects__pk=subject)
    words = normalise_for_search(params.get("q") or "").split()[:5]
    if words:
        people = people.annotate(search_text=_PERSON_SEARCH_TEXT)
        for word in words:
            people = people.filter(search_text__contains=word)
    return people.order_by("last_name", "first_name", "patronymic", "pk")


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


def current_academic_year(organisation: Organisation) -> AcademicYear | None:
    return AcademicYear.objects.filter(organisation=organisation, is_current=True).first()


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


def audit_history(obj, limit: int = 20) -> list[dict]:
    """The latest audit records of one object: who, when, and each field's old → new value."""
    rows = []
    for entry in LogEntry.objects.get_for_object(obj).select_related("actor")[:limit]:
        changes = []
        if entry.action == LogEntry.Action.UPDATE:
            # The display dict has the fields' labels; many-to-many changes keep their shape
            # only in the raw dict, which lists the fields in the same order.
            for (label, shown), raw in zip(
                entry.changes_display_dict.items(), entry.changes_dict.values(), strict=False
            ):
                if isinstance(raw, dict):
                    sign = "−" if raw.get("operation") == "delete" else "+"
                    changes.append(
                        {"field": label, "added": f"{sign} " + ", ".join(raw["objects"])}
                    )
                else:
                    old, new = (None if v in ("None", "") else v for v in shown)
                    changes.append({"field": label, "old": old, "new": new})
        rows.append({"log": entry, "changes": changes})
    return rows


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
