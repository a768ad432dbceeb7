"""The PDF block of a page whose document renders in the background (orders, monitoring
reports): its state, polled while the file is made."""

from datetime import timedelta

from django.utils import timezone

from ..models import PDF_DEADLINE, Order
from ..services import rendering

PdfStatus = Order.PdfStatus
_PDF_CLASSES = {
    PdfStatus.NONE: "text-bg-secondary",
    PdfStatus.QUEUED: "text-bg-info",
    PdfStatus.RENDERING: "text-bg-info",
    PdfStatus.READY: "text-bg-success",
    PdfStatus.FAILED: "text-bg-danger",
}
# A render usually takes a few seconds; longer than this, the page says so.
_PDF_USUAL = timedelta(seconds=30)


def pdf_state(obj) -> dict:
    """What the PDF block shows; a job lost for longer than the deadline is given up as the
    page reads it."""
    rendering.pdf_expire(obj=obj)
    if obj.pdf_status == PdfStatus.READY and not obj.pdf_is_current:
        # Made from an earlier version: as if never made.
        state = PdfStatus.NONE
    else:
        state = PdfStatus(obj.pdf_status)
    return {
        "pdf_state": state,
        "pdf_label": state.label,
        "pdf_class": _PDF_CLASSES[state],
        "pdf_polling": state in Order.PDF_IN_PROGRESS,
        "pdf_slow": timezone.now() - obj.updated_at > _PDF_USUAL,
        "pdf_deadline_at": obj.updated_at + PDF_DEADLINE,
    }
