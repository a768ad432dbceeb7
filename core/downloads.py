"""Responses that hand the user a file."""

import json
from typing import IO

from django.http import FileResponse, HttpResponse

from .spreadsheets import XLSX_CONTENT_TYPE
from .uploads import SCAN_KINDS, FileKind, file_kind


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


def upload_response(
    file: IO[bytes], name: str, kinds: tuple[FileKind, ...] = SCAN_KINDS
) -> FileResponse:
    """A stored upload, always saved rather than shown: the browser must not render it, whatever
    it contains. Its type and extension come from its content, one of `kinds` (those the upload
    was checked against); `name` has no extension."""
    kind = file_kind(file, kinds)
    # SecurityMiddleware adds "X-Content-Type-Options: nosniff" (SECURE_CONTENT_TYPE_NOSNIFF).
    return FileResponse(
        file,
        as_attachment=True,
        filename=f"{name}{kind.extension if kind else '.bin'}",
        content_type=kind.content_type if kind else "application/octet-stream",
    )


def json_response(data, filename: str) -> HttpResponse:
    """A JSON file to save: UTF-8, Cyrillic as it is (not \\u-escaped), indented for reading."""
    content = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(content.encode(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
