"""The PDF of an order or a letter, laid out after ГОСТ Р 7.0.97-2025 with the school's print
settings, and its rendering in the background."""

from collections.abc import Callable
from typing import Any

from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.names import initials_surname
from core.pdf import render_pdf

from ..models import PDF_DEADLINE, DocumentSettings, Order
from .drafting import people_rows

BLANK_DATE = "«__» ______ 20__ г."
BLANK_NUMBER = "____"
# Empty rows of a familiarisation sheet when the order names nobody, to fill in by hand.
BLANK_SHEET_ROWS = 8
ERROR_LENGTH = 300


def order_pdf_context(order: Order) -> dict:
    settings = DocumentSettings.of(order.organisation)
    approved = order.status == Order.Status.APPROVED
    date = order.signed_on.strftime("%d.%m.%Y") if approved else BLANK_DATE
    number = order.registration_number if approved else BLANK_NUMBER
    appendices = list(order.appendices.all())
    for appendix in appendices:
        # One appendix is «Приложение», several are numbered.
        appendix.label = f"Приложение {appendix.position}" if len(appendices) > 1 else "Приложение"
    people = people_rows(order.people.order_by("last_name", "first_name", "patronymic", "pk"))
    return {
        "order": order,
        "organisation": order.organisation,
        "settings": settings,
        "approved": approved,
        "date": date,
        "number": number,
        "place": settings.place_of_issue,
        "order_word": DocumentSettings.OrderWord(settings.order_word).label,
        "signer": initials_surname(order.signer_name),
        "items": list(order.items.all()),
        "appendices": appendices,
        "people": people,
        "blank_rows": [] if people else range(1, BLANK_SHEET_ROWS + 1),
    }


def order_pdf_bytes(order: Order) -> bytes:
    template = "pdf/letter.html" if order.is_letter else "pdf/order.html"
    return render_pdf(template, order_pdf_context(order))


def order_pdf_name(order: Order) -> str:
    """One name per version: rendering a version again replaces its file."""
    return f"orders/{order.organisation_id}/order-{order.pk}-v{order.version}.pdf"


def order_pdf_render(*, order_id: int, version: int, final_attempt: bool = False) -> None:
    pdf_render(
        Order.objects.select_related("organisation"),
        pk=order_id,
        version=version,
        content=lambda order: order_pdf_bytes(order),
        name=order_pdf_name,
        final_attempt=final_attempt,
    )


def order_pdf_fail(*, order_id: int, version: int, message: str) -> None:
    pdf_fail(Order, pk=order_id, version=version, message=message)


def order_pdf_expire(*, order: Order) -> None:
    pdf_expire(obj=order)


# The background PDF of any model with `RenderedPdf`'s fields: orders and monitoring reports.


def _unfinished(model, pk: int, version: int):
    """The object at `version` unless its PDF of that version is already stored."""
    this_version = model.objects.filter(pk=pk, version=version)
    return this_version.exclude(pdf_status=model.PdfStatus.READY, pdf_version=version)


def pdf_render(
    queryset,
    *,
    pk: int,
    version: int,
    content: Callable[[Any], bytes],
    name: Callable[[Any], str],
    final_attempt: bool = False,
) -> None:
    """Render and store the PDF of the object as it is at `version`.

    Safe to run twice or at the same time: nothing is done when the object is gone, has changed
    since (the render of its newer version is queued) or already has its PDF; two renders of
    one version leave one file.
    """
    model = queryset.model
    obj = queryset.filter(pk=pk).first()
    if obj is None or obj.version != version or obj.pdf_is_current:
        return
    unfinished = _unfinished(model, pk, version)
    unfinished.update(pdf_status=model.PdfStatus.RENDERING, pdf_error="", updated_at=timezone.now())
    try:
        data = content(obj)
    except Exception as error:
        if final_attempt:
            detail = (str(error).strip() or type(error).__name__).splitlines()[0]
            message = _("Не удалось сформировать PDF: %(error)s") % {"error": detail}
            pdf_fail(model, pk=pk, version=version, message=message)
        else:
            # Waiting for the retry.
            unfinished.update(pdf_status=model.PdfStatus.QUEUED, updated_at=timezone.now())
        raise
    _store(obj, version, data, name(obj))


def pdf_fail(model, *, pk: int, version: int, message: str) -> None:
    """Give up the PDF of the object at `version` with the reason shown on its page; a PDF
    stored in the meantime is kept."""
    _unfinished(model, pk, version).update(
        pdf_status=model.PdfStatus.FAILED,
        pdf_error=message[:ERROR_LENGTH],
        updated_at=timezone.now(),
    )


def pdf_expire(*, obj) -> None:
    """Give up the PDF of the object if it is overdue (`RenderedPdf.pdf_is_overdue`): its job
    was lost with a worker or the broker, and the page offers to start it again instead of
    waiting."""
    if not obj.pdf_is_overdue:
        return
    model = type(obj)
    minutes = int(PDF_DEADLINE.total_seconds() // 60)
    # Stored, like the other reasons, in the interface's first language.
    with translation.override(django_settings.LANGUAGE_CODE):
        message = ngettext(
            "Формирование не завершилось за %(minutes)s минуту.",
            "Формирование не завершилось за %(minutes)s минут.",
            minutes,
        ) % {"minutes": minutes}
    # Only if nothing happened to the object since it was read: a render that has just started
    # or finished wins.
    model.objects.filter(pk=obj.pk, pdf_status=obj.pdf_status, updated_at=obj.updated_at).update(
        pdf_status=model.PdfStatus.FAILED, pdf_error=message, updated_at=timezone.now()
    )
    obj.refresh_from_db(fields=["pdf", "pdf_status", "pdf_version", "pdf_error", "updated_at"])


def pdf_request(*, obj, task) -> None:
    """Queue the PDF of the object's current version with `task`, once the transaction
    commits."""
    model = type(obj)
    model.objects.filter(pk=obj.pk).update(
        pdf_status=model.PdfStatus.QUEUED, pdf_error="", updated_at=timezone.now()
    )
    obj.pdf_status = model.PdfStatus.QUEUED
    pk, version = obj.pk, obj.version
    transaction.on_commit(lambda: task.delay(pk, version))


def _store(obj, version: int, content: bytes, name: str) -> None:
    model = type(obj)
    storage = obj.pdf.storage
    previous = obj.pdf.name
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(content))
    if saved != name:
        # Another worker stored the same version in the meantime: keep one file.
        storage.delete(saved)
    stored = model.objects.filter(pk=obj.pk, version=version).update(
        pdf=name,
        pdf_status=model.PdfStatus.READY,
        pdf_version=version,
        pdf_error="",
        updated_at=timezone.now(),
    )
    if not stored:
        # The object changed while it rendered: its newer render will store its own file.
        storage.delete(name)
        return
    if previous and previous != name:
        storage.delete(previous)
