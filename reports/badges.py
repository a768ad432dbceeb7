"""How an order's and a practice's status look on every page: a badge colour each."""

from .models import Order, PracticeCase

ORDER_CLASSES = {
    Order.Status.DRAFT: "text-bg-secondary",
    Order.Status.SUBMITTED: "text-bg-warning",
    Order.Status.RETURNED: "text-bg-danger",
    Order.Status.APPROVED: "text-bg-success",
}

PRACTICE_CLASSES = {
    PracticeCase.Status.DRAFT: "text-bg-secondary",
    PracticeCase.Status.PUBLISHED: "text-bg-success",
}
