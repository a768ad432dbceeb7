"""How an order's (and a monitoring report's) status looks on every page: a badge colour each."""

from .models import MonitoringReport, Order

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
