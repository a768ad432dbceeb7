"""Reads of the banks of mentees and mentors; list querysets keep their query count constant."""

from datetime import date

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    TextField,
)
from django.db.models.functions import Cast
from django.utils import timezone

from core.search import with_every_word

from ..models import AcademicYear, Consent, MenteeEntry, MentorEntry, Organisation
from ..models.consents import restricted
from ..services.consents import valid_consent_kinds

NAME_FIELDS = ("person__last_name", "person__first_name", "person__patronymic")


def valid_processing_consent(on: date | None = None) -> Exists:
    """The entry's person has a processing consent valid on the day (as Consent.is_valid_on)."""
    on = on or timezone.localdate()
    return Exists(
        Consent.objects.filter(
            person=OuterRef("person"),
            kind=Consent.Kind.PROCESSING,
            given_on__lte=on,
        )
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gt=on))
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
    )


def _with_choice(entries: QuerySet, field: str, value: str) -> QuerySet:
    """Entries whose JSON list of choices holds the value. Compared as text, which works on
    both SQLite and PostgreSQL (JSON `contains` is PostgreSQL only); values are plain slugs."""
    return entries.annotate(choices_text=Cast(field, TextField())).filter(
        choices_text__contains=f'"{value}"'
    )


_ORDER = ("person__last_name", "person__first_name", "person__patronymic", "pk")
# What a list row and an export row show, besides the person and their consents.
_ROW_RELATIONS = {
    MenteeEntry: ("preferred_forms", "requests"),
    MentorEntry: ("preferred_forms", "competences", "person__subjects"),
}


def _for_rows(entries: QuerySet) -> QuerySet:
    return (
        entries.select_related("person")
        .prefetch_related("person__consents", *_ROW_RELATIONS[entries.model])
        .order_by(*_ORDER)
    )


# Filters on what a restricted person's row does not show: they are found by name, status and
# consent only.
_DATA_FILTERS = (
    "category",
    "ground",
    "tag",
    "subject",
    "experience_min",
    "experience_max",
    "capacity",
)


def _filter_common(entries: QuerySet, params: dict) -> QuerySet:
    if any(params.get(name) not in (None, "") for name in _DATA_FILTERS):
        entries = entries.exclude(restricted("person"))
    if status := params.get("status"):
        entries = entries.filter(status=status)
    if subject := params.get("subject"):
        entries = entries.filter(person__subjects__pk=subject)
    if consent := params.get("consent"):
        has_consent = valid_processing_consent()
        entries = entries.filter(has_consent if consent == "valid" else ~has_consent)
    entries = with_every_word(entries, params.get("q"), *NAME_FIELDS)
    return _for_rows(entries)


def mentee_entries(year: AcademicYear, params: dict) -> QuerySet[MenteeEntry]:
    """The mentee bank of a year, filtered by the list page's parameters."""
    entries = MenteeEntry.objects.filter(academic_year=year)
    if category := params.get("category"):
        entries = _with_choice(entries, "categories", category)
    if tag := params.get("tag"):
        entries = entries.filter(requests__pk=tag)
    return _filter_common(entries, params)


def mentor_entries(year: AcademicYear, params: dict) -> QuerySet[MentorEntry]:
    """The mentor bank of a year, filtered by the list page's parameters."""
    entries = MentorEntry.objects.filter(academic_year=year)
    if ground := params.get("ground"):
        entries = _with_choice(entries, "grounds", ground)
    if tag := params.get("tag"):
        entries = entries.filter(competences__pk=tag)
    # Experience counts whole years from the year teaching began, as Person.experience_years.
    this_year = timezone.localdate().year
    if params.get("experience_min") is not None:
        entries = entries.filter(person__teaching_since__lte=this_year - params["experience_min"])
    if params.get("experience_max") is not None:
        entries = entries.filter(person__teaching_since__gte=this_year - params["experience_max"])
    if params.get("capacity") is not None:
        entries = entries.filter(capacity__gte=params["capacity"])
    return _filter_common(entries, params)


def selected_entries(model, organisation: Organisation, ids: list[int]) -> QuerySet:
    """Entries of the school ticked on a list page, in list order."""
    return _for_rows(model.objects.filter(organisation=organisation, pk__in=ids))


def status_counts(entries: QuerySet) -> dict[str, int]:
    """Status → number of entries, in one query."""
    rows = (
        entries.prefetch_related(None)
        .order_by()
        .values("status")
        .annotate(count=Count("pk", distinct=True))
    )
    return {row["status"]: row["count"] for row in rows}


def mark_consent_state(entries) -> list:
    """Set `has_processing_consent` on each entry from its person's prefetched consents."""
    today = timezone.localdate()
    entries = list(entries)
    for entry in entries:
        entry.has_processing_consent = Consent.Kind.PROCESSING in valid_consent_kinds(
            entry.person, today
        )
    return entries
