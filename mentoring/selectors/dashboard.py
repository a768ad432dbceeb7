"""Figures of the dashboards: tiles counted as their lists count, a participant's own pairs,
mentees' requests, destruction deadlines, pairs to look at."""

from datetime import date
from urllib.parse import urlencode

from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.urls import reverse
from django.utils.translation import gettext as _

from ..extensions import DashboardTile
from ..models import (
    AcademicYear,
    Consent,
    DataDestruction,
    Meeting,
    MenteeEntry,
    MentorEntry,
    MentoringPair,
    Organisation,
    Person,
)
from ..models.consents import restricted
from ..permissions import Action, allows
from ..services.pairs import HOLDING_STATUSES
from .banks import mentee_entries, mentor_entries
from .pairs import pairs_of_year
from .people import people_for_directory


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


def setup_rows(organisation: Organisation) -> dict[str, QuerySet[Person]]:
    """What the first steps ask of a school's people: its active staff, and those of its active
    people who have an account."""
    active = Person.objects.filter(organisation=organisation, archived_at__isnull=True)
    return {
        "staff": active.filter(kind__in=[Person.Kind.TEACHER, Person.Kind.STAFF]),
        "accounts": active.filter(user__isnull=False),
    }


def _url(name: str, org: int, **query) -> str:
    url = reverse(name, args=[org])
    return f"{url}?{urlencode(query)}" if query else url


def school_tiles(
    organisation: Organisation, roles, year: AcademicYear | None
) -> list[DashboardTile]:
    """The figures of a school's dashboard. Each one is counted by the selector of the list it
    links to, with the parameters of that link, so the figure is the list's number of rows."""
    org = organisation.pk
    tiles = []
    if allows(roles, Action.PEOPLE_VIEW):
        for key, label, params in (
            ("people", _("Участники"), {}),
            ("teachers", _("Педагоги"), {"kind": Person.Kind.TEACHER}),
            ("students", _("Обучающиеся"), {"kind": Person.Kind.STUDENT}),
        ):
            rows = people_for_directory(organisation, params)
            tiles.append(DashboardTile(key, label, rows, _url("people_list", org, **params)))
    if year is None:
        return tiles
    if allows(roles, Action.BANKS_VIEW):
        for key, label, entries, name in (
            ("mentees", _("Банк наставляемых"), mentee_entries, "mentee_list"),
            ("mentors", _("Банк наставников"), mentor_entries, "mentor_list"),
        ):
            url = _url(name, org, year=year.pk)
            tiles.append(DashboardTile(key, label, entries(year, {}), url))
    if allows(roles, Action.PAIRS_VIEW):
        params = {"status": MentoringPair.Status.ACTIVE}
        rows = pairs_of_year(year, params)
        url = _url("pair_list", org, year=year.pk, **params)
        tiles.append(DashboardTile("pairs", _("Действующие пары и группы"), rows, url))
    return tiles


def my_pairs(person: Person | None, today: date) -> list[MentoringPair]:
    """The pairs and groups the person is a mentor, co-mentor or mentee of and that are under
    way or about to be (drafted, awaiting the order, active), each with `next_meeting`: the
    earliest meeting planned from today on and not yet held."""
    if person is None:
        return []
    # Each side looked up by its own index: an OR across the joins would scan every pair.
    entries = MentorEntry.objects.filter(person=person).values("pk")
    groups = MentoringPair.mentees.through.objects.filter(menteeentry__person=person)
    mine = (
        Q(mentor__in=entries)
        | Q(co_mentor__in=entries)
        | Q(pk__in=groups.values("mentoringpair_id"))
    )
    upcoming = Meeting.objects.filter(
        pair=OuterRef("pk"), held_on__isnull=True, planned_on__gte=today
    ).order_by("planned_on")
    return list(
        MentoringPair.objects.filter(mine, status__in=HOLDING_STATUSES)
        .annotate(next_meeting=Subquery(upcoming.values("planned_on")[:1]))
        .select_related("form", "mentoring_type", "mentor__person", "co_mentor__person")
        .prefetch_related(
            Prefetch(
                "mentees",
                queryset=MenteeEntry.objects.select_related("person").order_by(
                    "person__last_name", "person__first_name", "pk"
                ),
            )
        )
        .order_by(
            Case(When(status=MentoringPair.Status.ACTIVE, then=0), default=1),
            "start_date",
            "pk",
        )
    )


CURRENT_REQUEST_STATUSES = (
    MenteeEntry.Status.CANDIDATE,
    MenteeEntry.Status.IN_BANK,
    MenteeEntry.Status.PAIRED,
)
REQUESTS_SHOWN = 10


def mentee_requests(year: AcademicYear | None) -> QuerySet[MenteeEntry]:
    """Requests of the year's mentees still in the programme: those who need the
    psychologist's support first, then those with her notes, then the ones without a pair, then
    by name. Mentees who withdrew their consent are left out."""
    if year is None:
        return MenteeEntry.objects.none()
    has_request = Exists(MenteeEntry.requests.through.objects.filter(menteeentry=OuterRef("pk")))
    return (
        MenteeEntry.objects.filter(academic_year=year, status__in=CURRENT_REQUEST_STATUSES)
        .filter(has_request | ~Q(requests_text=""))
        .exclude(restricted("person"))
        .annotate(notes_count=Count("notes"))
        .select_related("person")
        .prefetch_related("requests")
        .order_by(
            "-needs_support",
            "-notes_count",
            Case(When(status=MenteeEntry.Status.PAIRED, then=1), default=0),
            "person__last_name",
            "person__first_name",
            "pk",
        )
    )


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
