import pytest
from django.urls import reverse

from mentoring.models import AcademicYear

pytestmark = pytest.mark.django_db


def test_curator_edits_requisites(client, curator, school):
    client.force_login(curator)
    data = {
        "full_name": "Муниципальное автономное общеобразовательное учреждение «СОШ № 7»",
        "short_name": "МАОУ СОШ № 7",
        "address": "618400, г. Березники, ул. Мира, д. 5",
        "city": "Березники",
        "director_name": "Смирнова Ольга Ивановна",
        "director_position": "Директор",
        "phone": "",
        "email": "",
    }
    response = client.post(reverse("organisation_edit", args=[school.pk]), data)
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.short_name == "МАОУ СОШ № 7"
    assert school.director_name == "Смирнова Ольга Ивановна"


def test_requisites_require_names(client, curator, school):
    client.force_login(curator)
    response = client.post(reverse("organisation_edit", args=[school.pk]), {"full_name": ""})
    assert response.status_code == 200
    assert "Обязательное поле." in response.content.decode()


def test_adding_a_year_and_making_it_current_keeps_one_current(client, curator, school):
    client.force_login(curator)
    client.post(reverse("academic_year_create", args=[school.pk]), {"start_year": 2027})
    new = AcademicYear.objects.get(organisation=school, start_date__year=2027)
    assert (new.start_date.isoformat(), new.end_date.isoformat()) == ("2027-09-01", "2028-08-31")
    assert not new.is_current

    client.post(reverse("academic_year_make_current", args=[new.pk]))
    assert list(school.academic_years.filter(is_current=True)) == [new]


def test_duplicate_year_is_refused_with_a_message(client, curator, school):
    client.force_login(curator)
    response = client.post(
        reverse("academic_year_create", args=[school.pk]), {"start_year": 2026}, follow=True
    )
    assert "Учебный год 2026/2027 уже есть." in response.content.decode()
    assert school.academic_years.count() == 1


def test_first_year_becomes_current(client, curator, other_school, outsider):
    client.force_login(outsider)
    client.post(reverse("academic_year_create", args=[other_school.pk]), {"start_year": 2026})
    assert other_school.academic_years.get().is_current


def test_teacher_sees_requisites_without_edit_controls(client, teacher, school):
    client.force_login(teacher)
    content = client.get(reverse("organisation_detail", args=[school.pk])).content.decode()
    assert school.full_name in content
    assert reverse("organisation_edit", args=[school.pk]) not in content
