"""Campaign pages: the list, the form, the page with its live rate, launch, reminders, early
closing, the links sheet, and the roadmap's «Провести анкетирование»."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Person
from surveys.models import Campaign, Questionnaire
from surveys.services.campaigns import campaign_launch
from tests.mentoring.factories import PersonFactory
from tests.surveys.factories import make_campaign, make_questionnaire


@pytest.fixture
def questionnaire(school):
    return make_questionnaire(school, title="Анкета наставника")


def _launched(questionnaire, people, **fields):
    campaign = make_campaign(questionnaire, **fields)
    campaign.people.set(people)
    campaign_launch(campaign=campaign, actor=None)
    return campaign


def _form_data(questionnaire, **extra):
    tomorrow = timezone.localdate() + timedelta(days=7)
    return {
        "version": questionnaire.versions.get().pk,
        "title": "",
        "audience": Campaign.Audience.ALL_TEACHERS,
        "opens_on": timezone.localdate().strftime("%d.%m.%Y"),
        "opens_time": "00:00",
        "closes_on": tomorrow.strftime("%d.%m.%Y"),
        "closes_time": "20:00",
        "phase": "",
        **extra,
    }


def _list_queries(client, school) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("campaign_list", args=[school.pk])).status_code == 200
    return len(queries)


def test_list_shows_rate_status_and_keeps_its_query_count(
    client, curator, school, questionnaire, django_assert_num_queries
):
    people = PersonFactory.create_batch(3, organisation=school)
    campaign = _launched(questionnaire, people, title="Весенний опрос")
    campaign.participations.filter(person=people[0]).update(submitted_at=timezone.now())
    client.force_login(curator)

    response = client.get(reverse("campaign_list", args=[school.pk]))
    page = response.content.decode()
    assert "Весенний опрос" in page and "1 из 3 (33 %)" in page and "Открыта" in page

    few = _list_queries(client, school)
    for n in range(5):
        _launched(questionnaire, people, title=f"Опрос {n}")
        make_campaign(questionnaire, title=f"Черновик {n}")
    assert _list_queries(client, school) == few
    with django_assert_num_queries(few):
        client.get(reverse("campaign_list", args=[school.pk]))


def test_list_search_and_status_filter(client, curator, school, questionnaire):
    make_campaign(questionnaire, title="Осенний срез")
    _launched(questionnaire, [PersonFactory(organisation=school)], title="Весенний срез")
    client.force_login(curator)
    url = reverse("campaign_list", args=[school.pk])

    drafts = client.get(url, {"status": "draft"}).content.decode()
    found = client.get(url, {"q": "весен"}).content.decode()

    assert "Осенний срез" in drafts and "Весенний срез" not in drafts
    assert "Весенний срез" in found and "Осенний срез" not in found


def test_empty_list_invites_to_create(client, curator, school):
    client.force_login(curator)
    page = client.get(reverse("campaign_list", args=[school.pk])).content.decode()
    assert "Анкетирований пока нет" in page


def test_create_names_the_campaign_after_its_questionnaire(client, curator, school, questionnaire):
    client.force_login(curator)
    response = client.post(
        reverse("campaign_create", args=[school.pk]), _form_data(questionnaire, anonymous="on")
    )
    campaign = Campaign.objects.get()
    assert response.url == reverse("campaign_detail", args=[campaign.pk])
    assert campaign.title == "Анкета наставника" and campaign.anonymous
    assert campaign.created_by == curator


def test_create_refuses_closing_in_the_past_and_an_anonymous_evaluation(
    client, curator, school, questionnaire
):
    client.force_login(curator)
    url = reverse("campaign_create", args=[school.pk])
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d.%m.%Y")
    past = client.post(
        url,
        _form_data(
            questionnaire,
            opens_on=(timezone.localdate() - timedelta(days=5)).strftime("%d.%m.%Y"),
            closes_on=yesterday,
        ),
    )
    assert "уже прошло" in past.content.decode()
    evaluation = make_questionnaire(school, kind=Questionnaire.Kind.EVALUATION)
    PersonFactory(organisation=school, user=curator)
    anonymous = client.post(url, _form_data(evaluation, anonymous="on"))
    assert "нельзя проводить анонимно" in anonymous.content.decode()
    assert not Campaign.objects.exists()


def test_create_for_classes_normalises_their_names(client, curator, school, questionnaire):
    client.force_login(curator)
    url = reverse("campaign_create", args=[school.pk])
    data = _form_data(questionnaire, audience=Campaign.Audience.CLASSES, classes="7а; 10 б")
    client.post(url, data)
    assert Campaign.objects.get().classes == ["7А", "10Б"]
    wrong = client.post(url, {**data, "classes": "седьмой"})
    assert "Не похоже на класс" in wrong.content.decode()


def _activity(school, curator, title):
    from roadmap.services.roadmap import activity_add, roadmap_create_empty, stage_add

    roadmap = roadmap_create_empty(
        organisation=school, academic_year=school.academic_years.get(), actor=curator
    )
    stage = stage_add(roadmap=roadmap, title="Мониторинг")
    return activity_add(stage=stage, title=title)


def test_roadmap_offers_a_survey_for_an_activity_that_calls_for_one(
    client, curator, teacher, school, questionnaire
):
    activity = _activity(school, curator, "Анкетирование удовлетворённости наставляемых")
    client.force_login(curator)
    roadmap = client.get(reverse("roadmap_detail", args=[school.pk])).content.decode()
    link = f"{reverse('campaign_create', args=[school.pk])}?activity={activity.pk}"
    assert link in roadmap and "Провести анкетирование" in roadmap

    form = client.get(link).content.decode()
    assert "Анкетирование удовлетворённости наставляемых" in form
    client.post(link, {**_form_data(questionnaire), "complete_activity": "on"})
    campaign = Campaign.objects.get()
    assert campaign.activity_id == activity.pk and campaign.complete_activity

    client.force_login(teacher)
    roadmap = client.get(reverse("roadmap_detail", args=[school.pk])).content.decode()
    assert "Провести анкетирование" not in roadmap


def test_closing_the_campaign_marks_the_roadmap_activity_done(
    client, curator, school, questionnaire
):
    from roadmap.models import Activity

    activity = _activity(school, curator, "Опрос участников")
    campaign = _launched(
        questionnaire,
        [PersonFactory(organisation=school)],
        activity_id=activity.pk,
        complete_activity=True,
    )
    client.force_login(curator)
    assert "Закрыть" in client.get(reverse("campaign_close", args=[campaign.pk])).content.decode()
    client.post(reverse("campaign_close", args=[campaign.pk]))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DONE


def test_an_activity_of_another_school_is_ignored(client, curator, school, questionnaire, outsider):
    activity = _activity(school, curator, "Анкетирование")
    other = outsider.memberships.get().organisation
    from tests.mentoring.factories import AcademicYearFactory

    AcademicYearFactory(organisation=other)
    client.force_login(outsider)
    url = f"{reverse('campaign_create', args=[other.pk])}?activity={activity.pk}"
    page = client.get(url).content.decode()
    assert "Анкетирование по мероприятию" not in page


def test_launch_asks_to_confirm_with_the_number_of_invitations(
    client, curator, school, questionnaire, django_capture_on_commit_callbacks
):
    people = [PersonFactory(organisation=school, email=f"p{n}@home.test") for n in range(2)]
    campaign = make_campaign(questionnaire)
    campaign.people.set(people)
    client.force_login(curator)
    url = reverse("campaign_launch", args=[campaign.pk])

    # The plural forms are Russian once the lead's catalogue has them.
    assert "Разослать 2 приглаш" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302 and len(mail.outbox) == 2
    campaign.refresh_from_db()
    assert campaign.launched_at is not None


def test_detail_lists_who_has_not_answered_and_the_rate(client, curator, school, questionnaire):
    waiting, answered = PersonFactory.create_batch(2, organisation=school)
    campaign = _launched(questionnaire, [waiting, answered])
    campaign.participations.filter(person=answered).update(submitted_at=timezone.now())
    client.force_login(curator)
    url = reverse("campaign_detail", args=[campaign.pk])

    page = client.get(url).content.decode()
    assert waiting.full_name in page and answered.full_name not in page
    assert "ответили 1 из 2" in page
    closing = timezone.localdate(campaign.closes_at)
    assert (closing - timedelta(days=1)).strftime("%d.%m.%Y") in page
    assert answered.full_name in client.get(url, {"list": "answered"}).content.decode()
    rate = client.get(reverse("campaign_rate", args=[campaign.pk])).content.decode()
    assert "50 %" in rate and 'hx-trigger="every 10s"' in rate


def test_detail_of_an_anonymous_campaign_never_lists_who_answered(
    client, curator, school, questionnaire
):
    waiting, answered = PersonFactory.create_batch(2, organisation=school)
    campaign = _launched(questionnaire, [waiting, answered], anonymous=True)
    campaign.participations.filter(person=answered).update(submitted_at=timezone.now())
    client.force_login(curator)

    page = client.get(
        reverse("campaign_detail", args=[campaign.pk]), {"list": "answered"}
    ).content.decode()

    assert waiting.full_name in page and answered.full_name not in page
    assert "ответили 1 из 2" in page


def test_the_psychologist_sees_a_shared_campaign_without_the_people(
    client, psychologist, school, questionnaire
):
    person = PersonFactory(organisation=school)
    campaign = _launched(questionnaire, [person], shared_with_psychologist=True)
    client.force_login(psychologist)
    page = client.get(reverse("campaign_detail", args=[campaign.pk])).content.decode()
    assert "ответили 0 из 1" in page
    assert person.full_name not in page and "Разослать" not in page


def test_actions_that_change_refuse_get(client, curator, school, questionnaire):
    campaign = _launched(questionnaire, [PersonFactory(organisation=school)])
    client.force_login(curator)
    assert client.get(reverse("campaign_remind", args=[campaign.pk])).status_code == 405


def test_remind_now_reminds_those_invited_who_have_not_answered(
    client, curator, teacher, school, questionnaire, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        campaign = _launched(questionnaire, [teacher.person])
    mail.outbox.clear()
    client.force_login(curator)
    url = reverse("campaign_remind", args=[campaign.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert len(mail.outbox) == 1 and "Напоминание" in mail.outbox[0].subject


def test_links_sheet_shows_new_links_once(client, curator, school, questionnaire):
    student = PersonFactory(
        organisation=school, kind=Person.Kind.STUDENT, grade=5, class_letter="А"
    )
    campaign = _launched(questionnaire, [student])
    client.force_login(curator)
    url = reverse("campaign_links", args=[campaign.pk])

    confirm = client.get(url).content.decode()
    sheet = client.post(url)

    assert "Выдать новые ссылки (1)" in confirm
    assert "no-store" in sheet["Cache-Control"] or "no-cache" in sheet["Cache-Control"]
    page = sheet.content.decode()
    assert student.full_name in page and "5А" in page and "/a/" in page


def test_edit_after_launch_only_extends_and_renames(client, curator, school, questionnaire):
    campaign = _launched(questionnaire, [PersonFactory(organisation=school)])
    client.force_login(curator)
    url = reverse("campaign_edit", args=[campaign.pk])
    page = client.get(url).content.decode()
    assert 'name="audience"' not in page
    later = timezone.localtime(campaign.closes_at) + timedelta(days=2)
    client.post(
        url,
        {
            "title": "Продлённое",
            "closes_on": later.strftime("%d.%m.%Y"),
            "closes_time": later.strftime("%H:%M"),
        },
    )
    campaign.refresh_from_db()
    assert campaign.title == "Продлённое"
    assert timezone.localdate(campaign.closes_at) == later.date()


def test_another_schools_campaign_is_not_found(client, outsider, questionnaire):
    campaign = make_campaign(questionnaire)
    client.force_login(outsider)
    assert client.get(reverse("campaign_detail", args=[campaign.pk])).status_code == 404
    assert client.post(reverse("campaign_close", args=[campaign.pk])).status_code == 404


def _detail_queries(client, campaign) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("campaign_detail", args=[campaign.pk])).status_code == 200
    return len(queries)


def test_detail_takes_the_same_queries_for_few_or_many_participants(
    client, curator, school, questionnaire, django_assert_num_queries
):
    few = _launched(questionnaire, PersonFactory.create_batch(2, organisation=school))
    many = _launched(questionnaire, PersonFactory.create_batch(12, organisation=school))
    client.force_login(curator)
    count = _detail_queries(client, few)
    assert _detail_queries(client, many) == count
    with django_assert_num_queries(count):
        client.get(reverse("campaign_detail", args=[many.pk]))
