"""The municipal coordinator supervises the schools' orders: the approved ones and their PDFs,
never a draft or a project on its way to the director, nothing of another municipality."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from mentoring.models import Role
from reports.models import Order
from reports.services.orders import order_approve, order_draft, order_submit, order_update
from tests.mentoring.factories import MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_rendering(monkeypatch):
    monkeypatch.setattr("reports.tasks.render_order_pdf.delay", lambda *args: None)


def _free(school, curator, title: str) -> Order:
    order = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    return order_update(order=order, title=title, preamble="", items=["Назначить дежурных"])


def _approved(school, curator, director, title="О дежурстве") -> Order:
    order = order_submit(order=_free(school, curator, title))
    order = order_approve(order=order, actor=director)
    order.pdf.save("order.pdf", ContentFile(b"%PDF-1.7"), save=False)
    Order.objects.filter(pk=order.pk).update(
        pdf=order.pdf.name, pdf_status=Order.PdfStatus.READY, pdf_version=order.version
    )
    return order


@pytest.fixture
def far_coordinator(db):
    user = UserFactory()
    MembershipFactory(user=user, organisation=MunicipalityFactory(), role=Role.COORDINATOR)
    return user


def test_coordinator_reads_an_approved_order_and_its_pdf(
    client, school, curator, director, coordinator
):
    order = _approved(school, curator, director)
    client.force_login(coordinator)

    page = client.get(reverse("order_detail", args=[order.pk]))
    pdf = client.get(reverse("order_pdf", args=[order.pk]))

    assert page.status_code == 200
    content = page.content.decode()
    assert "О дежурстве" in content
    assert reverse("order_list", args=[school.pk]) in content
    for name in ("order_edit", "order_delete", "order_return"):
        assert reverse(name, args=[order.pk]) not in content
    assert "Подготовить изменения" not in content
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_coordinator_does_not_read_a_draft_or_a_submitted_project(
    client, school, curator, coordinator
):
    draft = _free(school, curator, "О черновике")
    submitted = order_submit(order=_free(school, curator, "О проекте"))
    client.force_login(coordinator)

    for order in (draft, submitted):
        assert client.get(reverse("order_detail", args=[order.pk])).status_code == 403
        assert client.get(reverse("order_pdf", args=[order.pk])).status_code == 403
        assert client.get(reverse("order_edit", args=[order.pk])).status_code == 403


def test_coordinators_register_lists_only_approved_orders_without_drafting(
    client, school, curator, director, coordinator
):
    approved = _approved(school, curator, director, title="Об утверждённом")
    _free(school, curator, "О черновике")
    order_submit(order=_free(school, curator, "О проекте"))
    client.force_login(coordinator)

    response = client.get(reverse("order_list", args=[school.pk]), {"status": "draft"})

    assert response.status_code == 200
    assert [o.pk for o in response.context["orders"]] == [approved.pk]
    content = response.content.decode()
    assert "О черновике" not in content and "О проекте" not in content
    assert reverse("order_create", args=[school.pk]) not in content
    assert reverse("order_export", args=[school.pk]) not in content
    assert reverse("document_settings", args=[school.pk]) not in content
    assert 'name="status"' not in content


def test_the_register_of_a_school_without_approved_orders_says_so(
    client, school, curator, coordinator
):
    _free(school, curator, "О черновике")
    client.force_login(coordinator)

    content = client.get(reverse("order_list", args=[school.pk])).content.decode()

    assert "Утверждённых приказов пока нет" in content
    assert "О черновике" not in content


def test_managers_still_see_every_status(client, school, curator, director):
    _approved(school, curator, director)
    _free(school, curator, "О черновике")
    client.force_login(curator)

    response = client.get(reverse("order_list", args=[school.pk]))

    assert {o.status for o in response.context["orders"]} == {"approved", "draft"}
    assert reverse("order_export", args=[school.pk]) in response.content.decode()


def test_coordinator_of_another_municipality_finds_nothing(
    client, school, curator, director, far_coordinator
):
    order = _approved(school, curator, director)
    client.force_login(far_coordinator)

    assert client.get(reverse("order_list", args=[school.pk])).status_code == 404
    assert client.get(reverse("order_detail", args=[order.pk])).status_code == 404
    assert client.get(reverse("order_pdf", args=[order.pk])).status_code == 404


def test_municipal_dashboard_links_each_schools_roadmap_and_approved_orders(
    client, coordinator, school, other_school
):
    client.force_login(coordinator)

    content = client.get(reverse("home")).content.decode()

    for organisation in (school, other_school):
        assert reverse("roadmap_detail", args=[organisation.pk]) in content
        assert reverse("order_list", args=[organisation.pk]) in content
    assert "Утверждённые приказы" in content


def test_coordinator_at_a_school_has_its_roadmap_and_orders_in_the_menu_not_own_mentoring(
    client, school, coordinator
):
    client.force_login(coordinator)

    links = client.get(reverse("roadmap_detail", args=[school.pk])).context["nav"]["links"]

    names = {link.get("name") for link in links} | {
        child["name"] for link in links for child in link.get("children", [])
    }
    assert {"roadmap_detail", "roadmap_timeline", "order_list"} <= names
    assert "my_mentoring" not in names
    assert "order_create" not in names
