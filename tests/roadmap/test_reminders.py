"""Reminders of roadmap deadlines: who gets which one on which day, and never twice."""

import threading
import time
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Duty, Notification, Role
from roadmap.models import Activity, Reminder, ReminderSettings, Roadmap, Stage
from roadmap.services import reminders as reminders_module
from roadmap.services.reminders import (
    reminder_email_send,
    reminder_emails_send,
    reminders_due,
    reminders_send,
)
from roadmap.tasks import send_roadmap_reminders
from tests.mentoring.factories import (
    AcademicYearFactory,
    MembershipFactory,
    PersonFactory,
    SchoolFactory,
    UserFactory,
)

WEDNESDAY = date(2026, 11, 18)
MONDAY = date(2026, 11, 16)
Kind = Reminder.Kind


@pytest.fixture
def stage(school):
    roadmap = Roadmap.objects.create(
        organisation=school,
        academic_year=school.academic_years.get(is_current=True),
        title="Дорожная карта внедрения целевой модели наставничества",
    )
    return Stage.objects.create(roadmap=roadmap, number=1, title="Подготовительный этап")


@pytest.fixture
def responsible(school):
    """A teacher with an account, named as the responsible person."""
    user = UserFactory(email="responsible@school.test")
    MembershipFactory(user=user, organisation=school, role=Role.TEACHER)
    return PersonFactory(organisation=school, user=user, email=user.email)


def make_activity(stage, *, due_on, people=(), roles=(), **fields) -> Activity:
    fields.setdefault("deadline_kind", Activity.DeadlineKind.DATE)
    fields.setdefault("title", "Провести анкетирование педагогов")
    number = stage.activities.count() + 1
    activity = Activity.objects.create(
        stage=stage,
        number=number,
        due_on=due_on,
        deadline_text=f"до {due_on:%d.%m.%Y}" if due_on else "",
        responsible_roles=list(roles),
        **fields,
    )
    activity.responsible_people.set(people)
    return activity


def planned(today, **kwargs) -> set[tuple]:
    return {
        (p.kind, p.activity_id, p.user_id, p.days_before) for p in reminders_due(today, **kwargs)
    }


def send(today, capture, **kwargs):
    with capture(execute=True):
        return reminders_send(today, **kwargs)


class TestWhichDay:
    @pytest.mark.parametrize("days", [7, 1])
    def test_before_the_deadline_on_the_default_days(self, stage, responsible, days):
        activity = make_activity(stage, due_on=WEDNESDAY + timedelta(days), people=[responsible])
        assert planned(WEDNESDAY) == {(Kind.BEFORE, activity.pk, responsible.user_id, days)}

    @pytest.mark.parametrize("days", [2, 3, 6, 8, 14])
    def test_not_on_other_days_before(self, stage, responsible, days):
        make_activity(stage, due_on=WEDNESDAY + timedelta(days), people=[responsible])
        assert planned(WEDNESDAY) == set()

    def test_on_the_day_it_is_due(self, stage, responsible):
        activity = make_activity(stage, due_on=WEDNESDAY, people=[responsible])
        assert planned(WEDNESDAY) == {(Kind.DUE, activity.pk, responsible.user_id, 0)}

    @pytest.mark.parametrize(("late", "fires"), [(1, False), (6, False), (7, True), (13, False)])
    def test_weekly_while_overdue(self, stage, responsible, late, fires):
        activity = make_activity(stage, due_on=WEDNESDAY - timedelta(late), people=[responsible])
        expected = {(Kind.OVERDUE, activity.pk, responsible.user_id, 0)} if fires else set()
        assert planned(WEDNESDAY) == expected
        # A week later it comes again, on the same weekday as the deadline.
        assert planned(WEDNESDAY + timedelta(7)) == expected

    def test_the_school_chooses_its_days(self, school, stage, responsible):
        ReminderSettings.objects.create(organisation=school, days_before=[3])
        make_activity(stage, due_on=WEDNESDAY + timedelta(7), people=[responsible])
        soon = make_activity(stage, due_on=WEDNESDAY + timedelta(3), people=[responsible])
        assert planned(WEDNESDAY) == {(Kind.BEFORE, soon.pk, responsible.user_id, 3)}

    def test_a_repeating_deadline_reminds_of_its_next_occurrence(self, stage, responsible):
        # «декабрь, июнь»: due at the end of each; the roadmap keeps the last one as due_on.
        activity = make_activity(
            stage,
            due_on=date(2027, 6, 30),
            deadline_kind=Activity.DeadlineKind.RECURRING,
            recurrence=[[12, 31], [6, 30]],
            people=[responsible],
        )
        assert planned(date(2026, 12, 24)) == {(Kind.BEFORE, activity.pk, responsible.user_id, 7)}
        assert planned(date(2026, 12, 31)) == {(Kind.DUE, activity.pk, responsible.user_id, 0)}
        assert planned(date(2027, 6, 30)) == {(Kind.DUE, activity.pk, responsible.user_id, 0)}
        assert planned(date(2027, 1, 7)) == set()  # the December one is not "overdue"


class TestWhichActivities:
    def test_not_for_done_activities(self, stage, responsible):
        make_activity(stage, due_on=WEDNESDAY, people=[responsible], status=Activity.Status.DONE)
        make_activity(
            stage,
            due_on=WEDNESDAY - timedelta(7),
            people=[responsible],
            status=Activity.Status.DONE,
        )
        assert planned(WEDNESDAY) == set()
        assert planned(MONDAY + timedelta(7)) == set()

    @pytest.mark.parametrize(
        "kind",
        [
            Activity.DeadlineKind.UNPARSED,
            Activity.DeadlineKind.AS_NEEDED,
            Activity.DeadlineKind.SCHEDULE,
        ],
    )
    def test_not_for_deadlines_without_a_date(self, stage, responsible, kind):
        make_activity(stage, due_on=None, deadline_kind=kind, people=[responsible])
        # Even a date typed in by hand does not make «по мере необходимости» a deadline.
        make_activity(stage, due_on=WEDNESDAY, deadline_kind=kind, people=[responsible])
        assert planned(WEDNESDAY) == set()

    def test_in_progress_activities_are_reminded(self, stage, responsible):
        make_activity(
            stage, due_on=WEDNESDAY, people=[responsible], status=Activity.Status.IN_PROGRESS
        )
        assert len(planned(WEDNESDAY)) == 1

    def test_only_the_current_years_roadmap(self, school, stage, responsible):
        old_year = AcademicYearFactory(
            organisation=school,
            start_date=date(2025, 9, 1),
            end_date=date(2026, 8, 31),
            is_current=False,
        )
        old = Roadmap.objects.create(organisation=school, academic_year=old_year, title="Старая")
        old_stage = Stage.objects.create(roadmap=old, number=1, title="Этап")
        make_activity(old_stage, due_on=WEDNESDAY - timedelta(7), people=[responsible])
        assert planned(WEDNESDAY) == set()


class TestWho:
    def test_holders_of_a_responsible_role_at_that_school(
        self, school, stage, curator, director, teacher, other_school
    ):
        MembershipFactory(organisation=other_school, role=Role.CURATOR)
        activity = make_activity(stage, due_on=WEDNESDAY, roles=[Role.CURATOR, Role.DIRECTOR])
        assert planned(WEDNESDAY) == {
            (Kind.DUE, activity.pk, curator.pk, 0),
            (Kind.DUE, activity.pk, director.pk, 0),
        }

    def test_people_without_an_account_or_inactive_are_skipped(self, school, stage):
        no_account = PersonFactory(organisation=school)
        inactive = PersonFactory(organisation=school, user=UserFactory(is_active=False))
        make_activity(stage, due_on=WEDNESDAY, people=[no_account, inactive])
        assert planned(WEDNESDAY) == set()

    def test_a_person_who_also_holds_the_role_is_reminded_once(self, stage, teacher):
        activity = make_activity(
            stage, due_on=WEDNESDAY, people=[teacher.person], roles=[Role.TEACHER]
        )
        assert planned(WEDNESDAY) == {(Kind.DUE, activity.pk, teacher.pk, 0)}


class TestDigest:
    def test_on_monday_directors_and_curators_get_the_overdue_ones(
        self, stage, director, curator, teacher, responsible
    ):
        make_activity(stage, due_on=MONDAY - timedelta(3), people=[responsible])
        make_activity(stage, due_on=MONDAY - timedelta(40))
        make_activity(stage, due_on=MONDAY + timedelta(3))
        digests = [p for p in reminders_due(MONDAY) if p.kind == Kind.DIGEST]
        assert sorted(p.user_id for p in digests) == sorted([director.pk, curator.pk])
        assert all(p.activity_id is None for p in digests)
        assert "— 2." in digests[0].text

    def test_not_on_other_days_nor_without_overdue(self, stage, director, curator):
        make_activity(stage, due_on=MONDAY - timedelta(3))
        assert not [p for p in reminders_due(MONDAY + timedelta(1)) if p.kind == Kind.DIGEST]
        Activity.objects.update(status=Activity.Status.DONE)
        assert reminders_due(MONDAY) == []

    def test_digest_email_lists_the_overdue_activities(
        self, school, stage, director, django_capture_on_commit_callbacks
    ):
        make_activity(stage, due_on=MONDAY - timedelta(3), title="Сформировать базу наставников")
        send(MONDAY, django_capture_on_commit_callbacks)
        [message] = mail.outbox
        assert message.to == [director.email]
        url = reverse("roadmap_detail", args=[school.pk]) + "?status=overdue"
        assert Notification.objects.get(user=director).url == url
        assert "Сформировать базу наставников (срок 13.11.2026)" in message.body
        assert "сводка за неделю" in message.subject


class TestSending:
    def test_notification_and_email(
        self, settings, school, stage, responsible, django_capture_on_commit_callbacks
    ):
        activity = make_activity(stage, due_on=WEDNESDAY + timedelta(7), people=[responsible])
        result = send(WEDNESDAY, django_capture_on_commit_callbacks)
        assert len(result.created) == result.emails == 1
        [notification] = Notification.objects.all()
        assert notification.user == responsible.user
        assert notification.organisation == school
        roadmap_url = reverse("roadmap_detail", args=[school.pk])
        assert notification.url == f"{roadmap_url}#activity-{activity.pk}"
        assert notification.text == (
            "Через 7 дней срок мероприятия «Провести анкетирование педагогов» (25.11.2026)."
        )
        [message] = mail.outbox
        assert message.to == [responsible.user.email]
        assert message.subject == "Через 7 дней срок мероприятия дорожной карты"
        assert activity.title in message.body
        assert "Срок: 25.11.2026" in message.body
        assert f"{settings.SITE_URL}{notification.url}" in message.body
        reminder = Reminder.objects.get()
        assert reminder.email_sent_at is not None
        assert (reminder.kind, reminder.on_date, reminder.days_before) == (
            Kind.BEFORE,
            WEDNESDAY,
            7,
        )

    def test_one_day_before_speaks_russian(
        self, stage, responsible, django_capture_on_commit_callbacks
    ):
        make_activity(stage, due_on=WEDNESDAY + timedelta(1), people=[responsible])
        send(WEDNESDAY, django_capture_on_commit_callbacks)
        assert Notification.objects.get().text.startswith("Через 1 день срок мероприятия")
        assert mail.outbox[0].subject == "Через 1 день срок мероприятия дорожной карты"

    def test_running_twice_sends_once(
        self, stage, responsible, curator, django_capture_on_commit_callbacks
    ):
        make_activity(stage, due_on=WEDNESDAY, people=[responsible], roles=[Role.CURATOR])
        make_activity(stage, due_on=WEDNESDAY - timedelta(7), people=[responsible])
        first = send(WEDNESDAY, django_capture_on_commit_callbacks)
        second = send(WEDNESDAY, django_capture_on_commit_callbacks)
        assert (len(first.created), first.emails) == (3, 3)
        assert (second.planned, second.created, second.emails) == (3, [], 0)
        assert len(mail.outbox) == 3
        assert Notification.objects.count() == Reminder.objects.count() == 3

    def test_email_off_gives_in_app_only(
        self, stage, responsible, django_capture_on_commit_callbacks
    ):
        responsible.user.email_reminders = False
        responsible.user.save(update_fields=["email_reminders"])
        make_activity(stage, due_on=WEDNESDAY, people=[responsible])
        result = send(WEDNESDAY, django_capture_on_commit_callbacks)
        assert (len(result.created), result.emails) == (1, 0)
        assert Notification.objects.filter(user=responsible.user).count() == 1
        assert mail.outbox == []
        assert reminder_email_send(reminder_id=result.created[0]) is False

    def test_the_email_task_is_idempotent(
        self, stage, responsible, django_capture_on_commit_callbacks
    ):
        make_activity(stage, due_on=WEDNESDAY, people=[responsible])
        with django_capture_on_commit_callbacks(execute=False):
            result = reminders_send(WEDNESDAY)
        [reminder_id] = result.created
        assert reminder_email_send(reminder_id=reminder_id) is True
        assert reminder_email_send(reminder_id=reminder_id) is False
        assert len(mail.outbox) == 1

    def test_a_failed_send_gives_the_claim_back(self, stage, responsible, monkeypatch):
        make_activity(stage, due_on=WEDNESDAY, people=[responsible])
        [reminder_id] = reminders_send(WEDNESDAY).created

        def refuse(self, fail_silently=False):
            raise ConnectionError("SMTP is down")

        monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
        with pytest.raises(ConnectionError):
            reminder_email_send(reminder_id=reminder_id)
        assert Reminder.objects.get().email_sent_at is None
        monkeypatch.undo()
        assert reminder_email_send(reminder_id=reminder_id) is True

    def test_a_batch_tries_every_email_and_its_retry_sends_only_the_rest(
        self, stage, responsible, curator, director, monkeypatch
    ):
        make_activity(
            stage, due_on=WEDNESDAY, people=[responsible], roles=[Role.CURATOR, Role.DIRECTOR]
        )
        ids = reminders_send(WEDNESDAY).created
        send = mail.EmailMessage.send

        def refuse_the_curator(message, fail_silently=False):
            if message.to == [curator.email]:
                raise ConnectionError("mailbox unavailable")
            return send(message, fail_silently)

        monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse_the_curator)
        with pytest.raises(ConnectionError):
            reminder_emails_send(reminder_ids=ids)
        assert sorted(m.to[0] for m in mail.outbox) == sorted([director.email, responsible.email])
        monkeypatch.undo()
        assert reminder_emails_send(reminder_ids=ids) == 1
        assert len(mail.outbox) == 3

    def test_no_email_once_the_activity_is_done(self, stage, responsible):
        activity = make_activity(stage, due_on=WEDNESDAY, people=[responsible])
        [reminder_id] = reminders_send(WEDNESDAY).created
        Activity.objects.filter(pk=activity.pk).update(status=Activity.Status.DONE)
        assert reminder_email_send(reminder_id=reminder_id) is False
        assert mail.outbox == []

    def test_query_count_does_not_grow_with_activities(
        self, school, stage, responsible, curator, django_capture_on_commit_callbacks
    ):
        def count(today) -> int:
            with (
                CaptureQueriesContext(connection) as queries,
                django_capture_on_commit_callbacks(execute=False),
            ):
                result = reminders_send(today)
            assert result.created
            return len(queries)

        def add(today):
            make_activity(stage, due_on=today, people=[responsible], roles=[Role.CURATOR])

        add(WEDNESDAY)
        one = count(WEDNESDAY)
        for _ in range(20):
            add(WEDNESDAY + timedelta(1))
        twenty = count(WEDNESDAY + timedelta(1))
        assert one == twenty
        assert Reminder.objects.filter(on_date=WEDNESDAY + timedelta(1)).count() == 40


class TestHour:
    def test_each_school_at_its_hour_and_caught_up_later(
        self, settings, school, stage, responsible, django_capture_on_commit_callbacks
    ):
        settings.REMINDER_HOUR = 8
        early = SchoolFactory()
        AcademicYearFactory(organisation=early)
        ReminderSettings.objects.create(organisation=early, hour=6)
        early_roadmap = Roadmap.objects.create(
            organisation=early, academic_year=early.academic_years.get(), title="Карта"
        )
        early_stage = Stage.objects.create(roadmap=early_roadmap, number=1, title="Этап")
        early_person = PersonFactory(organisation=early, user=UserFactory())
        make_activity(early_stage, due_on=WEDNESDAY, people=[early_person])
        make_activity(stage, due_on=WEDNESDAY, people=[responsible])

        def users(hour) -> set[int]:
            return {p.user_id for p in reminders_due(WEDNESDAY, hour=hour)}

        assert users(5) == set()
        assert users(6) == users(7) == {early_person.user_id}
        assert users(8) == users(23) == {early_person.user_id, responsible.user_id}
        send(WEDNESDAY, django_capture_on_commit_callbacks, hour=6)
        send(WEDNESDAY, django_capture_on_commit_callbacks, hour=9)
        assert len(mail.outbox) == Notification.objects.count() == 2

    def test_the_task_sends_for_the_current_local_hour(
        self, stage, responsible, monkeypatch, django_capture_on_commit_callbacks
    ):
        from datetime import datetime
        from zoneinfo import ZoneInfo

        make_activity(stage, due_on=WEDNESDAY, people=[responsible])
        at = datetime(2026, 11, 18, 7, 0, tzinfo=ZoneInfo("Europe/Moscow"))
        monkeypatch.setattr("roadmap.tasks.timezone.localtime", lambda: at)
        assert send_roadmap_reminders.delay().get() == 0
        at = at.replace(hour=8)
        with django_capture_on_commit_callbacks(execute=True):
            assert send_roadmap_reminders.delay().get() == 1
        assert len(mail.outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_send_each_reminder_once(school, curator, director, monkeypatch):
    roadmap = Roadmap.objects.create(
        organisation=school, academic_year=school.academic_years.get(), title="Карта"
    )
    stage = Stage.objects.create(roadmap=roadmap, number=1, title="Этап")
    people = [PersonFactory(organisation=school, user=UserFactory()) for _ in range(5)]
    for number in range(30):
        make_activity(
            stage,
            due_on=MONDAY - timedelta(7 * (number % 3)),
            people=people[number % 5 : number % 5 + 2],
            roles=[Role.CURATOR],
        )
    expected = len(reminders_due(MONDAY))
    barrier = threading.Barrier(2)
    add_notifications = reminders_module.notifications_add

    def slowly(**kwargs):
        # The first run holds its uncommitted rows while the second one inserts the same.
        time.sleep(0.5)
        return add_notifications(**kwargs)

    monkeypatch.setattr(reminders_module, "notifications_add", slowly)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(reminders_send(MONDAY))
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    # One run wrote them all; the other waited for it and found nothing new.
    assert sorted(len(result.created) for result in results) == [0, expected]
    assert Reminder.objects.count() == Notification.objects.count() == expected
    assert len(mail.outbox) == expected


def test_a_stray_setting_of_one_school_does_not_stop_the_others(school, other_school):
    from roadmap.models import ReminderSettings
    from roadmap.services.reminders import DEFAULT_DAYS_BEFORE, _days_before

    ReminderSettings.objects.create(organisation=school, days_before=["x", 3, -1, 3.5])
    ReminderSettings.objects.create(organisation=other_school, days_before=["x"])

    days = _days_before([school.pk, other_school.pk])

    assert days[school.pk] == {3}
    assert days[other_school.pk] == frozenset(DEFAULT_DAYS_BEFORE)


def test_holders_of_a_named_duty_are_reminded(school, stage, responsible):
    responsible.duties = [Duty.CLASS_TEACHER]
    responsible.save(update_fields=["duties"])
    PersonFactory(
        organisation=school,
        user=UserFactory(email="former@school.test"),
        duties=[Duty.CLASS_TEACHER],
        archived_at=timezone.now(),
    )
    activity = make_activity(stage, due_on=WEDNESDAY, roles=[Duty.CLASS_TEACHER])
    make_activity(stage, due_on=WEDNESDAY, roles=[Duty.WEBSITE])
    assert planned(WEDNESDAY) == {(Kind.DUE, activity.pk, responsible.user_id, 0)}
