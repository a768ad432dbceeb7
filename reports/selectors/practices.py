"""Reads of the methodical collection: a school's cases, the municipality's published ones,
the completed pairs a case is made from, and the people a case names."""

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from core.search import with_every_word
from mentoring.models import Consent, MenteeEntry, MentoringPair, Organisation, Person
from mentoring.permissions import can
from mentoring.selectors.publicity import may_publish

from ..models import PracticeCase
from ..permissions import Action

_SEARCHED = ("title", "description", "form_name", "role_model", "results")
_PAIR = ("pair__academic_year", "pair__mentor__person", "pair__co_mentor__person")


def _with_pairs(cases: QuerySet[PracticeCase]) -> QuerySet[PracticeCase]:
    mentees = MenteeEntry.objects.select_related("person").order_by("person__last_name", "pk")
    return cases.select_related("organisation", *_PAIR).prefetch_related(
        Prefetch("pair__mentees", queryset=mentees)
    )


def school_cases(
    organisation: Organisation, *, query: str = "", drafts: bool = False
) -> QuerySet[PracticeCase]:
    """The school's cases (its drafts too for those who manage them), newest first."""
    cases = PracticeCase.objects.filter(organisation=organisation)
    if not drafts:
        cases = cases.filter(status=PracticeCase.Status.PUBLISHED)
    return with_every_word(cases.select_related("pair__academic_year"), query, *_SEARCHED)


def municipal_cases(
    municipality: Organisation, *, query: str = "", school: int | None = None
) -> QuerySet[PracticeCase]:
    """Every school's published cases, by school and newest first."""
    cases = PracticeCase.objects.filter(
        organisation__municipality=municipality, status=PracticeCase.Status.PUBLISHED
    )
    if school:
        cases = cases.filter(organisation_id=school)
    cases = cases.select_related("organisation").order_by("organisation__short_name", "-pk")
    return with_every_word(cases, query, *_SEARCHED)


def case_for_page() -> QuerySet[PracticeCase]:
    return _with_pairs(PracticeCase.objects.all()).prefetch_related("materials")


def completed_pairs(organisation: Organisation, pair: int | None = None) -> QuerySet:
    """Completed pairs and groups of the school, newest first, each with the case that
    describes it, if any (`case_id`)."""
    pairs = MentoringPair.objects.filter(
        organisation=organisation, status=MentoringPair.Status.COMPLETED
    )
    if pair:
        pairs = pairs.filter(pk=pair)
    mentees = MenteeEntry.objects.select_related("person").order_by("person__last_name", "pk")
    return (
        pairs.select_related("academic_year", "form", "role_model", "mentor__person")
        .prefetch_related(Prefetch("mentees", queryset=mentees))
        .annotate(
            case_id=Subquery(PracticeCase.objects.filter(pair=OuterRef("pk")).values("pk")[:1])
        )
        .order_by("-end_date", "-pk")
    )


@dataclass(frozen=True)
class Participant:
    role: str
    # None when the reader may not see this person's name.
    name: str | None


def case_participants(
    case: PracticeCase, *, names_public_only: bool, on: date
) -> list[Participant]:
    """The pair's mentors and mentees (fetched with `case_for_page`); for a reader outside
    the school's staff, a name only where the person's dissemination consent allows it."""
    pair = case.pair
    rows: list[tuple[str, Person]] = [(_("Наставник"), pair.mentor.person)]
    if pair.co_mentor:
        rows.append((_("Со-наставник"), pair.co_mentor.person))
    rows += [(_("Наставляемый"), mentee.person) for mentee in pair.mentees.all()]
    shown = (
        may_publish([person for _role, person in rows], Consent.Category.NAME, on)
        if names_public_only
        else {person.pk for _role, person in rows}
    )
    return [
        Participant(role, person.full_name if person.pk in shown else None) for role, person in rows
    ]


def pair_practice_links(pair: MentoringPair, user) -> list[tuple[str, str]]:
    """«В методическую копилку» on a completed pair's page, for those who keep the collection,
    or the way to its case once it is written (mentoring.extensions.PAIR_LINKS)."""
    if pair.status != MentoringPair.Status.COMPLETED or not can(
        user, Action.PRACTICES_MANAGE, pair.organisation_id
    ):
        return []
    case_id = PracticeCase.objects.filter(pair=pair).values_list("pk", flat=True).first()
    if case_id is not None:
        return [(reverse("practice_detail", args=[case_id]), _("Практика в копилке"))]
    url = reverse("practice_create", args=[pair.organisation_id])
    return [(f"{url}?pair={pair.pk}", _("В методическую копилку"))]
