"""How the status of an order, a monitoring report and a practice looks on every page: a badge
colour each."""

from .models import MonitoringReport, Order, PracticeCase

ORDER_CLASSES = {
    Order.Status.DRAFT: "text-bg-secondary",
    Order.Status.SUBMITTED: "text-bg-warning",
    Order.Status.RETURNED: "text-bg-danger",
    Order.Status.APPROVED: "text-bg-success",
}

REPORT_CLASSES = {
    MonitoringReport.Status.DRAFT: "text-bg-secondary",
    MonitoringReport.Status.ISSUED: "text-bg-success",
}

PRACTICE_CLASSES = {
    PracticeCase.Status.DRAFT: "text-bg-secondary",
    PracticeCase.Status.PUBLISHED: "text-bg-success",
}
