"""Orders on a school's dashboard and menu, and «Мои приказы» of the people an order names."""

import pytest
from django.urls import reverse

from reports.models import Order
from reports.services.orders import (
    order_approve,
    order_draft,
    order_return,
    order_submit,
    order_update,
)

pytestmark = pytest.mark.django_db


def _order(school, curator, title="О дежурстве") -> Order:
    order = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    return order_update(order=order, title=title, preamble="", items=["Назначить"])


def _panel(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    panels = [panel for template, panel in response.context["panels"]]
    return response, panels


def test_director_sees_the_orders_awaiting_approval(client, school, curator, director):
    order = order_submit(order=_order(school, curator))

    response, [panel] = _panel(client, director)

    assert panel["awaiting"] == [order]
    assert "Ждёт вашего утверждения 1 приказ" in response.content.decode()


def test_curator_sees_what_the_director_returned_and_approved(client, school, curator, director):
    returned = order_submit(order=_order(school, curator, "О дежурстве"))
    order_return(order=returned, comment="Уточните срок.", actor=director)
    approved = order_submit(order=_order(school, curator, "О субботнике"))
    order_approve(order=approved, actor=director)

    response, [panel] = _panel(client, curator)

    assert panel["returned"] == [returned]
    assert panel["recent"] == [approved]
    page = response.content.decode()
    assert "Уточните срок." in page
    assert f"№ {approved.registration_number}" in page


def test_teacher_has_no_orders_panel_nor_menu(client, school, teacher):
    client.force_login(teacher)
    response = client.get(reverse("home"))

    assert response.context["panels"] == []
    titles = [link["title"] for link in response.context["nav"]["links"]]
    assert "Приказы" not in titles


def test_curator_menu_has_the_orders_and_the_monitoring(client, school, curator):
    client.force_login(curator)
    links = client.get(reverse("home")).context["nav"]["links"]

    [documents] = [link for link in links if link["title"] == "Документы"]
    assert [child["name"] for child in documents["children"]] == [
        "order_list",
        "order_create",
        "monitoring",
        "monitoring_report_list",
        "statistics",
        "monitoring_targets",
        "contingent_list",
        "practice_list",
        "public_page_settings",
    ]


def test_teacher_menu_has_the_collection_only(client, school, teacher):
    client.force_login(teacher)
    links = client.get(reverse("home")).context["nav"]["links"]

    [documents] = [link for link in links if link["title"] == "Документы"]
    assert [child["name"] for child in documents["children"]] == ["practice_list"]


def test_my_orders_lists_only_approved_orders_that_name_me(
    client, school, curator, director, teacher
):
    me = teacher.person
    named = _order(school, curator, "О поощрении")
    named.people.add(me)
    order_approve(order=order_submit(order=named), actor=director)
    draft = _order(school, curator, "О проекте")
    draft.people.add(me)
    order_approve(order=order_submit(order=_order(school, curator, "Не про меня")), actor=director)
    client.force_login(teacher)

    response = client.get(reverse("my_orders"))

    assert list(response.context["orders"]) == [named]
    assert "О поощрении" in response.content.decode()
