"""Forming pairs and groups: the checks a pair must pass before it exists."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring.models import (
    Consent,
    MenteeEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    RoleModel,
)
from mentoring.services.consents import consent_withdraw
from mentoring.services.pairs import mentor_free_places, pair_create, pair_dissolve
from tests.mentoring.bank_factories import ConsentFactory, MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db

START = date(2026, 10, 1)


def _participant(factory, school, **extra):
    person = PersonFactory(organisation=school)
    for kind in (Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES):
        ConsentFactory(person=person, kind=kind)
    return factory(person=person, **extra)


@pytest.fixture
def teacher_form():
    return MentoringForm.objects.get(name="педагог – педагог", organisation=None)


@pytest.fixture
def traditional():
    return MentoringType.objects.get(code=MentoringType.Code.TRADITIONAL, organisation=None)


def _create(school, mentor, mentees, form, kind, **extra):
    return pair_create(
        academic_year=school.academic_years.get(),
        mentor=mentor,
        mentees=mentees,
        form=form,
        mentoring_type=kind,
        start_date=extra.pop("start_date", START),
        end_date=extra.pop("end_date", date(2027, 5, 31)),
        **extra,
    )


def test_builtin_forms_role_models_and_types_are_seeded():
    form = MentoringForm.objects.get(name="ученик – ученик", organisation=None)
    assert RoleModel.objects.filter(form=form, name="равный – равному").exists()
    assert MentoringType.objects.filter(organisation=None).count() == 7


def test_group_of_two_is_created_and_mentees_marked_paired(school, teacher_form, traditional):
    mentor = _participant(MentorEntryFactory, school, capacity=2)
    mentees = [_participant(MenteeEntryFactory, school) for _ in range(2)]
    role = RoleModel.objects.get(name="опытный педагог – молодой специалист")

    pair = _create(school, mentor, mentees, teacher_form, traditional, role_model=role)

    assert pair.status == MentoringPair.Status.DRAFT
    assert set(pair.mentees.all()) == set(mentees)
    assert {m.status for m in MenteeEntry.objects.all()} == {MenteeEntry.Status.PAIRED}
    assert mentor_free_places(mentor) == 0


def test_missing_agreement_to_mentoring_duties_blocks_the_pair(school, teacher_form, traditional):
    mentor = _participant(MentorEntryFactory, school)
    person = PersonFactory(organisation=school)
    ConsentFactory(person=person, kind=Consent.Kind.PROCESSING)
    mentee = MenteeEntryFactory(person=person)
    with pytest.raises(ValidationError, match="согласие на участие в наставничестве"):
        _create(school, mentor, [mentee], teacher_form, traditional)
    assert not MentoringPair.objects.exists()


@pytest.mark.parametrize(
    "end_date", [date(2026, 12, 31), date(2027, 10, 2)], ids=["under-3-months", "over-a-year"]
)
def test_programme_lasts_3_to_12_months(school, teacher_form, traditional, end_date):
    mentor = _participant(MentorEntryFactory, school)
    mentee = _participant(MenteeEntryFactory, school)
    with pytest.raises(ValidationError, match="от 3 месяцев до 1 года"):
        _create(school, mentor, [mentee], teacher_form, traditional, end_date=end_date)


def test_mentor_capacity_and_busy_mentees_are_respected(school, teacher_form, traditional):
    mentor = _participant(MentorEntryFactory, school, capacity=1)
    other_mentor = _participant(MentorEntryFactory, school)
    first, second = (_participant(MenteeEntryFactory, school) for _ in range(2))
    _create(school, mentor, [first], teacher_form, traditional)
    with pytest.raises(ValidationError, match="не хватает мест"):
        _create(school, mentor, [second], teacher_form, traditional)
    with pytest.raises(ValidationError, match="Уже в паре"):
        _create(school, other_mentor, [first], teacher_form, traditional)


def test_role_model_must_belong_to_the_form(school, teacher_form, traditional):
    mentor = _participant(MentorEntryFactory, school)
    mentee = _participant(MenteeEntryFactory, school)
    students_role = RoleModel.objects.get(name="лидер – пассивный")
    with pytest.raises(ValidationError, match="Ролевая модель"):
        _create(school, mentor, [mentee], teacher_form, traditional, role_model=students_role)


def test_dissolving_needs_a_reason_and_frees_the_mentees(school, teacher_form, traditional):
    mentor = _participant(MentorEntryFactory, school)
    mentee = _participant(MenteeEntryFactory, school)
    pair = _create(school, mentor, [mentee], teacher_form, traditional)
    with pytest.raises(ValidationError):
        pair_dissolve(pair=pair, reason=" ")
    pair_dissolve(pair=pair, reason="Наставник уволился")
    mentee.refresh_from_db()
    assert pair.status == MentoringPair.Status.DISSOLVED
    assert mentee.status == MenteeEntry.Status.IN_BANK
    assert mentor_free_places(mentor) == mentor.capacity


def test_withdrawn_consent_flags_the_pair_on_the_curator_dashboard(
    client, curator, school, teacher_form, traditional
):
    mentor = _participant(MentorEntryFactory, school)
    mentee = _participant(MenteeEntryFactory, school)
    _create(school, mentor, [mentee], teacher_form, traditional)
    client.force_login(curator)
    assert "отозвал согласие" not in client.get(reverse("home")).content.decode()

    processing = mentee.person.consents.get(kind=Consent.Kind.PROCESSING)
    consent_withdraw(consent=processing, withdrawn_on=timezone.localdate())

    content = client.get(reverse("home")).content.decode()
    assert "Участник пары отозвал согласие" in content
    assert mentor.person.full_name in content
