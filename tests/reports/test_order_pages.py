"""The pages of orders: the register, drafting, the order page and its way to approval."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentoring.models import Consent, MentoringPair
from reports.models import PDF_DEADLINE, DocumentSettings, Order, OrderAppendix
from reports.services.orders import order_approve, order_draft, order_submit, order_update
from reports.views.order import pdf_filename
from tests.mentoring.bank_factories import MentorEntryFactory
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_rendering(monkeypatch):
    """The PDF is made by a task; these pages only queue it."""
    monkeypatch.setattr("reports.tasks.render_order_pdf.delay", lambda *args: None)


def _free(school, curator, title="О дежурстве", items=("Назначить дежурных",)) -> Order:
    order = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    return order_update(order=order, title=title, preamble="", items=list(items))


def _approved(order, director) -> Order:
    order_submit(order=order)
    return order_approve(order=order, actor=director)


def _page(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


# The register.


def test_register_lists_the_schools_orders_newest_first(client, school, curator, other_school):
    first = _free(school, curator, title="О первом")
    second = _free(school, curator, title="О втором")
    _free(other_school, curator, title="О чужом")

    response = _page(client, curator, "order_list", school.pk)

    assert response.status_code == 200
    assert [o.pk for o in response.context["orders"]] == [second.pk, first.pk]
    assert "О чужом" not in response.content.decode()


def test_register_is_closed_to_a_teacher_and_hidden_from_another_school(
    client, school, teacher, outsider
):
    assert _page(client, teacher, "order_list", school.pk).status_code == 403
    assert _page(client, outsider, "order_list", school.pk).status_code == 404


def test_director_sees_what_awaits_approval_at_the_top(client, school, curator, director):
    waiting = _free(school, curator, title="О приёме в наставники")
    order_submit(order=waiting)
    _free(school, curator, title="О черновике")

    page = _page(client, director, "order_list", school.pk).content.decode()
    curator_page = _page(client, curator, "order_list", school.pk).content.decode()

    assert "Ждут вашего утверждения" in page
    assert reverse("order_detail", args=[waiting.pk]) in page
    assert "Ждут вашего утверждения" not in curator_page


def test_empty_register_explains_orders_and_offers_the_common_ones(client, school, curator):
    page = _page(client, curator, "order_list", school.pk).content.decode()

    assert "Приказов пока нет" in page
    assert f"{reverse('order_create', args=[school.pk])}?kind=pairs" in page


def test_register_search_finds_number_title_and_item_text_in_any_case(
    client, school, curator, director
):
    DocumentSettings.objects.create(organisation=school, order_prefix="01-05/")
    numbered = _approved(_free(school, curator, title="О дежурстве"), director)
    by_item = _free(school, curator, title="О премии", items=["Выплатить ЁЛКИНОЙ премию"])
    _free(school, curator, title="О субботнике", items=["Провести субботник"])

    def found(q):
        response = _page(client, curator, "order_list", school.pk, q=q)
        return {o.pk for o in response.context["orders"]}

    assert found("01-05/1") == {numbered.pk}
    assert found("дежурстве") == {numbered.pk}
    assert found("елкиной") == {by_item.pk}
    assert found("ПРЕМИ выплатить") == {by_item.pk}


def test_register_filters_by_kind_status_dates_and_year(client, school, curator, director):
    approved = _approved(_free(school, curator), director)
    letter = order_draft(
        organisation=school, kind=Order.Kind.LETTER, actor=curator, addressee="ООО «Партнёр»"
    )
    year = school.academic_years.get()
    today = approved.signed_on

    def found(**params):
        response = _page(client, curator, "order_list", school.pk, **params)
        return {o.pk for o in response.context["orders"]}

    assert found(kind="letter") == {letter.pk}
    assert found(status="approved") == {approved.pk}
    assert found(signed_from=today.isoformat(), signed_to=today.isoformat()) == {approved.pk}
    assert found(signed_to=date(2000, 1, 1).isoformat()) == set()
    assert found(year=year.pk) == {approved.pk, letter.pk}


def test_register_counts_orders_by_status(client, school, curator, director):
    _approved(_free(school, curator), director)
    _free(school, curator)
    _free(school, curator)

    counts = _page(client, curator, "order_list", school.pk).context["counts"]

    assert dict((value, n) for value, _label, n in counts) == {
        "draft": 2,
        "submitted": 0,
        "returned": 0,
        "approved": 1,
    }


@pytest.mark.parametrize("name", ["order_list", "order_export"])
def test_query_count_does_not_grow_with_orders(client, school, curator, director, name):
    _approved(_free(school, curator), director)
    client.force_login(director)
    url = reverse(name, args=[school.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(4):
        order_submit(order=_free(school, curator))
        _approved(_free(school, curator), director)
    with CaptureQueriesContext(connection) as nine:
        client.get(url)
    assert len(nine) == len(one)


def test_export_has_the_registers_columns_and_filters(client, school, curator, director):
    curator.full_name = "Смирнова Ольга Ивановна"
    curator.save()
    director.full_name = "Петрова Анна Сергеевна"
    director.save()
    approved = _approved(_free(school, curator, title="О дежурстве"), director)
    _free(school, curator, title="О черновике")

    response = _page(client, curator, "order_export", school.pk, status="approved")

    assert response["Content-Disposition"].startswith('attachment; filename="orders-')
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("№", "Дата", "Вид", "Заголовок", "Статус", "Подготовил", "Утвердил")
    assert rows[1:] == [
        (
            approved.registration_number,
            rows[1][1],
            "Другой приказ",
            "О дежурстве",
            "Утверждён",
            "Смирнова Ольга Ивановна",
            "Петрова Анна Сергеевна",
        )
    ]
    assert rows[1][1].date() == approved.signed_on


# Drafting.


def test_kind_chooser_offers_every_kind_but_amend_and_cancel(client, school, curator):
    page = _page(client, curator, "order_create", school.pk).content.decode()

    for kind in ("system", "curator", "roadmap", "pairs", "reward", "final_event", "free"):
        assert f"?kind={kind}" in page
    assert "?kind=letter" in page
    assert "?kind=cancel" not in page


def test_teacher_cannot_draft(client, school, teacher):
    assert _page(client, teacher, "order_create", school.pk).status_code == 403


def test_curator_order_names_the_chosen_staff_member(client, school, curator):
    chosen = PersonFactory(organisation=school, position="Заместитель директора по УВР")
    PersonFactory(organisation=school, kind="student", grade=7, class_letter="А")
    client.force_login(curator)
    url = reverse("order_create", args=[school.pk]) + "?kind=curator"

    form = client.get(url).context["form"]
    assert all(p.kind != "student" for p in form.fields["person"].queryset)
    response = client.post(url, {"person": chosen.pk})

    order = Order.objects.get()
    assert response.url == reverse("order_detail", args=[order.pk])
    assert order.kind == Order.Kind.CURATOR
    assert list(order.people.all()) == [chosen]
    assert order.created_by == curator


def test_curator_order_offers_the_schools_curator_first(client, school, curator, curator_person):
    form = _page(client, curator, "order_create", school.pk, kind="curator").context["form"]

    assert form["person"].value() == curator_person.pk


def test_curator_order_needs_a_person(client, school, curator):
    client.force_login(curator)

    response = client.post(reverse("order_create", args=[school.pk]) + "?kind=curator", {})

    assert "Выберите куратора." in response.content.decode()
    assert not Order.objects.exists()


def test_reward_order_takes_mentors_of_the_current_bank(client, school, curator):
    year = school.academic_years.get()
    mentors = [MentorEntryFactory(academic_year=year).person for _ in range(3)]
    client.force_login(curator)
    url = reverse("order_create", args=[school.pk]) + "?kind=reward"

    offered = set(client.get(url).context["form"].fields["people"].queryset)
    client.post(url, {"people": [mentors[0].pk, mentors[2].pk]})

    assert offered == set(mentors)
    assert set(Order.objects.get().people.all()) == {mentors[0], mentors[2]}


def test_final_event_order_has_its_kind_date_place_and_responsible(client, school, curator):
    responsible = PersonFactory(
        organisation=school, last_name="Иванова", first_name="Анна", patronymic="Петровна"
    )
    client.force_login(curator)
    url = reverse("order_create", args=[school.pk]) + "?kind=final_event"

    response = client.post(url, {"event": "round_table", "held_on": "2027-05-20"})
    assert "Выберите ответственного." in response.content.decode()
    response = client.post(
        url,
        {
            "event": "round_table",
            "held_on": "2027-05-20",
            "place": "в  актовом зале",
            "responsible": responsible.pk,
            "prepare_by": "2027-05-21",
        },
    )
    assert "Программа готовится до дня мероприятия." in response.content.decode()

    client.post(
        url,
        {
            "event": "round_table",
            "held_on": "2027-05-20",
            "place": "в  актовом зале",
            "responsible": responsible.pk,
            "prepare_by": "2027-05-06",
        },
    )

    order = Order.objects.get()
    assert order.title == "О проведении итогового круглого стола программы наставничества"
    assert order.items.first().text.startswith(
        "Провести 20.05.2027 в актовом зале итоговый круглый стол"
    )
    assert "Ивановой А.П. в срок до 06.05.2027" in order.items.all()[2].text


def test_letter_needs_an_addressee(client, school, curator):
    client.force_login(curator)
    url = reverse("order_create", args=[school.pk]) + "?kind=letter"

    response = client.post(url, {"recipient": "organisation", "addressee": "  "})
    assert "Укажите организацию, которой адресовано письмо." in response.content.decode()

    client.post(url, {"recipient": "organisation", "addressee": "ООО «Партнёр»"})
    letter = Order.objects.get()
    assert letter.is_letter
    assert letter.addressee == "ООО «Партнёр»"
    assert letter.preamble == "Уважаемые коллеги!"


def test_pairs_page_shows_the_pairs_that_go_in_and_the_blockers_first(
    client, school, curator, make_pair
):
    ready = make_pair()
    blocked = make_pair(consents=[Consent.Kind.PROCESSING])
    client.force_login(curator)
    url = reverse("order_create", args=[school.pk]) + "?kind=pairs"

    page = client.get(url).content.decode()

    assert reverse("pair_detail", args=[ready.pk]) in page
    assert "Не войдут в приказ" in page
    assert reverse("pair_detail", args=[blocked.pk]) in page
    mentee = blocked.mentees.get().person
    assert f"{reverse('consent_create', args=[mentee.pk])}?kind=mentoring_duties" in page
    assert page.index("Не войдут в приказ") < page.index("Сформировать проект")

    client.post(url)
    assert list(Order.objects.get().pairs.all()) == [ready]


def test_pairs_page_without_ready_pairs_explains_and_links_to_the_pairs(
    client, school, curator, make_pair
):
    make_pair(consents=[Consent.Kind.PROCESSING])

    page = _page(client, curator, "order_create", school.pk, kind="pairs").content.decode()

    assert "Закреплять пока нечего" in page
    assert "Сформировать проект" not in page
    assert reverse("pair_list", args=[school.pk]) in page


def test_cancelling_starts_from_an_approved_order(client, school, curator, director):
    target = _approved(_free(school, curator), director)
    draft = _free(school, curator)
    client.force_login(curator)
    base = reverse("order_create", args=[school.pk])

    assert client.get(f"{base}?kind=cancel&target={draft.pk}").status_code == 404
    response = client.post(f"{base}?kind=cancel&target={target.pk}")

    cancel = Order.objects.get(kind=Order.Kind.CANCEL)
    assert response.url == reverse("order_detail", args=[cancel.pk])
    assert cancel.cancels == target


# The order page.


def test_order_page_shows_the_document_and_its_actions(client, school, curator):
    order = _free(school, curator, title="О дежурстве", items=["Назначить дежурных"])

    page = _page(client, curator, "order_detail", order.pk).content.decode()

    assert "О дежурстве" in page
    assert "ПРИКАЗЫВАЮ:" in page
    assert "1. Назначить дежурных" in page
    assert "№ ______" in page
    assert reverse("order_edit", args=[order.pk]) in page
    assert reverse("order_submit", args=[order.pk]) in page
    assert reverse("order_approve", args=[order.pk]) not in page


def test_order_page_is_closed_to_a_teacher_and_hidden_from_another_school(
    client, school, curator, teacher, outsider
):
    order = _free(school, curator)

    assert _page(client, teacher, "order_detail", order.pk).status_code == 403
    assert _page(client, outsider, "order_detail", order.pk).status_code == 404


def test_a_teacher_named_in_an_order_reads_it_once_approved(
    client, school, curator, director, teacher
):
    order = order_draft(
        organisation=school, kind=Order.Kind.CURATOR, actor=curator, people=[teacher.person]
    )

    assert _page(client, teacher, "order_detail", order.pk).status_code == 403
    _approved(order, director)
    response = _page(client, teacher, "order_detail", order.pk)

    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("order_create", args=[school.pk]) not in page
    assert reverse("order_list", args=[school.pk]) not in page


def test_approved_order_shows_its_number_and_the_way_to_change_it(
    client, school, curator, director
):
    order = _approved(_free(school, curator), director)

    page = _page(client, curator, "order_detail", order.pk).content.decode()

    assert f"№ {order.registration_number}" in page
    assert order.signed_on.strftime("%d.%m.%Y") in page
    assert f"?kind=amend&amp;target={order.pk}" in page
    assert f"?kind=cancel&amp;target={order.pk}" in page
    assert reverse("order_edit", args=[order.pk]) not in page


def test_cancelled_order_says_which_order_cancelled_it(client, school, curator, director):
    target = _approved(_free(school, curator), director)
    cancel = _approved(
        order_draft(organisation=school, kind=Order.Kind.CANCEL, actor=curator, target=target),
        director,
    )

    target_page = _page(client, curator, "order_detail", target.pk).content.decode()
    cancel_page = _page(client, curator, "order_detail", cancel.pk).content.decode()

    assert f"Отменён приказом № {cancel.registration_number}" in target_page
    assert reverse("order_detail", args=[cancel.pk]) in target_page
    assert reverse("order_detail", args=[target.pk]) in cancel_page
    assert "Подготовить отмену" not in target_page


def test_pairs_appendix_and_familiarisation_list_are_shown(
    client, school, curator, curator_person, make_pair
):
    pair = make_pair()
    order = order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)

    page = _page(client, curator, "order_detail", order.pk).content.decode()

    assert "Наставнические пары и группы" in page
    assert pair.mentor.person.full_name in page
    assert "Лист ознакомления" in page
    assert curator_person.full_name in page


# The way to approval.


def test_curator_submits_and_director_approves(client, school, curator, director):
    order = _free(school, curator)
    client.force_login(curator)

    client.post(reverse("order_submit", args=[order.pk]))
    order.refresh_from_db()
    assert order.status == Order.Status.SUBMITTED
    assert client.post(reverse("order_approve", args=[order.pk])).status_code == 403

    client.force_login(director)
    page = client.get(reverse("order_detail", args=[order.pk])).content.decode()
    assert 'id="approve-modal"' in page
    assert "номер" in page
    response = client.post(reverse("order_approve", args=[order.pk]), follow=True)

    order.refresh_from_db()
    assert order.status == Order.Status.APPROVED
    assert order.approved_by == director
    assert f"№ {order.registration_number}" in response.content.decode()


def test_status_changes_are_refused_on_get(client, school, curator, director):
    order = _free(school, curator)
    client.force_login(director)

    for name in ("order_submit", "order_approve", "order_pdf_request"):
        assert client.get(reverse(name, args=[order.pk])).status_code == 405


def test_a_blocked_pairs_order_names_who_blocks_it(client, school, curator, make_pair):
    pair = make_pair()
    order = order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)
    mentee = pair.mentees.get().person
    Consent.objects.filter(person=mentee, kind=Consent.Kind.MENTORING_DUTIES).delete()
    client.force_login(curator)

    page = client.get(reverse("order_detail", args=[order.pk])).content.decode()
    assert "Директор не сможет утвердить приказ" in page
    assert f"{reverse('consent_create', args=[mentee.pk])}?kind=mentoring_duties" in page

    response = client.post(reverse("order_submit", args=[order.pk]), follow=True)
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT
    assert mentee.full_name in response.content.decode()


def test_director_returns_with_a_required_comment_shown_on_the_page(
    client, school, curator, director
):
    order = _free(school, curator)
    order_submit(order=order)
    client.force_login(director)
    url = reverse("order_return", args=[order.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, {"comment": "  "})
    assert "Напишите, что исправить." in response.content.decode()
    client.post(url, {"comment": "Уточните срок дежурства."})

    order.refresh_from_db()
    assert order.status == Order.Status.RETURNED
    client.force_login(curator)
    page = client.get(reverse("order_detail", args=[order.pk])).content.decode()
    assert "Уточните срок дежурства." in page
    assert reverse("order_edit", args=[order.pk]) in page


def test_curator_cannot_return(client, school, curator):
    order = _free(school, curator)
    order_submit(order=order)
    client.force_login(curator)

    assert client.get(reverse("order_return", args=[order.pk])).status_code == 403


def test_a_draft_is_deleted_after_confirmation(client, school, curator):
    order = _free(school, curator)
    client.force_login(curator)
    url = reverse("order_delete", args=[order.pk])

    assert "Удалить проект приказа?" in client.get(url).content.decode()
    response = client.post(url)

    assert response.url == reverse("order_list", args=[school.pk])
    assert not Order.objects.exists()


def test_an_approved_order_is_not_deleted(client, school, curator, director):
    order = _approved(_free(school, curator), director)
    client.force_login(director)

    client.post(reverse("order_delete", args=[order.pk]))

    assert Order.objects.filter(pk=order.pk).exists()


# Editing.


def _edit_data(form_rows, **fields) -> dict:
    data = {
        "items-TOTAL_FORMS": str(len(form_rows)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for n, (text, position, delete) in enumerate(form_rows):
        data[f"items-{n}-text"] = text
        data[f"items-{n}-ORDER"] = str(position)
        if delete:
            data[f"items-{n}-DELETE"] = "on"
    return data


def test_edit_reorders_removes_and_adds_items(client, school, curator):
    order = _free(school, curator, items=["Первый", "Второй", "Третий"])
    client.force_login(curator)
    url = reverse("order_edit", args=[order.pk])

    formset = client.get(url).context["formset"]
    assert [f.initial["text"] for f in formset] == ["Первый", "Второй", "Третий"]
    response = client.post(
        url,
        _edit_data(
            [("Первый", 2, False), ("Второй", 3, True), ("Третий", 1, False), ("Новый", 4, False)],
            title="О дежурстве по школе",
            preamble="В целях порядка,",
        ),
    )

    assert response.url == reverse("order_detail", args=[order.pk])
    order.refresh_from_db()
    assert order.title == "О дежурстве по школе"
    assert [i.text for i in order.items.all()] == ["Третий", "Первый", "Новый"]


def test_edit_explains_what_is_missing_in_russian(client, school, curator):
    order = _free(school, curator)
    client.force_login(curator)
    url = reverse("order_edit", args=[order.pk])

    page = client.post(url, _edit_data([("", 1, False)], title="О дежурстве")).content.decode()
    assert "В приказе должен быть хотя бы один пункт." in page
    page = client.post(url, _edit_data([("Пункт", 1, False)], title="")).content.decode()
    assert "Укажите заголовок." in page


def test_edit_changes_text_appendices_and_shows_tables_read_only(
    client, school, curator, make_pair
):
    system = order_draft(organisation=school, kind=Order.Kind.SYSTEM, actor=curator)
    appendix = system.appendices.get()
    client.force_login(curator)
    url = reverse("order_edit", args=[system.pk])

    data = _edit_data(
        [(i.text, i.position, False) for i in system.items.all()],
        title=system.title,
        preamble=system.preamble,
        **{f"appendix_{appendix.pk}": "1. Общие положения"},
    )
    client.post(url, data)
    appendix.refresh_from_db()
    assert appendix.text == "1. Общие положения"

    make_pair()
    pairs = order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)
    page = client.get(reverse("order_edit", args=[pairs.pk])).content.decode()
    assert "здесь не меняется" in page
    assert pairs.appendices.get().kind == OrderAppendix.Kind.PAIRS


def test_a_submitted_order_is_not_edited(client, school, curator):
    order = _free(school, curator)
    order_submit(order=order)
    client.force_login(curator)

    response = client.get(reverse("order_edit", args=[order.pk]))

    assert response.url == reverse("order_detail", args=[order.pk])


def test_letter_edit_asks_for_the_addressee(client, school, curator):
    letter = order_draft(
        organisation=school, kind=Order.Kind.LETTER, actor=curator, addressee="ООО «Партнёр»"
    )
    client.force_login(curator)
    url = reverse("order_edit", args=[letter.pk])

    data = _edit_data([("Спасибо", 1, False)], title=letter.title, addressee="Ивановой М. П.")
    client.post(url, data)

    letter.refresh_from_db()
    assert letter.addressee == "Ивановой М. П."


# The PDF.


def test_pdf_request_queues_the_file_and_the_block_polls(client, school, curator):
    order = _free(school, curator)
    client.force_login(curator)

    response = client.post(reverse("order_pdf_request", args=[order.pk]), HTTP_HX_REQUEST="true")

    order.refresh_from_db()
    assert order.pdf_status == Order.PdfStatus.QUEUED
    html = response.content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert reverse("order_pdf_status", args=[order.pk]) in html
    assert "<html" not in html


def test_pdf_status_partial_stops_polling_once_done(client, school, curator):
    order = _free(school, curator)
    Order.objects.filter(pk=order.pk).update(
        pdf_status=Order.PdfStatus.FAILED, pdf_error="Не удалось сформировать PDF: шрифт"
    )
    client.force_login(curator)

    response = client.get(reverse("order_pdf_status", args=[order.pk]), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert "hx-trigger" not in html
    assert "Не удалось сформировать PDF: шрифт" in html
    assert "Повторить" in html


def test_pdf_is_downloaded_only_when_current(client, school, curator, director):
    order = _approved(_free(school, curator), director)
    client.force_login(curator)
    url = reverse("order_pdf", args=[order.pk])
    assert client.get(url).status_code == 404

    order.pdf.save("order.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    Order.objects.filter(pk=order.pk).update(
        pdf=order.pdf.name, pdf_status=Order.PdfStatus.READY, pdf_version=order.version
    )
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="prikaz-{order.registration_number}.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
    page = client.get(reverse("order_detail", args=[order.pk])).content.decode()
    assert "Скачать PDF" in page


def test_pdf_file_name_comes_from_the_number():
    order = Order(pk=7, registration_number="01-05/12")
    assert pdf_filename(order) == "prikaz-01-05-12.pdf"
    assert pdf_filename(Order(pk=7)) == "prikaz-proekt-7.pdf"
    assert pdf_filename(Order(pk=7, series=Order.Series.LETTER, registration_number="П-3")) == (
        "pismo-3.pdf"
    )


# Document settings.


def test_document_settings_are_saved_and_validated(client, school, curator):
    client.force_login(curator)
    url = reverse("document_settings", args=[school.pk])
    page = client.get(url).content.decode()
    assert 'value="20"' in page

    data = {
        "order_prefix": "01-05/",
        "letter_prefix": "П-",
        "place": "г. Березники",
        "margin_left_mm": 30,
        "margin_right_mm": 10,
        "margin_top_mm": 20,
        "margin_bottom_mm": 20,
        "font_size_pt": 14,
        "order_word": "spaced",
        "audience": "students",
    }
    response = client.post(url, {**data, "margin_left_mm": 5})
    assert response.status_code == 200
    assert not DocumentSettings.objects.filter(order_prefix="01-05/").exists()

    response = client.post(url, data)
    assert response.url == reverse("order_list", args=[school.pk])
    saved = DocumentSettings.objects.get(organisation=school)
    assert (saved.order_prefix, saved.margin_left_mm, saved.order_word) == ("01-05/", 30, "spaced")
    assert saved.audience == "students"


def test_document_settings_are_closed_to_a_teacher(client, school, teacher):
    assert _page(client, teacher, "document_settings", school.pk).status_code == 403


def test_approving_a_pairs_order_through_the_page_activates_the_pairs(
    client, school, curator, director, make_pair
):
    pair = make_pair()
    order = order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)
    order_submit(order=order)
    client.force_login(director)

    client.post(reverse("order_approve", args=[order.pk]))

    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.ACTIVE


def _in_progress_since(order: Order, minutes: float, status=Order.PdfStatus.QUEUED) -> None:
    Order.objects.filter(pk=order.pk).update(
        pdf_status=status, updated_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_a_pdf_block_states_how_long_a_render_usually_takes(client, school, curator):
    order = _free(school, curator)
    _in_progress_since(order, 0)
    deadline = timezone.localtime(Order.objects.get(pk=order.pk).updated_at + PDF_DEADLINE)

    block = _page(client, curator, "order_pdf_status", order.pk).content.decode()

    assert "Файл формируется, обычно это несколько секунд." in block
    assert (
        f"Если к {deadline:%H:%M} файл не будет готов, здесь появится кнопка «Повторить»." in block
    )
    assert 'hx-trigger="every 2s"' in block


def test_a_pdf_block_says_when_a_render_takes_longer_than_usual(client, school, curator):
    order = _free(school, curator)
    _in_progress_since(order, 4, Order.PdfStatus.RENDERING)

    block = _page(client, curator, "order_pdf_status", order.pk)

    assert "Файл формируется дольше обычного." in block.content.decode()
    assert block.context["pdf_state"] == Order.PdfStatus.RENDERING
    order.refresh_from_db()
    assert order.pdf_status == Order.PdfStatus.RENDERING


@pytest.mark.parametrize("status", [Order.PdfStatus.QUEUED, Order.PdfStatus.RENDERING])
def test_a_pdf_past_the_deadline_is_failed_and_offered_again(client, school, curator, status):
    order = _free(school, curator)
    _in_progress_since(order, 6, status)

    block = _page(client, curator, "order_pdf_status", order.pk)

    html = block.content.decode()
    assert block.context["pdf_state"] == Order.PdfStatus.FAILED
    assert "Формирование не завершилось за 5 минут." in html
    assert "Повторить" in html
    assert "hx-trigger" not in html
    order.refresh_from_db()
    assert order.pdf_status == Order.PdfStatus.FAILED
    assert order.pdf_error == "Формирование не завершилось за 5 минут."

    client.post(reverse("order_pdf_request", args=[order.pk]))

    order.refresh_from_db()
    assert order.pdf_status == Order.PdfStatus.QUEUED and order.pdf_error == ""
    assert not order.pdf_is_overdue


def test_a_pdf_past_the_deadline_is_queued_again_in_one_click(client, school, curator):
    order = _free(school, curator)
    _in_progress_since(order, 6)
    client.force_login(curator)

    block = client.post(reverse("order_pdf_request", args=[order.pk]), HTTP_HX_REQUEST="true")

    assert block.context["pdf_state"] == Order.PdfStatus.QUEUED
    assert 'hx-trigger="every 2s"' in block.content.decode()


def test_a_pdf_in_progress_is_not_queued_twice(client, school, curator):
    order = _free(school, curator)
    _in_progress_since(order, 1, Order.PdfStatus.RENDERING)
    client.force_login(curator)

    client.post(reverse("order_pdf_request", args=[order.pk]))

    order.refresh_from_db()
    assert order.pdf_status == Order.PdfStatus.RENDERING


def test_the_order_page_shows_a_lost_render_as_failed_to_a_reader_without_retry(
    client, school, curator, director, teacher
):
    order = _approved(_free(school, curator), director)
    order.people.add(teacher.person)
    _in_progress_since(order, 6)

    page = _page(client, teacher, "order_detail", order.pk).content.decode()

    assert "Формирование не завершилось за 5 минут." in page
    assert "Повторить" not in page


def test_a_missing_pdf_file_is_a_404_not_an_error(client, school, curator, director):
    from reports.models import Order
    from reports.services.orders import order_approve, order_draft, order_submit

    order = order_draft(organisation=school, kind=Order.Kind.SYSTEM, actor=curator)
    order_submit(order=order)
    order_approve(order=order, actor=director)
    order.refresh_from_db()
    order.pdf_status, order.pdf_version = Order.PdfStatus.READY, order.version
    order.pdf.name = "orders/missing.pdf"
    order.save()
    client.force_login(curator)

    assert client.get(reverse("order_pdf", args=[order.pk])).status_code == 404
