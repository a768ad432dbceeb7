"""Orders of the demo school, made through the services as a curator and a director would."""

from datetime import date, timedelta

from django.utils import timezone

from core.dates import working_day_on_or_after, working_day_on_or_before
from mentoring.models import Membership, Organisation, Role

from .models import DocumentSettings, Order
from .services.orders import order_approve, order_draft, order_submit

ORDER_PREFIX = "01-05/"


def _user(school: Organisation, role: Role):
    membership = Membership.objects.filter(organisation=school, role=role).order_by("pk").first()
    return membership.user if membership else None


def _approved(school: Organisation, kind: str, signed_on=None, **extra) -> Order:
    order = order_draft(organisation=school, kind=kind, actor=_user(school, Role.CURATOR), **extra)
    order_submit(order=order)
    day = signed_on(order) if signed_on else None
    return order_approve(order=order, actor=_user(school, Role.DIRECTOR), signed_on=day)


def _year_start(school: Organisation) -> date:
    """The first working day of the current academic year, as a real school signs its first
    orders; today when the year has no start yet."""
    today = timezone.localdate()
    year = school.academic_years.filter(is_current=True).first()
    return min(working_day_on_or_after(year.start_date), today) if year else today


def _before_pairs_start(order: Order) -> date:
    """A pairs order is signed on the working day before its earliest pair starts."""
    school = order.organisation
    first = min((pair.start_date for pair in order.pairs.all()), default=timezone.localdate())
    day = working_day_on_or_before(first - timedelta(days=1))
    return min(max(day, _year_start(school)), timezone.localdate())


def pairs_order_approve(school: Organisation) -> None:
    """The orders that start the programme: introducing the model first, then fixing the
    pairs awaiting an order, each dated as a school would have signed it."""
    DocumentSettings.objects.update_or_create(
        organisation=school, defaults={"order_prefix": ORDER_PREFIX}
    )
    if not Order.objects.filter(organisation=school, kind=Order.Kind.SYSTEM).exists():
        _approved(school, Order.Kind.SYSTEM, signed_on=lambda order: _year_start(school))
    _approved(school, Order.Kind.PAIRS, signed_on=_before_pairs_start)


def _final_event_day(school: Organisation) -> date:
    """The year's closing event: in late May, or soon if May is already over."""
    today = timezone.localdate()
    year = school.academic_years.filter(is_current=True).first()
    if year is None:
        return today + timedelta(days=30)
    return min(max(date(year.end_date.year, 5, 20), today + timedelta(days=14)), year.end_date)


def orders_add(school: Organisation) -> None:
    """An order awaiting the director and a thank-you letter in draft, once."""
    if Order.objects.filter(organisation=school, kind=Order.Kind.FINAL_EVENT).exists():
        return
    order = order_draft(
        organisation=school,
        kind=Order.Kind.FINAL_EVENT,
        actor=_user(school, Role.CURATOR),
        held_on=_final_event_day(school),
    )
    order_submit(order=order)
    order_draft(
        organisation=school,
        kind=Order.Kind.LETTER,
        actor=_user(school, Role.CURATOR),
        addressee="Руководителю ООО «Азот-Сервис»",
    )
