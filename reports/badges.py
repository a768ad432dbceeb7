"""How an order's status looks on every page: a badge colour each."""

from .models import Order

ORDER_CLASSES = {
    Order.Status.DRAFT: "text-bg-secondary",
    Order.Status.SUBMITTED: "text-bg-warning",
    Order.Status.RETURNED: "text-bg-danger",
    Order.Status.APPROVED: "text-bg-success",
}
