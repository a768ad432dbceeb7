"""Responses that hand the user a file."""

from django.http import HttpResponse

from .spreadsheets import XLSX_CONTENT_TYPE


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
