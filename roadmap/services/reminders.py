"""Reminders of roadmap deadlines, in the app and by e-mail, each sent at most once.

`reminders_due(today)` plans who is reminded of what today; `reminders_send(today)` writes the
reminders and their notifications and queues their e-mails in one transaction. The unique
constraints of Reminder decide which reminders are new, so a second run the same day, two runs
at once, or a run retried after its worker died send nothing twice.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentoring.models import Duty, Membership, Notification, Organisation, Person, Role
from mentoring.services.notifications import notifications_add

from ..deadlines import due_as_of
from ..models import Activity, Reminder, ReminderSettings

logger = logging.getLogger(__name__)

DEFAULT_DAYS_BEFORE = (7, 1)
# Deadlines with no date to remind of, even when a date was filled in by hand.
NO_DUE_DATE = (
    Activity.DeadlineKind.UNPARSED,
    Activity.DeadlineKind.AS_NEEDED,
    Activity.DeadlineKind.SCHEDULE,
)
OVERDUE_EVERY_DAYS = 7
DIGEST_WEEKDAY = 0  # Monday
DIGEST_ROLES = (Role.DIRECTOR, Role.CURATOR)
TITLE_LENGTH = 150
INSERT_BATCH = 500
EMAIL_BATCH = 50  # e-mails per task: publishing one task per e-mail costs more than sending

Kind = Reminder.Kind


@dataclass(frozen=True)
class PlannedReminder:
    kind: str
    organisation_id: int
    user_id: int
    on_date: date
    text: str
    activity_id: int | None = None
    days_before: int = 0
    by_email: bool = False

    @property
    def key(self) -> tuple:
        return (self.activity_id, self.organisation_id, self.user_id, self.kind)


@dataclass
class SendResult:
    planned: int = 0
    created: list[int] = field(default_factory=list)  # ids of the reminders this run wrote
    emails: int = 0  # e-mails queued


@dataclass(frozen=True)
class _Recipient:
    user_id: int
    by_email: bool


def _schools(hour: int | None) -> QuerySet[Organisation]:
    """Schools whose hour of sending has come today; all of them when no hour is given.

    A school that missed its hour (the scheduler or the worker was down) is caught up by the
    next hourly run: what was already sent is not sent again.
    """
    schools = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)
    if hour is None:
        return schools
    if hour >= settings.REMINDER_HOUR:
        return schools.exclude(reminder_settings__hour__gt=hour)
    return schools.filter(reminder_settings__hour__lte=hour)


def _candidates(schools: QuerySet[Organisation]) -> QuerySet[Activity]:
    """Activities of the schools' current roadmaps that are not done and have a deadline."""
    return (
        Activity.objects.filter(
            stage__roadmap__organisation__in=schools,
            stage__roadmap__academic_year__is_current=True,
        )
        .exclude(status=Activity.Status.DONE)
        .exclude(deadline_kind__in=NO_DUE_DATE)
        .filter(due_on__isnull=False)
    )


def _activity_rows(activities: QuerySet[Activity], today: date) -> list[dict]:
    rows = activities.values(
        "pk",
        "title",
        "deadline_kind",
        "start_on",
        "due_on",
        "recurrence",
        "responsible_roles",
        organisation_id=F("stage__roadmap__organisation_id"),
    ).order_by("stage__roadmap__organisation_id", "stage__number", "number")
    result = []
    for row in rows:
        row["due"] = due_as_of(row["due_on"], row["recurrence"], today)
        if row["due"] is not None:
            result.append(row)
    return result


def _days_before(organisation_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    chosen = ReminderSettings.objects.filter(organisation_id__in=organisation_ids).values_list(
        "organisation_id", "days_before"
    )
    result = defaultdict(lambda: frozenset(DEFAULT_DAYS_BEFORE))
    for organisation_id, days in chosen:
        # A stray value in one school's settings must not stop the reminders of all.
        days = frozenset(day for day in days or () if isinstance(day, int) and 0 < day <= 60)
        if days:
            result[organisation_id] = days
    return result


def _fires(due: date, today: date, days_before: frozenset[int]) -> tuple[str, int] | None:
    """The kind of reminder an activity due on `due` gets today, and its days before."""
    left = (due - today).days
    if left == 0:
        return Kind.DUE, 0
    if left > 0:
        return (Kind.BEFORE, left) if left in days_before else None
    return (Kind.OVERDUE, 0) if -left % OVERDUE_EVERY_DAYS == 0 else None


def _short(title: str) -> str:
    return Truncator(" ".join(title.split())).chars(TITLE_LENGTH)


def _text(kind: str, activity: dict, days: int) -> str:
    title, due = _short(activity["title"]), f"{activity['due']:%d.%m.%Y}"
    if kind == Kind.BEFORE:
        return ngettext(
            "Через %(days)d день срок мероприятия «%(title)s» (%(date)s).",
            "Через %(days)d дней срок мероприятия «%(title)s» (%(date)s).",
            days,
        ) % {"days": days, "title": title, "date": due}
    if kind == Kind.DUE:
        return _("Сегодня срок мероприятия «%(title)s».") % {"title": title}
    return _("Просрочено мероприятие «%(title)s»: срок был %(date)s.") % {
        "title": title,
        "date": due,
    }


def _digest_text(count: int) -> str:
    return _("Еженедельная сводка: просроченных мероприятий дорожной карты — %(count)d.") % {
        "count": count
    }


def _recipients(
    activities: QuerySet[Activity], organisation_ids: list[int], roles: set[str]
) -> tuple[dict[int, set[_Recipient]], dict[tuple[int, str], set[_Recipient]]]:
    """Accounts of the responsible people by activity, and of role holders by (school, role),
    in two queries whatever the number of activities."""
    through = Activity.responsible_people.through
    people = through.objects.filter(
        activity__in=activities,
        person__archived_at__isnull=True,
        person__user__isnull=False,
        person__user__is_active=True,
    ).values_list(
        "activity_id", "person__user_id", "person__user__email", "person__user__email_reminders"
    )
    by_activity = defaultdict(set)
    for activity_id, user_id, email, wants_email in people:
        by_activity[activity_id].add(_Recipient(user_id, bool(email) and wants_email))
    # Role holders still at the school: not those whose own record there is archived.
    memberships = (
        Membership.objects.filter(
            organisation_id__in=organisation_ids, role__in=roles, user__is_active=True
        )
        .exclude(
            user__person__archived_at__isnull=False,
            user__person__organisation_id=F("organisation_id"),
        )
        .values_list("organisation_id", "role", "user_id", "user__email", "user__email_reminders")
    )
    by_role = defaultdict(set)
    for organisation_id, role, user_id, email, wants_email in memberships:
        by_role[organisation_id, role].add(_Recipient(user_id, bool(email) and wants_email))
    # Duties (class teacher…) stand among the roles too; their holders are people with an
    # account who still work at the school. One more query, only when a duty is due.
    if duties := roles & set(Duty.values):
        holders = Person.objects.filter(
            Q.create([("duties__icontains", f'"{duty}"') for duty in duties], connector=Q.OR),
            organisation_id__in=organisation_ids,
            archived_at__isnull=True,
            user__isnull=False,
            user__is_active=True,
        ).values_list(
            "organisation_id", "duties", "user_id", "user__email", "user__email_reminders"
        )
        for organisation_id, held, user_id, email, wants_email in holders:
            for duty in duties & set(held):
                recipient = _Recipient(user_id, bool(email) and wants_email)
                by_role[organisation_id, duty].add(recipient)
    return by_activity, by_role


def reminders_due(today: date, *, hour: int | None = None) -> list[PlannedReminder]:
    """Every reminder due today, in a constant number of queries: before the deadline on the
    school's days (7 and 1 by default), on the day, weekly while overdue, and on Mondays a
    digest of the overdue activities to the school's directors and curators."""
    activities = _candidates(_schools(hour))
    rows = _activity_rows(activities, today)
    organisation_ids = sorted({row["organisation_id"] for row in rows})
    days_before = _days_before(organisation_ids)
    firing = []
    for row in rows:
        if fires := _fires(row["due"], today, days_before[row["organisation_id"]]):
            firing.append((row, *fires))
    overdue = defaultdict(list)
    if today.weekday() == DIGEST_WEEKDAY:
        for row in rows:
            if row["due"] < today:
                overdue[row["organisation_id"]].append(row)
    roles = {role for row, _kind, _days in firing for role in row["responsible_roles"]}
    if overdue:
        roles |= set(DIGEST_ROLES)
    if not firing and not overdue:
        return []
    by_activity, by_role = _recipients(activities, organisation_ids, roles)

    planned = []
    # Stored as text, like the e-mails: in the interface's first language.
    with translation.override(settings.LANGUAGE_CODE):
        for row, kind, days in firing:
            organisation_id = row["organisation_id"]
            recipients = set(by_activity[row["pk"]])
            for role in row["responsible_roles"]:
                recipients |= by_role[organisation_id, role]
            text = _text(kind, row, days)
            for user_id, by_email in _merge(recipients):
                planned.append(
                    PlannedReminder(
                        kind=kind,
                        organisation_id=organisation_id,
                        user_id=user_id,
                        on_date=today,
                        text=text,
                        activity_id=row["pk"],
                        days_before=days,
                        by_email=by_email,
                    )
                )
        for organisation_id, late in overdue.items():
            recipients = set().union(*(by_role[organisation_id, role] for role in DIGEST_ROLES))
            text = _digest_text(len(late))
            for user_id, by_email in _merge(recipients):
                planned.append(
                    PlannedReminder(
                        kind=Kind.DIGEST,
                        organisation_id=organisation_id,
                        user_id=user_id,
                        on_date=today,
                        text=text,
                        by_email=by_email,
                    )
                )
    return planned


def _merge(recipients: set[_Recipient]) -> list[tuple[int, bool]]:
    """One entry per account, in a stable order."""
    return sorted({recipient.user_id: recipient.by_email for recipient in recipients}.items())


def _insert_new(planned: list[PlannedReminder]) -> dict[tuple, int]:
    """Insert the reminders and return, by key, the ids of those this call wrote.

    Conflicting rows are skipped by the database and not returned; a concurrent run's
    uncommitted row makes the insert wait for that run to finish, so each reminder is
    reported new to exactly one run. The ORM's bulk_create cannot say which rows it skipped.
    """
    table = connection.ops.quote_name(Reminder._meta.db_table)
    quote = connection.ops.quote_name
    columns = ("activity_id", "organisation_id", "user_id", "kind", "on_date", "days_before")
    column_list = ", ".join(quote(column) for column in (*columns, "created_at"))
    returned = ", ".join(quote(column) for column in ("id", *columns[:4]))
    created_at = connection.ops.adapt_datetimefield_value(timezone.now())
    new = {}
    with connection.cursor() as cursor:
        for start in range(0, len(planned), INSERT_BATCH):
            batch = planned[start : start + INSERT_BATCH]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(batch))
            params = []
            for item in batch:
                params += [
                    item.activity_id,
                    item.organisation_id,
                    item.user_id,
                    item.kind,
                    connection.ops.adapt_datefield_value(item.on_date),
                    item.days_before,
                    created_at,
                ]
            cursor.execute(
                f"INSERT INTO {table} ({column_list}) VALUES {values} "  # noqa: S608
                f"ON CONFLICT DO NOTHING RETURNING {returned}",
                params,
            )
            for pk, *key in cursor.fetchall():
                new[tuple(key)] = pk
    return new


def _roadmap_url(roadmap: str, activity_id: int | None) -> str:
    """The activity in the school's roadmap; for a digest, the roadmap's overdue activities."""
    return f"{roadmap}#activity-{activity_id}" if activity_id else f"{roadmap}?status=overdue"


def reminders_send(today: date, *, hour: int | None = None) -> SendResult:
    """Write today's new reminders with their in-app notifications and queue their e-mails
    (for those who want them) once the transaction commits."""
    planned = reminders_due(today, hour=hour)
    result = SendResult(planned=len(planned))
    if not planned:
        return result
    roadmaps = {
        pk: reverse("roadmap_detail", args=[pk]) for pk in {p.organisation_id for p in planned}
    }
    with transaction.atomic():
        created = _insert_new(planned)
        new = [item for item in planned if item.key in created]
        notifications_add(
            notifications=[
                Notification(
                    user_id=item.user_id,
                    organisation_id=item.organisation_id,
                    text=item.text,
                    url=_roadmap_url(roadmaps[item.organisation_id], item.activity_id),
                )
                for item in new
            ]
        )
        emails = [created[item.key] for item in new if item.by_email]
        if emails:
            transaction.on_commit(partial(_queue_emails, emails))
    result.created = [created[item.key] for item in new]
    result.emails = len(emails)
    return result


def _queue_emails(reminder_ids: list[int]) -> None:
    from ..tasks import send_reminder_emails

    for start in range(0, len(reminder_ids), EMAIL_BATCH):
        batch = reminder_ids[start : start + EMAIL_BATCH]
        try:
            send_reminder_emails.delay(batch)
        except Exception:
            # A batch that cannot be queued must not hold back the others.
            logger.exception("Queueing the e-mails of reminders %s failed", batch)


def _email_context(reminder: Reminder) -> dict:
    context = {
        "reminder": reminder,
        "kind": reminder.kind,
        "organisation": reminder.organisation,
        "url": settings.SITE_URL
        + _roadmap_url(
            reverse("roadmap_detail", args=[reminder.organisation_id]), reminder.activity_id
        ),
    }
    if reminder.activity_id is None:
        schools = Organisation.objects.filter(pk=reminder.organisation_id)
        rows = _activity_rows(_candidates(schools), reminder.on_date)
        context["overdue"] = [row for row in rows if row["due"] < reminder.on_date]
    else:
        activity = reminder.activity
        context["activity"] = activity
        context["due"] = due_as_of(
            activity.due_on,
            activity.recurrence,
            reminder.on_date,
        )
    return context


def reminder_email_send(*, reminder_id: int) -> bool:
    """Send the reminder's e-mail unless it went already; True when this call sent it.

    The reminder is claimed by setting email_sent_at before sending, so two deliveries of the
    same task never both send; a failed send gives the claim back for the retry.
    """
    reminder = (
        Reminder.objects.select_related("user", "organisation", "activity")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None or reminder.email_sent_at is not None:
        return False
    user = reminder.user
    if not (user.is_active and user.email and user.email_reminders):
        return False
    if reminder.activity is not None and reminder.activity.status == Activity.Status.DONE:
        return False
    context = _email_context(reminder)
    if reminder.kind == Kind.DIGEST and not context["overdue"]:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("emails/reminder_subject.txt", context)
        body = render_to_string("emails/reminder.txt", context)
    claimed = Reminder.objects.filter(pk=reminder.pk, email_sent_at__isnull=True).update(
        email_sent_at=timezone.now()
    )
    if not claimed:
        return False
    try:
        EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email]).send()
    except Exception:
        Reminder.objects.filter(pk=reminder.pk).update(email_sent_at=None)
        raise
    return True


def reminder_emails_send(*, reminder_ids: list[int]) -> int:
    """Send the e-mails of these reminders; how many this call sent. A failure is raised after
    the others were tried, so that a retry of the batch sends only what is still unsent."""
    sent, failure = 0, None
    for reminder_id in reminder_ids:
        try:
            sent += reminder_email_send(reminder_id=reminder_id)
        except Exception as error:
            logger.warning("The e-mail of reminder %s failed: %s", reminder_id, error)
            failure = error
    if failure is not None:
        raise failure
    return sent
