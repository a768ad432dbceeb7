from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

from .models import Order


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError, OSError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def render_order_pdf(self, order_id: int, version: int) -> None:
    """Render the PDF of the order as it was at `version`; safe to run again."""
    # Imported here: the service module queues this task.
    from .rendering import order_pdf_render

    final_attempt = self.request.retries >= self.max_retries
    order_pdf_render(order_id=order_id, version=version, final_attempt=final_attempt)


@shared_task(
    bind=True,
    autoretry_for=(SMTPException, ConnectionError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_order_decision_email(self, order_id: int) -> None:
    from .notifications import order_decision_email_send

    order = Order.objects.select_related("created_by", "organisation").filter(pk=order_id).first()
    if order is not None:
        order_decision_email_send(order=order)
