"""Best practices' pages per role: who reads which cases and names, what managers do."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring.models import Consent, MentoringPair
from reports.models import PracticeCase, PracticeMaterial
from reports.services import practices as services
from tests.mentoring.bank_factories import ConsentFactory

pytestmark = pytest.mark.django_db
COMPLETED = MentoringPair.Status.COMPLETED


@pytest.fixture
def make_case(make_pair, curator):
    def make(*, title="Наставник молодого педагога", publish=True, mentees=1, pair=None):
        pair = pair or make_pair(status=COMPLETED, mentees=mentees)
        case = services.case_create_from_pair(pair=pair, user=curator)
        services.case_update(case=case, title=title, description="Как работала пара")
        return services.case_publish(case=case) if publish else case

    return make


def _text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_staff_read_published_cases_managers_drafts_too(
    client, school, make_case, curator, teacher
):
    make_case(title="Опубликованная практика")
    make_case(title="Черновик практики", publish=False)
    url = reverse("practice_list", args=[school.pk])
    client.force_login(teacher)
    page = _text(client, url)
    assert "Опубликованная практика" in page and "Черновик практики" not in page
    assert "Описать практику" not in page
    client.force_login(curator)
    page = _text(client, url)
    assert "Опубликованная практика" in page and "Черновик практики" in page


def test_list_searches_and_pins_its_queries(
    client, school, make_case, curator, django_assert_num_queries
):
    make_case(title="Погружение в профессию")
    make_case(title="Олимпиадная подготовка")
    client.force_login(curator)
    url = reverse("practice_list", args=[school.pk])
    page = _text(client, url + "?q=олимпиадная")
    assert "Олимпиадная подготовка" in page and "Погружение в профессию" not in page
    client.get(url)  # roles and session cached like on any later page
    with django_assert_num_queries(6) as one:
        client.get(url)
    make_case(title="Третья практика")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_empty_collection_says_where_to_start(client, school, curator, teacher):
    client.force_login(curator)
    page = _text(client, reverse("practice_list", args=[school.pk]))
    assert "В копилке пока нет практик" in page
    assert "В методическую копилку" in page
    client.force_login(teacher)
    page = _text(client, reverse("practice_list", args=[school.pk]))
    assert "Опубликованных практик пока нет" in page


def test_completed_pair_page_offers_the_collection_to_managers(
    client, make_pair, curator, psychologist
):
    completed, active = make_pair(status=COMPLETED), make_pair(status=MentoringPair.Status.ACTIVE)
    client.force_login(curator)
    link = reverse("practice_create", args=[completed.organisation_id]) + f"?pair={completed.pk}"
    assert link in _text(client, reverse("pair_detail", args=[completed.pk]))
    assert "В методическую копилку" not in _text(client, reverse("pair_detail", args=[active.pk]))
    client.force_login(psychologist)
    assert "В методическую копилку" not in _text(
        client, reverse("pair_detail", args=[completed.pk])
    )


def test_described_pair_page_leads_to_its_case(client, make_case, curator):
    case = make_case()
    client.force_login(curator)
    page = _text(client, reverse("pair_detail", args=[case.pair_id]))
    assert reverse("practice_detail", args=[case.pk]) in page
    assert "В методическую копилку" not in page


def test_create_from_the_pair_opens_the_draft_to_edit(client, school, make_pair, curator):
    pair = make_pair(status=COMPLETED)
    client.force_login(curator)
    page = _text(client, reverse("practice_create", args=[school.pk]) + f"?pair={pair.pk}")
    assert pair.mentor.person.full_name in page
    response = client.post(reverse("practice_create", args=[school.pk]), {"pair": pair.pk})
    case = PracticeCase.objects.get(pair=pair)
    assert response.url == reverse("practice_edit", args=[case.pk])
    page = _text(client, reverse("practice_create", args=[school.pk]))
    assert "уже в копилке" in page
    assert reverse("practice_detail", args=[case.pk]) in page


def test_create_refuses_a_running_pair_with_a_message(client, school, make_pair, curator):
    pair = make_pair(status=MentoringPair.Status.ACTIVE)
    client.force_login(curator)
    response = client.post(
        reverse("practice_create", args=[school.pk]), {"pair": pair.pk}, follow=True
    )
    assert "только завершённая пара" in response.content.decode()
    assert not PracticeCase.objects.exists()


def test_create_refuses_another_schools_pair(client, school, other_school, make_pair, curator):
    pair = make_pair(status=COMPLETED)
    MentoringPair.objects.filter(pk=pair.pk).update(organisation=other_school)
    client.force_login(curator)
    response = client.post(reverse("practice_create", args=[school.pk]), {"pair": pair.pk})
    assert response.status_code == 404
    assert not PracticeCase.objects.exists()


def test_edit_and_publish_through_the_pages(client, make_case, curator):
    case = make_case(publish=False)
    client.force_login(curator)
    response = client.post(
        reverse("practice_edit", args=[case.pk]),
        {
            "title": "Новое название",
            "form_name": "педагог – педагог",
            "role_model": "",
            "description": "Описание",
            "results": "Открытый урок",
        },
    )
    assert response.status_code == 302
    client.post(reverse("practice_publish", args=[case.pk]), {"publish": "1"})
    case.refresh_from_db()
    assert (case.title, case.status) == ("Новое название", PracticeCase.Status.PUBLISHED)
    client.post(reverse("practice_publish", args=[case.pk]), {"publish": "0"})
    case.refresh_from_db()
    assert case.status == PracticeCase.Status.DRAFT


def test_edit_refuses_an_empty_description_in_russian(client, make_case, curator):
    case = make_case()
    client.force_login(curator)
    response = client.post(
        reverse("practice_edit", args=[case.pk]), {"title": "Название", "description": ""}
    )
    assert response.status_code == 200
    assert "Обязательное поле" in response.content.decode()


def test_names_to_staff_and_to_the_coordinator_by_consent(client, make_case, teacher, coordinator):
    case = make_case(mentees=2)
    mentor = case.pair.mentor.person
    named, unnamed = [entry.person for entry in case.pair.mentees.all()]
    for person in (mentor, named):
        ConsentFactory(
            person=person,
            kind=Consent.Kind.DISSEMINATION,
            published_categories=[Consent.Category.NAME],
        )
    ConsentFactory(
        person=unnamed,
        kind=Consent.Kind.DISSEMINATION,
        published_categories=[Consent.Category.PHOTO],
    )
    url = reverse("practice_detail", args=[case.pk])
    client.force_login(teacher)
    page = _text(client, url)
    assert all(p.full_name in page for p in (mentor, named, unnamed))
    client.force_login(coordinator)
    page = _text(client, url)
    assert mentor.full_name in page and named.full_name in page
    assert unnamed.full_name not in page
    assert "имя не публикуется" in page
    assert reverse("practice_edit", args=[case.pk]) not in page


def test_material_upload_refuses_another_kind_in_russian(client, make_case, curator):
    case = make_case()
    client.force_login(curator)
    response = client.post(
        reverse("practice_material_add", args=[case.pk]),
        {"title": "Сценарий", "file": SimpleUploadedFile("script.pdf", b"#!/bin/sh\nrm -rf /")},
    )
    assert response.status_code == 200
    assert "другого формата" in response.content.decode()
    assert not PracticeMaterial.objects.exists()


def test_material_is_downloaded_as_an_attachment_of_its_kind(client, make_case, curator, teacher):
    case = make_case()
    client.force_login(curator)
    client.post(
        reverse("practice_material_add", args=[case.pk]),
        {"title": "План", "file": SimpleUploadedFile("plan.PDF", b"%PDF-1.4 plan")},
    )
    material = case.materials.get()
    client.force_login(teacher)
    response = client.get(reverse("practice_material_download", args=[material.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 plan"


def test_a_drafts_material_is_hidden_from_staff(client, make_case, curator, teacher):
    case = make_case(publish=False)
    material = services.material_add(
        case=case, title="План", upload=SimpleUploadedFile("p.pdf", b"%PDF-1.4")
    )
    client.force_login(teacher)
    assert client.get(reverse("practice_material_download", args=[material.pk])).status_code == 404


def test_delete_asks_first_then_deletes(client, school, make_case, curator):
    case = make_case()
    client.force_login(curator)
    assert "Удалить практику?" in _text(client, reverse("practice_delete", args=[case.pk]))
    assert PracticeCase.objects.filter(pk=case.pk).exists()
    response = client.post(reverse("practice_delete", args=[case.pk]))
    assert response.url == reverse("practice_list", args=[school.pk])
    assert not PracticeCase.objects.filter(pk=case.pk).exists()


def test_municipal_collection_lists_every_schools_published_cases(
    client, municipality, other_school, make_case, coordinator, django_assert_num_queries
):
    make_case(title="Практика школы")
    make_case(title="Черновик школы", publish=False)
    client.force_login(coordinator)
    url = reverse("municipal_practices", args=[municipality.pk])
    page = _text(client, url)
    assert "Практика школы" in page and "Черновик школы" not in page
    page = _text(client, url + f"?school={other_school.pk}")
    assert "Практика школы" not in page
    assert "Практика школы" not in _text(client, url + "?q=олимпиада")
    client.get(url)
    with django_assert_num_queries(7) as one:
        client.get(url)
    make_case(title="Ещё одна практика")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_municipal_collection_is_not_a_schools_page(client, school, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("municipal_practices", args=[school.pk])).status_code == 404
