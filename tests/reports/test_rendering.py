"""The PDF of an order or a letter, read back with poppler's tools, and its rendering task."""

import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.storage import default_storage
from django.utils import timezone

from config.celery import app as celery_app
from reports.models import PDF_DEADLINE, DocumentSettings, Order, OrderAppendix
from reports.services.orders import order_approve, order_draft, order_submit, order_update
from reports.services.rendering import (
    initials_surname,
    order_pdf_bytes,
    order_pdf_expire,
    order_pdf_render,
)
from reports.tasks import RENDER_SOFT_TIME_LIMIT, RENDER_TIME_LIMIT, render_order_pdf
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


class Pdf:
    """A rendered PDF on disk, read with pdftotext, pdfinfo and pdffonts."""

    def __init__(self, content: bytes, folder: Path, name: str = "order.pdf") -> None:
        self.path = folder / name
        self.path.write_bytes(content)

    def _run(self, *command: str) -> str:
        return subprocess.run(
            [*command, str(self.path), *(["-"] if command[0] == "pdftotext" else [])],
            capture_output=True,
            check=True,
            text=True,
        ).stdout

    def text(self, page: int | None = None, *, raw: bool = False) -> str:
        """The text as laid out on the page or, raw, in the order it was drawn: the order of
        the HTML, the page's header last."""
        pages = ["-f", str(page), "-l", str(page)] if page else []
        return self._run("pdftotext", *pages, *(["-raw"] if raw else []))

    def has(self, phrase: str, page: int | None = None) -> bool:
        """Whether the text holds the phrase, whitespace aside: pdftotext guesses the spaces
        between letters and words («П Р И К А З», «№1»). Words broken by a hyphen are joined."""
        return squeeze(phrase) in squeeze(self.text(page, raw=True).replace("\u2010\n", ""))

    @property
    def pages(self) -> int:
        return int(re.search(r"^Pages:\s+(\d+)", self._run("pdfinfo"), re.M).group(1))

    def fonts(self) -> str:
        return self._run("pdffonts")


@pytest.fixture
def read_pdf(tmp_path):
    def read(content: bytes, name: str = "order.pdf") -> Pdf:
        return Pdf(content, tmp_path, name)

    return read


def _approve(order: Order, director) -> Order:
    order_submit(order=order)
    order = order_approve(order=order, actor=director)
    order.refresh_from_db()
    return order


@pytest.fixture
def pairs_order(school, curator, curator_person, make_pair):
    def make(pairs: int = 3) -> Order:
        for n in range(pairs):
            make_pair(mentees=1 + n % 3)
        return order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)

    return make


def _free_order(school, curator) -> Order:
    order = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    return order_update(
        order=order, title="О дежурстве по школе", preamble="В целях порядка,", items=["Назначить"]
    )


def test_initials_go_before_the_surname_under_a_signature():
    assert initials_surname("Суханова Елена Викторовна") == "Е.В. Суханова"
    assert initials_surname("Моисеев Андрей") == "А. Моисеев"
    assert initials_surname("Суханова Е.В.") == "Е.В. Суханова"
    assert initials_surname("Е.В. Суханова") == "Е.В. Суханова"
    assert initials_surname("Суханова") == "Суханова"
    assert initials_surname("") == ""


def test_a_draft_is_marked_as_a_draft_and_leaves_the_number_and_date_blank(
    school, curator, pairs_order, read_pdf
):
    order = pairs_order(2)

    pdf = read_pdf(order_pdf_bytes(order))

    assert pdf.has("«__» ______ 20__ г.")
    assert pdf.has("№ ____")
    assert pdf.has("Приложение к приказу от «__» ______ 20__ г. № ____")
    assert pdf.has("Лист ознакомления с приказом от «__» ______ 20__ г. № ____")
    assert pdf.pages >= 3
    assert all(pdf.text(page).startswith("ПРОЕКТ") for page in range(1, pdf.pages + 1))


def test_an_approved_pairs_order_carries_its_requisites_appendix_and_familiarisation_sheet(
    school, curator, director, pairs_order, read_pdf
):
    order = _approve(pairs_order(45), director)
    signed_on = order.signed_on.strftime("%d.%m.%Y")
    assert order.registration_number == "1"

    pdf = read_pdf(order_pdf_bytes(order))

    assert not pdf.has("ПРОЕКТ")
    assert pdf.has(f"{school.full_name} ({school.short_name}) ПРИКАЗ {signed_on} № 1")
    assert pdf.has(f"г. {school.city} {order.title} {order.preamble[:80]}")
    assert pdf.has("ПРИКАЗЫВАЮ:")
    for n, item in enumerate(order.items.all(), 1):
        assert pdf.has(f"{n}. {item.text}")
    assert pdf.has("Директор А.С. Петрова")
    assert pdf.has(f"Приложение к приказу от {signed_on} № 1 Наставнические пары и группы")
    for row in order.appendices.get().rows:
        assert pdf.has(row["mentor"])
        assert all(pdf.has(mentee) for mentee in row["mentees"])
    assert pdf.has(f"Лист ознакомления с приказом от {signed_on} № 1 «{order.title}»")
    for person in order.people.all():
        assert pdf.has(person.full_name)
    assert pdf.pages > 2
    # Page numbers from the second page, at the top.
    assert not pdf.text(1).startswith("1")
    assert pdf.text(2).split()[0] == "2"
    assert pdf.text(pdf.pages).split()[0] == str(pdf.pages)


def test_the_header_of_a_long_table_repeats_on_every_page(director, pairs_order, read_pdf):
    order = _approve(pairs_order(45), director)

    pdf = read_pdf(order_pdf_bytes(order))

    first_sheet_page = next(p for p in range(2, pdf.pages + 1) if pdf.has("Лист ознакомления", p))
    appendix_pages = range(2, first_sheet_page)
    assert len(appendix_pages) >= 2
    header = "№ Наставник Наставляемые Форма / ролевая модель Вид Срок"
    assert all(pdf.has(header, page) for page in appendix_pages)
    assert all(
        pdf.has("№ ФИО Должность Подпись Дата", p) for p in range(first_sheet_page, pdf.pages + 1)
    )


def test_the_school_settings_change_the_page(school, curator, director, read_pdf):
    order = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    item = "Классным руководителям провести беседы с обучающимися и родителями. " * 5
    order = order_update(order=order, title="О беседах", preamble="", items=[item] * 30)
    order = _approve(order, director)
    plain = read_pdf(order_pdf_bytes(order), "plain.pdf")

    DocumentSettings.objects.update_or_create(
        organisation=school,
        defaults={
            "order_word": DocumentSettings.OrderWord.SPACED,
            "font_size_pt": 12,
            "place": "пос. Усолье",
        },
    )
    small = read_pdf(order_pdf_bytes(order), "small.pdf")

    assert "ПРИКАЗЫВАЮ:" in plain.text()
    assert "П Р И К А З Ы В А Ю:" in small.text()
    assert small.has("пос. Усолье")
    assert not small.has(f"г. {school.city}")
    assert small.pages < plain.pages


def test_a_reward_order_lists_the_people_it_rewards(school, curator, director, read_pdf):
    people = [PersonFactory(organisation=school, position="Учитель физики") for _ in range(3)]
    order = order_draft(organisation=school, kind=Order.Kind.REWARD, actor=curator, people=people)
    order = _approve(order, director)

    pdf = read_pdf(order_pdf_bytes(order))

    assert pdf.has("Объявить благодарность")
    for person in people:
        assert pdf.has(f"{person.name_in('dative')} (учитель физики)")


def test_a_letter_has_its_addressee_and_no_operative_part(
    school, curator, director, person, read_pdf
):
    school.phone, school.email = "+7 (3424) 26-00-00", "school@berezniki.test"
    school.save(update_fields=["phone", "email"])
    person.last_name, person.first_name, person.patronymic = "Иванова", "Марина", "Петровна"
    person.save(update_fields=["last_name", "first_name", "patronymic"])
    # The addressee is left to the declension of the person's name.
    order = order_draft(
        organisation=school, kind=Order.Kind.LETTER, actor=curator, addressee="", people=[person]
    )
    order = _approve(order, director)

    pdf = read_pdf(order_pdf_bytes(order))

    assert pdf.has(f"{school.full_name} ({school.short_name}) {school.address}")
    assert pdf.has("тел. +7 (3424) 26-00-00, e-mail: school@berezniki.test")
    assert pdf.has(f"от {order.signed_on:%d.%m.%Y} № 1")
    assert pdf.has("Ивановой Марине Петровне")
    assert pdf.has("Благодарственное письмо Уважаемая Марина Петровна! Администрация")
    assert pdf.has("Директор А.С. Петрова")
    assert not pdf.has("ПРИКАЗ")
    assert not pdf.has("Лист ознакомления")
    assert not pdf.has("1. Администрация")
    assert pdf.pages == 1


def test_the_text_is_set_in_embedded_liberation_serif(school, curator, read_pdf):
    fonts = read_pdf(order_pdf_bytes(_free_order(school, curator))).fonts()

    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows
    # Named like «KZUJSR+Liberation-Serif-Bold»: a subset of the font.
    assert all("LiberationSerif" in row[0].replace("-", "") for row in rows)
    # Columns from the right: object id (2), uni, sub, emb.
    assert all(row[-5] == "yes" for row in rows)


def test_row_numbers_of_three_digits_stay_whole(school, curator, read_pdf):
    """A municipality's order lists hundreds of pairs and people: «120» is not broken into
    «12» over «0» in the narrow № column of the appendix or the familiarisation sheet."""
    order = _free_order(school, curator)
    rows = [
        {
            "mentor": f"Иванова Мария Петровна {n}, учитель",
            "co_mentor": "",
            "mentees": ["Петров Иван Сергеевич, обучающийся 7 «А» класса"],
            "form": "учитель – ученик",
            "role_model": "",
            "type": "традиционное наставничество",
            "period": "01.09.2026 – 31.08.2027",
        }
        for n in range(1, 121)
    ]
    OrderAppendix.objects.create(
        order=order, position=1, kind=OrderAppendix.Kind.PAIRS, title="Пары", rows=rows
    )
    order.people.set(PersonFactory.create_batch(120, organisation=school))

    words = read_pdf(order_pdf_bytes(order)).text(raw=True).split()

    for table in ("appendix", "sheet"):
        assert all(str(n) in words for n in (100, 110, 120)), table
        words = words[words.index("ознакомления") :]


def _stored_pdfs(order: Order) -> list[str]:
    folder = f"orders/{order.organisation_id}"
    if not default_storage.exists(folder):
        return []
    return sorted(default_storage.listdir(folder)[1])


def test_rendering_twice_leaves_one_file_and_a_ready_pdf(school, curator, director):
    order = _approve(_free_order(school, curator), director)

    order_pdf_render(order_id=order.pk, version=order.version)
    order.refresh_from_db()
    first = order.pdf.name
    Order.objects.filter(pk=order.pk).update(pdf_status=Order.PdfStatus.QUEUED)
    order_pdf_render(order_id=order.pk, version=order.version)
    order_pdf_render(order_id=order.pk, version=order.version)

    order.refresh_from_db()
    assert order.pdf_status == Order.PdfStatus.READY
    assert order.pdf_version == order.version
    assert order.pdf.name == first == f"orders/{school.pk}/order-{order.pk}-v{order.version}.pdf"
    assert _stored_pdfs(order) == [f"order-{order.pk}-v{order.version}.pdf"]
    assert order.pdf.read().startswith(b"%PDF")


def test_a_new_version_replaces_the_file_of_the_old_one(school, curator):
    order = _free_order(school, curator)
    order_pdf_render(order_id=order.pk, version=order.version)

    order = order_update(order=order, title="О дежурстве", preamble="", items=["Назначить"])
    order_pdf_render(order_id=order.pk, version=order.version)

    order.refresh_from_db()
    assert order.pdf_is_current
    assert _stored_pdfs(order) == [f"order-{order.pk}-v{order.version}.pdf"]


def test_a_stale_version_is_skipped(school, curator, monkeypatch):
    order = _free_order(school, curator)
    stale = order.version
    order = order_update(order=order, title="О дежурстве", preamble="", items=["Назначить"])
    rendered = []
    monkeypatch.setattr(
        "reports.services.rendering.order_pdf_bytes", lambda o: rendered.append(o) or b""
    )

    order_pdf_render(order_id=order.pk, version=stale)
    order_pdf_render(order_id=order.pk + 1000, version=1)

    order.refresh_from_db()
    assert rendered == []
    assert order.pdf_status == Order.PdfStatus.NONE
    assert not order.pdf


def test_a_failure_waits_for_a_retry_and_the_final_one_is_reported(school, curator, monkeypatch):
    order = _free_order(school, curator)

    def broken(order):
        raise OSError("шрифт не найден")

    monkeypatch.setattr("reports.services.rendering.order_pdf_bytes", broken)

    with pytest.raises(OSError):
        order_pdf_render(order_id=order.pk, version=order.version)
    order.refresh_from_db()
    assert order.pdf_status == Order.PdfStatus.QUEUED

    with pytest.raises(OSError):
        order_pdf_render(order_id=order.pk, version=order.version, final_attempt=True)
    order.refresh_from_db()
    assert order.pdf_status == Order.PdfStatus.FAILED
    assert order.pdf_error == "Не удалось сформировать PDF: шрифт не найден"


def test_approval_queues_the_pdf_which_the_task_renders(
    school, curator, director, django_capture_on_commit_callbacks
):
    order = _free_order(school, curator)
    order_submit(order=order)

    with django_capture_on_commit_callbacks(execute=True):
        order_approve(order=order, actor=director)

    order.refresh_from_db()
    assert order.pdf_is_current
    assert order.pdf.name.endswith(f"order-{order.pk}-v{order.version}.pdf")


def test_a_render_in_process_fails_at_once_and_says_so(school, curator, monkeypatch):
    order = _free_order(school, curator)
    attempts = []

    def broken(order):
        attempts.append(order.pk)
        raise ValueError("ошибка в шаблоне")

    monkeypatch.setattr("reports.services.rendering.order_pdf_bytes", broken)

    render_order_pdf.delay(order.pk, order.version)

    assert len(attempts) == 1
    order.refresh_from_db()
    assert order.pdf_status == Order.PdfStatus.FAILED
    assert order.pdf_error == "Не удалось сформировать PDF: ошибка в шаблоне"


def test_an_overdue_render_is_not_given_up_if_it_finished_meanwhile(school, curator):
    order = _free_order(school, curator)
    Order.objects.filter(pk=order.pk).update(
        pdf_status=Order.PdfStatus.RENDERING, updated_at=timezone.now() - timedelta(minutes=6)
    )
    read_by_the_page = Order.objects.get(pk=order.pk)
    order_pdf_render(order_id=order.pk, version=order.version)

    order_pdf_expire(order=read_by_the_page)

    assert read_by_the_page.pdf_is_current
    assert read_by_the_page.pdf_error == ""


def test_a_job_delivered_again_after_the_deadline_still_makes_the_pdf(school, curator):
    order = _free_order(school, curator)
    Order.objects.filter(pk=order.pk).update(
        pdf_status=Order.PdfStatus.QUEUED, updated_at=timezone.now() - timedelta(minutes=6)
    )
    order.refresh_from_db()
    order_pdf_expire(order=order)
    assert order.pdf_status == Order.PdfStatus.FAILED

    order_pdf_render(order_id=order.pk, version=order.version)

    order.refresh_from_db()
    assert order.pdf_is_current and order.pdf_error == ""
    assert _stored_pdfs(order) == [f"order-{order.pk}-v{order.version}.pdf"]


def test_a_render_past_its_soft_time_limit_fails_at_once_without_a_retry(
    school, curator, monkeypatch
):
    order = _free_order(school, curator)
    attempts = []

    def endless(order):
        attempts.append(order.pk)
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("reports.services.rendering.order_pdf_bytes", endless)

    # Called as a worker calls it: the first of several attempts, not in-process.
    render_order_pdf(order.pk, order.version)

    assert attempts == [order.pk]
    order.refresh_from_db()
    assert order.pdf_status == Order.PdfStatus.FAILED
    assert order.pdf_error == "Формирование заняло больше 2 минут и было остановлено."


def test_a_render_job_survives_its_worker_and_ends_before_the_page_gives_up():
    assert render_order_pdf.acks_late is True
    assert render_order_pdf.reject_on_worker_lost is True
    assert render_order_pdf.soft_time_limit == RENDER_SOFT_TIME_LIMIT == 120
    assert render_order_pdf.time_limit == RENDER_TIME_LIMIT == 180
    visibility_timeout = celery_app.conf.broker_transport_options["visibility_timeout"]
    # Redelivered only once it would have finished, even after waiting behind another render.
    assert visibility_timeout == 600 > 2 * RENDER_TIME_LIMIT
    assert PDF_DEADLINE.total_seconds() > RENDER_TIME_LIMIT
