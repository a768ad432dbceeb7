"""What the matching reads: the year's banks turned into matching.Mentee / matching.Mentor.

The number of queries does not depend on the size of the banks.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from .. import matching
from ..models import (
    AcademicYear,
    MatchDecision,
    MatchingWeights,
    MenteeEntry,
    MentorEntry,
    Organisation,
    Person,
    Preference,
)
from ..models.consents import restricted
from ..models.pairs import WEIGHT_FIELDS
from ..services.consents import MissingConsent, consents_missing
from ..services.pairs import HOLDING_STATUSES

_ORDER = ("person__last_name", "person__first_name", "person__patronymic", "pk")


@dataclass
class MatchingInput:
    mentees: list[matching.Mentee]
    mentors: list[matching.Mentor]
    mentee_entries: dict[int, MenteeEntry]
    mentor_entries: dict[int, MentorEntry]
    pinned: dict[int, int]  # mentee id → mentor id
    rejected: set[tuple[int, int]]
    # In the banks but not taking part: they have not given a consent a pair needs.
    left_out: list["LeftOut"] = field(default_factory=list)


@dataclass(frozen=True)
class LeftOut:
    entry: MenteeEntry | MentorEntry
    missing: list[MissingConsent]

    @property
    def is_mentor(self) -> bool:
        return isinstance(self.entry, MentorEntry)


def _split(entries: list, today) -> tuple[list, list[LeftOut]]:
    """Entries whose person has given every consent a pair needs, and the others with what
    each has not given (consents.consents_missing, the rule the pair's service applies)."""
    taking_part, left_out = [], []
    for entry in entries:
        if missing := consents_missing(entry.person, on=today):
            left_out.append(LeftOut(entry, missing))
        else:
            taking_part.append(entry)
    return taking_part, left_out


def _ranked(year: AcademicYear) -> dict[int, list[int]]:
    """Chooser person id → chosen person ids, best first."""
    ranked: dict[int, list[int]] = {}
    rows = Preference.objects.filter(academic_year=year).order_by("chooser_id", "rank")
    for chooser_id, chosen_id in rows.values_list("chooser_id", "chosen_id"):
        ranked.setdefault(chooser_id, []).append(chosen_id)
    return ranked


def _ids(person_ids: list[int], entry_of_person: dict[int, int]) -> tuple[int, ...]:
    return tuple(entry_of_person[p] for p in person_ids if p in entry_of_person)


def matching_input(year: AcademicYear) -> MatchingInput:
    """Mentees in the bank and not held by a pair, mentors in the bank with their load,
    preferences mapped to entry ids, and the curator's pinned and rejected pairs. Nobody whose
    processing consent is withdrawn is a candidate; those without a consent a pair needs are
    listed apart, in `left_out`."""
    today = timezone.localdate()
    mentee_entries = list(
        MenteeEntry.objects.filter(academic_year=year, status=MenteeEntry.Status.IN_BANK)
        .exclude(pairs__status__in=HOLDING_STATUSES)
        .exclude(restricted("person"))
        .select_related("person")
        .prefetch_related("person__subjects", "person__consents", "requests", "preferred_forms")
        .order_by(*_ORDER)
    )
    mentor_entries = list(
        MentorEntry.objects.filter(academic_year=year, status=MentorEntry.Status.IN_BANK)
        .exclude(restricted("person"))
        .annotate(load=Count("pairs__mentees", filter=Q(pairs__status__in=HOLDING_STATUSES)))
        .select_related("person")
        .prefetch_related("person__subjects", "person__consents", "competences", "preferred_forms")
        .order_by(*_ORDER)
    )
    mentee_entries, mentees_left_out = _split(mentee_entries, today)
    mentor_entries, mentors_left_out = _split(mentor_entries, today)
    ranked = _ranked(year)
    mentee_of_person = {e.person_id: e.pk for e in mentee_entries}
    mentor_of_person = {m.person_id: m.pk for m in mentor_entries}

    mentees = [
        matching.Mentee(
            id=e.pk,
            person_id=e.person_id,
            school_id=e.organisation_id,
            tags=frozenset(t.name.lower() for t in e.requests.all()),
            subjects=frozenset(s.name for s in e.person.subjects.all()),
            categories=frozenset(e.categories),
            is_student=e.person.kind == Person.Kind.STUDENT,
            preferred_forms=frozenset(f.pk for f in e.preferred_forms.all()),
            preferences=_ids(ranked.get(e.person_id, []), mentor_of_person),
        )
        for e in mentee_entries
    ]
    mentors = [
        matching.Mentor(
            id=m.pk,
            person_id=m.person_id,
            school_id=m.organisation_id,
            tags=frozenset(t.name.lower() for t in m.competences.all()),
            subjects=frozenset(s.name for s in m.person.subjects.all()),
            is_student=m.person.kind == Person.Kind.STUDENT,
            experience_years=m.person.experience_years(today),
            category=m.person.category,
            preferred_forms=frozenset(f.pk for f in m.preferred_forms.all()),
            capacity=m.capacity,
            load=m.load,
            preferences=_ids(ranked.get(m.person_id, []), mentee_of_person),
        )
        for m in mentor_entries
    ]

    by_mentee = {e.pk: e for e in mentee_entries}
    by_mentor = {m.pk: m for m in mentor_entries}
    pinned: dict[int, int] = {}
    rejected: set[tuple[int, int]] = set()
    decisions = MatchDecision.objects.filter(academic_year=year).values_list(
        "mentee_id", "mentor_id", "kind"
    )
    for mentee_id, mentor_id, kind in decisions:
        if kind == MatchDecision.Kind.REJECTED:
            rejected.add((mentee_id, mentor_id))
        elif mentee_id in by_mentee and mentor_id in by_mentor:
            pinned[mentee_id] = mentor_id
    return MatchingInput(
        mentees,
        mentors,
        by_mentee,
        by_mentor,
        pinned,
        rejected,
        left_out=mentors_left_out + mentees_left_out,
    )


def saved_weights(organisation: Organisation) -> MatchingWeights:
    """The school's saved weights, or an unsaved row holding the defaults."""
    saved = (
        MatchingWeights.objects.filter(organisation=organisation)
        .select_related("updated_by")
        .first()
    )
    return saved or MatchingWeights(organisation=organisation)


def weights_for(organisation: Organisation) -> matching.Weights:
    row = saved_weights(organisation)
    return matching.Weights(**{name: float(getattr(row, name)) for name in WEIGHT_FIELDS})
