"""The personalised programme of a pair: prefill from its form's template, editing by the
curator or the pair's mentor, marks of done activities and the printable PDF."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from mentoring.models import MentoringForm, MentoringPair, MentoringType, Programme, Role
from mentoring.services.programmes import TEACHER_PLAN, programme_create_from_template
from tests.mentoring.bank_factories import MenteeEntryFactory, MentorEntryFactory, TagFactory
from tests.mentoring.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

START = date(2026, 10, 1)
END = date(2027, 5, 31)


@pytest.fixture
def pair(school):
    mentor = MentorEntryFactory(person=PersonFactory(organisation=school, position="учитель"))
    mentee = MenteeEntryFactory(person=PersonFactory(organisation=school, last_name="Смирнова"))
    mentee.requests.set(
        [
            TagFactory(organisation=school, name="Дисциплина"),
            TagFactory(organisation=school, name="ИКТ"),
        ]
    )
    pair = MentoringPair.objects.create(
        organisation=school,
        academic_year=school.academic_years.get(),
        mentor=mentor,
        form=MentoringForm.objects.get(name="педагог – педагог", organisation=None),
        mentoring_type=MentoringType.objects.get(code="traditional", organisation=None),
        start_date=START,
        end_date=END,
    )
    pair.mentees.set([mentee])
    return pair


@pytest.fixture
def mentor_user(pair):
    user = UserFactory()
    MembershipFactory(user=user, organisation=pair.organisation, role=Role.TEACHER)
    pair.mentor.person.user = user
    pair.mentor.person.save(update_fields=["user"])
    return user


def _url(pair) -> str:
    return reverse("programme_edit", args=[pair.pk])


def _post_data(programme, rows) -> dict:
    data = {
        "goal": programme.goal,
        "tasks": "Освоить методику",
        "directions": "",
        "expected_results": "",
        "items-TOTAL_FORMS": str(len(rows)),
        "items-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            if value is not None and value is not False:
                data[f"items-{index}-{key}"] = "on" if value is True else value
    return data


def test_template_prefill_spans_the_period_and_adds_one_item_per_request(pair):
    programme = programme_create_from_template(pair=pair)
    items = list(programme.items.all())
    assert len(items) == len(TEACHER_PLAN) + 2
    assert [item.position for item in items] == list(range(1, len(items) + 1))
    assert items[0].planned_on == START
    assert items[-1].planned_on == date(2027, 5, 1)
    assert items[-1].activity.startswith("Итоговая рефлексия")
    assert all(item.month_only for item in items)
    assert [item.planned_on for item in items] == sorted(item.planned_on for item in items)
    activities = [item.activity for item in items]
    assert "Работа над запросом: Дисциплина" in activities
    assert "Работа над запросом: ИКТ" in activities
    assert "педагог – педагог" in programme.goal
    assert programme_create_from_template(pair=pair) == programme


def _create_url(pair) -> str:
    return reverse("programme_create", args=[pair.pk])


def test_opening_the_page_creates_nothing(client, curator, pair):
    client.force_login(curator)
    for url in (_url(pair), _url(pair) + "?edit=1"):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Составить программу по шаблону формы «педагог – педагог»" in page
        assert _create_url(pair) in page
        assert "items-TOTAL_FORMS" not in page
    assert not Programme.objects.exists()


def test_curator_creates_the_programme_from_the_template(client, curator, pair):
    client.force_login(curator)
    assert client.get(_create_url(pair)).status_code == 405
    response = client.post(_create_url(pair))
    assert response.url == _url(pair) + "?edit=1"
    assert Programme.objects.get(pair=pair).items.count() == len(TEACHER_PLAN) + 2
    assert "Выполнено: 0 из 9" in client.get(_url(pair)).content.decode()


def test_creating_twice_keeps_the_first_programme(client, mentor_user, pair):
    programme = programme_create_from_template(pair=pair)
    client.force_login(mentor_user)
    response = client.post(_create_url(pair))
    assert response.url == _url(pair) + "?edit=1"
    assert list(Programme.objects.all()) == [programme]


def test_viewer_sees_that_there_is_no_programme_and_cannot_create_it(client, psychologist, pair):
    client.force_login(psychologist)
    page = client.get(_url(pair)).content.decode()
    assert "Программа ещё не составлена." in page
    assert _create_url(pair) not in page
    assert client.post(_create_url(pair)).status_code == 403
    assert client.post(_url(pair), {"goal": "Цель"}).status_code == 403
    assert not Programme.objects.exists()


def test_outsider_cannot_create_the_programme(client, outsider, teacher, pair):
    client.force_login(outsider)
    assert client.post(_create_url(pair)).status_code == 404
    client.force_login(teacher)
    assert client.post(_create_url(pair)).status_code == 403
    assert not Programme.objects.exists()


def test_saving_before_the_programme_exists_leads_to_the_page(client, curator, pair):
    client.force_login(curator)
    response = client.post(_url(pair), {"goal": "Цель"})
    assert response.url == _url(pair)
    assert not Programme.objects.exists()


def test_edit_adds_deletes_and_reorders_items(client, curator, pair):
    programme = programme_create_from_template(pair=pair)
    first, second, third, *rest = programme.items.all()

    def row(item, order, **extra):
        return {
            "id": str(item.pk),
            "programme": str(programme.pk),
            "ORDER": str(order),
            "planned_on": item.planned_on.isoformat(),
            "month_only": item.month_only,
            "activity": item.activity,
            "expected_result": item.expected_result,
            "done": item.done,
            "evidence": item.evidence,
            **extra,
        }

    rows = [row(first, 2), row(second, 1), row(third, 3, DELETE=True)]
    rows += [row(item, 3 + n) for n, item in enumerate(rest, start=1)]
    rows.append({"ORDER": "99", "planned_on": "2027-05-20", "activity": "Выступление на педсовете"})
    client.force_login(curator)
    response = client.post(_url(pair) + "?edit=1", _post_data(programme, rows))
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.tasks == "Освоить методику"
    items = list(programme.items.all())
    assert [item.pk for item in items[:2]] == [second.pk, first.pk]
    assert third.pk not in [item.pk for item in items]
    assert items[-1].activity == "Выступление на педсовете"
    assert not items[-1].month_only
    assert [item.position for item in items] == list(range(1, len(items) + 1))


def test_edit_form_shows_the_formset(client, curator, pair):
    programme_create_from_template(pair=pair)
    client.force_login(curator)
    response = client.get(_url(pair) + "?edit=1")
    assert 'name="items-TOTAL_FORMS"' in response.content.decode()


def test_mentor_of_the_pair_may_edit(client, mentor_user, pair):
    programme = programme_create_from_template(pair=pair)
    client.force_login(mentor_user)
    assert client.get(_url(pair) + "?edit=1").status_code == 200
    data = _post_data(programme, [])
    data["goal"] = "Новая цель"
    assert client.post(_url(pair), data).status_code == 302
    programme.refresh_from_db()
    assert programme.goal == "Новая цель"


def test_mentee_of_the_pair_reads_the_programme_and_its_pdf(client, pair):
    programme = programme_create_from_template(pair=pair)
    user = UserFactory()
    MembershipFactory(user=user, organisation=pair.organisation, role=Role.TEACHER)
    mentee = pair.mentees.first().person
    mentee.user = user
    mentee.save(update_fields=["user"])
    client.force_login(user)

    page = client.get(_url(pair) + "?edit=1")
    pdf = client.get(reverse("programme_pdf", args=[pair.pk]))

    assert page.status_code == 200
    assert programme.goal in page.content.decode()
    assert "items-TOTAL_FORMS" not in page.content.decode()
    assert pdf["Content-Type"] == "application/pdf"
    assert client.post(_url(pair), _post_data(programme, [])).status_code == 403
    item = programme.items.first()
    assert client.post(reverse("programme_item_done", args=[item.pk])).status_code == 403


def test_another_teacher_is_forbidden_and_outsider_sees_nothing(client, teacher, outsider, pair):
    client.force_login(teacher)
    assert client.get(_url(pair)).status_code == 403
    client.force_login(outsider)
    assert client.get(_url(pair)).status_code == 404


def test_psychologist_reads_but_cannot_edit(client, psychologist, pair):
    programme = programme_create_from_template(pair=pair)
    client.force_login(psychologist)
    response = client.get(_url(pair) + "?edit=1")
    assert response.status_code == 200
    assert "items-TOTAL_FORMS" not in response.content.decode()
    assert programme.goal in response.content.decode()
    assert client.post(_url(pair), _post_data(programme, [])).status_code == 403
    item = programme.items.first()
    done_url = reverse("programme_item_done", args=[item.pk])
    assert client.post(done_url, {"done": "on"}).status_code == 403


def test_toggle_done_with_evidence(client, mentor_user, pair):
    item = programme_create_from_template(pair=pair).items.first()
    url = reverse("programme_item_done", args=[item.pk])
    client.force_login(mentor_user)
    assert client.get(url).status_code == 405
    response = client.post(url, {"done": "on", "evidence": "Протокол встречи"})
    assert response.url == _url(pair)
    item.refresh_from_db()
    assert item.done and item.evidence == "Протокол встречи"
    client.post(url, {"evidence": ""})
    item.refresh_from_db()
    assert not item.done
    assert "Выполнено: 0 из" in client.get(_url(pair)).content.decode()


def test_pdf_has_the_goal_and_the_mentee(client, curator, pair, tmp_path):
    programme = programme_create_from_template(pair=pair)
    client.force_login(curator)
    response = client.get(reverse("programme_pdf", args=[pair.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    path = tmp_path / "programme.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Персонализированная программа наставничества" in text
    assert "Смирнова" in text
    assert " ".join(programme.goal.split()[:4]) in " ".join(text.split())
    assert "октябрь 2026" in text


def test_pdf_without_a_programme_leads_to_the_page(client, psychologist, pair):
    client.force_login(psychologist)
    response = client.get(reverse("programme_pdf", args=[pair.pk]))
    assert response.url == _url(pair)
