"""Reads of pairs and groups and of the bank entries a pair can be formed from."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import capfirst

from core.search import search_text, search_words

from ..models import (
    AcademicYear,
    Consent,
    Meeting,
    MenteeEntry,
    MentorEntry,
    MentoringPair,
    ProgrammeItem,
)
from ..models.consents import restricted
from ..services.consents import REQUIRED_CONSENTS, MissingConsent, consents_missing
from ..services.pairs import HOLDING_STATUSES
from .banks import NAME_FIELDS

_ORDER = ("person__last_name", "person__first_name", "person__patronymic", "pk")


def _count(queryset: QuerySet, group: str) -> Coalesce:
    """The number of rows of `queryset` (already tied to the outer pair), as a subquery."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def _name_matches(word: str) -> Q:
    """The mentor, the co-mentor or one of the mentees has `word` in their name."""
    mentors = MentorEntry.objects.annotate(search_text=search_text(*NAME_FIELDS)).filter(
        Q(pk=OuterRef("mentor_id")) | Q(pk=OuterRef("co_mentor_id")),
        search_text__contains=word,
    )
    mentees = MenteeEntry.objects.annotate(search_text=search_text(*NAME_FIELDS)).filter(
        pairs=OuterRef("pk"), search_text__contains=word
    )
    return Q(Exists(mentors)) | Q(Exists(mentees))


def _pairs_filtered(year: AcademicYear, params: dict) -> QuerySet[MentoringPair]:
    pairs = MentoringPair.objects.filter(academic_year=year)
    if status := params.get("status"):
        pairs = pairs.filter(status=status)
    if form := params.get("form"):
        pairs = pairs.filter(form=form)
    if mentoring_type := params.get("mentoring_type"):
        pairs = pairs.filter(mentoring_type=mentoring_type)
    for word in search_words(params.get("q")):
        pairs = pairs.filter(_name_matches(word))
    return pairs


def pairs_of_year(year: AcademicYear, params: dict) -> QuerySet[MentoringPair]:
    """The year's pairs and groups, filtered by the list page's parameters, each with the
    progress of its plan (`items_total`, `items_done`) and its last held and next planned
    meeting."""
    items = ProgrammeItem.objects.filter(programme__pair=OuterRef("pk"))
    meetings = Meeting.objects.filter(pair=OuterRef("pk"))
    return (
        _pairs_filtered(year, params)
        .annotate(
            items_total=_count(items, "programme__pair"),
            items_done=_count(items.filter(done=True), "programme__pair"),
            last_meeting=Subquery(
                meetings.filter(held_on__isnull=False).order_by("-held_on").values("held_on")[:1]
            ),
            next_meeting=Subquery(
                meetings.filter(held_on__isnull=True)
                .order_by("planned_on")
                .values("planned_on")[:1]
            ),
        )
        .select_related(
            "mentor__person", "co_mentor__person", "form", "role_model", "mentoring_type"
        )
        .prefetch_related(
            Prefetch(
                "mentees",
                queryset=MenteeEntry.objects.select_related("person")
                .prefetch_related("person__consents")
                .order_by(*_ORDER),
            ),
            # Whose processing consent is withdrawn (Person.restriction).
            "mentor__person__consents",
            "co_mentor__person__consents",
        )
    )


def pair_status_counts(year: AcademicYear, params: dict) -> dict[str, int]:
    """Status → number of the year's pairs matching the other filters, in one query."""
    pairs = _pairs_filtered(year, {**params, "status": ""})
    rows = pairs.order_by().values("status").annotate(count=Count("pk"))
    return {row["status"]: row["count"] for row in rows}


def pairs_for_detail() -> QuerySet[MentoringPair]:
    consents = Prefetch("person__consents", queryset=Consent.objects.all())
    mentees = MenteeEntry.objects.select_related("person").prefetch_related(consents)
    return MentoringPair.objects.select_related(
        "organisation__municipality",
        "academic_year",
        "form",
        "role_model",
        "mentoring_type",
        "mentor__person",
        "co_mentor__person",
    ).prefetch_related(
        Prefetch("mentees", queryset=mentees.order_by(*_ORDER)),
        "mentor__person__consents",
        "co_mentor__person__consents",
    )


def mentors_for_pairing(
    year: AcademicYear, *, editing: MentoringPair | None = None
) -> QuerySet[MentorEntry]:
    """Mentors in the bank, each with `free_places` left after the pairs that hold them
    (other than the pair being edited); nobody whose processing consent is withdrawn."""
    holding = Q(pairs__status__in=HOLDING_STATUSES)
    if editing is not None:
        holding &= ~Q(pairs__pk=editing.pk)
    return (
        MentorEntry.objects.filter(academic_year=year, status=MentorEntry.Status.IN_BANK)
        .exclude(restricted("person"))
        .select_related("person")
        .annotate(free_places=F("capacity") - Count("pairs__mentees", filter=holding))
        .order_by(*_ORDER)
    )


def mentees_for_pairing(
    year: AcademicYear, *, editing: MentoringPair | None = None
) -> QuerySet[MenteeEntry]:
    """Mentees in the bank who are not held by a pair or group, and the members of the pair
    being edited; nobody whose processing consent is withdrawn."""
    holding = MentoringPair.objects.filter(mentees=OuterRef("pk"), status__in=HOLDING_STATUSES)
    free = Q(status=MenteeEntry.Status.IN_BANK)
    if editing is not None:
        holding = holding.exclude(pk=editing.pk)
        free |= Q(pk__in=editing.mentees.values("pk"))
    return (
        MenteeEntry.objects.filter(free, academic_year=year)
        .exclude(Exists(holding))
        .exclude(restricted("person"))
        .select_related("person")
        .order_by(*_ORDER)
    )


def consent_state(entries) -> list[dict]:
    """For each entry: the required consents its person has and has not, and the person's
    restriction, which no new consent lifts (prefetched consents)."""
    today = timezone.localdate()
    rows = []
    for entry in entries:
        missing = consents_missing(entry.person, on=today)
        absent = {m.kind for m in missing}
        rows.append(
            {
                "entry": entry,
                "person": entry.person,
                "restriction": entry.person.restriction,
                "consents": [
                    (kind, capfirst(label), kind not in absent)
                    for kind, label in _required(entry.person, missing)
                ],
                "missing": missing,
            }
        )
    return rows


def _required(person, missing: list[MissingConsent]) -> list[tuple[str, str]]:
    """Every required consent as (kind, label); a missing one named as it is missing (a
    parent's for a minor)."""
    labels = {m.kind: m.label for m in missing}
    return [(kind, labels.get(kind) or Consent.Kind(kind).label) for kind in REQUIRED_CONSENTS]
