"""Changing a pair before an order activates it: editing, sending to the order, and back."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Consent, MentoringPair
from mentoring.services.consents import consent_withdraw
from tests.mentoring.bank_factories import MenteeEntryFactory
from tests.mentoring.test_pairs import _form_data, _pair, _participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(school, teacher_form, traditional):
    return _pair(school, teacher_form, traditional, mentees=2)


def test_edit_form_shows_the_pair_as_it_is(client, curator, pair):
    client.force_login(curator)

    response = client.get(reverse("pair_edit", args=[pair.pk]))

    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial["mentor"] == pair.mentor_id
    assert set(form.initial["mentees"]) == {m.pk for m in pair.mentees.all()}
    # The pair's own mentees are offered although they are no longer in the bank.
    assert set(pair.mentees.all()) <= set(form.fields["mentees"].queryset)
    assert "Сохранить" in response.content.decode()


def test_edit_swaps_a_mentee_and_moves_the_dates(
    client, curator, school, pair, teacher_form, traditional
):
    kept, dropped = pair.mentees.order_by("pk")
    newcomer = _participant(MenteeEntryFactory, school)
    client.force_login(curator)

    response = client.post(
        reverse("pair_edit", args=[pair.pk]),
        _form_data(
            pair.mentor,
            [kept, newcomer],
            teacher_form,
            traditional,
            start_date="2026-11-01",
            months=8,
            end_in_summer="on",
        ),
    )

    assert response.status_code == 302
    pair.refresh_from_db()
    assert set(pair.mentees.all()) == {kept, newcomer}
    assert str(pair.start_date) == "2026-11-01"
    for entry, status in ((dropped, "in_bank"), (newcomer, "paired"), (kept, "paired")):
        entry.refresh_from_db()
        assert entry.status == status


def test_mentor_at_capacity_with_this_pair_can_still_save_it(
    client, curator, school, teacher_form, traditional
):
    pair = _pair(school, teacher_form, traditional, mentees=1)
    pair.mentor.capacity = 1
    pair.mentor.save()
    client.force_login(curator)

    response = client.post(
        reverse("pair_edit", args=[pair.pk]),
        _form_data(pair.mentor, list(pair.mentees.all()), teacher_form, traditional),
    )

    assert response.status_code == 302


def test_edit_refuses_a_mentee_held_by_another_pair(
    client, curator, school, pair, teacher_form, traditional
):
    other = _pair(school, teacher_form, traditional, mentees=1)
    taken = other.mentees.get()
    client.force_login(curator)

    response = client.post(
        reverse("pair_edit", args=[pair.pk]),
        _form_data(pair.mentor, [*pair.mentees.all(), taken], teacher_form, traditional),
    )

    assert response.status_code == 200
    assert taken not in pair.mentees.all()


def test_active_pair_is_not_edited(client, curator, school, teacher_form, traditional):
    pair = _pair(school, teacher_form, traditional, status=MentoringPair.Status.ACTIVE)
    client.force_login(curator)

    page = client.get(reverse("pair_detail", args=[pair.pk])).content.decode()
    response = client.get(reverse("pair_edit", args=[pair.pk]), follow=True)

    assert reverse("pair_edit", args=[pair.pk]) not in page
    assert "меняются новым приказом" in response.content.decode()


def test_edit_is_audited(client, curator, school, pair, teacher_form, traditional):
    client.force_login(curator)
    client.post(
        reverse("pair_edit", args=[pair.pk]),
        _form_data(pair.mentor, list(pair.mentees.all()), teacher_form, traditional, months=4),
    )

    entry = LogEntry.objects.get_for_object(pair).latest("timestamp")
    assert entry.actor == curator
    assert "end_date" in entry.changes_dict


def test_draft_goes_to_the_order_and_back(client, curator, pair):
    client.force_login(curator)
    url = reverse("pair_status", args=[pair.pk])

    client.post(url, {"status": "awaiting_order"})
    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.AWAITING_ORDER
    page = client.get(reverse("pair_detail", args=[pair.pk])).content.decode()
    assert "Вернуть в черновики" in page
    assert reverse("pair_edit", args=[pair.pk]) in page

    client.post(url, {"status": "draft"})
    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.DRAFT


def test_withdrawn_consent_keeps_the_draft_out_of_the_order(client, curator, pair):
    mentee = pair.mentees.first()
    consent = mentee.person.consents.get(kind=Consent.Kind.MENTORING_DUTIES)
    consent_withdraw(consent=consent, withdrawn_on=timezone.localdate())
    client.force_login(curator)

    response = client.post(
        reverse("pair_status", args=[pair.pk]), {"status": "awaiting_order"}, follow=True
    )

    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.DRAFT
    assert mentee.person.full_name in response.content.decode()


def test_status_cannot_be_set_to_active_by_hand(client, curator, pair):
    client.force_login(curator)

    client.post(reverse("pair_status", args=[pair.pk]), {"status": "active"})

    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.DRAFT


def test_psychologist_cannot_edit(client, psychologist, pair):
    client.force_login(psychologist)

    assert client.get(reverse("pair_edit", args=[pair.pk])).status_code == 403
    response = client.post(reverse("pair_status", args=[pair.pk]), {"status": "awaiting_order"})
    assert response.status_code == 403


def test_deleting_a_draft_returns_its_mentees_to_the_bank(client, curator, pair):
    mentees = list(pair.mentees.all())
    client.force_login(curator)
    url = reverse("pair_delete", args=[pair.pk])

    confirm = client.get(url)
    response = client.post(url)

    assert "Удалить черновик пары?" in confirm.content.decode()
    assert response.status_code == 302
    assert not MentoringPair.objects.filter(pk=pair.pk).exists()
    for entry in mentees:
        entry.refresh_from_db()
        assert entry.status == "in_bank"


def test_a_pair_sent_to_the_order_is_not_deleted(client, curator, school, pair):
    pair.status = MentoringPair.Status.AWAITING_ORDER
    pair.save()
    client.force_login(curator)

    response = client.post(reverse("pair_delete", args=[pair.pk]), follow=True)

    assert MentoringPair.objects.filter(pk=pair.pk).exists()
    assert "Удалить можно только черновик" in response.content.decode()
