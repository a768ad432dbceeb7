"""Who may read, draft and approve a school's orders. The curator drafts, only the director
signs (seed 002 §4.4.3), and the people an approved order names may read it, with or without a
role at the school."""

from enum import StrEnum

from mentoring.models import Role
from mentoring.permissions import MANAGERS, get_for_user, relationship, rules_add
from roadmap.permissions import Action as RoadmapAction

from .models import Order
from .selectors.orders import order_names_user


class Action(StrEnum):
    ORDERS_VIEW = "orders.view"
    ORDERS_DRAFT = "orders.draft"
    ORDERS_APPROVE = "orders.approve"


rules_add(
    {
        Action.ORDERS_VIEW: MANAGERS,
        Action.ORDERS_DRAFT: MANAGERS,
        Action.ORDERS_APPROVE: frozenset({Role.DIRECTOR}),
        RoadmapAction.APPROVAL_VIEW: MANAGERS,
        RoadmapAction.APPROVAL_DRAFT: MANAGERS,
    }
)


@relationship(Action.ORDERS_VIEW)
def _is_named_in_approved(user, order: Order) -> bool:
    return order.status == Order.Status.APPROVED and order_names_user(order, user)


def get_order_for_user(user, pk: int, action: Action, queryset=None) -> Order:
    queryset = queryset if queryset is not None else Order.objects.select_related("organisation")
    return get_for_user(user, action, queryset, pk)
