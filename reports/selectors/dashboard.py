"""What orders add to a school's dashboard: the director's queue and recent approvals, and the
director's decisions on the curator's own drafts."""

from datetime import timedelta

from django.utils import timezone

from mentoring.permissions import allows

from ..models import Order
from ..permissions import Action

RECENT_DAYS = 30
RECENT_LIMIT = 5


def orders_panel(request, organisation, roles) -> dict | None:
    if not allows(roles, Action.ORDERS_VIEW):
        return None
    orders = Order.objects.filter(organisation=organisation).select_related("created_by")
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    panel = {
        "organisation": organisation,
        "can_approve": allows(roles, Action.ORDERS_APPROVE),
        "recent": list(
            orders.filter(status=Order.Status.APPROVED, approved_at__gte=since).order_by(
                "-approved_at"
            )[:RECENT_LIMIT]
        ),
    }
    if panel["can_approve"]:
        panel["awaiting"] = list(
            orders.filter(status=Order.Status.SUBMITTED).order_by("submitted_at")
        )
    else:
        panel["returned"] = list(
            orders.filter(status=Order.Status.RETURNED, created_by=request.user).order_by(
                "-updated_at"
            )
        )
    return panel
