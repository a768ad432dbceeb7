"""Completing a pair's programme: by hand on the pair's page, or by the daily task once its
end date has passed."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Meeting, MenteeEntry, MentoringPair
from mentoring.services.meetings import meetings_plan
from mentoring.services.pairs import pair_complete, pairs_complete_ended
from mentoring.tasks import complete_ended_pairs

pytestmark = pytest.mark.django_db

ACTIVE = MentoringPair.Status.ACTIVE


def _active(make_pair, *, start: date, end: date, mentees=1) -> MentoringPair:
    pair = make_pair(mentees=mentees, status=ACTIVE)
    MentoringPair.objects.filter(pk=pair.pk).update(start_date=start, end_date=end)
    pair.refresh_from_db()
    meetings_plan(pair=pair)
    return pair


def _statuses(pair) -> list[str]:
    return sorted(pair.mentees.values_list("status", flat=True))


def test_completing_frees_the_mentees_as_finished_and_is_audited(make_pair):
    pair = _active(make_pair, start=date(2026, 9, 1), end=date(2027, 5, 31), mentees=2)
    pair.mentees.update(status=MenteeEntry.Status.PAIRED)

    pair_complete(pair=pair, on=date(2027, 5, 31))

    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.COMPLETED
    assert _statuses(pair) == [MenteeEntry.Status.FINISHED] * 2
    changes = [
        entry.changes_dict["status"]
        for entry in LogEntry.objects.get_for_object(pair).filter(action=LogEntry.Action.UPDATE)
        if "status" in entry.changes_dict
    ]
    assert ["active", "completed"] in changes


def test_early_completion_drops_only_the_meetings_planned_after_it(make_pair):
    pair = _active(make_pair, start=date(2026, 9, 1), end=date(2027, 5, 31))
    on = date(2027, 1, 15)
    due = list(pair.meetings.filter(planned_on__lte=on))
    later = pair.meetings.filter(planned_on__gt=on)
    assert due and later.exists()
    held_later = later.first()
    Meeting.objects.filter(pk=held_later.pk).update(held_on=on)

    pair_complete(pair=pair, on=on)

    # Those due by then stay (held or missed, the monitoring counts them); a meeting planned
    # later but already held stays too; the rest will never take place.
    assert set(pair.meetings.all()) == {*due, held_later}


@pytest.mark.parametrize(
    "status",
    [
        MentoringPair.Status.DRAFT,
        MentoringPair.Status.AWAITING_ORDER,
        MentoringPair.Status.COMPLETED,
        MentoringPair.Status.DISSOLVED,
    ],
)
def test_only_an_active_pair_is_completed(make_pair, status):
    pair = make_pair(status=status)
    with pytest.raises(ValidationError, match="только у действующей"):
        pair_complete(pair=pair, on=pair.end_date)
    pair.refresh_from_db()
    assert pair.status == status
    assert _statuses(pair) == [MenteeEntry.Status.PAIRED]


def test_a_programme_does_not_end_before_it_starts(make_pair):
    pair = _active(make_pair, start=date(2026, 9, 1), end=date(2027, 5, 31))
    with pytest.raises(ValidationError, match="раньше начала"):
        pair_complete(pair=pair, on=date(2026, 8, 31))
    pair.refresh_from_db()
    assert pair.status == ACTIVE


def test_a_mentee_no_longer_paired_keeps_his_status(make_pair):
    pair = _active(make_pair, start=date(2026, 9, 1), end=date(2027, 5, 31), mentees=2)
    gone = pair.mentees.first()
    MenteeEntry.objects.filter(pk=gone.pk).update(status=MenteeEntry.Status.WITHDRAWN)
    pair_complete(pair=pair, on=date(2027, 5, 31))
    assert _statuses(pair) == [MenteeEntry.Status.FINISHED, MenteeEntry.Status.WITHDRAWN]


# The daily task


def test_task_completes_only_the_pairs_whose_end_date_has_passed(make_pair):
    today = timezone.localdate()
    start = today - timedelta(days=200)
    ended = _active(make_pair, start=start, end=today - timedelta(days=1))
    ends_today = _active(make_pair, start=start, end=today)
    running = _active(make_pair, start=start, end=today + timedelta(days=30))
    waiting = make_pair(status=MentoringPair.Status.AWAITING_ORDER)
    MentoringPair.objects.filter(pk=waiting.pk).update(end_date=today - timedelta(days=1))
    planned = ended.meetings.count()

    assert complete_ended_pairs() == 1
    assert complete_ended_pairs() == 0

    statuses = dict(MentoringPair.objects.values_list("pk", "status"))
    assert statuses == {
        ended.pk: MentoringPair.Status.COMPLETED,
        ends_today.pk: ACTIVE,
        running.pk: ACTIVE,
        waiting.pk: MentoringPair.Status.AWAITING_ORDER,
    }
    assert _statuses(ended) == [MenteeEntry.Status.FINISHED]
    # Completed on its end date: every planned meeting was due, none is dropped.
    assert ended.meetings.count() == planned > 0


def test_task_on_a_given_day(make_pair):
    pair = _active(make_pair, start=date(2026, 9, 1), end=date(2027, 5, 31))
    planned = pair.meetings.count()
    assert pairs_complete_ended(on=date(2027, 5, 31)) == 0
    assert pairs_complete_ended(on=date(2027, 6, 1)) == 1
    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.COMPLETED
    assert pair.meetings.count() == planned


def test_task_is_in_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "mentoring.tasks.complete_ended_pairs" in tasks


# The page


def _url(pair) -> str:
    return reverse("pair_complete", args=[pair.pk])


@pytest.mark.parametrize(
    ("role", "shown"),
    [("curator", True), ("director", True), ("psychologist", False)],
)
def test_button_for_those_who_may_change_an_active_pair(client, request, make_pair, role, shown):
    today = timezone.localdate()
    pair = _active(make_pair, start=today - timedelta(days=30), end=today + timedelta(days=90))
    client.force_login(request.getfixturevalue(role))
    content = client.get(reverse("pair_detail", args=[pair.pk])).content.decode()
    assert (_url(pair) in content) is shown


def test_no_button_on_a_pair_not_active(client, curator, make_pair):
    pair = make_pair()
    client.force_login(curator)
    content = client.get(reverse("pair_detail", args=[pair.pk])).content.decode()
    assert _url(pair) not in content
    response = client.post(_url(pair))
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.AWAITING_ORDER


def test_confirmation_warns_of_an_early_end_then_completes(client, curator, make_pair):
    today = timezone.localdate()
    end = today + timedelta(days=90)
    pair = _active(make_pair, start=today - timedelta(days=30), end=end)
    client.force_login(curator)

    content = client.get(_url(pair)).content.decode()
    assert "раньше запланированного срока" in content
    assert end.strftime("%d.%m.%Y") in content

    response = client.post(_url(pair), follow=True)
    assert response.redirect_chain[-1][0] == reverse("pair_detail", args=[pair.pk])
    assert "Программа завершена" in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.COMPLETED
    assert _statuses(pair) == [MenteeEntry.Status.FINISHED]
    assert not pair.meetings.filter(planned_on__gt=today).exists()


def test_no_early_warning_once_the_end_date_is_reached(client, curator, make_pair):
    today = timezone.localdate()
    pair = _active(make_pair, start=today - timedelta(days=120), end=today)
    client.force_login(curator)
    content = client.get(_url(pair)).content.decode()
    assert "Завершить программу пары?" in content
    assert "раньше запланированного срока" not in content


@pytest.mark.parametrize("role", ["teacher", "psychologist"])
def test_others_may_not_complete(client, request, make_pair, role):
    today = timezone.localdate()
    pair = _active(make_pair, start=today - timedelta(days=30), end=today + timedelta(days=90))
    client.force_login(request.getfixturevalue(role))
    assert client.post(_url(pair)).status_code == 403
    pair.refresh_from_db()
    assert pair.status == ACTIVE


def test_a_pair_not_started_yet_is_refused_on_the_page(client, curator, make_pair):
    today = timezone.localdate()
    pair = _active(make_pair, start=today + timedelta(days=7), end=today + timedelta(days=120))
    client.force_login(curator)
    response = client.post(_url(pair))
    assert response.status_code == 200
    assert "завершить её раньше начала нельзя" in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == ACTIVE
