"""The acts an order rests on: federal ones for everyone, the municipality's regional and
municipal acts, a school's own list, and the audience that picks among them."""

import pytest
from django.urls import reverse

from reports.models import Audience, DocumentSettings, LegalAct, Order
from reports.selectors.legal_acts import act_texts
from reports.services.legal_acts import legal_acts_replace
from reports.services.orders import order_draft

pytestmark = pytest.mark.django_db

MUNICIPAL = "приказом Управления образования от 09.11.2022 № 04-01-03-1209"


def _formset(*acts: tuple[str, str, str]) -> dict:
    """POST data of the acts page: (text, audience, order) per row; an empty text drops it."""
    data = {"acts-TOTAL_FORMS": len(acts), "acts-INITIAL_FORMS": 0}
    for n, (text, audience, order) in enumerate(acts):
        data |= {f"acts-{n}-text": text, f"acts-{n}-audience": audience, f"acts-{n}-ORDER": order}
    return data


def test_the_federal_acts_are_there_from_the_migration():
    assert list(LegalAct.objects.filter(organisation=None).values_list("audience", flat=True)) == [
        Audience.BOTH,
        Audience.TEACHERS,
        Audience.STUDENTS,
    ]


def test_a_school_cites_the_federal_acts_then_its_municipalitys(school):
    legal_acts_replace(organisation=school.municipality, acts=[(Audience.TEACHERS, MUNICIPAL)])

    teachers = act_texts(school, Audience.TEACHERS)
    students = act_texts(school, Audience.STUDENTS)

    assert teachers[0].startswith("Федеральным законом от 29.12.2012 № 273-ФЗ")
    assert "№ АЗ-1128/08" in teachers[1]
    assert teachers[2] == MUNICIPAL
    assert len(teachers) == 3
    assert "№ Р-145" in students[1]
    assert len(students) == 2
    assert len(act_texts(school, Audience.BOTH)) == 4


def test_another_municipalitys_acts_are_not_cited(school, other_school):
    from tests.mentoring.factories import MunicipalityFactory

    elsewhere = MunicipalityFactory()
    legal_acts_replace(organisation=elsewhere, acts=[(Audience.BOTH, "приказом другого УО")])

    assert "приказом другого УО" not in act_texts(school, Audience.BOTH)


def test_an_acts_quotes_nest_when_saved(school):
    legal_acts_replace(
        organisation=school,
        acts=[(Audience.BOTH, "приказом «Об утверждении Положения … «Город Березники» края»,")],
    )

    assert act_texts(school, Audience.BOTH) == [
        "приказом «Об утверждении Положения … „Город Березники“ края»"
    ]


def test_the_school_reorders_removes_and_adds_acts_on_its_page(client, school, curator):
    client.force_login(curator)
    url = reverse("legal_acts", args=[school.pk])
    page = client.get(url)
    assert "Пока список не изменён" in page.content.decode()
    assert len(page.context["formset"].initial) == 3

    response = client.post(
        url,
        _formset(
            ("Федеральным законом № 273-ФЗ", "both", "2"),
            ("Уставом школы", "both", "1"),
            ("распоряжением № Р-145", "students", "3"),
        ),
    )

    assert response.url == url
    assert act_texts(school, Audience.STUDENTS) == [
        "Уставом школы",
        "Федеральным законом № 273-ФЗ",
        "распоряжением № Р-145",
    ]
    # The methodological recommendations for teachers were removed from the school's list.
    assert act_texts(school, Audience.TEACHERS) == ["Уставом школы", "Федеральным законом № 273-ФЗ"]
    order = order_draft(
        organisation=school, kind=Order.Kind.SYSTEM, actor=curator, audience=Audience.TEACHERS
    )
    assert order.preamble.startswith(
        "В соответствии с Уставом школы, Федеральным законом № 273-ФЗ, в целях"
    )


def test_an_acts_row_is_deleted_by_its_checkbox(client, school, curator):
    client.force_login(curator)
    data = _formset(("Уставом школы", "both", "1"), ("Лишним актом", "both", "2"))
    data["acts-1-DELETE"] = "on"

    client.post(reverse("legal_acts", args=[school.pk]), data)

    assert act_texts(school, Audience.BOTH) == ["Уставом школы"]


def test_the_coordinator_keeps_the_municipal_acts_for_the_schools(
    client, school, coordinator, municipality
):
    client.force_login(coordinator)
    url = reverse("legal_acts", args=[municipality.pk])

    client.post(url, _formset((MUNICIPAL, "teachers", "1")))

    assert act_texts(school, Audience.TEACHERS)[-1] == MUNICIPAL
    assert MUNICIPAL not in act_texts(school, Audience.STUDENTS)


def test_the_curator_cannot_edit_the_municipal_acts(client, school, curator, municipality):
    client.force_login(curator)

    response = client.post(
        reverse("legal_acts", args=[municipality.pk]), _formset(("актом", "both", "1"))
    )

    assert response.status_code == 404
    assert not LegalAct.objects.filter(organisation=municipality).exists()


def test_the_chosen_audience_picks_the_basis_of_a_new_order(client, school, curator):
    client.force_login(curator)

    client.post(
        reverse("order_create", args=[school.pk]) + "?kind=system", {"audience": "students"}
    )

    order = Order.objects.get()
    assert order.audience == Audience.STUDENTS
    assert "№ Р-145" in order.preamble
    assert "АЗ-1128/08" not in order.preamble


def test_the_schools_default_audience_is_offered_and_used(client, school, curator):
    DocumentSettings.objects.create(organisation=school, audience=Audience.TEACHERS)
    client.force_login(curator)
    url = reverse("order_create", args=[school.pk]) + "?kind=roadmap"

    assert client.get(url).context["form"]["audience"].value() == Audience.TEACHERS
    client.post(url, {})

    order = Order.objects.get()
    assert order.audience == Audience.TEACHERS
    assert "АЗ-1128/08" in order.preamble
    assert "Р-145" not in order.preamble


def test_a_pairs_order_of_pupils_cites_r145(school, curator, make_pair):
    pair = make_pair()
    for entry in pair.mentees.all():
        entry.person.kind, entry.person.grade, entry.person.class_letter = "student", 8, "Б"
        entry.person.save(update_fields=["kind", "grade", "class_letter"])

    order = order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)

    assert order.audience == Audience.STUDENTS
    assert "№ Р-145" in order.preamble
    assert "АЗ-1128/08" not in order.preamble
