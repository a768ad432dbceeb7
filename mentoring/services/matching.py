"""The curator's decisions on the matching's suggestions."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import (
    MatchDecision,
    MatchingWeights,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    Organisation,
    Person,
    User,
)
from ..models.pairs import WEIGHT_FIELDS
from .pairs import MIN_MONTHS, pair_create, programme_end, programme_end_before_summer

WEIGHT_STEP = Decimal("0.01")

# A suggested pair starts today and runs for this many months, within the academic year.
SUGGESTED_MONTHS = 9


@transaction.atomic
def match_decision_set(
    *, mentee: MenteeEntry, mentor: MentorEntry, kind: str, actor: User
) -> MatchDecision:
    """Pin or reject a pair; a mentee has at most one pinned mentor, so a new pin replaces
    the old one."""
    if kind == MatchDecision.Kind.PINNED:
        MatchDecision.objects.filter(mentee=mentee, kind=MatchDecision.Kind.PINNED).exclude(
            mentor=mentor
        ).delete()
    decision, _ = MatchDecision.objects.update_or_create(
        academic_year_id=mentee.academic_year_id,
        mentee=mentee,
        mentor=mentor,
        defaults={"kind": kind, "created_by": actor},
    )
    return decision


@transaction.atomic
def match_decision_clear(*, mentee: MenteeEntry, mentor: MentorEntry, kind: str) -> None:
    MatchDecision.objects.filter(mentee=mentee, mentor=mentor, kind=kind).delete()


@transaction.atomic
def mentee_support_set(*, mentee: MenteeEntry, needs_support: bool) -> None:
    mentee.needs_support = needs_support
    mentee.save(update_fields=["needs_support", "updated_at"])


def _form_name(mentee: MenteeEntry, mentor: MentorEntry) -> str:
    if mentee.person.kind != Person.Kind.STUDENT:
        return "педагог – педагог"
    if mentor.person.kind == Person.Kind.STUDENT:
        return "ученик – ученик"
    return "учитель – ученик"


def suggested_end(start: date, year_end: date) -> date:
    """Nine months, cut at the end of the academic year and before the summer holidays, but
    never shorter than three."""
    end = min(programme_end_before_summer(start, SUGGESTED_MONTHS), year_end)
    return max(end, programme_end(start, MIN_MONTHS))


@transaction.atomic
def match_accept(*, mentee: MenteeEntry, mentor: MentorEntry) -> MentoringPair:
    """A draft traditional pair from a suggestion; its pins are no longer needed."""
    start = timezone.localdate()
    pair = pair_create(
        academic_year=mentee.academic_year,
        mentor=mentor,
        mentees=[mentee],
        form=MentoringForm.objects.get(organisation=None, name=_form_name(mentee, mentor)),
        mentoring_type=MentoringType.objects.get(
            organisation=None, code=MentoringType.Code.TRADITIONAL
        ),
        start_date=start,
        end_date=suggested_end(start, mentee.academic_year.end_date),
    )
    MatchDecision.objects.filter(mentee=mentee, kind=MatchDecision.Kind.PINNED).delete()
    return pair


def match_accept_many(suggestions: list[tuple[MenteeEntry, MentorEntry]]) -> tuple[int, list[str]]:
    """Accept each (mentee, mentor) on its own, so one refusal does not undo the others:
    the number of draft pairs created and a message per refusal."""
    created, refusals = 0, []
    for mentee, mentor in suggestions:
        try:
            match_accept(mentee=mentee, mentor=mentor)
        except ValidationError as error:
            refusals.append(
                f"{mentor.person.full_name} – {mentee.person.full_name}: "
                + " ".join(error.messages)
            )
        else:
            created += 1
    return created, refusals


@transaction.atomic
def matching_weights_save(
    *, organisation: Organisation, data: Mapping[str, Decimal], actor: User
) -> MatchingWeights:
    """Store the school's weights; criteria missing from `data` keep their value."""
    weights = MatchingWeights.objects.select_for_update().filter(organisation=organisation).first()
    if weights is None:
        weights = MatchingWeights(organisation=organisation)
    changed = [
        name for name in WEIGHT_FIELDS if name in data and getattr(weights, name) != data[name]
    ]
    if weights.pk is not None and not changed:
        return weights
    for name in changed:
        setattr(weights, name, data[name])
    weights.updated_by = actor
    weights.full_clean()
    for name in WEIGHT_FIELDS:
        # As the database stores it, so the audit log shows "6.00", not "6".
        setattr(weights, name, Decimal(getattr(weights, name)).quantize(WEIGHT_STEP))
    if weights.pk is None:
        weights.save()
    else:
        weights.save(update_fields=[*changed, "updated_by", "updated_at"])
    return weights


def matching_weights_reset(*, organisation: Organisation, actor: User) -> MatchingWeights:
    defaults = {name: MatchingWeights._meta.get_field(name).default for name in WEIGHT_FIELDS}
    return matching_weights_save(organisation=organisation, data=defaults, actor=actor)
