"""A consent's scan: only PDF, JPEG and PNG by content, stored under a generated name with the
extension of what it is, handed back as a download the browser will not render."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from mentoring.models import Consent
from mentoring.services import consents
from mentoring.services.consents import SCAN_MAX_BYTES

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1"/></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
REFUSED = "Скан должен быть в формате PDF, JPEG или PNG"


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format=fmt)
    return buffer.getvalue()


def _post(client, person, name: str, content: bytes, content_type: str = "application/pdf"):
    scan = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(
        reverse("consent_create", args=[person.pk]) + "?kind=processing",
        {
            "given_on": timezone.localdate().isoformat(),
            "subject_address": "г. Березники, ул. Пятилетки, д. 5",
            "subject_document": "паспорт 5700 123456",
            "scan": scan,
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("Скан Ивановой.pdf", PDF, ".pdf"),
        ("фото бланка.jpeg", _image("JPEG"), ".jpg"),
        ("фото бланка.PNG", _image("PNG"), ".png"),
        # The name does not matter, only what the file is.
        ("scan.html", PDF, ".pdf"),
        ("scan.pdf", _image("PNG"), ".png"),
    ],
    ids=["pdf", "jpeg", "png", "pdf-named-html", "png-named-pdf"],
)
def test_scan_is_stored_under_a_new_name_with_the_extension_of_its_content(
    client, curator, person, name, content, extension
):
    client.force_login(curator)

    response = _post(client, person, name, content, content_type="text/html")

    assert response.status_code == 302
    scan = Consent.objects.get(person=person).scan
    stored = Path(scan.name)
    assert stored.suffix == extension
    assert len(stored.stem) == 32 and int(stored.stem, 16) >= 0
    assert scan.read() == content


@pytest.mark.parametrize(
    "content", [HTML, SVG, EXE, b"just some text"], ids=["html", "svg", "exe", "text"]
)
def test_a_file_that_is_not_pdf_jpeg_or_png_is_refused_whatever_its_name(
    client, curator, person, content
):
    client.force_login(curator)

    response = _post(client, person, "scan.pdf", content)

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not Consent.objects.exists()


def test_a_scan_over_ten_megabytes_is_refused(client, curator, person):
    client.force_login(curator)

    response = _post(client, person, "scan.pdf", PDF + b"\0" * SCAN_MAX_BYTES)

    assert response.status_code == 200
    assert "Скан больше 10 МБ" in response.content.decode()
    assert not Consent.objects.exists()


def test_the_service_refuses_a_disguised_file_on_its_own(curator, person):
    with pytest.raises(ValidationError) as error:
        consents.consent_record(
            person=person,
            kind=Consent.Kind.PROCESSING,
            given_on=timezone.localdate(),
            verified_by=curator,
            scan=SimpleUploadedFile("scan.pdf", HTML, content_type="application/pdf"),
        )

    assert REFUSED in error.value.message_dict["scan"][0]
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("content", "content_type", "extension"),
    [(PDF, "application/pdf", ".pdf"), (_image("PNG"), "image/png", ".png")],
    ids=["pdf", "png"],
)
def test_scan_is_downloaded_as_an_attachment_of_its_real_type(
    client, curator, person, content, content_type, extension
):
    client.force_login(curator)
    _post(client, person, "scan.html", content, content_type="text/html")
    consent = Consent.objects.get(person=person)

    response = client.get(reverse("consent_scan", args=[consent.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        f'attachment; filename="consent-processing-{person.pk}{extension}"'
    )
    assert b"".join(response.streaming_content) == content


def test_an_old_scan_of_unknown_content_is_downloaded_as_plain_bytes(client, curator, person):
    """Scans stored before the content check could be anything: never let the browser
    guess what they are."""
    consent = consents.consent_record(
        person=person,
        kind=Consent.Kind.PROCESSING,
        given_on=timezone.localdate(),
        verified_by=curator,
    )
    consent.scan.save("processing.html", io.BytesIO(HTML))
    client.force_login(curator)

    response = client.get(reverse("consent_scan", args=[consent.pk]))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('.bin"')
