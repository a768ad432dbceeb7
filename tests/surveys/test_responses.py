"""Submitting a questionnaire: once, even twice clicked; editable until the campaign closes;
refused after closing with the draft kept; anonymous answers keep no trace of the person."""

import threading
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from surveys.models import Answer, Participation, Response
from surveys.selectors.questionnaires import version_with_questions
from surveys.services.answers import version_questions
from surveys.services.responses import Outcome, response_submit
from tests.surveys.factories import make_campaign, make_questionnaire
from tests.surveys.filling_factories import make_participation

FULL_DRAFT = {
    "name": "Анна",
    "subject": "__other__",
    "subject__other": "Физика",
    "topics": ["parents", "documents"],
    "confidence": 4,
    "first_year": True,
    "hours": 6,
    "start": "2026-12-05",
    "skills.planning": 2,
    "skills.feedback": 1,
}


@pytest.fixture
def campaign(school):
    return make_campaign(make_questionnaire(school))


@pytest.fixture
def participation(campaign, teacher):
    return make_participation(campaign, teacher.person, draft=dict(FULL_DRAFT))


def submit(participation, actor=None, **fields):
    posted = QueryDict(mutable=True)
    for name, value in fields.items():
        posted[name] = value
    questions = None
    if fields:
        version = version_with_questions(participation.campaign.version_id)
        questions = [q for q in version_questions(version) if q.key in fields]
    return response_submit(
        participation=participation, posted=posted, actor=actor, section_questions=questions
    )


def test_submission_records_a_named_response_with_one_answer_per_item(participation, teacher):
    submission = submit(participation, teacher)

    assert submission.outcome == Outcome.CREATED
    response = Response.objects.get()
    assert response.participation == participation
    assert response.person == teacher.person
    assert response.submitted_at is not None
    assert response.submitted_on == timezone.localdate()
    assert response.role == "other"
    assert response.category in (teacher.person.category, teacher.person.kind)
    answers = {answer.item_key: answer for answer in Answer.objects.all()}
    assert set(answers) == {
        "name",
        "subject",
        "topics",
        "confidence",
        "first_year",
        "hours",
        "start",
        "skills.planning",
        "skills.feedback",
    }
    assert answers["subject"].value == "__other__"
    assert answers["subject"].other_text == "Физика"
    assert answers["confidence"].number == 4
    assert answers["first_year"].number == 1
    assert answers["skills.planning"].value == 2
    assert answers["skills.planning"].number == 2
    assert answers["name"].number is None
    participation.refresh_from_db()
    assert participation.submitted_at is not None
    # A named draft stays: the answers may be edited until the campaign closes.
    assert participation.draft["name"] == "Анна"


def test_invalid_draft_is_not_submitted_and_errors_name_the_questions(campaign, teacher):
    participation = make_participation(campaign, teacher.person, draft={"hours": "сорок"})

    submission = submit(participation, teacher)

    assert not submission.accepted
    assert submission.errors == {
        "name": "Ответьте на этот вопрос",
        "confidence": "Ответьте на этот вопрос",
        "hours": "Введите число от 0 до 40",
    }
    assert not Response.objects.exists()
    participation.refresh_from_db()
    assert participation.submitted_at is None
    assert participation.draft == {"hours": "сорок"}


def test_posted_fields_are_merged_before_the_whole_draft_is_validated(campaign, teacher):
    participation = make_participation(campaign, teacher.person, draft={"name": "Анна"})

    submission = submit(participation, teacher, confidence="5")

    assert submission.outcome == Outcome.CREATED
    assert Answer.objects.get(item_key="confidence").value == 5


def test_double_submission_records_one_response(participation, teacher):
    first = submit(participation, teacher)
    second = submit(participation, teacher)

    assert first.outcome == Outcome.CREATED
    assert second.outcome == Outcome.ALREADY
    assert second.response == first.response
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 9


def test_named_answers_are_edited_in_place_until_the_campaign_closes(participation, teacher):
    first = submit(participation, teacher)

    edited = submit(participation, teacher, confidence="2", hours="")

    assert edited.outcome == Outcome.UPDATED
    assert Response.objects.get().pk == first.response.pk
    assert Answer.objects.get(item_key="confidence").value == 2
    assert not Answer.objects.filter(item_key="hours").exists()


def test_submission_after_closing_is_refused_and_the_draft_stays(campaign, participation):
    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.opens_at = campaign.closes_at - timedelta(days=3)
    campaign.save(update_fields=["opens_at", "closes_at"])
    closes = timezone.localtime(campaign.closes_at)

    with pytest.raises(ValidationError) as caught:
        submit(participation, None, name="Другое имя")

    assert caught.value.messages == [
        f"Анкетирование закрыто {closes:%d.%m.%Y} в {closes:%H:%M}, ответы больше не "
        "принимаются. Ваш черновик сохранён."
    ]
    participation.refresh_from_db()
    assert participation.draft == FULL_DRAFT
    assert not Response.objects.exists()


def test_early_closed_campaign_refuses_with_the_day_it_closed(campaign, participation):
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["closed_at"])

    with pytest.raises(ValidationError, match="Анкетирование закрыто"):
        submit(participation)


def test_anonymous_response_keeps_no_link_to_the_person(school, teacher):
    campaign = make_campaign(make_questionnaire(school), anonymous=True)
    participation = make_participation(campaign, teacher.person, draft=dict(FULL_DRAFT))
    logged_before = LogEntry.objects.count()

    assert submit(participation, teacher).outcome == Outcome.CREATED

    response = Response.objects.get()
    assert response.participation_id is None
    assert response.person_id is None
    assert response.pair_id is None
    assert response.submitted_at is None
    assert response.submitted_on == timezone.localdate()
    # The filters of the results are kept.
    assert response.role == "other"
    assert not Response.objects.filter(person=teacher.person).exists()
    assert Answer.objects.count() == 9
    # No Answer value names the person either.
    assert not Answer.objects.filter(value__icontains=teacher.person.last_name).exists()
    # Nothing of the submission went to the audit log.
    types = ContentType.objects.get_for_models(Response, Answer, Participation).values()
    assert not LogEntry.objects.filter(content_type__in=types).exists()
    assert LogEntry.objects.count() == logged_before
    assert not LogEntry.objects.filter(object_pk=str(response.pk)).exists()
    participation.refresh_from_db()
    assert participation.draft == {}
    assert participation.draft_saved_at is None
    # Answered, on this day: no time of day to match with the order of the answers.
    answered = timezone.localtime(participation.submitted_at)
    assert answered.date() == timezone.localdate()
    assert (answered.hour, answered.minute, answered.second, answered.microsecond) == (0, 0, 0, 0)


def test_anonymous_answers_cannot_be_edited_after_submission(school, teacher):
    campaign = make_campaign(make_questionnaire(school), anonymous=True)
    participation = make_participation(campaign, teacher.person, draft=dict(FULL_DRAFT))
    submit(participation, teacher)

    again = submit(participation, teacher, name="Другое имя", confidence="1")

    assert again.outcome == Outcome.ALREADY
    assert again.response is None
    assert Response.objects.count() == 1
    assert Answer.objects.get(item_key="confidence").value == 4
    participation.refresh_from_db()
    assert participation.draft == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_record_one_response(school, teacher):
    participation = make_participation(
        make_campaign(make_questionnaire(school)), teacher.person, draft=dict(FULL_DRAFT)
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(submit(Participation.objects.get(pk=participation.pk)).outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == [Outcome.ALREADY, Outcome.CREATED]
    assert Response.objects.count() == 1
