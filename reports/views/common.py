"""How the states of an order look, on every page of orders."""

from ..models import Order

STATUS_CLASSES = {
    Order.Status.DRAFT: "text-bg-secondary",
    Order.Status.SUBMITTED: "text-bg-warning",
    Order.Status.RETURNED: "text-bg-danger",
    Order.Status.APPROVED: "text-bg-success",
}


def mark(order: Order) -> Order:
    order.status_class = STATUS_CLASSES[order.status]
    return order
