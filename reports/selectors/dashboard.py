"""What orders add to a school's dashboard: the director's queue and recent approvals, and the
director's decisions on the curator's own drafts."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from mentoring.permissions import allows

from ..models import Order
from ..permissions import Action

RECENT_DAYS = 30
RECENT_LIMIT = 5


def orders_panel(request, organisation, roles) -> dict | None:
    """The orders approved in the last RECENT_DAYS (at most RECENT_LIMIT shown), and the
    director's queue or the user's own returned drafts, read in one query."""
    if not allows(roles, Action.ORDERS_VIEW):
        return None
    can_approve = allows(roles, Action.ORDERS_APPROVE)
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    recent = Q(status=Order.Status.APPROVED, approved_at__gte=since)
    waiting = (
        Q(status=Order.Status.SUBMITTED)
        if can_approve
        else Q(status=Order.Status.RETURNED, created_by=request.user)
    )
    orders = list(
        Order.objects.filter(recent | waiting, organisation=organisation).select_related(
            "created_by"
        )
    )
    approved = [order for order in orders if order.status == Order.Status.APPROVED]
    others = [order for order in orders if order.status != Order.Status.APPROVED]
    panel = {
        "organisation": organisation,
        "can_approve": can_approve,
        "recent": sorted(approved, key=lambda order: order.approved_at, reverse=True)[
            :RECENT_LIMIT
        ],
    }
    if can_approve:
        panel["awaiting"] = sorted(others, key=lambda order: order.submitted_at or order.updated_at)
    else:
        panel["returned"] = sorted(others, key=lambda order: order.updated_at, reverse=True)
    return panel
