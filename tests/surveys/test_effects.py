import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring import matching
from mentoring.models import Consent, MenteeEntry, Preference
from mentoring.selectors.matching import matching_input
from surveys.models import Participation, Question, Response
from surveys.selectors.questionnaires import current_version
from surveys.services.effects import anonymous_allowed, anonymous_refusal, response_effects
from surveys.services.library import library_install
from surveys.services.scoring import INDICATOR_KEYS
from tests.mentoring.bank_factories import (
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    TagFactory,
    withdraw_processing,
)
from tests.mentoring.factories import PersonFactory
from tests.surveys.factories import make_campaign


def installed(school, key):
    return library_install(organisation=school, key=key, created_by=None)[0]


def named_response(questionnaire, person, pair=None) -> Response:
    campaign = make_campaign(questionnaire)
    participation = Participation.objects.create(campaign=campaign, person=person, pair=pair)
    now = timezone.now()
    return Response.objects.create(
        campaign=campaign,
        version=campaign.version,
        participation=participation,
        person=person,
        pair=pair,
        submitted_on=now.date(),
        submitted_at=now,
    )


def anonymous_response(questionnaire) -> Response:
    campaign = make_campaign(questionnaire, anonymous=True)
    return Response.objects.create(
        campaign=campaign, version=campaign.version, submitted_on=timezone.localdate()
    )


def consenting_person(school, **fields):
    person = PersonFactory(organisation=school, **fields)
    for kind in (Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES):
        ConsentFactory(person=person, kind=kind)
    return person


# The curator's evaluation.


def test_an_evaluation_stores_its_score_and_level(school, make_pair, curator):
    pair = make_pair()
    response = named_response(
        installed(school, "evaluation"), PersonFactory(organisation=school), pair
    )
    values = {key: 2 for key in INDICATOR_KEYS} | {"eval_partners": 1, "strengths": "Планы"}

    response_effects(response=response, values=values, actor=curator)

    response.refresh_from_db()
    assert (response.score, response.level) == (17, Response.Level.OPTIMAL)


def test_an_edited_evaluation_is_scored_again(school, curator):
    response = named_response(installed(school, "evaluation"), PersonFactory(organisation=school))
    response_effects(response=response, values=dict.fromkeys(INDICATOR_KEYS, 2), actor=curator)
    response_effects(response=response, values=dict.fromkeys(INDICATOR_KEYS, 0), actor=curator)

    response.refresh_from_db()
    assert (response.score, response.level) == (0, Response.Level.UNACCEPTABLE)


def test_an_incomplete_evaluation_is_refused(school, curator):
    response = named_response(installed(school, "evaluation"), PersonFactory(organisation=school))
    values = dict.fromkeys(INDICATOR_KEYS[:-1], 1)

    with pytest.raises(ValidationError, match="не оценены"):
        response_effects(response=response, values=values, actor=curator)
    response.refresh_from_db()
    assert response.score is None


def test_an_evaluation_without_an_indicator_is_not_scored(school, curator):
    questionnaire = installed(school, "evaluation")
    Question.objects.filter(
        section__version=current_version(questionnaire), key="eval_partners"
    ).delete()
    response = named_response(questionnaire, PersonFactory(organisation=school))

    response_effects(response=response, values=dict.fromkeys(INDICATOR_KEYS, 2), actor=curator)

    response.refresh_from_db()
    assert (response.score, response.level) == (None, "")


# Preferences after the group meeting.


@pytest.fixture
def banks(school):
    """A mentee and two mentors who fit her equally well but for her preference."""
    mentee = MenteeEntryFactory(person=consenting_person(school))
    mentors = [
        MentorEntryFactory(person=consenting_person(school, last_name=name))
        for name in ("Абрамова", "Яковлева")
    ]
    return mentee, mentors


def test_a_preference_response_sets_the_ranked_preferences(school, banks, curator):
    mentee, (first, second) = banks
    response = named_response(installed(school, "preference_mentee"), mentee.person)

    response_effects(
        response=response,
        values={"preferences": [second.person_id, first.person_id], "meeting_useful": 4},
        actor=curator,
    )

    ranked = Preference.objects.filter(chooser=mentee.person).order_by("rank")
    assert [(p.chosen_id, p.rank, p.entered_by) for p in ranked] == [
        (second.person_id, 1, curator),
        (first.person_id, 2, curator),
    ]


def test_matching_follows_the_preference_given_in_a_questionnaire(school, banks, curator):
    mentee, (first, second) = banks
    year = school.academic_years.get(is_current=True)
    response = named_response(installed(school, "preference_mentee"), mentee.person)

    response_effects(response=response, values={"preferences": [second.person_id]}, actor=curator)

    data = matching_input(year)
    seen = next(m for m in data.mentees if m.id == mentee.pk)
    assert seen.preferences == (second.pk,)
    result = matching.assign(data.mentees, data.mentors, matching.Weights(), matching.Options())
    assert [(p.mentee_id, p.mentor_id) for p in result.pairs] == [(mentee.pk, second.pk)]


def test_an_edited_preference_replaces_the_earlier_one(school, banks, curator):
    mentee, (first, second) = banks
    response = named_response(installed(school, "preference_mentee"), mentee.person)
    response_effects(response=response, values={"preferences": [first.person_id]}, actor=curator)
    response_effects(response=response, values={"preferences": [second.person_id]}, actor=curator)

    chosen = Preference.objects.filter(chooser=mentee.person).values_list("chosen_id", flat=True)
    assert list(chosen) == [second.person_id]


def test_a_preference_of_someone_outside_the_banks_is_refused(school, curator):
    outsider = PersonFactory(organisation=school)
    response = named_response(installed(school, "preference_mentee"), outsider)

    with pytest.raises(ValidationError, match="не входит в банк"):
        response_effects(response=response, values={"preferences": []}, actor=curator)


def test_preference_evaluation_and_request_are_never_anonymous(school):
    for key in ("preference_mentee", "preference_mentor", "evaluation", "mentee_request"):
        questionnaire = installed(school, key)
        assert not anonymous_allowed(questionnaire)
        assert "не может быть анонимной" in anonymous_refusal(questionnaire)
    for key in ("satisfaction_mentee_teacher_teacher", "feedback", "self_assessment_before"):
        assert anonymous_allowed(installed(school, key))
        assert anonymous_refusal(installed(school, key)) == ""


def test_an_anonymous_response_touches_nobody(school, banks, curator):
    """Should such a campaign exist after all, an answer without a person changes nothing."""
    mentee, (first, _second) = banks
    response = anonymous_response(installed(school, "preference_mentee"))

    response_effects(response=response, values={"preferences": [first.person_id]}, actor=curator)

    assert not Preference.objects.exists()


# The mentee's request.


def difficulty_values(questionnaire, *labels) -> list[str]:
    question = Question.objects.get(
        section__version=current_version(questionnaire), key="difficulties"
    )
    by_label = {o["label"]: o["value"] for o in question.options}
    return [by_label[label] for label in labels]


@pytest.fixture
def catalogue(school):
    names = ("Дисциплина на уроке", "Работа с родителями", "Оформление документации")
    tags = [TagFactory(organisation=school, name=name) for name in names]
    MenteeEntryFactory(person__organisation=school).requests.set(tags)
    return tags


def test_chosen_difficulties_are_added_to_the_requests_of_the_bank_entry(
    school, catalogue, curator
):
    questionnaire = installed(school, "mentee_request")
    own = TagFactory(organisation=school, name="Профориентация")
    entry = MenteeEntryFactory(person=consenting_person(school), request_sources=["psychologist"])
    entry.requests.set([own, catalogue[2]])
    response = named_response(questionnaire, entry.person)
    values = {
        "difficulties": [
            *difficulty_values(questionnaire, "Дисциплина на уроке", "Работа с родителями"),
            "__other__",
        ],
        "difficulties__other": "Проверка тетрадей",
    }

    response_effects(response=response, values=values, actor=None)

    entry.refresh_from_db()
    assert sorted(t.name for t in entry.requests.all()) == [
        "Дисциплина на уроке",
        "Оформление документации",
        "Профориентация",
        "Работа с родителями",
    ]
    assert entry.request_sources == ["psychologist", MenteeEntry.Source.QUESTIONNAIRE]
    assert not school.tags.filter(name__icontains="тетрад").exists()


def test_a_request_keeps_what_other_sources_recorded(school, catalogue):
    """The psychologist's request stays though the mentee did not tick it; answering again
    adds nothing twice."""
    questionnaire = installed(school, "mentee_request")
    entry = MenteeEntryFactory(person=consenting_person(school))
    entry.requests.set([catalogue[2]])
    response = named_response(questionnaire, entry.person)
    both = difficulty_values(questionnaire, "Дисциплина на уроке", "Работа с родителями")
    response_effects(response=response, values={"difficulties": both}, actor=None)
    response_effects(response=response, values={"difficulties": both}, actor=None)

    assert sorted(t.name for t in entry.requests.all()) == [
        "Дисциплина на уроке",
        "Оформление документации",
        "Работа с родителями",
    ]


def test_a_request_from_someone_outside_the_bank_adds_a_candidate(school, catalogue):
    questionnaire = installed(school, "mentee_request")
    person = consenting_person(school)
    response = named_response(questionnaire, person)
    values = {"difficulties": difficulty_values(questionnaire, "Оформление документации")}

    response_effects(response=response, values=values, actor=None)

    entry = MenteeEntry.objects.get(person=person, academic_year=response.campaign.academic_year)
    assert entry.status == MenteeEntry.Status.CANDIDATE
    assert [t.name for t in entry.requests.all()] == ["Оформление документации"]
    assert entry.request_sources == [MenteeEntry.Source.QUESTIONNAIRE]


def test_a_withdrawn_consent_keeps_the_bank_untouched(school, catalogue):
    questionnaire = installed(school, "mentee_request")
    entry = MenteeEntryFactory(person=consenting_person(school))
    withdraw_processing(entry.person)
    response = named_response(questionnaire, entry.person)
    values = {"difficulties": difficulty_values(questionnaire, "Работа с родителями")}

    response_effects(response=response, values=values, actor=None)

    assert not entry.requests.exists()


def test_other_questionnaires_set_off_nothing(school):
    person = consenting_person(school)
    MenteeEntryFactory(person=person)
    response = named_response(installed(school, "satisfaction_mentee_teacher_teacher"), person)

    response_effects(response=response, values={"overall": 9}, actor=None)

    response.refresh_from_db()
    assert (response.score, response.level) == (None, "")
    assert not Preference.objects.exists()
    assert not MenteeEntry.objects.get(person=person).requests.exists()
