from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from core.ratelimit import RateLimit, client_ip

from ..forms.accounts import (
    EmailAuthenticationForm,
    InvitationAcceptForm,
    InvitationForm,
    ProfileForm,
)
from ..models import Invitation, Person, Role, User
from ..permissions import Action, get_organisation_for_user
from ..services import invitations as services


def _login_failures_by_ip() -> RateLimit:
    return RateLimit(
        "login-ip",
        settings.LOGIN_FAILURES_PER_IP,
        int(settings.AXES_COOLOFF_TIME.total_seconds()),
    )


class _LoginView(auth_views.LoginView):
    """Axes pauses an e-mail after a few failures from one address; this also stops one
    address that tries many accounts. Its count is not reset by a success."""

    template_name = "registration/login.html"
    authentication_form = EmailAuthenticationForm

    def post(self, request, *args, **kwargs):
        if minutes := _login_failures_by_ip().wait_minutes(client_ip(request)):
            message = ngettext(
                "Слишком много попыток входа с этого адреса. Попробуйте через %(minutes)d минуту.",
                "Слишком много попыток входа с этого адреса. Попробуйте через %(minutes)d минут.",
                minutes,
            ) % {"minutes": minutes}
            return render(request, "registration/lockout.html", {"message": message}, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        _login_failures_by_ip().count(client_ip(self.request))
        return super().form_invalid(form)


login_view = login_not_required(_LoginView.as_view())
# Django's LogoutView accepts POST only: a link or a prefetch cannot sign anyone out.
logout_view = auth_views.LogoutView.as_view()


class _PasswordResetView(auth_views.PasswordResetView):
    """At most a few requests an hour per e-mail and per address. Requests for unknown e-mails
    count too, so the refusal says nothing about whether an account exists."""

    template_name = "registration/password_reset_form.html"
    subject_template_name = "emails/password_reset_subject.txt"
    email_template_name = "emails/password_reset.txt"
    html_email_template_name = "emails/password_reset.html"
    extra_email_context = {"site_url": settings.SITE_URL}

    def form_valid(self, form):
        hour = 60 * 60
        limits = [
            (
                RateLimit("reset-ip", settings.PASSWORD_RESETS_PER_IP, hour),
                client_ip(self.request),
            ),
            (
                RateLimit("reset-email", settings.PASSWORD_RESETS_PER_EMAIL, hour),
                form.cleaned_data["email"].strip().lower(),
            ),
        ]
        if minutes := max(limit.wait_minutes(value) for limit, value in limits):
            form.add_error(
                None,
                ngettext(
                    "Слишком много запросов на восстановление пароля. Попробуйте через "
                    "%(minutes)d минуту.",
                    "Слишком много запросов на восстановление пароля. Попробуйте через "
                    "%(minutes)d минут.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        for limit, value in limits:
            limit.count(value)
        return super().form_valid(form)


password_reset = login_not_required(_PasswordResetView.as_view())
password_reset_done = login_not_required(
    auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html")
)
password_reset_confirm = login_not_required(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="registration/password_reset_confirm.html"
    )
)
password_reset_complete = login_not_required(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="registration/password_reset_complete.html"
    )
)


class _PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("profile")
    success_message = gettext_lazy("Пароль изменён.")


password_change = _PasswordChangeView.as_view()


def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={"full_name": user.full_name, "email_reminders": user.email_reminders},
    )
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Профиль сохранён."))
        return redirect("profile")
    memberships = user.memberships.select_related("organisation").order_by(
        "organisation__short_name", "role"
    )
    return render(
        request,
        "mentoring/profile.html",
        {
            "form": form,
            "memberships": memberships,
            "own_person": Person.objects.filter(user=user).first(),
        },
    )


def _invitation_gone(request):
    """The link was used or revoked between opening the page and sending the form."""
    return render(request, "registration/invitation_invalid.html", status=410)


@login_not_required
def invitation_accept(request, token: str):
    invitation = services.invitation_by_token(token)
    if invitation is None:
        return render(request, "registration/invitation_invalid.html", status=404)
    if not invitation.is_usable():
        return render(
            request, "registration/invitation_invalid.html", {"invitation": invitation}, status=410
        )
    context = {"invitation": invitation, "role": Role(invitation.role).label}

    existing = User.objects.filter(email=invitation.email).first()
    if existing is not None:
        if request.method == "POST":
            try:
                services.invitation_accept(token=token, password=None)
            except ValidationError:
                return _invitation_gone(request)
            messages.success(
                request,
                _("Вы добавлены в «%(organisation)s» с ролью «%(role)s». Войдите своим паролем.")
                % {"organisation": invitation.organisation, "role": context["role"]},
            )
            return redirect("home" if request.user.pk == existing.pk else "login")
        return render(
            request, "registration/invitation_accept.html", {**context, "existing_user": True}
        )

    person = invitation.person
    form = InvitationAcceptForm(
        request.POST or None,
        email=invitation.email,
        initial={"full_name": person.full_name if person else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
            )
        except ValidationError:
            return _invitation_gone(request)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Добро пожаловать! Вы в «%(organisation)s» с ролью «%(role)s».")
            % {"organisation": invitation.organisation, "role": context["role"]},
        )
        return redirect("home")
    return render(request, "registration/invitation_accept.html", {**context, "form": form})


def _status(invitation: Invitation, now) -> tuple[str, str]:
    """Badge text and colour for the list."""
    if invitation.accepted_at:
        return _("принято"), "text-bg-success"
    if invitation.revoked_at:
        return _("отозвано"), "text-bg-secondary"
    if invitation.expires_at <= now:
        return _("истекло"), "text-bg-warning"
    if invitation.sent_at:
        return _("отправлено"), "text-bg-primary"
    return _("ожидает отправки"), "text-bg-light border"


def invitation_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.INVITATIONS_MANAGE)
    form = InvitationForm(request.POST or None, organisation=organisation, user=request.user)
    # «Пригласить в систему» on a person's page opens this form filled in for them.
    if request.method == "GET" and (person_id := request.GET.get("person", "")).isdigit():
        person = form.fields["person"].queryset.filter(pk=person_id).first()
        if person:
            form.initial.update(person=person.pk, email=person.email)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invitation_create(
                organisation=organisation, invited_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Приглашение для %(email)s отправлено.") % {"email": invitation.email}
            )
            return redirect("invitation_list", org=organisation.pk)

    invitations = Invitation.objects.filter(organisation=organisation).select_related(
        "invited_by", "person"
    )
    page = Paginator(invitations, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    for invitation in page:
        invitation.status, invitation.status_class = _status(invitation, now)
        invitation.is_open = invitation.accepted_at is None and invitation.revoked_at is None
    return render(
        request,
        "mentoring/invitation_list.html",
        {"organisation": organisation, "form": form, "page": page},
    )


def _get_invitation_for_user(request, pk: int) -> Invitation:
    invitation = get_object_or_404(Invitation, pk=pk)
    get_organisation_for_user(request.user, invitation.organisation_id, Action.INVITATIONS_MANAGE)
    return invitation


@require_POST
def invitation_resend(request, pk: int):
    invitation = _get_invitation_for_user(request, pk)
    try:
        services.invitation_resend(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Приглашение для %(email)s отправлено заново, прежняя ссылка больше не действует.")
            % {"email": invitation.email},
        )
    return redirect("invitation_list", org=invitation.organisation_id)


@require_POST
def invitation_revoke(request, pk: int):
    invitation = _get_invitation_for_user(request, pk)
    try:
        services.invitation_revoke(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Приглашение для %(email)s отозвано.") % {"email": invitation.email}
        )
    return redirect("invitation_list", org=invitation.organisation_id)
