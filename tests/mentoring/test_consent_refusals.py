"""Where matching or a pair refuses a person, the message names the person and the exact consent
they have not given, and the pages link to the form that records it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Consent, MentoringForm, MentoringPair, MentoringType, Person
from mentoring.services.consents import consents_missing
from mentoring.services.pairs import pair_create
from tests.mentoring.bank_factories import ConsentFactory, MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db

BOTH = (Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES)
PROCESSING = "согласие на обработку персональных данных"
DUTIES = "согласие на участие в наставничестве"
PARENT_PROCESSING = "согласие родителя (законного представителя) на обработку персональных данных"
PARENT_DUTIES = "согласие родителя (законного представителя) на участие в наставничестве"


def _person(school, consents=BOTH, *, minor=False, by_parent=False, **extra) -> Person:
    if minor:
        today = timezone.localdate()
        extra |= {
            "kind": Person.Kind.STUDENT,
            "birth_date": date(today.year - 15, 1, 1),
            "grade": 9,
            "teaching_since": None,
        }
    person = PersonFactory(organisation=school, **extra)
    representative = {"representative_name": "Смирнова Ольга Ивановна"} if by_parent else {}
    for kind in consents:
        ConsentFactory(person=person, kind=kind, **representative)
    return person


def _mentor(school, consents=BOTH, **extra):
    return MentorEntryFactory(person=_person(school, consents, **extra), capacity=3)


def _mentee(school, consents=BOTH, **extra):
    return MenteeEntryFactory(person=_person(school, consents, **extra))


def _create(school, mentor, mentee, form="педагог – педагог"):
    start = timezone.localdate()
    return pair_create(
        academic_year=school.academic_years.get(),
        mentor=mentor,
        mentees=[mentee],
        form=MentoringForm.objects.get(name=form, organisation=None),
        mentoring_type=MentoringType.objects.get(code="traditional", organisation=None),
        start_date=start,
        end_date=start + timedelta(days=180),
    )


@pytest.mark.parametrize(
    ("consents", "minor", "by_parent", "expected"),
    [
        ((Consent.Kind.MENTORING_DUTIES,), False, False, [PROCESSING]),
        ((Consent.Kind.PROCESSING,), False, False, [DUTIES]),
        ((), False, False, [PROCESSING, DUTIES]),
        ((), True, False, [PARENT_PROCESSING, PARENT_DUTIES]),
        # Signed by the pupil alone: a minor's consent counts only when a parent signed it.
        (BOTH, True, False, [PARENT_PROCESSING, PARENT_DUTIES]),
        (BOTH, True, True, []),
        (BOTH, False, False, []),
    ],
    ids=[
        "processing",
        "duties",
        "both",
        "minor-none",
        "minor-signed-alone",
        "minor-by-parent",
        "adult-complete",
    ],
)
def test_each_missing_consent_is_named(school, consents, minor, by_parent, expected):
    person = _person(school, consents, minor=minor, by_parent=by_parent)
    assert [m.label for m in consents_missing(person)] == expected


def test_a_withdrawn_or_expired_consent_is_missing(school):
    person = _person(school)
    person.consents.filter(kind=Consent.Kind.MENTORING_DUTIES).update(
        expires_on=timezone.localdate()
    )
    assert [m.kind for m in consents_missing(person)] == [Consent.Kind.MENTORING_DUTIES]


@pytest.mark.parametrize(
    ("who", "consents", "expected"),
    [
        ("mentor", (Consent.Kind.PROCESSING,), f"(наставник): нужно {DUTIES}"),
        ("mentor", (Consent.Kind.MENTORING_DUTIES,), f"(наставник): нужно {PROCESSING}"),
        ("mentee", (Consent.Kind.PROCESSING,), f"(наставляемый): нужно {DUTIES}"),
        ("mentee", (), f"(наставляемый): нужно {PROCESSING} и {DUTIES}"),
    ],
)
def test_pair_create_refuses_naming_the_person_role_and_consent(school, who, consents, expected):
    mentor = _mentor(school, consents if who == "mentor" else BOTH)
    mentee = _mentee(school, consents if who == "mentee" else BOTH)
    lacking = (mentor if who == "mentor" else mentee).person

    with pytest.raises(ValidationError) as refusal:
        _create(school, mentor, mentee)

    message = refusal.value.messages[0]
    assert f"{lacking.full_name} {expected}" in message
    assert "Отметьте подписанные согласия в карточках участников" in message
    assert refusal.value.code == "missing_consents"
    assert not MentoringPair.objects.exists()


def test_a_minor_without_a_parents_consent_is_refused(school):
    mentor = _mentor(school)
    pupil = MenteeEntryFactory(person=_person(school, BOTH, minor=True))

    with pytest.raises(ValidationError) as refusal:
        _create(school, mentor, pupil, form="учитель – ученик")

    assert (
        f"{pupil.person.full_name} (наставляемый): нужно {PARENT_PROCESSING} и {PARENT_DUTIES}"
        in refusal.value.messages[0]
    )


def test_a_minor_with_a_parents_consent_is_paired(school):
    pupil = MenteeEntryFactory(person=_person(school, BOTH, minor=True, by_parent=True))
    pair = _create(school, _mentor(school), pupil, form="учитель – ученик")
    assert list(pair.mentees.all()) == [pupil]


def _consent_link(person, kind) -> str:
    return reverse("consent_create", args=[person.pk]) + f"?kind={kind}"


def test_matching_page_lists_who_does_not_take_part_with_links(client, curator, school):
    mentor = _mentor(school)
    ready = _mentee(school)
    no_duties = _mentee(school, (Consent.Kind.PROCESSING,))
    pupil = MenteeEntryFactory(person=_person(school, (), minor=True))
    idle_mentor = _mentor(school, (Consent.Kind.MENTORING_DUTIES,))
    client.force_login(curator)

    response = client.get(reverse("matching", args=[school.pk]))

    suggested = {(s["mentee"].pk, s["mentor"].pk) for s in response.context["suggestions"]}
    assert suggested == {(ready.pk, mentor.pk)}
    content = response.content.decode()
    assert "Не участвуют в подборе" in content
    left_out = {
        row.entry.person: [m.label for m in row.missing] for row in response.context["left_out"]
    }
    assert left_out == {
        no_duties.person: [DUTIES],
        pupil.person: [PARENT_PROCESSING, PARENT_DUTIES],
        idle_mentor.person: [PROCESSING],
    }
    assert f'{_consent_link(no_duties.person, "mentoring_duties")}">{DUTIES}</a>' in content
    assert f'{_consent_link(pupil.person, "processing")}">{PARENT_PROCESSING}</a>' in content
    assert f'{_consent_link(idle_mentor.person, "processing")}">{PROCESSING}</a>' in content
    assert f"{idle_mentor.person.full_name}</a> (наставник)" in content


def test_matching_page_shows_the_block_when_nobody_can_be_matched(client, curator, school):
    _mentor(school)
    lonely = _mentee(school, ())
    client.force_login(curator)
    response = client.get(reverse("matching", args=[school.pk]))
    assert response.context["banks_empty"]
    assert _consent_link(lonely.person, "processing") in response.content.decode()


def test_pair_form_refusal_links_each_missing_consent(client, curator, school):
    mentor = _mentor(school)
    pupil = MenteeEntryFactory(person=_person(school, (), minor=True))
    start = timezone.localdate()
    client.force_login(curator)

    response = client.post(
        reverse("pair_create", args=[school.pk]),
        {
            "mentor": mentor.pk,
            "mentees": [pupil.pk],
            "form": MentoringForm.objects.get(name="учитель – ученик", organisation=None).pk,
            "mentoring_type": MentoringType.objects.get(code="traditional", organisation=None).pk,
            "start_date": start.strftime("%d.%m.%Y"),
            "months": 6,
            "end_in_summer": "on",
        },
    )

    content = response.content.decode()
    assert f"{pupil.person.full_name} (наставляемый): нужно {PARENT_PROCESSING}" in content
    assert _consent_link(pupil.person, "processing") in content
    assert _consent_link(pupil.person, "mentoring_duties") in content
    assert not MentoringPair.objects.exists()
