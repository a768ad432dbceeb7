"""Forming pairs and groups: the checks a pair must pass before it exists, and the life an
order gives it."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring.models import (
    Consent,
    Meeting,
    MenteeEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    RoleModel,
)
from mentoring.services.consents import consent_withdraw
from mentoring.services.meetings import meeting_log, meeting_schedule
from mentoring.services.pairs import (
    mentor_free_places,
    pair_create,
    pair_dissolve,
    pair_submit_for_order,
    pairs_activate,
    pairs_return_to_order,
)
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
    role = RoleModel.objects.get(form=teacher_form, name="опытный педагог – молодой специалист")

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
    "end_date", [date(2026, 12, 30), date(2027, 10, 2)], ids=["under-3-months", "over-a-year"]
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


def _awaiting(school, form, kind):
    pair = _create(
        school,
        _participant(MentorEntryFactory, school),
        [_participant(MenteeEntryFactory, school)],
        form,
        kind,
    )
    pair_submit_for_order(pair=pair)
    return pair


def _hold(meeting):
    return meeting_log(
        meeting=meeting, held_on=timezone.localdate(), format=Meeting.Format.ONLINE, topic="Тема"
    )


def test_activation_makes_pairs_active_and_plans_their_meetings(school, teacher_form, traditional):
    pairs = [_awaiting(school, teacher_form, traditional) for _ in range(2)]

    pairs_activate(pairs=pairs)

    for pair in pairs:
        pair.refresh_from_db()
        assert pair.status == MentoringPair.Status.ACTIVE
        planned = list(pair.meetings.values_list("kind", "planned_on"))
        assert planned == meeting_schedule(pair.start_date, pair.end_date)


def test_activating_again_keeps_the_meetings_already_planned(school, teacher_form, traditional):
    pair = _awaiting(school, teacher_form, traditional)
    pairs_activate(pairs=[pair])
    held = _hold(pair.meetings.first())
    before = list(pair.meetings.values_list("pk", "held_on"))

    pairs_activate(pairs=[pair])

    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.ACTIVE
    assert list(pair.meetings.values_list("pk", "held_on")) == before
    assert pair.meetings.get(pk=held.pk).held_on == timezone.localdate()


def test_returning_to_order_drops_only_the_meetings_not_held(school, teacher_form, traditional):
    pair = _awaiting(school, teacher_form, traditional)
    pairs_activate(pairs=[pair])
    held = _hold(pair.meetings.first())

    pairs_return_to_order(pairs=[pair])

    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.AWAITING_ORDER
    assert list(pair.meetings.all()) == [held]


def test_returning_to_order_leaves_pairs_no_longer_active(school, teacher_form, traditional):
    active, dissolved = (_awaiting(school, teacher_form, traditional) for _ in range(2))
    pairs_activate(pairs=[active, dissolved])
    pair_dissolve(pair=dissolved, reason="Наставник уволился")
    planned = dissolved.meetings.count()

    pairs_return_to_order(pairs=MentoringPair.objects.filter(pk__in=[active.pk, dissolved.pk]))
    pairs_return_to_order(pairs=MentoringPair.objects.filter(pk__in=[active.pk, dissolved.pk]))

    active.refresh_from_db()
    dissolved.refresh_from_db()
    assert active.status == MentoringPair.Status.AWAITING_ORDER
    assert not active.meetings.exists()
    assert dissolved.status == MentoringPair.Status.DISSOLVED
    assert dissolved.meetings.count() == planned


def test_activation_and_return_are_audited(school, teacher_form, traditional):
    pair = _awaiting(school, teacher_form, traditional)
    pairs_activate(pairs=[pair])
    meeting = pair.meetings.first()

    pairs_return_to_order(pairs=[pair])

    changes = [
        entry.changes_dict["status"]
        for entry in LogEntry.objects.get_for_object(pair).filter(action=LogEntry.Action.UPDATE)
        if "status" in entry.changes_dict
    ]
    assert ["awaiting_order", "active"] in changes
    assert ["active", "awaiting_order"] in changes
    deleted = LogEntry.objects.get_for_object(meeting).filter(action=LogEntry.Action.DELETE)
    assert deleted.exists()
