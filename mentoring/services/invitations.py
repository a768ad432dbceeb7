"""Accounts: invitations of staff by e-mail and the user's own profile."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Invitation, Membership, Organisation, Person, Role, User
from ..permissions import INVITABLE_ROLES, roles_in
from .consents import require_unrestricted


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organisation", "person")
        .filter(token_hash=token_hash(token))
        .first()
    )


def _new_link(invitation: Invitation) -> str:
    """Give the invitation a fresh token and expiry (not saved); any previous link dies."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.expires_at = timezone.now() + settings.INVITATION_TTL
    invitation.sent_at = None
    return token


def _queue_email(invitation: Invitation, token: str) -> None:
    from ..tasks import send_invitation_email  # tasks import this module

    transaction.on_commit(lambda: send_invitation_email.delay(invitation.pk, token))


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    invited_by: User,
    person: Person | None = None,
) -> tuple[Invitation, str]:
    email = User.objects.normalize_email(email).strip().lower()
    if role not in INVITABLE_ROLES:
        raise ValidationError(
            _(
                "Роль «%(role)s» не выдаётся приглашением в школу: пригласите куратора, "
                "педагога, педагога-психолога или директора."
            )
            % {"role": Role(role).label if role in Role.values else role}
        )
    if role == Role.DIRECTOR and Role.DIRECTOR not in roles_in(invited_by, organisation):
        raise ValidationError(_("Пригласить директора может только директор."))
    if Membership.objects.filter(
        organisation=organisation, role=role, user__email=email, user__is_active=True
    ).exists():
        raise ValidationError(
            _("У пользователя %(email)s уже есть роль «%(role)s» в этой организации.")
            % {"email": email, "role": Role(role).label}
        )
    if person is not None and person.organisation_id != organisation.pk:
        raise ValidationError(
            _("%(name)s — участник другой организации: пригласить можно только своих сотрудников.")
            % {"name": person.full_name}
        )
    if person is not None:
        require_unrestricted(person)
    if person is None:
        person = (
            Person.objects.filter(
                organisation=organisation,
                email__iexact=email,
                user__isnull=True,
                archived_at__isnull=True,
            )
            .unrestricted()
            .first()
        )

    Invitation.objects.filter(
        organisation=organisation, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation = Invitation(
        organisation=organisation, email=email, role=role, person=person, invited_by=invited_by
    )
    token = _new_link(invitation)
    invitation.save()
    _queue_email(invitation, token)
    return invitation, token


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> str:
    """A new link with a new expiry on the same invitation; returns the new token."""
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(
            _(
                "Приглашение для %(email)s уже принято или отозвано, отправить его снова "
                "нельзя: если нужно, создайте новое приглашение."
            )
            % {"email": invitation.email}
        )
    token = _new_link(invitation)
    invitation.save(update_fields=["token_hash", "expires_at", "sent_at"])
    _queue_email(invitation, token)
    return token


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at:
        raise ValidationError(
            _("Приглашение для %(email)s уже принято, отозвать его нельзя.")
            % {"email": invitation.email}
        )
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def invitation_accept(*, token: str, password: str | None, full_name: str = "") -> User:
    """Join the organisation by invitation.

    A new account gets the given password. An existing account keeps its own password and must
    not pass one: the link alone never signs anyone into an account that already exists.
    """
    invitation = Invitation.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    if invitation is None or not invitation.is_usable():
        raise ValidationError(
            _(
                "Ссылка-приглашение недействительна, устарела или уже использована: попросите "
                "куратора школы прислать новое приглашение."
            )
        )

    user = User.objects.filter(email=invitation.email).first()
    if user is None:
        if not password:
            raise ValidationError(_("Задайте пароль."))
        user = User.objects.create_user(invitation.email, password, full_name=full_name.strip())
    elif password is not None:
        raise ValidationError(_("Учётная запись с этим e-mail уже есть: войдите своим паролем."))
    elif not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])

    Membership.objects.get_or_create(
        user=user, organisation_id=invitation.organisation_id, role=invitation.role
    )
    person = invitation.person
    if person and person.user_id is None and not Person.objects.filter(user=user).exists():
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def invitation_email_send(*, invitation: Invitation, token: str) -> None:
    """Send the invitation e-mail unless the link is no longer the current usable one."""
    if not invitation.is_usable() or invitation.token_hash != token_hash(token):
        return
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "role": Role(invitation.role).label,
        "invited_by": invitation.invited_by,
        "accept_url": f"{settings.SITE_URL}{reverse('invitation_accept', args=[token])}",
    }
    subject = render_to_string("emails/invitation_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("emails/invitation.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(render_to_string("emails/invitation.html", context), "text/html")
    message.send()
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, email_reminders: bool) -> None:
    user.full_name = full_name.strip()
    user.email_reminders = email_reminders
    user.save(update_fields=["full_name", "email_reminders"])
