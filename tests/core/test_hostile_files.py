"""Hostile uploads to the staff, bank and roadmap imports: each is answered within seconds and
bounded memory by a page that says what is wrong, and nothing is created."""

import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring.models import StaffImport
from roadmap.models import Roadmap
from tests.core.hostile_files import HOSTILE, wide_rows

pytestmark = pytest.mark.django_db

SECONDS = 5
PEAK_MB = 100
MESSAGES = {
    "bomb-sheet": "слишком велик",
    "bomb-string": "слишком велик",
    "styled-empty-rows": "больше 10 000 строк",
    "far-row": "больше 10 000 строк",
    "giant-row": "не файл Excel",
    "csv": "не файл Excel",
    "docx": "не файл Excel",
    "zip": "не файл Excel",
    "encrypted": "защищён паролем",
    "zero-bytes": "Отправленный файл пуст",
}
VIEWS = ("people_import", "mentee_import", "roadmap_import")


def _post(client, school, view: str, content: bytes, name: str):
    data = {"file": SimpleUploadedFile(name, content)}
    if view == "roadmap_import":
        data["academic_year"] = school.academic_years.get(is_current=True).pk
    return client.post(reverse(view, args=[school.pk]), data)


def _timed(post):
    started = time.perf_counter()
    response = post()
    return response, time.perf_counter() - started


def _peak_mb(post) -> float:
    """The peak of memory allocated while posting, in MB; measured apart from the time,
    which tracing slows down."""
    tracemalloc.start()
    try:
        post()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("case", MESSAGES)
def test_hostile_file_is_refused_quickly_with_a_message(
    client, school, curator, view, case, django_capture_on_commit_callbacks
):
    """A people file too large to read in the request, once past the archive check, is read
    by the worker (here in-process, after the commit): its page then says what is wrong."""
    build, name = HOSTILE[case]
    content = build()
    client.force_login(curator)
    client.get(reverse(view, args=[school.pk]))  # what a first request loads is not measured

    def post():
        with django_capture_on_commit_callbacks(execute=True):
            response = _post(client, school, view, content, name)
        return client.get(response.url) if response.status_code == 302 else response

    response, seconds = _timed(post)

    assert response.status_code == 200
    assert MESSAGES[case] in response.content.decode()
    assert seconds < SECONDS
    assert _peak_mb(post) < PEAK_MB
    assert not StaffImport.objects.exclude(status=StaffImport.Status.FAILED).exists()
    assert all(not i.rows for i in StaffImport.objects.all())
    assert not Roadmap.objects.exists()


@pytest.mark.parametrize("case", ["bomb-sheet", "bomb-string", "csv", "encrypted", "zero-bytes"])
def test_a_file_refused_by_its_archive_is_refused_in_the_request(client, school, curator, case):
    build, name = HOSTILE[case]
    client.force_login(curator)

    response = _post(client, school, "people_import", build(), name)

    assert response.status_code == 200
    assert MESSAGES[case] in response.content.decode()
    assert not StaffImport.objects.exists()


def test_cells_in_the_last_column_do_not_slow_the_staff_import(client, school, curator):
    content = wide_rows()
    client.force_login(curator)
    client.get(reverse("people_import", args=[school.pk]))

    response, seconds = _timed(lambda: _post(client, school, "people_import", content, "a.xlsx"))

    assert response.status_code == 302
    assert len(StaffImport.objects.get().rows) == 200
    assert seconds < SECONDS
