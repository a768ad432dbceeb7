"""Refusals name whom they are about, what is wrong and what to do."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring.models import Consent, MentoringForm, MentoringType, Person, RoleModel
from mentoring.services.banks import mentee_add, mentor_add
from mentoring.services.consents import consent_withdraw
from mentoring.services.pairs import pair_create, pair_submit_for_order
from tests.mentoring.bank_factories import (
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    person_with_consent,
)
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _ready(factory, school, **extra):
    person = PersonFactory(organisation=school)
    for kind in (Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES):
        ConsentFactory(person=person, kind=kind)
    return factory(person=person, **extra)


def _refusal(call) -> str:
    with pytest.raises(ValidationError) as error:
        call()
    return " ".join(error.value.messages)


def _pair(school, mentor, mentees, **extra):
    start = timezone.localdate()
    return pair_create(
        academic_year=school.academic_years.get(),
        mentor=mentor,
        mentees=mentees,
        form=extra.pop(
            "form", MentoringForm.objects.get(name="педагог – педагог", organisation=None)
        ),
        mentoring_type=MentoringType.objects.get(code="traditional", organisation=None),
        start_date=start,
        end_date=start + timedelta(days=180),
        **extra,
    )


def test_an_archived_person_is_named_with_the_way_back(school):
    person = person_with_consent(organisation=school, archived_at=timezone.now())
    message = _refusal(lambda: mentee_add(academic_year=school.academic_years.get(), person=person))
    assert message.startswith(f"{person.full_name} в архиве")
    assert "верните участника из архива" in message


def test_a_pupil_too_young_to_mentor_is_named_with_the_age(school):
    today = timezone.localdate()
    pupil = person_with_consent(
        organisation=school,
        kind=Person.Kind.STUDENT,
        birth_date=date(today.year - 14, 1, 1),
        teaching_since=None,
    )
    message = _refusal(lambda: mentor_add(academic_year=school.academic_years.get(), person=pupil))
    assert f"{pupil.full_name} не может быть наставником" in message
    assert "ученик 15–18 лет" in message


def test_a_full_mentor_says_how_many_places_are_free(school):
    mentor = _ready(MentorEntryFactory, school, capacity=1)
    _pair(school, mentor, [_ready(MenteeEntryFactory, school)])
    message = _refusal(lambda: _pair(school, mentor, [_ready(MenteeEntryFactory, school)]))
    assert f"У наставника {mentor.person.full_name} не хватает мест" in message
    assert "свободно 0" in message


def test_a_role_model_of_another_form_names_both_forms(school):
    pupil_form = MentoringForm.objects.get(name="учитель – ученик", organisation=None)
    foreign = RoleModel.objects.exclude(form=pupil_form).select_related("form").first()
    message = _refusal(
        lambda: _pair(
            school,
            _ready(MentorEntryFactory, school),
            [_ready(MenteeEntryFactory, school)],
            form=pupil_form,
            role_model=foreign,
        )
    )
    assert f"«{foreign.name}» — ролевая модель формы «{foreign.form.name}»" in message
    assert "выбрана форма «учитель – ученик»" in message


def test_submitting_a_pair_twice_names_its_status(school):
    pair = _pair(school, _ready(MentorEntryFactory, school), [_ready(MenteeEntryFactory, school)])
    pair_submit_for_order(pair=pair)
    message = _refusal(lambda: pair_submit_for_order(pair=pair))
    assert "Пара уже в статусе «Ожидает приказа»" in message


def test_withdrawing_twice_names_the_consent_the_person_and_the_date(school):
    consent = ConsentFactory(person=PersonFactory(organisation=school))
    day = timezone.localdate()
    consent_withdraw(consent=consent, withdrawn_on=day)
    message = _refusal(lambda: consent_withdraw(consent=consent, withdrawn_on=day))
    assert consent.person.full_name in message
    assert day.strftime("%d.%m.%Y") in message
