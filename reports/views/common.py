"""Access to one order, for every page of orders."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentoring.permissions import Action, can, get_organisation_for_user

from ..models import Order
from ..selectors.orders import order_names_user


def get_order_for_user(user, pk: int, action: Action, queryset=None) -> Order:
    """An order the user may act on. The people an approved order names may read it, with or
    without a role at the school; anyone else outside the school gets a 404."""
    queryset = queryset if queryset is not None else Order.objects.select_related("organisation")
    try:
        order = queryset.get(pk=pk)
    except Order.DoesNotExist:
        raise Http404 from None
    if can(user, action, order.organisation_id):
        return order
    if (
        action == Action.ORDERS_VIEW
        and order.status == Order.Status.APPROVED
        and order_names_user(order, user)
    ):
        return order
    # Refuses: 404 outside the school, 403 inside it.
    get_organisation_for_user(user, order.organisation_id, action)
    raise PermissionDenied
