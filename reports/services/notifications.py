"""Telling the author of an order what the director decided."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ..models import Order


def order_decision_email_send(*, order: Order) -> None:
    """E-mail the author that their order was approved or returned; silent otherwise."""
    author = order.created_by
    if author is None or not author.email or not author.is_active:
        return
    if order.status not in (Order.Status.APPROVED, Order.Status.RETURNED):
        return
    context = {
        "order": order,
        "approved": order.status == Order.Status.APPROVED,
        "url": f"{settings.SITE_URL}{reverse('order_detail', args=[order.pk])}",
    }
    # The interface speaks Russian first; the author's language is not stored.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("emails/order_decision_subject.txt", context)
        body = render_to_string("emails/order_decision.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[author.email]).send()
