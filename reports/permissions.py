"""Who may read, draft and approve a school's orders. The curator drafts, only the director
signs (seed 002 §4.4.3), and the people an approved order names may read it, with or without a
role at the school. The municipal coordinator reads every approved order of the municipality's
schools, never a draft."""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentoring.models import Role
from mentoring.permissions import (
    MANAGERS,
    ORGANISATION_OF,
    SCHOOL_STAFF,
    allows,
    can,
    check,
    get_for_user,
    relationship,
    roles_in,
    rules_add,
)
from mentoring.permissions import Action as MentoringAction
from roadmap.permissions import Action as RoadmapAction

from .models import MonitoringReport, NewsItem, Order, PracticeCase, PracticeMaterial
from .selectors.orders import order_names_user


class Action(StrEnum):
    ORDERS_VIEW = "orders.view"
    # The register of approved orders, and each of them.
    APPROVED_VIEW = "orders.approved_view"
    ORDERS_DRAFT = "orders.draft"
    ORDERS_APPROVE = "orders.approve"
    # Indicators, the monitoring page and reports, statistics counts; the coordinator reads.
    MONITORING_VIEW = "monitoring.view"
    # Targets, the contingent, drafting and issuing monitoring reports.
    MONITORING_MANAGE = "monitoring.manage"
    # The school's methodical collection (методическая копилка).
    PRACTICES_VIEW = "practices.view"
    PRACTICES_MANAGE = "practices.manage"
    # The public page: its text, news, which orders and cases it shows.
    PUBLIC_PAGE_MANAGE = "public_page.manage"


rules_add(
    {
        Action.ORDERS_VIEW: MANAGERS,
        Action.APPROVED_VIEW: MANAGERS | {Role.COORDINATOR},
        Action.ORDERS_DRAFT: MANAGERS,
        Action.ORDERS_APPROVE: frozenset({Role.DIRECTOR}),
        Action.MONITORING_VIEW: MANAGERS | {Role.COORDINATOR},
        Action.MONITORING_MANAGE: MANAGERS,
        Action.PRACTICES_VIEW: SCHOOL_STAFF | {Role.COORDINATOR},
        Action.PRACTICES_MANAGE: MANAGERS,
        Action.PUBLIC_PAGE_MANAGE: MANAGERS,
        # The order that approved the roadmap is approved: its supervisor reads it too.
        RoadmapAction.APPROVAL_VIEW: MANAGERS | {Role.COORDINATOR},
        RoadmapAction.APPROVAL_DRAFT: MANAGERS,
    }
)


@relationship(Action.ORDERS_VIEW)
def _reads_approved(user, order: Order) -> bool:
    """An approved order is read by those who read the school's approved orders and by the
    people it names."""
    if order.status != Order.Status.APPROVED:
        return False
    return allows(roles_in(user, order.organisation_id), Action.APPROVED_VIEW) or (
        order_names_user(order, user)
    )


def get_order_for_user(user, pk: int, action: Action, queryset=None) -> Order:
    queryset = queryset if queryset is not None else Order.objects.select_related("organisation")
    return get_for_user(user, action, queryset, pk)


def get_report_for_user(user, pk: int, *, manage: bool = False) -> MonitoringReport:
    """A monitoring report: a school's is managed by its curator and director and read, once
    issued, by the municipality's coordinator; a municipality's belongs to its coordinator."""
    report = MonitoringReport.objects.select_related("organisation").filter(pk=pk).first()
    if report is None:
        raise Http404
    if report.is_municipal:
        check(user, MentoringAction.MUNICIPALITY_VIEW, report.organisation)
        return report
    check(user, Action.MONITORING_MANAGE if manage else Action.MONITORING_VIEW, report.organisation)
    if not report.is_issued and not can(user, Action.MONITORING_MANAGE, report.organisation):
        raise PermissionDenied
    return report


# Best practices (методическая копилка).
ORGANISATION_OF[PracticeMaterial] = lambda material: material.case.organisation_id


def _draft_hidden(user, case: PracticeCase) -> None:
    """A draft is the managers' own: to the rest of the school it does not exist."""
    if case.status == PracticeCase.Status.DRAFT and not can(
        user, Action.PRACTICES_MANAGE, case.organisation_id
    ):
        raise Http404


def get_practice_for_user(user, pk: int, action: Action, queryset=None) -> PracticeCase:
    queryset = queryset if queryset is not None else PracticeCase.objects.all()
    case = get_for_user(user, action, queryset.select_related("organisation"), pk)
    _draft_hidden(user, case)
    return case


def get_material_for_user(user, pk: int, action: Action) -> PracticeMaterial:
    queryset = PracticeMaterial.objects.select_related("case__organisation")
    material = get_for_user(user, action, queryset, pk)
    _draft_hidden(user, material.case)
    return material


def sees_names(user, organisation_id: int) -> bool:
    """The school's own staff read its participants' names; anyone else (the municipality's
    coordinator) only the names their dissemination consent lets the school publish."""
    return bool(roles_in(user, organisation_id) & SCHOOL_STAFF)


def get_news_for_user(user, pk: int) -> NewsItem:
    """A piece of the public page's news, for those who keep the page."""
    queryset = NewsItem.objects.select_related("organisation")
    return get_for_user(user, Action.PUBLIC_PAGE_MANAGE, queryset, pk)
