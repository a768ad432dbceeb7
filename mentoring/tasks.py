from smtplib import SMTPException

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError

from .imports.queue import staff_import_apply
from .imports.upload import (
    PARSE_FAILED_MESSAGE,
    PARSE_SOFT_TIME_LIMIT,
    PARSE_TIME_LIMIT,
    PARSE_TIMEOUT_MESSAGE,
    people_import_parse_fail,
    people_import_plan,
)
from .models import Invitation, StaffImport
from .services.invitations import invitation_email_send
from .services.pairs import pairs_complete_ended


@shared_task(
    bind=True,
    autoretry_for=(SMTPException, ConnectionError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_invitation_email(self, invitation_id: int, token: str) -> None:
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is not None:
        invitation_email_send(invitation=invitation, token=token)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def apply_staff_import(self, staff_import_id: int) -> None:
    staff_import = StaffImport.objects.filter(pk=staff_import_id).defer("rows").first()
    if staff_import is not None and staff_import.status != StaffImport.Status.APPLIED:
        staff_import_apply(staff_import=staff_import)


# Acknowledged on receipt: a file that got its worker killed at the hard limit would kill the
# next one too. The page tells the user when the reading has stalled.
@shared_task(
    acks_late=False,
    reject_on_worker_lost=False,
    soft_time_limit=PARSE_SOFT_TIME_LIMIT,
    time_limit=PARSE_TIME_LIMIT,
)
def plan_people_import(staff_import_id: int) -> None:
    try:
        people_import_plan(staff_import_id=staff_import_id)
    except SoftTimeLimitExceeded:
        people_import_parse_fail(staff_import_id=staff_import_id, message=PARSE_TIMEOUT_MESSAGE)
    except Exception:
        people_import_parse_fail(staff_import_id=staff_import_id, message=PARSE_FAILED_MESSAGE)
        raise


@shared_task
def complete_ended_pairs() -> int:
    """Daily: active pairs and groups whose programme ended before today are completed."""
    return pairs_complete_ended()
