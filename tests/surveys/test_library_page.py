from django.urls import reverse

from surveys.library import ENTRIES
from surveys.models import Questionnaire
from surveys.services.library import library_install


def test_the_library_lists_every_entry_by_purpose(client, curator, school):
    library_install(organisation=school, key="feedback", created_by=None)
    client.force_login(curator)

    response = client.get(reverse("questionnaire_library", args=[school.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('data-testid="library-entry"') == len(ENTRIES)
    for heading in ("Отбор участников", "Формирование пар и групп", "Оценка результатов"):
        assert heading in page
    assert page.count("Уже добавлена") == 1
    assert page.count("Добавить в анкеты школы") == len(ENTRIES) - 1


def test_the_page_reads_in_a_constant_number_of_queries(
    client, curator, school, django_assert_max_num_queries
):
    client.force_login(curator)
    url = reverse("questionnaire_library", args=[school.pk])
    client.get(url)
    for key in list(ENTRIES)[:5]:
        library_install(organisation=school, key=key, created_by=None)
    with django_assert_max_num_queries(12):
        client.get(url)


def test_adding_an_entry_leads_to_the_school_copy(client, curator, school):
    client.force_login(curator)

    response = client.post(reverse("library_install", args=[school.pk, "evaluation"]))

    questionnaire = Questionnaire.objects.get(organisation=school, library_key="evaluation")
    assert response.url == reverse("questionnaire_detail", args=[questionnaire.pk])
    assert questionnaire.created_by == curator
    page = client.get(response.url).content.decode()
    assert "добавлена в анкеты школы" in page
    assert "Наличие комфортного психологического климата в организации" in page


def test_adding_twice_leads_to_the_same_copy(client, director, school):
    client.force_login(director)
    url = reverse("library_install", args=[school.pk, "feedback"])

    first = client.post(url)
    second = client.post(url, follow=True)

    assert second.redirect_chain[-1][0] == first.url
    assert "уже есть в анкетах школы" in second.content.decode()
    assert Questionnaire.objects.filter(organisation=school, library_key="feedback").count() == 1


def test_an_unknown_entry_is_not_found(client, curator, school):
    client.force_login(curator)
    response = client.post(reverse("library_install", args=[school.pk, "horoscope"]))
    assert response.status_code == 404


def test_a_teacher_may_not_add_and_another_school_is_not_found(client, teacher, outsider, school):
    url = reverse("library_install", args=[school.pk, "feedback"])
    client.force_login(teacher)
    assert client.post(url).status_code == 403
    client.force_login(outsider)
    assert client.post(url).status_code == 404
    assert not Questionnaire.objects.exists()


def test_adding_needs_a_post(client, curator, school):
    client.force_login(curator)
    response = client.get(reverse("library_install", args=[school.pk, "feedback"]))
    assert response.status_code == 405
