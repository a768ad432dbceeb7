"""The curator's pages for pairs and groups: list, manual creation, detail and dissolution."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import (
    Consent,
    MenteeEntry,
    MentoringForm,
    MentoringPair,
    RoleModel,
)
from tests.mentoring.bank_factories import ConsentFactory, MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db

START = date(2026, 10, 1)
END = date(2027, 5, 31)


def _participant(
    factory, school, *, kinds=(Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES), **extra
):
    person = PersonFactory(organisation=school)
    for kind in kinds:
        ConsentFactory(person=person, kind=kind)
    return factory(person=person, **extra)


def _pair(school, teacher_form, traditional, *, mentees=1, status=MentoringPair.Status.DRAFT):
    mentor = _participant(MentorEntryFactory, school, capacity=3)
    pair = MentoringPair.objects.create(
        organisation=school,
        academic_year=school.academic_years.get(),
        mentor=mentor,
        form=teacher_form,
        mentoring_type=traditional,
        start_date=START,
        end_date=END,
        status=status,
    )
    entries = [
        _participant(MenteeEntryFactory, school, status=MenteeEntry.Status.PAIRED)
        for _ in range(mentees)
    ]
    pair.mentees.set(entries)
    return pair


def _form_data(mentor, mentees, form, kind, **extra) -> dict:
    return {
        "mentor": mentor.pk,
        "co_mentor": "",
        "mentees": [m.pk for m in mentees],
        "form": form.pk,
        "role_model": "",
        "mentoring_type": kind.pk,
        "start_date": START.isoformat(),
        "months": 8,
        **extra,
    }


# Creation.


def test_curator_creates_a_pair_through_the_page(
    client, curator, school, teacher_form, traditional
):
    mentor = _participant(MentorEntryFactory, school)
    mentee = _participant(MenteeEntryFactory, school)
    role = RoleModel.objects.get(form=teacher_form, name="опытный педагог – молодой специалист")
    client.force_login(curator)

    response = client.post(
        reverse("pair_create", args=[school.pk]),
        _form_data(mentor, [mentee], teacher_form, traditional, role_model=role.pk),
    )

    pair = MentoringPair.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("pair_detail", args=[pair.pk])
    assert list(pair.mentees.all()) == [mentee]
    assert pair.role_model == role
    mentee.refresh_from_db()
    assert mentee.status == MenteeEntry.Status.PAIRED


def test_group_of_two_with_a_co_mentor_is_created(
    client, curator, school, teacher_form, traditional
):
    mentor = _participant(MentorEntryFactory, school, capacity=2)
    co_mentor = _participant(MentorEntryFactory, school)
    mentees = [_participant(MenteeEntryFactory, school) for _ in range(2)]
    client.force_login(curator)

    response = client.post(
        reverse("pair_create", args=[school.pk]),
        _form_data(mentor, mentees, teacher_form, traditional, co_mentor=co_mentor.pk),
    )

    assert response.status_code == 302
    pair = MentoringPair.objects.get()
    assert set(pair.mentees.all()) == set(mentees)
    assert pair.co_mentor == co_mentor


def test_create_form_offers_only_free_mentors_and_unpaired_mentees(
    client, curator, school, teacher_form, traditional
):
    pair = _pair(school, teacher_form, traditional, mentees=1)
    pair.mentor.capacity = 1
    pair.mentor.save(update_fields=["capacity"])
    free = _participant(MentorEntryFactory, school)
    waiting = _participant(MenteeEntryFactory, school)
    client.force_login(curator)

    form = client.get(reverse("pair_create", args=[school.pk])).context["form"]

    assert list(form.fields["mentor"].queryset) == [free]
    assert list(form.fields["mentees"].queryset) == [waiting]
    assert form.fields["months"].initial == 9


def test_missing_mentoring_duties_consent_names_the_person_and_creates_nothing(
    client, curator, school, teacher_form, traditional
):
    mentor = _participant(MentorEntryFactory, school)
    mentee = _participant(MenteeEntryFactory, school, kinds=[Consent.Kind.PROCESSING])
    client.force_login(curator)

    response = client.post(
        reverse("pair_create", args=[school.pk]),
        _form_data(mentor, [mentee], teacher_form, traditional),
    )

    assert response.status_code == 200
    assert not MentoringPair.objects.exists()
    page = response.content.decode()
    assert mentee.person.full_name in page
    assert "согласие на участие в наставничестве" in page
    link = reverse("consent_create", args=[mentee.person.pk]) + "?kind=mentoring_duties"
    assert link in page


def test_mentor_without_enough_places_is_refused(
    client, curator, school, teacher_form, traditional
):
    mentor = _participant(MentorEntryFactory, school, capacity=1)
    mentees = [_participant(MenteeEntryFactory, school) for _ in range(2)]
    client.force_login(curator)

    response = client.post(
        reverse("pair_create", args=[school.pk]),
        _form_data(mentor, mentees, teacher_form, traditional),
    )

    assert response.status_code == 200
    assert "не хватает мест" in response.content.decode()
    assert not MentoringPair.objects.exists()


def test_role_model_of_another_form_is_refused(client, curator, school, teacher_form, traditional):
    mentor = _participant(MentorEntryFactory, school)
    mentee = _participant(MenteeEntryFactory, school)
    alien = RoleModel.objects.exclude(form=teacher_form).first()
    client.force_login(curator)

    response = client.post(
        reverse("pair_create", args=[school.pk]),
        _form_data(mentor, [mentee], teacher_form, traditional, role_model=alien.pk),
    )

    assert response.status_code == 200
    assert "Ролевая модель не относится к выбранной форме" in response.content.decode()
    assert not MentoringPair.objects.exists()


# List.


def test_list_shows_the_years_pairs_with_counts_and_period(
    client, curator, school, teacher_form, traditional
):
    pair = _pair(school, teacher_form, traditional, mentees=2)
    _pair(school, teacher_form, traditional, status=MentoringPair.Status.DISSOLVED)
    client.force_login(curator)

    response = client.get(reverse("pair_list", args=[school.pk]))

    page = response.content.decode()
    assert pair.mentor.person.full_name in page
    assert all(m.person.full_name in page for m in pair.mentees.all())
    assert "01.10.2026 – 31.05.2027" in page
    counts = {value: count for value, _label, count in response.context["counts"]}
    assert counts["draft"] == 1 and counts["dissolved"] == 1


def test_list_filters_by_status_and_form(client, curator, school, teacher_form, traditional):
    draft = _pair(school, teacher_form, traditional)
    dissolved = _pair(school, teacher_form, traditional, status=MentoringPair.Status.DISSOLVED)
    client.force_login(curator)
    url = reverse("pair_list", args=[school.pk])

    by_status = client.get(url, {"status": "dissolved"}).context["pairs"]
    other_form = MentoringForm.objects.exclude(pk=teacher_form.pk).first()
    by_form = client.get(url, {"form": other_form.pk}).context["pairs"]

    assert by_status == [dissolved]
    assert draft not in by_status
    assert by_form == []


def test_empty_list_points_to_matching_and_manual_creation(client, curator, school):
    client.force_login(curator)

    page = client.get(reverse("pair_list", args=[school.pk])).content.decode()

    assert reverse("matching", args=[school.pk]) in page
    assert reverse("pair_create", args=[school.pk]) in page


def test_list_query_count_does_not_grow_with_pairs(
    client, curator, school, teacher_form, traditional
):
    _pair(school, teacher_form, traditional, mentees=2)
    client.force_login(curator)
    url = reverse("pair_list", args=[school.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(3):
        _pair(school, teacher_form, traditional, mentees=2)
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four) == len(one)


# Detail and dissolution.


def test_detail_shows_participants_their_entries_and_consents(
    client, curator, school, teacher_form, traditional
):
    pair = _pair(school, teacher_form, traditional)
    mentee = pair.mentees.get()
    Consent.objects.filter(person=mentee.person, kind=Consent.Kind.MENTORING_DUTIES).delete()
    client.force_login(curator)

    response = client.get(reverse("pair_detail", args=[pair.pk]))

    page = response.content.decode()
    assert reverse("mentor_detail", args=[pair.mentor.pk]) in page
    assert reverse("mentee_detail", args=[mentee.pk]) in page
    assert reverse("consent_create", args=[mentee.person.pk]) + "?kind=mentoring_duties" in page
    # A draft is deleted rather than dissolved.
    assert reverse("pair_delete", args=[pair.pk]) in page
    assert reverse("pair_dissolve", args=[pair.pk]) not in page


def test_dissolved_pair_has_no_dissolve_button(client, curator, school, teacher_form, traditional):
    pair = _pair(school, teacher_form, traditional, status=MentoringPair.Status.DISSOLVED)
    client.force_login(curator)

    page = client.get(reverse("pair_detail", args=[pair.pk])).content.decode()

    assert reverse("pair_dissolve", args=[pair.pk]) not in page


def test_dissolve_with_a_reason_returns_mentees_to_the_bank(
    client, curator, school, teacher_form, traditional
):
    pair = _pair(school, teacher_form, traditional)
    client.force_login(curator)

    response = client.post(
        reverse("pair_dissolve", args=[pair.pk]), {"reason": "Наставник уволился"}
    )

    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.DISSOLVED
    assert pair.dissolved_reason == "Наставник уволился"
    assert pair.mentees.get().status == MenteeEntry.Status.IN_BANK


def test_dissolve_without_a_reason_is_refused(client, curator, school, teacher_form, traditional):
    pair = _pair(school, teacher_form, traditional)
    client.force_login(curator)

    response = client.post(reverse("pair_dissolve", args=[pair.pk]), {"reason": "  "})

    assert response.status_code == 200
    assert "Укажите причину." in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.DRAFT


# Permissions.


def test_psychologist_sees_pairs_but_cannot_create(
    client, psychologist, school, teacher_form, traditional
):
    pair = _pair(school, teacher_form, traditional)
    client.force_login(psychologist)

    assert client.get(reverse("pair_list", args=[school.pk])).status_code == 200
    detail = client.get(reverse("pair_detail", args=[pair.pk]))
    assert detail.status_code == 200
    assert reverse("pair_dissolve", args=[pair.pk]) not in detail.content.decode()
    assert client.get(reverse("pair_create", args=[school.pk])).status_code == 403
    assert client.post(reverse("pair_dissolve", args=[pair.pk]), {"reason": "x"}).status_code == 403


def test_teacher_is_forbidden_and_outsider_sees_nothing(
    client, teacher, outsider, school, teacher_form, traditional
):
    pair = _pair(school, teacher_form, traditional)
    urls = [
        reverse("pair_list", args=[school.pk]),
        reverse("pair_create", args=[school.pk]),
        reverse("pair_detail", args=[pair.pk]),
        reverse("pair_dissolve", args=[pair.pk]),
    ]
    client.force_login(teacher)
    assert [client.get(url).status_code for url in urls] == [403] * 4
    client.force_login(outsider)
    assert [client.get(url).status_code for url in urls] == [404] * 4
    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.DRAFT
