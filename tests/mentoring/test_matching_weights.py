"""Per-school weights of the matching criteria: the form, the reset and their effect on the
suggestions."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from mentoring import matching
from mentoring.models import Consent, MatchingWeights
from mentoring.models.pairs import WEIGHT_FIELDS
from mentoring.selectors.matching import weights_for
from mentoring.services.matching import matching_weights_save
from tests.mentoring.bank_factories import (
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    TagFactory,
)
from tests.mentoring.factories import PersonFactory, SubjectFactory

pytestmark = pytest.mark.django_db

DEFAULTS = {name: str(getattr(matching.Weights(), name)) for name in WEIGHT_FIELDS}
WEIGHT_ERROR = "Вес — число от 0 до 10."


def _participant(factory, school, **extra):
    person = PersonFactory(organisation=school)
    for kind in (Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES):
        ConsentFactory(person=person, kind=kind)
    return factory(person=person, **extra)


@pytest.fixture
def banks(school):
    """A mentee asking about discipline who teaches physics; one mentor has the competence,
    the other teaches physics. With the defaults the competence (3) beats the subject (2)."""
    discipline = TagFactory(organisation=school, name="Дисциплина на уроке")
    physics = SubjectFactory(name="Физика")
    mentee = _participant(MenteeEntryFactory, school)
    mentee.requests.add(discipline)
    mentee.person.subjects.add(physics)
    by_tags = _participant(MentorEntryFactory, school, capacity=1)
    by_tags.competences.add(discipline)
    by_subject = _participant(MentorEntryFactory, school, capacity=1)
    by_subject.person.subjects.add(physics)
    return {"mentee": mentee, "by_tags": by_tags, "by_subject": by_subject}


def _url(school) -> str:
    return reverse("matching_weights", args=[school.pk])


def _suggested_mentor(client, school):
    response = client.get(reverse("matching", args=[school.pk]))
    return response.context["suggestions"][0]["mentor"]


def test_defaults_apply_when_nothing_is_saved(client, curator, school, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert weights_for(school) == matching.Weights()
    client.force_login(curator)
    content = client.get(reverse("matching", args=[school.pk])).content.decode()
    assert "Веса критериев:" in content
    assert "запросы ↔ компетенции — 3," in content
    assert _url(school) in content


def test_form_shows_the_defaults_and_what_each_weight_rewards(client, curator, school):
    client.force_login(curator)
    response = client.get(_url(school))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Сейчас действуют значения по умолчанию." in content
    assert 'name="tags" value="3"' in content
    assert "По умолчанию — 3." in content
    assert "общий предмет" in content
    assert "Вернуть значения по умолчанию" in content


def test_saving_heavier_subject_changes_the_suggestion(client, curator, school, banks):
    client.force_login(curator)
    assert _suggested_mentor(client, school) == banks["by_tags"]

    data = {**DEFAULTS, "tags": "1", "subject": "5"}
    response = client.post(_url(school), data, follow=True)
    assert response.redirect_chain == [(reverse("matching", args=[school.pk]), 302)]
    content = response.content.decode()
    assert "Веса сохранены. Подбор пересчитан с новыми весами." in content
    assert "предмет — 5," in content
    assert response.context["suggestions"][0]["mentor"] == banks["by_subject"]
    assert weights_for(school) == matching.Weights(tags=1.0, subject=5.0)
    assert MatchingWeights.objects.get().updated_by == curator


def test_saved_values_are_shown_in_the_form(client, curator, school):
    client.force_login(curator)
    client.post(_url(school), {**DEFAULTS, "subject": "2.5"})
    content = client.get(_url(school)).content.decode()
    assert 'name="subject" value="2.5"' in content
    assert "Изменены" in content


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("-1", WEIGHT_ERROR),
        ("10.5", WEIGHT_ERROR),
        ("много", WEIGHT_ERROR),
        ("", WEIGHT_ERROR),
        ("1.234", "Не больше двух знаков после запятой."),
    ],
)
def test_invalid_weight_shows_the_error_and_saves_nothing(client, curator, school, value, error):
    client.force_login(curator)
    response = client.post(_url(school), {**DEFAULTS, "subject": value})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not MatchingWeights.objects.exists()


def test_reset_restores_the_defaults(client, curator, school, banks):
    client.force_login(curator)
    client.post(_url(school), {**DEFAULTS, "tags": "0", "subject": "7"})
    response = client.post(_url(school), {"reset": "1", "tags": "не число"}, follow=True)
    assert "Веса возвращены к значениям по умолчанию." in response.content.decode()
    assert weights_for(school) == matching.Weights()
    assert response.context["suggestions"][0]["mentor"] == banks["by_tags"]


def test_weights_of_another_school_do_not_apply(school, other_school, outsider):
    matching_weights_save(organisation=other_school, data={"tags": Decimal("9")}, actor=outsider)
    assert weights_for(school) == matching.Weights()
    assert weights_for(other_school).tags == 9.0


def test_curator_of_another_school_gets_404(client, outsider, school):
    client.force_login(outsider)
    assert client.get(_url(school)).status_code == 404
    assert client.post(_url(school), {**DEFAULTS, "tags": "9"}).status_code == 404
    assert client.post(_url(school), {"reset": "1"}).status_code == 404
    assert not MatchingWeights.objects.exists()


def test_teacher_gets_403(client, teacher, school):
    client.force_login(teacher)
    assert client.get(_url(school)).status_code == 403
    assert client.post(_url(school), {**DEFAULTS, "tags": "9"}).status_code == 403
    assert not MatchingWeights.objects.exists()


def test_change_is_audited_with_the_curator(client, curator, school):
    client.force_login(curator)
    client.post(_url(school), {**DEFAULTS, "subject": "4"})
    client.post(_url(school), {**DEFAULTS, "subject": "6"})
    weights = MatchingWeights.objects.get()
    entries = LogEntry.objects.get_for_object(weights)
    assert {e.action for e in entries} == {LogEntry.Action.CREATE, LogEntry.Action.UPDATE}
    assert all(e.actor == curator for e in entries)
    update = entries.get(action=LogEntry.Action.UPDATE)
    assert update.changes_dict["subject"] == ["4.00", "6.00"]


def test_saving_the_same_values_writes_nothing(school, curator):
    matching_weights_save(organisation=school, data={"subject": Decimal("4")}, actor=curator)
    matching_weights_save(organisation=school, data={"subject": Decimal("4.0")}, actor=curator)
    weights = MatchingWeights.objects.get()
    assert LogEntry.objects.get_for_object(weights).count() == 1
