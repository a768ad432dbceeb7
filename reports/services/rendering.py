"""The PDF of an order or a letter, laid out after ГОСТ Р 7.0.97-2025 with the school's print
settings, and its rendering in the background."""

from django.conf import settings as django_settings
from django.core.files.base import ContentFile
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


def _unfinished(order_id: int, version: int):
    """The order at `version` unless its PDF of that version is already stored."""
    this_version = Order.objects.filter(pk=order_id, version=version)
    return this_version.exclude(pdf_status=Order.PdfStatus.READY, pdf_version=version)


def order_pdf_render(*, order_id: int, version: int, final_attempt: bool = False) -> None:
    """Render and store the PDF of the order as it is at `version`.

    Safe to run twice or at the same time: nothing is done when the order is gone, has changed
    since (the render of its newer version is queued) or already has its PDF; two renders of
    one version leave one file.
    """
    order = Order.objects.select_related("organisation").filter(pk=order_id).first()
    if order is None or order.version != version or order.pdf_is_current:
        return
    unfinished = _unfinished(order_id, version)
    unfinished.update(pdf_status=Order.PdfStatus.RENDERING, pdf_error="", updated_at=timezone.now())
    try:
        content = order_pdf_bytes(order)
    except Exception as error:
        if final_attempt:
            detail = (str(error).strip() or type(error).__name__).splitlines()[0]
            message = _("Не удалось сформировать PDF: %(error)s") % {"error": detail}
            order_pdf_fail(order_id=order_id, version=version, message=message)
        else:
            # Waiting for the retry.
            unfinished.update(pdf_status=Order.PdfStatus.QUEUED, updated_at=timezone.now())
        raise
    _store(order, version, content)


def order_pdf_fail(*, order_id: int, version: int, message: str) -> None:
    """Give up the PDF of the order at `version` with the reason shown on its page; a PDF
    stored in the meantime is kept."""
    _unfinished(order_id, version).update(
        pdf_status=Order.PdfStatus.FAILED,
        pdf_error=message[:ERROR_LENGTH],
        updated_at=timezone.now(),
    )


def order_pdf_expire(*, order: Order) -> None:
    """Give up the PDF of the order if it is overdue (`Order.pdf_is_overdue`): its job was lost
    with a worker or the broker, and the page offers to start it again instead of waiting."""
    if not order.pdf_is_overdue:
        return
    minutes = int(PDF_DEADLINE.total_seconds() // 60)
    # Stored, like the other reasons, in the interface's first language.
    with translation.override(django_settings.LANGUAGE_CODE):
        message = ngettext(
            "Формирование не завершилось за %(minutes)s минуту.",
            "Формирование не завершилось за %(minutes)s минут.",
            minutes,
        ) % {"minutes": minutes}
    # Only if nothing happened to the order since it was read: a render that has just started
    # or finished wins.
    Order.objects.filter(
        pk=order.pk, pdf_status=order.pdf_status, updated_at=order.updated_at
    ).update(pdf_status=Order.PdfStatus.FAILED, pdf_error=message, updated_at=timezone.now())
    order.refresh_from_db(fields=["pdf", "pdf_status", "pdf_version", "pdf_error", "updated_at"])


def _store(order: Order, version: int, content: bytes) -> None:
    storage = order.pdf.storage
    previous = order.pdf.name
    name = order_pdf_name(order)
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(content))
    if saved != name:
        # Another worker stored the same version in the meantime: keep one file.
        storage.delete(saved)
    stored = Order.objects.filter(pk=order.pk, version=version).update(
        pdf=name,
        pdf_status=Order.PdfStatus.READY,
        pdf_version=version,
        pdf_error="",
        updated_at=timezone.now(),
    )
    if not stored:
        # The order changed while it rendered: its newer render will store its own file.
        storage.delete(name)
        return
    if previous and previous != name:
        storage.delete(previous)
