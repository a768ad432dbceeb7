from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from .services.reminders import reminder_emails_send, reminders_send


# Beat runs this every hour at :00 (config/settings.py): each school is reminded at its own
# hour (ReminderSettings.hour, else REMINDER_HOUR), and a run missed while the scheduler or the
# worker was down is caught up by the next one. Reminders already written are not sent again.
@shared_task(
    bind=True, acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def send_roadmap_reminders(self) -> int:
    now = timezone.localtime()
    return len(reminders_send(now.date(), hour=now.hour).created)


# A retry of the batch sends only what is still unsent: each e-mail is claimed once.
@shared_task(
    bind=True,
    autoretry_for=(SMTPException, ConnectionError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_reminder_emails(self, reminder_ids: list[int]) -> int:
    return reminder_emails_send(reminder_ids=reminder_ids)
