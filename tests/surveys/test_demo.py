from datetime import date, datetime, time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from mentoring.models import MentoringPair, Preference
from surveys.library import ENTRIES, MEASURED_KEYS
from surveys.models import Answer, Campaign, Participation, Question, Questionnaire, Response
from surveys.services.scoring import evaluation_result

TEACHER = "teacher@demo.nastavnik.ru"


def _counts() -> dict[str, int]:
    models = (Questionnaire, Campaign, Participation, Response, Answer, Preference)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.parametrize("today", [date(2027, 9, 24), date(2027, 5, 14)], ids=["september", "may"])
def test_the_demo_surveys_fit_any_day_of_the_year(db, monkeypatch, today):
    moment = timezone.make_aware(datetime.combine(today, time(10, 0)))
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    call_command("seed_demo", stdout=StringIO())

    for campaign in Campaign.objects.select_related("academic_year"):
        year = campaign.academic_year
        assert campaign.opens_at < moment
        assert year.start_date <= campaign.opens_at.date() <= year.end_date
        if campaign.responses.exists():
            assert max(r.submitted_on for r in campaign.responses.all()) <= today
    assert Campaign.objects.filter(closes_at__gt=moment).count() == 2


@pytest.fixture(scope="module")
def seeded_module(django_db_setup, django_db_blocker):
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=hashers),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_module, db):
    return Questionnaire.objects.values("organisation").first()["organisation"]


def test_the_library_is_installed(seeded):
    keys = set(
        Questionnaire.objects.filter(organisation=seeded).values_list("library_key", flat=True)
    )
    assert keys == set(ENTRIES)


def test_a_second_run_adds_nothing(seeded):
    before = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == before


def test_the_teacher_has_an_open_survey_to_answer_and_another_half_filled(seeded):
    now = timezone.now()
    mine = Participation.objects.filter(person__user__email=TEACHER).select_related("campaign")
    open_ = [p for p in mine if p.campaign.is_open(now)]
    assert len(open_) == 2
    unanswered = next(p for p in open_ if not p.draft)
    assert unanswered.submitted_at is None
    assert unanswered.campaign.version.questionnaire.kind == Questionnaire.Kind.SATISFACTION
    draft = next(p for p in open_ if p.draft)
    assert draft.submitted_at is None and draft.draft_saved_at is not None
    questions = Question.objects.filter(section__version=draft.campaign.version)
    assert 0 < len(draft.draft) < questions.count()
    assert draft.draft["cooperation.understanding"] == 5


def test_before_and_after_are_answered_by_the_same_people_on_the_same_items(seeded):
    before = Campaign.objects.get(phase=Campaign.Phase.BEFORE)
    after = Campaign.objects.get(phase=Campaign.Phase.AFTER, anonymous=False)
    assert before.closes_at < after.opens_at < timezone.now()
    people = set(before.responses.values_list("person", flat=True))
    assert len(people) >= 10
    assert set(after.responses.values_list("person", flat=True)) == people

    def items(campaign):
        keys = set(
            Answer.objects.filter(response__campaign=campaign).values_list("item_key", flat=True)
        )
        return {key for key in keys if key.partition(".")[0] in MEASURED_KEYS}

    assert items(before) == items(after)
    assert "skills.planning" in items(before)


def test_the_anonymous_survey_keeps_no_link_to_who_answered(seeded):
    campaign = Campaign.objects.get(anonymous=True)
    assert campaign.closes_at < timezone.now()
    responses = campaign.responses.all()
    assert responses.count() >= 8
    assert all(
        r.participation_id is r.person_id is r.pair_id is r.submitted_at is None for r in responses
    )
    answered = campaign.participations.filter(submitted_at__isnull=False)
    assert answered.count() == responses.count()
    assert not any(p.draft for p in campaign.participations.all())


def test_every_active_pair_is_evaluated_and_scored(seeded):
    campaign = Campaign.objects.get(version__questionnaire__kind=Questionnaire.Kind.EVALUATION)
    active = set(
        MentoringPair.objects.filter(status=MentoringPair.Status.ACTIVE).values_list(
            "pk", flat=True
        )
    )
    responses = list(campaign.responses.prefetch_related("answers"))
    assert {r.pair_id for r in responses} == active
    for response in responses:
        values = {a.item_key: a.value for a in response.answers.all()}
        assert (response.score, response.level) == evaluation_result(values)


def test_the_preference_answers_are_the_preferences_matching_reads(seeded):
    responses = Response.objects.filter(
        campaign__version__questionnaire__kind=Questionnaire.Kind.PREFERENCE
    ).prefetch_related("answers")
    assert responses.count() == Preference.objects.values("chooser").distinct().count() > 0
    for response in responses:
        chosen = next(a.value for a in response.answers.all() if a.item_key == "preferences")
        ranked = Preference.objects.filter(chooser=response.person_id).order_by("rank")
        assert chosen == list(ranked.values_list("chosen_id", flat=True))


def test_answers_follow_the_value_format(seeded):
    answers = Answer.objects.select_related("question")
    assert answers.count() > 300
    for answer in answers:
        question, value = answer.question, answer.value
        if question.kind == Question.Kind.MATRIX:
            row = answer.item_key.removeprefix(f"{question.key}.")
            assert row in {r["key"] for r in question.rows}
            assert question.scale_min <= value <= question.scale_max and answer.number == value
            continue
        assert answer.item_key == question.key
        options = {o["value"] for o in question.options} | {"__other__"}
        if question.kind == Question.Kind.SCALE:
            assert isinstance(value, int) and question.scale_min <= value <= question.scale_max
            assert answer.number == value
        elif question.kind == Question.Kind.YES_NO:
            assert isinstance(value, bool) and answer.number == int(value)
        elif question.kind == Question.Kind.SINGLE:
            assert value in options
        elif question.kind == Question.Kind.MULTIPLE:
            assert isinstance(value, list) and set(value) <= options
        elif question.kind == Question.Kind.PERSON_CHOICE:
            assert all(isinstance(pk, int) for pk in value) and len(value) <= question.max_ranked
        else:
            assert isinstance(value, str) and value
