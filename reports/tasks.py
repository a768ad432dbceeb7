import logging
from smtplib import SMTPException

from celery import shared_task

from .models import Order
from .services.notifications import order_decision_email_send
from .services.rendering import order_pdf_render

logger = logging.getLogger(__name__)


# Every error is retried, so that the last attempt is the one that marks the PDF failed.
@shared_task(
    bind=True,
    acks_late=True,
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
