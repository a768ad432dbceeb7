from smtplib import SMTPException

from celery import shared_task

from .models import Invitation


@shared_task(
    bind=True,
    autoretry_for=(SMTPException, ConnectionError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_invitation_email(self, invitation_id: int, token: str) -> None:
    # Imported here: the service module queues this task.
    from .services.invitations import invitation_email_send

    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is not None:
        invitation_email_send(invitation=invitation, token=token)
