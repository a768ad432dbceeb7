"""Reads of pairs and groups and of the bank entries a pair can be formed from."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from .models import AcademicYear, Consent, MenteeEntry, MentorEntry, MentoringPair
from .services.consents import valid_consent_kinds
from .services.pairs import HOLDING_STATUSES, REQUIRED_CONSENTS

_ORDER = ("person__last_name", "person__first_name", "person__patronymic", "pk")


def pairs_of_year(year: AcademicYear, params: dict) -> QuerySet[MentoringPair]:
    """The year's pairs and groups, filtered by the list page's parameters."""
    pairs = MentoringPair.objects.filter(academic_year=year)
    if status := params.get("status"):
        pairs = pairs.filter(status=status)
    if form := params.get("form"):
        pairs = pairs.filter(form=form)
    return pairs.select_related(
        "mentor__person", "co_mentor__person", "form", "role_model", "mentoring_type"
    ).prefetch_related(
        Prefetch("mentees", queryset=MenteeEntry.objects.select_related("person").order_by(*_ORDER))
    )


def pair_status_counts(pairs: QuerySet[MentoringPair]) -> dict[str, int]:
    """Status → number of pairs, in one query."""
    rows = pairs.prefetch_related(None).order_by().values("status").annotate(count=Count("pk"))
    return {row["status"]: row["count"] for row in rows}


def pair_for_detail(pk: int) -> MentoringPair:
    consents = Prefetch("person__consents", queryset=Consent.objects.all())
    mentees = MenteeEntry.objects.select_related("person").prefetch_related(consents)
    return (
        MentoringPair.objects.select_related(
            "academic_year",
            "form",
            "role_model",
            "mentoring_type",
            "mentor__person",
            "co_mentor__person",
        )
        .prefetch_related(
            Prefetch("mentees", queryset=mentees.order_by(*_ORDER)),
            "mentor__person__consents",
            "co_mentor__person__consents",
        )
        .get(pk=pk)
    )


def mentors_for_pairing(year: AcademicYear) -> QuerySet[MentorEntry]:
    """Mentors in the bank, each with `free_places` left after the pairs that hold them."""
    held = Count("pairs__mentees", filter=Q(pairs__status__in=HOLDING_STATUSES))
    return (
        MentorEntry.objects.filter(academic_year=year, status=MentorEntry.Status.IN_BANK)
        .select_related("person")
        .annotate(free_places=F("capacity") - held)
        .order_by(*_ORDER)
    )


def mentees_for_pairing(year: AcademicYear) -> QuerySet[MenteeEntry]:
    """Mentees in the bank who are not held by a pair or group."""
    holding = MentoringPair.objects.filter(mentees=OuterRef("pk"), status__in=HOLDING_STATUSES)
    return (
        MenteeEntry.objects.filter(academic_year=year, status=MenteeEntry.Status.IN_BANK)
        .exclude(Exists(holding))
        .select_related("person")
        .order_by(*_ORDER)
    )


def consent_state(entries) -> list[dict]:
    """For each entry: the required consents its person has and has not (prefetched consents)."""
    today = timezone.localdate()
    rows = []
    for entry in entries:
        valid = valid_consent_kinds(entry.person, today)
        rows.append(
            {
                "entry": entry,
                "person": entry.person,
                "consents": [
                    (kind, Consent.Kind(kind).label, kind in valid) for kind in REQUIRED_CONSENTS
                ],
                "missing": [
                    (kind, Consent.Kind(kind).label)
                    for kind in REQUIRED_CONSENTS
                    if kind not in valid
                ],
            }
        )
    return rows
