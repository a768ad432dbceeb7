import logging
from smtplib import SMTPException

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _

from .models import Order
from .services.notifications import order_decision_email_send
from .services.rendering import order_pdf_fail, order_pdf_render

logger = logging.getLogger(__name__)


# An order renders in seconds: one still rendering after the soft limit is stopped and marked
# failed; the hard limit ends the process if even that hangs. Both fit well within the broker's
# visibility timeout (CELERY_BROKER_TRANSPORT_OPTIONS), after which a job whose worker died is
# delivered again, and within the page's PDF_DEADLINE.
RENDER_SOFT_TIME_LIMIT = 120
RENDER_TIME_LIMIT = 180


# Every other error is retried, so that the last attempt is the one that marks the PDF failed.
@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=RENDER_SOFT_TIME_LIMIT,
    time_limit=RENDER_TIME_LIMIT,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def render_order_pdf(self, order_id: int, version: int) -> None:
    """Render the PDF of the order as it was at `version`; safe to run again."""
    # In-process (no broker) there is no later attempt: the first one is the last.
    eager = bool(self.request.is_eager)
    final_attempt = eager or self.request.retries >= self.max_retries
    try:
        order_pdf_render(order_id=order_id, version=version, final_attempt=final_attempt)
    except SoftTimeLimitExceeded:
        # It would take as long again.
        logger.warning("Rendering the PDF of order %s took too long", order_id)
        order_pdf_fail(
            order_id=order_id,
            version=version,
            message=_("Формирование заняло больше %(minutes)s минут и было остановлено.")
            % {"minutes": RENDER_SOFT_TIME_LIMIT // 60},
        )
    except Exception:
        if not eager:
            raise
        # The order shows the error; the request that queued the render has committed.
        logger.exception("Rendering the PDF of order %s failed", order_id)


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
