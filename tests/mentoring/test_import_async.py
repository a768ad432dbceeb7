"""A large file is read and planned by a worker while the page waits for it."""

import random
from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from mentoring import demo
from mentoring.demo_files import staff_list_workbook
from mentoring.imports import upload as upload_service
from mentoring.models import Person, StaffImport
from mentoring.tasks import plan_people_import
from tests.mentoring.xlsx_helpers import upload, xlsx_bytes

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def small_threshold(monkeypatch):
    """Files over 1 KB go to the worker, so small test files take that path."""
    monkeypatch.setattr(upload_service, "ASYNC_FILE_SIZE", 1024)


def _post(client, school, content: bytes, *, run_tasks: bool = True):
    with TestCase.captureOnCommitCallbacks(execute=run_tasks):
        response = client.post(
            reverse("people_import", args=[school.pk]), {"file": upload(content)}
        )
    assert response.status_code == 302
    return StaffImport.objects.latest("pk")


def _poll(client, staff_import, **query):
    url = reverse("people_import_preview", args=[staff_import.pk])
    return client.get(url, query, headers=HTMX)


def _staff_file(count: int) -> bytes:
    today = timezone.localdate()
    people = demo.staff(random.Random(count), count, year=today.year)
    return staff_list_workbook(people, rng=random.Random(1), today=today)


def test_a_large_file_is_read_by_the_worker_and_then_previewed(curator_client, school):
    content = _staff_file(1_200)
    assert len(content) > upload_service.ASYNC_FILE_SIZE

    staff_import = _post(curator_client, school, content, run_tasks=False)

    assert staff_import.status == StaffImport.Status.PARSING
    assert staff_import.rows == [] and staff_import.parsing_started_at is not None
    page = curator_client.get(reverse("people_import_preview", args=[staff_import.pk]))
    html = page.content.decode()
    assert "Читаем файл" in html
    assert "?parsing=1" in html and 'hx-trigger="every 2s"' in html
    assert "Новых" not in html
    assert _poll(curator_client, staff_import, parsing=1).status_code == 204

    plan_people_import.delay(staff_import.pk)

    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.PREVIEW
    assert len(staff_import.rows) == 1_200
    assert {row["action"] for row in staff_import.rows} == {"create"}
    response = _poll(curator_client, staff_import, parsing=1)
    assert response.status_code == 200
    assert response.headers["HX-Refresh"] == "true"
    html = curator_client.get(reverse("people_import_preview", args=[staff_import.pk]))
    assert "Загрузить 1200 записей" in html.content.decode()


def test_a_file_the_worker_cannot_read_fails_with_the_reason(
    curator_client, school, small_threshold
):
    content = xlsx_bytes(["Номер", "Примечание"], *[[n, "нет"] for n in range(300)])

    staff_import = _post(curator_client, school, content)

    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.FAILED
    assert "Не найдена строка заголовков" in staff_import.error
    block = _poll(curator_client, staff_import, parsing=1)
    html = block.content.decode()
    assert block.status_code == 200 and "<html" not in html
    assert "Не найдена строка заголовков" in html
    assert reverse("people_import", args=[school.pk]) in html
    assert "Загрузить файл снова" in html
    assert reverse("people_import_apply", args=[staff_import.pk]) not in html


def test_reading_past_the_time_limit_fails_with_a_message(
    curator_client, school, small_threshold, monkeypatch
):
    def too_slow(**kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("mentoring.tasks.people_import_plan", too_slow)
    staff_import = _post(curator_client, school, _staff_file(40))

    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.FAILED
    assert staff_import.error == upload_service.PARSE_TIMEOUT_MESSAGE
    page = curator_client.get(reverse("people_import_preview", args=[staff_import.pk]))
    assert "Файл читался больше минуты" in page.content.decode()
    assert "Загрузить файл снова" in page.content.decode()


def test_a_worker_killed_at_the_hard_limit_is_told_on_the_page(
    curator_client, school, small_threshold
):
    staff_import = _post(curator_client, school, _staff_file(40), run_tasks=False)
    StaffImport.objects.filter(pk=staff_import.pk).update(
        parsing_started_at=timezone.now() - timedelta(minutes=3)
    )

    block = _poll(curator_client, staff_import, parsing=1)

    assert block.status_code == 200
    assert "Файл читался слишком долго" in block.content.decode()
    assert "Загрузить файл снова" in block.content.decode()


def test_the_broker_out_of_reach_fails_the_import(
    curator_client, school, small_threshold, monkeypatch
):
    def broker_down(*args):
        raise ConnectionError("broker")

    monkeypatch.setattr(plan_people_import, "delay", broker_down)
    staff_import = _post(curator_client, school, _staff_file(40))

    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.FAILED
    assert staff_import.error == upload_service.PARSE_FAILED_MESSAGE


def test_a_file_still_being_read_cannot_be_applied(curator_client, school, small_threshold):
    staff_import = _post(curator_client, school, _staff_file(40), run_tasks=False)

    with TestCase.captureOnCommitCallbacks(execute=True):
        curator_client.post(reverse("people_import_apply", args=[staff_import.pk]))

    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.PARSING
    assert not Person.objects.exists()


def test_a_new_choice_of_columns_for_a_large_file_goes_to_the_worker(
    curator_client, school, small_threshold
):
    content = xlsx_bytes(
        ["ФИО", "Общий стаж", "Примечание"],
        *[[f"Иванов Иван{n}", n % 30, "x" * 40] for n in range(60)],
    )
    staff_import = _post(curator_client, school, content)
    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.PREVIEW

    data = {"column_0": "fio", "column_1": "experience", "column_2": ""}
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        curator_client.post(reverse("people_import_mapping", args=[staff_import.pk]), data)
    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.PARSING
    assert (
        "Читаем файл"
        in curator_client.get(
            reverse("people_import_preview", args=[staff_import.pk])
        ).content.decode()
    )

    for callback in callbacks:
        callback()
    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.PREVIEW
    year = timezone.localdate().year
    assert staff_import.rows[5]["data"]["teaching_since"] == year - 5
