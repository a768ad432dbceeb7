from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

from .imports.queue import staff_import_apply
from .models import Invitation, StaffImport
from .services.invitations import invitation_email_send


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
