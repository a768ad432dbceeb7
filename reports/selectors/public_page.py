"""What the school's public page shows, read afresh on each request: a person is named only while
their consent to dissemination allows it (`mentoring.selectors.publicity.may_publish`), and an
order naming someone who has not agreed is not offered at all. Constant query counts."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from mentoring.models import (
    Consent,
    Duty,
    MenteeEntry,
    MentoringPair,
    Organisation,
    Person,
    Role,
)
from mentoring.selectors.organisations import current_academic_year
from mentoring.selectors.publicity import may_publish
from roadmap.selectors.roadmap import roadmap_of_year, roadmap_progress, roadmap_stages

from ..models import NewsItem, Order, PracticeCase, PublicPage

NAME = Consent.Category.NAME
MENTOR = _("Наставник")
MENTEE = _("Наставляемый")

_MENTEES = Prefetch("mentees", queryset=MenteeEntry.objects.select_related("person"))


def published_page(slug: str) -> PublicPage | None:
    return (
        PublicPage.objects.filter(slug=slug, is_published=True)
        .select_related("organisation")
        .first()
    )


@dataclass
class PublicOrder:
    order: Order
    # The people the order names who have not agreed to be named in public.
    withheld: list[Person] = field(default_factory=list)

    @property
    def is_shown(self) -> bool:
        return not self.withheld


def _order_people(order: Order) -> list[Person]:
    """Everyone the order names: its people and the members of its pairs and groups."""
    people = list(order.people.all())
    for pair in order.pairs.all():
        people += [member.person for member in pair.members()]
    return list(dict.fromkeys(people))


def withheld_people(order: Order, on: date) -> list[Person]:
    """The people the order names who have not agreed to be named in public."""
    people = _order_people(order)
    allowed = may_publish(people, NAME, on)
    return [p for p in people if p.pk not in allowed]


def marked_orders(organisation: Organisation) -> QuerySet[Order]:
    """The school's approved orders marked public, newest first, with everyone they name."""
    return (
        Order.objects.filter(
            organisation=organisation, status=Order.Status.APPROVED, is_public=True
        )
        .prefetch_related(
            "people",
            Prefetch(
                "pairs",
                queryset=MentoringPair.objects.select_related(
                    "mentor__person", "co_mentor__person"
                ).prefetch_related(_MENTEES),
            ),
        )
        .order_by("-signed_on", "-number")
    )


def public_orders(organisation: Organisation, on: date) -> list[PublicOrder]:
    """The orders marked public, each with the people it names who may not be named."""
    orders = list(marked_orders(organisation))
    named = {order.pk: _order_people(order) for order in orders}
    allowed = may_publish([p for people in named.values() for p in people], NAME, on)
    return [
        PublicOrder(order, [p for p in named[order.pk] if p.pk not in allowed]) for order in orders
    ]


def public_order(organisation: Organisation, pk: int, on: date) -> Order | None:
    """The order, if the public page offers it and its PDF is ready."""
    found = next(
        (o for o in public_orders(organisation, on) if o.order.pk == pk and o.is_shown), None
    )
    return found.order if found and found.order.pdf_is_current else None


@dataclass
class Participant:
    role: str
    name: str | None


def published_cases(organisation: Organisation) -> QuerySet[PracticeCase]:
    return (
        PracticeCase.objects.filter(organisation=organisation, status=PracticeCase.Status.PUBLISHED)
        .select_related("pair__mentor__person", "pair__co_mentor__person")
        .prefetch_related(Prefetch("pair__mentees", queryset=_MENTEES.queryset))
        .order_by("-published_at", "-pk")
    )


def _participants(case: PracticeCase, allowed: set[int]) -> list[Participant]:
    """The case's mentors and mentees: a name where its owner agreed, the role otherwise."""
    pair = case.pair
    rows = [(MENTOR, entry.person) for entry in pair.mentor_entries()]
    rows += [(MENTEE, entry.person) for entry in pair.mentees.all()]
    return [
        Participant(str(role), person.full_name if person.pk in allowed else None)
        for role, person in rows
    ]


def cases_with_participants(cases: list[PracticeCase], on: date) -> list[PracticeCase]:
    """Each case with `participants`, named only by consent; one query for the consents."""
    allowed = may_publish(_case_people(cases), NAME, on)
    for case in cases:
        case.participants = _participants(case, allowed)
    return cases


def _case_people(cases: list[PracticeCase]) -> list[Person]:
    return [member.person for case in cases for member in case.pair.members()]


def _roadmap(organisation: Organisation, on: date) -> tuple:
    """The current year's roadmap, its stages and their activities."""
    year = current_academic_year(organisation)
    roadmap = roadmap_of_year(organisation, year) if year else None
    if roadmap is None:
        return None, [], []
    stages = roadmap_stages(roadmap, on)
    return roadmap, stages, [a for stage in stages for a in stage.shown_activities]


def published_news(organisation: Organisation, on: date) -> QuerySet[NewsItem]:
    return NewsItem.objects.filter(
        organisation=organisation, is_published=True, published_on__lte=on
    ).order_by("-published_on", "-pk")


def public_content(page: PublicPage, on: date) -> dict:
    """Everything the page shows but the news (paginated by the view): the roadmap with the
    responsible people who agreed to be named (`public_people`), the orders marked public whose
    people all agreed, and the published cases with their `participants`. Whose consent allows
    the name is asked once for all of them."""
    organisation = page.organisation
    roadmap, stages, activities = _roadmap(organisation, on)
    orders = list(marked_orders(organisation))
    cases = list(published_cases(organisation))
    named = {order.pk: _order_people(order) for order in orders}
    responsible = [p for activity in activities for p in activity.responsible_people.all()]
    allowed = may_publish(
        [*responsible, *(p for people in named.values() for p in people), *_case_people(cases)],
        NAME,
        on,
    )
    labels = dict(Role.choices + Duty.choices)
    for activity in activities:
        # The typed «ответственные» may name people («Сулейманов С.С.»): the page gives the
        # roles they stand for and the names of those who agreed.
        activity.public_roles = [
            labels[code] for code in activity.responsible_roles if code in labels
        ]
        activity.public_people = [
            p.short_name for p in activity.responsible_people.all() if p.pk in allowed
        ]
    for case in cases:
        case.participants = _participants(case, allowed)
    return {
        "roadmap": roadmap,
        "stages": stages,
        "progress": roadmap_progress(stages),
        # The stage under way, open on the page: the first with something left to do.
        "current_stage": next((s for s in stages if s.activities_done < s.activities_total), None),
        "orders": [o for o in orders if all(p.pk in allowed for p in named[o.pk])],
        "cases": cases,
    }
