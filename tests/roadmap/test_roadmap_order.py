"""The order that approves the roadmap: its appendix is the roadmap's table, its approval locks
the roadmap, and cancelling it unlocks the roadmap."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from reports.models import Order, OrderAppendix
from reports.services.orders import order_approve, order_draft, order_submit
from reports.services.rendering import order_pdf_bytes, order_pdf_context
from roadmap.models import Roadmap
from roadmap.selectors.approval import appendix_is_current
from roadmap.services.roadmap import activity_add, roadmap_create_empty, stage_add
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_rendering(monkeypatch):
    """The PDF is made by a task; approving only queues it."""
    monkeypatch.setattr("reports.tasks.render_order_pdf.delay", lambda *args: None)


@pytest.fixture
def roadmap(school, curator) -> Roadmap:
    year = school.academic_years.get(is_current=True)
    roadmap = roadmap_create_empty(organisation=school, academic_year=year, actor=curator)
    first = stage_add(roadmap=roadmap, title="Подготовка условий")
    second = stage_add(roadmap=roadmap, title="Формирование банка наставников")
    activity_add(
        stage=first,
        title="Приказ о внедрении",
        content="Проект приказа",
        deadline_text="сентябрь 2026",
        responsible_text="директор",
        result="Приказ",
    )
    activity_add(
        stage=second,
        title="Анкетирование",
        deadline_text="октябрь 2026",
        people=[
            PersonFactory(organisation=school, last_name="Орлова", first_name="Вера", patronymic="")
        ],
    )
    return roadmap


def _draft(school, curator) -> Order:
    return order_draft(organisation=school, kind=Order.Kind.ROADMAP, actor=curator)


def _approve(order: Order, director) -> Order:
    order_submit(order=order)
    return order_approve(order=order, actor=director)


def _cancel(target: Order, curator, director) -> Order:
    cancel = order_draft(
        organisation=target.organisation, kind=Order.Kind.CANCEL, actor=curator, target=target
    )
    return _approve(cancel, director)


def test_draft_has_the_roadmap_as_a_table_appendix(school, curator, roadmap):
    order = _draft(school, curator)

    [appendix] = order.appendices.all()
    assert appendix.kind == OrderAppendix.Kind.ROADMAP
    assert appendix.title == roadmap.title
    assert appendix.rows == [
        {
            "stage": "1. Подготовка условий",
            "number": "1.1",
            "title": "Приказ о внедрении",
            "content": "Проект приказа",
            "deadline": "сентябрь 2026",
            "responsible": "директор",
            "result": "Приказ",
        },
        {
            "stage": "2. Формирование банка наставников",
            "number": "2.1",
            "title": "Анкетирование",
            "content": "",
            "deadline": "октябрь 2026",
            "responsible": "Орлова В.",
            "result": "",
        },
    ]


def test_without_a_roadmap_the_appendix_is_a_text_to_write(school, curator):
    order = _draft(school, curator)

    [appendix] = order.appendices.all()
    assert appendix.kind == OrderAppendix.Kind.TEXT


def test_approval_locks_the_roadmap_and_its_page_links_the_order(
    client, school, curator, director, roadmap
):
    order = _approve(_draft(school, curator), director)

    roadmap.refresh_from_db()
    assert roadmap.is_locked
    assert roadmap.locked_by_text == f"от {order.signed_on:%d.%m.%Y} № {order.registration_number}"
    client.force_login(curator)
    page = client.get(reverse("roadmap_detail", args=[school.pk])).content.decode()
    assert "Утверждена приказом" in page
    assert reverse("order_detail", args=[order.pk]) in page


def test_a_draft_or_submitted_order_does_not_lock(school, curator, roadmap):
    order = _draft(school, curator)
    order_submit(order=order)

    roadmap.refresh_from_db()
    assert not roadmap.is_locked


def test_cancelling_the_order_unlocks_the_roadmap(school, curator, director, roadmap):
    order = _approve(_draft(school, curator), director)

    _cancel(order, curator, director)

    roadmap.refresh_from_db()
    assert not roadmap.is_locked and roadmap.locked_by_text == ""


def test_cancelling_an_earlier_order_keeps_the_lock_of_a_later_one(
    school, curator, director, roadmap
):
    first = _approve(_draft(school, curator), director)
    second = _approve(_draft(school, curator), director)

    _cancel(first, curator, director)

    roadmap.refresh_from_db()
    assert roadmap.is_locked
    assert roadmap.locked_by_text.endswith(f"№ {second.registration_number}")


def test_appendix_is_kept_as_drafted(school, curator, roadmap):
    order = _draft(school, curator)
    activity_add(
        stage=roadmap.stages.get(number=1), title="Добавлено после", deadline_text="май 2027"
    )

    assert len(order.appendices.get().rows) == 2


def test_order_page_and_print_show_the_table(client, school, curator, director, roadmap):
    order = _approve(_draft(school, curator), director)

    client.force_login(curator)
    page = client.get(reverse("order_detail", args=[order.pk])).content.decode()
    printed = render_to_string("pdf/order.html", order_pdf_context(order))

    for text in (page, printed):
        assert "1. Подготовка условий" in text
        assert "Приказ о внедрении" in text and "сентябрь 2026" in text and "Орлова В." in text
        assert text.index("1. Подготовка условий") < text.index("2. Формирование банка")


def test_order_pdf_renders_with_the_roadmap(school, curator, director, roadmap):
    order = _approve(_draft(school, curator), director)

    assert order_pdf_bytes(order).startswith(b"%PDF")


def test_appendix_is_current_until_the_roadmap_changes(school, curator, roadmap):
    rows = _draft(school, curator).appendices.get().rows
    assert appendix_is_current(roadmap, rows)

    activity_add(stage=roadmap.stages.get(number=1), title="Добавлено", deadline_text="май 2027")

    assert not appendix_is_current(roadmap, rows)


def test_a_roadmap_changed_after_the_draft_stops_the_approval(school, curator, director, roadmap):
    from django.core.exceptions import ValidationError

    order = order_submit(order=_draft(school, curator))
    activity_add(stage=roadmap.stages.first(), title="Новое мероприятие")

    with pytest.raises(ValidationError, match="дорожная карта изменилась"):
        order_approve(order=order, actor=director)
    roadmap.refresh_from_db()
    assert not roadmap.is_locked
