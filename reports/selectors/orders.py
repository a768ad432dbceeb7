"""Reads of orders: the school's register, one order with all it shows, and the people and
pairs a new order can name. List querysets keep their query count constant."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from core.search import search_text, search_words
from mentoring.models import (
    AcademicYear,
    MenteeEntry,
    MentorEntry,
    MentoringPair,
    Organisation,
    Person,
)
from mentoring.selectors.pairs import consent_state

from ..models import Order, OrderItem
from ..services.orders import Blocker

_NAME_ORDER = ("last_name", "first_name", "patronymic", "pk")


def _word_matches(word: str) -> Q:
    """The registration number, the title or one of the items holds `word`."""
    items = OrderItem.objects.annotate(search_text=search_text("text")).filter(
        order=OuterRef("pk"), search_text__contains=word
    )
    return Q(search_text__contains=word) | Q(Exists(items))


def _orders_filtered(organisation: Organisation, params: dict) -> QuerySet[Order]:
    orders = Order.objects.filter(organisation=organisation)
    if kind := params.get("kind"):
        orders = orders.filter(kind=kind)
    if status := params.get("status"):
        orders = orders.filter(status=status)
    if year := params.get("year"):
        orders = orders.filter(academic_year=year)
    if signed_from := params.get("signed_from"):
        orders = orders.filter(signed_on__gte=signed_from)
    if signed_to := params.get("signed_to"):
        orders = orders.filter(signed_on__lte=signed_to)
    words = search_words(params.get("q"))
    if words:
        orders = orders.annotate(search_text=search_text("registration_number", "title"))
        for word in words:
            orders = orders.filter(_word_matches(word))
    return orders


def orders_of_school(organisation: Organisation, params: dict) -> QuerySet[Order]:
    """The register of the school's orders and letters, newest first, filtered by the page's
    parameters: q, kind, status, year (an academic year's pk), signed_from, signed_to. Each
    knows whether an approved order cancelled it (`is_cancelled`)."""
    cancelled = Order.objects.filter(cancels=OuterRef("pk"), status=Order.Status.APPROVED)
    return (
        _orders_filtered(organisation, params)
        .annotate(is_cancelled=Exists(cancelled))
        .select_related("created_by", "approved_by")
        .order_by("-created_at", "-pk")
    )


def order_status_counts(organisation: Organisation, params: dict) -> dict[str, int]:
    """Status → number of the school's orders matching the other filters, in one query."""
    orders = _orders_filtered(organisation, {**params, "status": ""})
    rows = orders.order_by().values("status").annotate(count=Count("pk"))
    return {row["status"]: row["count"] for row in rows}


def orders_awaiting_approval(organisation: Organisation) -> list[Order]:
    return list(
        Order.objects.filter(organisation=organisation, status=Order.Status.SUBMITTED)
        .select_related("created_by")
        .order_by("submitted_at", "pk")
    )


def orders_for_detail() -> QuerySet[Order]:
    """Orders with their text, appendices, the people they name and the orders they change or
    are changed by."""
    related = Order.objects.only(
        "pk", "title", "status", "kind", "registration_number", "signed_on", "amends", "cancels"
    ).order_by("created_at")
    return Order.objects.select_related(
        "organisation",
        "academic_year",
        "created_by",
        "approved_by",
        "amends",
        "cancels",
    ).prefetch_related(
        "items",
        "appendices",
        Prefetch("people", queryset=Person.objects.order_by(*_NAME_ORDER)),
        Prefetch("amendments", queryset=related),
        Prefetch("cancellations", queryset=related),
    )


def order_names_user(order: Order, user) -> bool:
    """The user's own record is among the people the order names."""
    return user.is_authenticated and order.people.filter(user=user).exists()


def staff_for_order(organisation: Organisation) -> QuerySet[Person]:
    """The school's people who can be appointed or thanked: not archived, not pupils and not
    restricted after withdrawing their processing consent."""
    return (
        Person.objects.filter(organisation=organisation, archived_at__isnull=True)
        .exclude(kind=Person.Kind.STUDENT)
        .unrestricted()
        .order_by(*_NAME_ORDER)
    )


def mentors_of_year(year: AcademicYear | None) -> QuerySet[Person]:
    """The people of the year's mentor bank, to be rewarded (none who are restricted)."""
    if year is None:
        return Person.objects.none()
    entries = MentorEntry.objects.filter(academic_year=year).exclude(
        status=MentorEntry.Status.ARCHIVED
    )
    return (
        Person.objects.filter(pk__in=entries.values("person")).unrestricted().order_by(*_NAME_ORDER)
    )


def participants_of_year(year: AcademicYear | None) -> QuerySet[Person]:
    """The year's mentors and the mentees who are in a pair or finished their programme, to be
    thanked (none who are restricted)."""
    if year is None:
        return Person.objects.none()
    mentees = MenteeEntry.objects.filter(
        academic_year=year,
        status__in=[MenteeEntry.Status.PAIRED, MenteeEntry.Status.FINISHED],
    )
    mentors = MentorEntry.objects.filter(academic_year=year).exclude(
        status=MentorEntry.Status.ARCHIVED
    )
    return (
        Person.objects.filter(
            Q(pk__in=mentors.values("person")) | Q(pk__in=mentees.values("person"))
        )
        .unrestricted()
        .order_by(*_NAME_ORDER)
    )


def blocker_rows(blockers: list[Blocker]) -> list[dict]:
    """For each pair that cannot enter a pairs order: its members, each with the consents
    they have not given as (kind, label), so the page can link to the consent forms."""
    rows = []
    for blocker in blockers:
        pair = blocker.pair
        missing = [row for row in consent_state(pair.members()) if row["missing"]]
        rows.append({"pair": pair, "people": missing, "text": blocker.missing})
    return rows


def order_pair_blockers(order: Order) -> list[dict]:
    """The pairs of an editable pairs order that would stop its approval: members who have not
    given a consent (as in blocker_rows), or a pair no longer awaiting the order."""
    if order.kind != Order.Kind.PAIRS or not order.is_editable:
        return []
    pairs = order.pairs.select_related("mentor__person", "co_mentor__person").prefetch_related(
        "mentees__person__consents", "mentor__person__consents", "co_mentor__person__consents"
    )
    blockers = []
    for pair in pairs:
        rows = [row for row in consent_state(pair.members()) if row["missing"]]
        moved_on = pair.status != MentoringPair.Status.AWAITING_ORDER
        if rows or moved_on:
            blockers.append({"pair": pair, "people": rows, "moved_on": moved_on})
    return blockers
