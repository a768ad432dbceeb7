import logging
from smtplib import SMTPException

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _

from .models import MonitoringReport, Order
from .services.monitoring import report_pdf_render
from .services.notifications import order_decision_email_send
from .services.rendering import order_pdf_fail, order_pdf_render, pdf_fail

logger = logging.getLogger(__name__)


# An order renders in seconds: one still rendering after the soft limit is stopped and marked
# failed; the hard limit ends the process if even that hangs. Both fit well within the broker's
# visibility timeout (CELERY_BROKER_TRANSPORT_OPTIONS), after which a job whose worker died is
# delivered again, and within the page's PDF_DEADLINE.
RENDER_SOFT_TIME_LIMIT = 120
RENDER_TIME_LIMIT = 180


def _render(task, render, fail, what: str, pk: int, version: int) -> None:
    """Run `render(pk, version, final_attempt)`; the last attempt is the one that marks the PDF
    failed, and one over the soft limit is failed at once (it would take as long again)."""
    # In-process (no broker) there is no later attempt: the first one is the last.
    eager = bool(task.request.is_eager)
    final_attempt = eager or task.request.retries >= task.max_retries
    try:
        render(pk, version, final_attempt)
    except SoftTimeLimitExceeded:
        logger.warning("Rendering the PDF of %s %s took too long", what, pk)
        fail(
            pk,
            version,
            _("Формирование заняло больше %(minutes)s минут и было остановлено.")
            % {"minutes": RENDER_SOFT_TIME_LIMIT // 60},
        )
    except Exception:
        if not eager:
            raise
        # The object shows the error; the request that queued the render has committed.
        logger.exception("Rendering the PDF of %s %s failed", what, pk)


# Every other error is retried, so that the last attempt is the one that marks the PDF failed.
RENDER_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "soft_time_limit": RENDER_SOFT_TIME_LIMIT,
    "time_limit": RENDER_TIME_LIMIT,
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 5,
}


@shared_task(**RENDER_OPTIONS)
def render_order_pdf(self, order_id: int, version: int) -> None:
    """Render the PDF of the order as it was at `version`; safe to run again."""
    _render(
        self,
        lambda pk, v, final: order_pdf_render(order_id=pk, version=v, final_attempt=final),
        lambda pk, v, message: order_pdf_fail(order_id=pk, version=v, message=message),
        "order",
        order_id,
        version,
    )


@shared_task(**RENDER_OPTIONS)
def render_monitoring_report_pdf(self, report_id: int, version: int) -> None:
    """Render the PDF of the monitoring report as it was at `version`; safe to run again."""
    _render(
        self,
        lambda pk, v, final: report_pdf_render(report_id=pk, version=v, final_attempt=final),
        lambda pk, v, message: pdf_fail(MonitoringReport, pk=pk, version=v, message=message),
        "monitoring report",
        report_id,
        version,
    )


@shared_task(
    bind=True,
    autoretry_for=(SMTPException, ConnectionError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_order_decision_email(self, order_id: int) -> None:
    order = Order.objects.select_related("created_by", "organisation").filter(pk=order_id).first()
    if order is not None:
        order_decision_email_send(order=order)
