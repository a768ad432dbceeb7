"""The curator's matching page: suggestions with reasons, pins, rejections and accepting a pair."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import (
    Consent,
    MatchDecision,
    MenteeEntry,
    MentoringPair,
    MentoringType,
    Person,
)
from tests.mentoring.bank_factories import (
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    TagFactory,
)
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _participant(
    factory,
    school,
    consents=(Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES),
    person_kind=Person.Kind.TEACHER,
    **extra,
):
    person = PersonFactory(organisation=school, kind=person_kind)
    for kind in consents:
        ConsentFactory(person=person, kind=kind)
    return factory(person=person, **extra)


@pytest.fixture
def banks(school):
    """One mentee asking for help with discipline; a mentor who has that competence and one who
    does not."""
    discipline = TagFactory(organisation=school, name="Дисциплина на уроке")
    mentee = _participant(MenteeEntryFactory, school)
    mentee.requests.add(discipline)
    best = _participant(MentorEntryFactory, school, capacity=1)
    best.competences.add(discipline)
    other = _participant(MentorEntryFactory, school, capacity=1)
    return {"mentee": mentee, "best": best, "other": other}


def _page(client, school):
    return client.get(reverse("matching", args=[school.pk]))


def _decide(client, school, action, mentee, mentor=None):
    data = {"action": action, "mentee": mentee.pk}
    if mentor is not None:
        data["mentor"] = mentor.pk
    return client.post(reverse("matching_decide", args=[school.pk]), data, follow=True)


def _suggested(response) -> dict[int, int]:
    return {s["mentee"].pk: s["mentor"].pk for s in response.context["suggestions"]}


def test_page_suggests_the_best_mentor_and_explains_why(client, curator, school, banks):
    client.force_login(curator)
    response = _page(client, school)
    assert response.status_code == 200
    assert _suggested(response) == {banks["mentee"].pk: banks["best"].pk}
    suggestion = response.context["suggestions"][0]
    assert dict(suggestion["parts"])["запросы ↔ компетенции"] == 3.0
    assert suggestion["runners_up"][0][0] == banks["other"]
    content = response.content.decode()
    assert "запросы ↔ компетенции" in content
    assert banks["other"].person.full_name in content
    assert "Выбрать" in content


def test_pinned_runner_up_stays_fixed_on_reload(client, curator, school, banks):
    client.force_login(curator)
    response = _decide(client, school, "pin", banks["mentee"], banks["other"])
    assert "Пара закреплена" in response.content.decode()
    response = _page(client, school)
    assert _suggested(response) == {banks["mentee"].pk: banks["other"].pk}
    assert response.context["suggestions"][0]["pinned"]
    assert "закреплена" in response.content.decode()


def test_new_pin_replaces_the_old_one(client, curator, school, banks):
    client.force_login(curator)
    _decide(client, school, "pin", banks["mentee"], banks["other"])
    _decide(client, school, "pin", banks["mentee"], banks["best"])
    assert list(MatchDecision.objects.values_list("mentor_id", flat=True)) == [banks["best"].pk]


def test_unpin_lets_the_matching_choose_again(client, curator, school, banks):
    client.force_login(curator)
    _decide(client, school, "pin", banks["mentee"], banks["other"])
    _decide(client, school, "unpin", banks["mentee"], banks["other"])
    assert _suggested(_page(client, school)) == {banks["mentee"].pk: banks["best"].pk}


def test_rejected_pair_is_not_suggested_again(client, curator, school, banks):
    client.force_login(curator)
    _decide(client, school, "reject", banks["mentee"], banks["best"])
    response = _page(client, school)
    assert _suggested(response) == {banks["mentee"].pk: banks["other"].pk}
    assert response.context["rejected"] == [(banks["mentee"], banks["best"])]
    _decide(client, school, "unreject", banks["mentee"], banks["best"])
    assert _suggested(_page(client, school)) == {banks["mentee"].pk: banks["best"].pk}


def test_accept_creates_a_draft_pair_and_the_mentee_leaves_the_suggestions(
    client, curator, school, banks
):
    client.force_login(curator)
    response = _decide(client, school, "accept", banks["mentee"], banks["best"])
    assert "Создан черновик пары" in response.content.decode()
    pair = MentoringPair.objects.get()
    assert pair.status == MentoringPair.Status.DRAFT
    assert pair.mentor == banks["best"]
    assert list(pair.mentees.all()) == [banks["mentee"]]
    assert pair.form.name == "педагог – педагог"
    assert pair.mentoring_type.code == MentoringType.Code.TRADITIONAL
    year = school.academic_years.get()
    assert pair.start_date < pair.end_date <= year.end_date
    assert _page(client, school).context["banks_empty"]


def test_accepted_pair_counts_towards_the_mentor_load(client, curator, school, banks):
    second = _participant(MenteeEntryFactory, school)
    client.force_login(curator)
    _decide(client, school, "accept", banks["mentee"], banks["best"])
    # The best mentor had one place; the second mentee can only get the other one.
    assert _suggested(_page(client, school)) == {second.pk: banks["other"].pk}


def test_student_mentee_with_a_teacher_gets_the_teacher_student_form(client, curator, school):
    mentee = _participant(
        MenteeEntryFactory,
        school,
        person_kind=Person.Kind.STUDENT,
        categories=[MenteeEntry.Category.LOW_RESULTS],
    )
    mentor = _participant(MentorEntryFactory, school)
    client.force_login(curator)
    _decide(client, school, "accept", mentee, mentor)
    assert MentoringPair.objects.get().form.name == "учитель – ученик"


def test_accept_without_mentoring_duties_consent_shows_the_error(client, curator, school, banks):
    mentee = _participant(MenteeEntryFactory, school, consents=[Consent.Kind.PROCESSING])
    client.force_login(curator)
    response = _decide(client, school, "accept", mentee, banks["best"])
    content = response.content.decode()
    assert (
        f"{mentee.person.full_name} (наставляемый): нужно согласие на участие в наставничестве"
        in content
    )
    assert not MentoringPair.objects.exists()
    mentee.refresh_from_db()
    assert mentee.status == MenteeEntry.Status.IN_BANK


def test_unmatched_mentee_gets_a_reason_and_can_be_marked_for_support(
    client, curator, school, banks
):
    # A single mentor: the second mentee is left without one.
    banks["other"].delete()
    lonely = _participant(MenteeEntryFactory, school)
    MatchDecision.objects.create(
        academic_year=lonely.academic_year,
        mentee=lonely,
        mentor=banks["best"],
        kind=MatchDecision.Kind.REJECTED,
    )
    client.force_login(curator)
    response = _page(client, school)
    assert response.context["unmatched"] == [(lonely, "нет допустимых наставников: пара отклонена")]
    assert "Нужна поддержка психолога" in response.content.decode()

    _decide(client, school, "support", lonely)
    lonely.refresh_from_db()
    assert lonely.needs_support
    _decide(client, school, "unsupport", lonely)
    lonely.refresh_from_db()
    assert not lonely.needs_support


def test_empty_banks_point_to_the_bank_pages(client, curator, school):
    client.force_login(curator)
    response = _page(client, school)
    assert response.context["banks_empty"]
    assert reverse("mentee_list", args=[school.pk]) in response.content.decode()
    assert reverse("mentor_list", args=[school.pk]) in response.content.decode()


def test_query_count_does_not_grow_with_the_banks(client, curator, school, banks):
    client.force_login(curator)
    _page(client, school)  # warm-up: session, content types, seeded forms
    with CaptureQueriesContext(connection) as small:
        _page(client, school)
    for _ in range(5):
        entry = _participant(MenteeEntryFactory, school)
        entry.requests.add(TagFactory(organisation=school))
        _participant(MentorEntryFactory, school).competences.add(TagFactory(organisation=school))
    with CaptureQueriesContext(connection) as large:
        response = _page(client, school)
    assert len(response.context["suggestions"]) == 6
    assert len(large) == len(small)


@pytest.mark.parametrize(
    ("role", "status"),
    [("curator", 200), ("psychologist", 403), ("teacher", 403), ("outsider", 404)],
)
def test_page_access_by_role(client, request, school, role, status):
    client.force_login(request.getfixturevalue(role))
    assert _page(client, school).status_code == status


def test_decide_refuses_get(client, curator, school):
    client.force_login(curator)
    assert client.get(reverse("matching_decide", args=[school.pk])).status_code == 405


def test_decide_on_another_schools_entry_is_404(client, curator, school, other_school, banks):
    foreign = MentorEntryFactory(person=PersonFactory(organisation=other_school))
    client.force_login(curator)
    response = client.post(
        reverse("matching_decide", args=[school.pk]),
        {"action": "pin", "mentee": banks["mentee"].pk, "mentor": foreign.pk},
    )
    assert response.status_code == 404
    assert not MatchDecision.objects.exists()


def test_psychologist_may_not_decide(client, psychologist, school, banks):
    client.force_login(psychologist)
    response = client.post(
        reverse("matching_decide", args=[school.pk]),
        {"action": "pin", "mentee": banks["mentee"].pk, "mentor": banks["best"].pk},
    )
    assert response.status_code == 403


def test_accept_all_turns_every_suggestion_into_a_draft(client, curator, school, banks):
    second = _participant(MenteeEntryFactory, school)
    client.force_login(curator)
    page = _page(client, school)
    suggested = _suggested(page)

    response = client.post(reverse("matching_accept_all", args=[school.pk]), follow=True)

    assert "Принять все 2 предложения" in page.content.decode()
    assert "Создано 2 черновика пар" in response.content.decode()
    created = {
        pair.mentees.get().pk: pair.mentor_id
        for pair in MentoringPair.objects.filter(status=MentoringPair.Status.DRAFT)
    }
    assert created == suggested
    assert set(created) == {banks["mentee"].pk, second.pk}
    assert response.context["banks_empty"]


def test_accept_all_with_nothing_to_accept_says_so(client, curator, school):
    client.force_login(curator)

    response = client.post(reverse("matching_accept_all", args=[school.pk]), follow=True)

    assert "Принимать нечего" in response.content.decode()
    assert not MentoringPair.objects.exists()


def test_psychologist_may_not_accept_all(client, psychologist, school, banks):
    client.force_login(psychologist)

    response = client.post(reverse("matching_accept_all", args=[school.pk]))

    assert response.status_code == 403
    assert not MentoringPair.objects.exists()
