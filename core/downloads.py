"""Responses that hand the user a file."""

from django.http import HttpResponse

from .spreadsheets import XLSX_CONTENT_TYPE


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    """A PDF shown in the browser's viewer, saved under `filename`."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # Chromium's viewer shows the PDF through an <embed>, which the pages' policy
    # (object-src 'none') would block; django-csp's @csp_exempt() sets this same flag.
    response._csp_exempt = True
    return response
