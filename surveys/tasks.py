from datetime import date
from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

from .models import Campaign
from .services.campaigns import campaign_invitations_send, campaign_remind, surveys_periodic

# Temporary failures of the mail server or the database: retried with back-off. Each
# participation is claimed before its message goes, so a retry sends only what is unsent.
_RETRY = {
    "bind": True,
    "autoretry_for": (SMTPException, ConnectionError, OSError, OperationalError),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(**_RETRY)
def send_campaign_invitations(self, campaign_id: int) -> int:
    return campaign_invitations_send(campaign_id=campaign_id)


@shared_task(**_RETRY)
def send_campaign_reminders(self, campaign_id: int, day: str) -> int:
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    return campaign_remind(campaign=campaign, today=date.fromisoformat(day))


# Beat runs this every hour (config/settings.py CELERY_BEAT_SCHEDULE): campaigns whose time ran
# out are completed, those opened since their launch invite, reminders go on their dates.
@shared_task(**_RETRY)
def send_survey_reminders(self) -> dict[str, int]:
    return surveys_periodic()
