import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Invitation, Membership, Person, Role, User
from mentoring.services.invitations import (
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    token_hash,
)
from mentoring.tasks import send_invitation_email
from tests.mentoring.factories import PersonFactory, UserFactory

NEW_PASSWORD = "Nauchit-vsemu-2026"


def _accept_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/invite/[\w-]+/)", message.body).group(1)


def _create(django_capture_on_commit_callbacks, **kwargs) -> tuple[Invitation, str]:
    with django_capture_on_commit_callbacks(execute=True):
        return invitation_create(**kwargs)


def _accept_form(full_name="Новикова Мария Павловна"):
    return {"full_name": full_name, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}


def test_full_invitation_flow(client, curator, school, django_capture_on_commit_callbacks):
    person = PersonFactory(organisation=school, email="novikova@school.test")
    client.force_login(curator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invitation_list", args=[school.pk]),
            {"email": "Novikova@School.test", "role": Role.TEACHER},
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get(organisation=school)
    assert invitation.email == "novikova@school.test"
    assert invitation.person == person
    assert invitation.invited_by == curator
    assert invitation.sent_at is not None
    assert len(invitation.token_hash) == 64
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["novikova@school.test"]
    assert school.short_name in message.subject
    path = _accept_path(message)
    assert path in message.alternatives[0][0]
    assert invitation.token_hash not in message.body

    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert person.full_name in page.content.decode()

    accepted = client.post(path, _accept_form())

    assert accepted.status_code == 302
    assert accepted.url == reverse("home")
    user = User.objects.get(email="novikova@school.test")
    assert user.is_active
    assert user.full_name == "Новикова Мария Павловна"
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.filter(user=user, organisation=school, role=Role.TEACHER).exists()
    person.refresh_from_db()
    assert person.user == user
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)

    client.logout()
    again = client.get(path)
    assert again.status_code == 410
    assert "уже принято" in again.content.decode()
    assert client.post(path, _accept_form()).status_code == 410


def test_expired_link_is_refused(client, curator, school, django_capture_on_commit_callbacks):
    invitation, token = _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email="late@school.test",
        role=Role.TEACHER,
        invited_by=curator,
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    path = reverse("invitation_accept", args=[token])
    assert client.get(path).status_code == 410
    assert client.post(path, _accept_form()).status_code == 410
    assert not User.objects.filter(email="late@school.test").exists()
    with pytest.raises(ValidationError):
        invitation_accept(token=token, password=NEW_PASSWORD, full_name="Поздняя")


def test_unknown_link_shows_friendly_page(client, db):
    response = client.get(reverse("invitation_accept", args=["no-such-token"]))

    assert response.status_code == 404
    assert "Ссылка-приглашение недействительна" in response.content.decode()


def test_weak_password_is_rejected(client, curator, school, django_capture_on_commit_callbacks):
    invitation, token = _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email="weak@school.test",
        role=Role.TEACHER,
        invited_by=curator,
    )

    response = client.post(
        reverse("invitation_accept", args=[token]),
        {"full_name": "Слабый Пароль", "password1": "12345678", "password2": "12345678"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(email="weak@school.test").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_existing_user_keeps_password_and_gains_role(
    client, outsider, school, director, django_capture_on_commit_callbacks
):
    invitation, token = _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email=outsider.email,
        role=Role.CURATOR,
        invited_by=director,
    )
    path = reverse("invitation_accept", args=[token])

    page = client.get(path)
    assert page.status_code == 200
    assert "form" not in page.context
    response = client.post(path)

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "Войдите своим паролем" in str(list(get_messages(response.wsgi_request))[0])
    assert Membership.objects.filter(user=outsider, organisation=school, role=Role.CURATOR).exists()
    outsider.refresh_from_db()
    assert outsider.check_password("correct-horse-battery")
    assert "_auth_user_id" not in client.session
    with pytest.raises(ValidationError):
        invitation_accept(token=token, password=None)


def test_existing_account_cannot_be_taken_over_with_a_password(
    outsider, school, director, django_capture_on_commit_callbacks
):
    _invitation, token = _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email=outsider.email,
        role=Role.TEACHER,
        invited_by=director,
    )

    with pytest.raises(ValidationError):
        invitation_accept(token=token, password=NEW_PASSWORD, full_name="Кто-то")
    outsider.refresh_from_db()
    assert outsider.check_password("correct-horse-battery")


def test_revoke_kills_the_link(client, curator, school, django_capture_on_commit_callbacks):
    invitation, token = _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email="revoked@school.test",
        role=Role.TEACHER,
        invited_by=curator,
    )
    client.force_login(curator)

    response = client.post(reverse("invitation_revoke", args=[invitation.pk]))

    assert response.status_code == 302
    assert response.url == reverse("invitation_list", args=[school.pk])
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    client.logout()
    page = client.get(reverse("invitation_accept", args=[token]))
    assert page.status_code == 410
    assert "отозвано" in page.content.decode()


def test_resend_invalidates_the_old_link(
    client, curator, school, django_capture_on_commit_callbacks
):
    invitation, old_token = _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email="again@school.test",
        role=Role.TEACHER,
        invited_by=curator,
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + timedelta(hours=1)
    )
    client.force_login(curator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("invitation_resend", args=[invitation.pk]))

    assert response.status_code == 302
    assert len(mail.outbox) == 2
    new_path = _accept_path(mail.outbox[1])
    assert new_path != reverse("invitation_accept", args=[old_token])
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=6)
    client.logout()
    assert client.get(reverse("invitation_accept", args=[old_token])).status_code == 404
    assert client.get(new_path).status_code == 200


def test_stale_task_does_not_send_the_old_link(curator, school, django_capture_on_commit_callbacks):
    invitation, old_token = _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email="stale@school.test",
        role=Role.TEACHER,
        invited_by=curator,
    )
    with django_capture_on_commit_callbacks(execute=False):
        invitation_resend(invitation=invitation)
    mail.outbox.clear()

    send_invitation_email.delay(invitation.pk, old_token)

    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.sent_at is None


def test_new_invitation_revokes_earlier_open_one(
    curator, school, django_capture_on_commit_callbacks
):
    first, first_token = _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email="twice@school.test",
        role=Role.TEACHER,
        invited_by=curator,
    )

    _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email="twice@school.test",
        role=Role.PSYCHOLOGIST,
        invited_by=curator,
    )

    first.refresh_from_db()
    assert first.revoked_at is not None
    with pytest.raises(ValidationError):
        invitation_accept(token=first_token, password=NEW_PASSWORD, full_name="Дважды")


def test_cannot_invite_someone_who_already_has_the_role(
    client, curator, teacher, school, django_capture_on_commit_callbacks
):
    client.force_login(curator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invitation_list", args=[school.pk]),
            {"email": teacher.email, "role": Role.TEACHER},
        )

    assert response.status_code == 200
    assert "уже есть роль «Педагог»" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_only_a_director_may_invite_a_director(client, curator, director, school):
    client.force_login(curator)
    response = client.post(
        reverse("invitation_list", args=[school.pk]),
        {"email": "boss@school.test", "role": Role.DIRECTOR},
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    with pytest.raises(ValidationError):
        invitation_create(
            organisation=school, email="boss@school.test", role=Role.DIRECTOR, invited_by=curator
        )

    client.force_login(director)
    response = client.post(
        reverse("invitation_list", args=[school.pk]),
        {"email": "boss@school.test", "role": Role.DIRECTOR},
    )
    assert response.status_code == 302
    assert Invitation.objects.get().role == Role.DIRECTOR


def test_person_select_offers_staff_without_account(client, curator, school, teacher):
    free_teacher = PersonFactory(organisation=school)
    student = PersonFactory(organisation=school, kind=Person.Kind.STUDENT)
    archived = PersonFactory(organisation=school, archived_at=timezone.now())
    client.force_login(curator)

    response = client.get(reverse("invitation_list", args=[school.pk]))

    offered = set(response.context["form"].fields["person"].queryset)
    assert offered == {free_teacher}
    assert student not in offered and archived not in offered and teacher.person not in offered


def test_person_of_another_school_cannot_be_linked(client, curator, school, other_person):
    client.force_login(curator)

    response = client.post(
        reverse("invitation_list", args=[school.pk]),
        {"email": "x@school.test", "role": Role.TEACHER, "person": other_person.pk},
    )

    assert response.status_code == 200
    assert "person" in response.context["form"].errors


def test_list_shows_statuses_and_empty_state(client, curator, school):
    client.force_login(curator)
    empty = client.get(reverse("invitation_list", args=[school.pk]))
    assert "Приглашений пока нет" in empty.content.decode()

    now = timezone.now()
    for email, fields in [
        ("sent@school.test", {"sent_at": now}),
        ("waiting@school.test", {}),
        ("accepted@school.test", {"accepted_at": now}),
        ("revoked@school.test", {"revoked_at": now}),
        ("expired@school.test", {"expires_at": now - timedelta(days=1)}),
    ]:
        Invitation.objects.create(
            organisation=school,
            email=email,
            role=Role.TEACHER,
            token_hash=token_hash(email),
            invited_by=curator,
            expires_at=fields.pop("expires_at", now + timedelta(days=7)),
            **fields,
        )

    content = client.get(reverse("invitation_list", args=[school.pk])).content.decode()

    for badge in ("отправлено", "ожидает отправки", "принято", "отозвано", "истекло"):
        assert f">{badge}</span>" in content
    assert content.count("Отозвать</button>") == 3


def test_list_query_count_does_not_grow_with_rows(client, curator, school, settings):
    settings.PAGE_SIZE = 50
    client.force_login(curator)
    url = reverse("invitation_list", args=[school.pk])

    def make(count: int) -> None:
        for _ in range(count):
            n = Invitation.objects.count()
            Invitation.objects.create(
                organisation=school,
                email=f"p{n}@school.test",
                role=Role.TEACHER,
                token_hash=token_hash(f"rows-{n}"),
                invited_by=UserFactory(),
                person=PersonFactory(organisation=school),
                expires_at=timezone.now() + timedelta(days=7),
            )

    make(2)
    client.get(url)  # the first visit remembers the school in the session
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    make(10)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_list_is_paginated(client, curator, school, settings):
    settings.PAGE_SIZE = 2
    for n in range(3):
        Invitation.objects.create(
            organisation=school,
            email=f"page{n}@school.test",
            role=Role.TEACHER,
            token_hash=token_hash(f"page-{n}"),
            expires_at=timezone.now() + timedelta(days=7),
        )
    client.force_login(curator)

    first = client.get(reverse("invitation_list", args=[school.pk]))
    second = client.get(reverse("invitation_list", args=[school.pk]), {"page": 2})

    assert len(first.context["page"].object_list) == 2
    assert len(second.context["page"].object_list) == 1


@pytest.mark.parametrize("role_user", ["director", "curator"])
def test_director_and_curator_may_open_the_list(client, request, school, role_user):
    client.force_login(request.getfixturevalue(role_user))

    assert client.get(reverse("invitation_list", args=[school.pk])).status_code == 200


@pytest.mark.parametrize("role_user", ["teacher", "psychologist", "coordinator"])
def test_other_roles_are_forbidden(client, request, school, role_user):
    client.force_login(request.getfixturevalue(role_user))

    assert client.get(reverse("invitation_list", args=[school.pk])).status_code == 403


def test_outsider_gets_404(client, outsider, curator, school, django_capture_on_commit_callbacks):
    invitation, _token = _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email="private@school.test",
        role=Role.TEACHER,
        invited_by=curator,
    )
    client.force_login(outsider)

    assert client.get(reverse("invitation_list", args=[school.pk])).status_code == 404
    assert client.post(reverse("invitation_revoke", args=[invitation.pk])).status_code == 404
    assert client.post(reverse("invitation_resend", args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_teacher_cannot_revoke(
    client, teacher, curator, school, django_capture_on_commit_callbacks
):
    invitation, _token = _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email="kept@school.test",
        role=Role.TEACHER,
        invited_by=curator,
    )
    client.force_login(teacher)

    assert client.post(reverse("invitation_revoke", args=[invitation.pk])).status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_anonymous_is_sent_to_login(client, school):
    response = client.get(reverse("invitation_list", args=[school.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["invitation_resend", "invitation_revoke"])
def test_get_is_refused_for_changes(
    client, curator, school, name, django_capture_on_commit_callbacks
):
    invitation, _token = _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email="get@school.test",
        role=Role.TEACHER,
        invited_by=curator,
    )
    client.force_login(curator)

    assert client.get(reverse(name, args=[invitation.pk])).status_code == 405


def test_accepted_invitation_cannot_be_revoked_or_resent(
    curator, school, django_capture_on_commit_callbacks
):
    invitation, token = _create(
        django_capture_on_commit_callbacks,
        organisation=school,
        email="done@school.test",
        role=Role.TEACHER,
        invited_by=curator,
    )
    invitation_accept(token=token, password=NEW_PASSWORD, full_name="Готова")
    invitation.refresh_from_db()

    with pytest.raises(ValidationError):
        invitation_revoke(invitation=invitation)
    with pytest.raises(ValidationError):
        invitation_resend(invitation=invitation)


def test_invite_button_on_person_page_prefills_the_form(client, curator, school):
    person = PersonFactory(organisation=school, email="colleague@school.test")
    client.force_login(curator)
    detail = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    link = f"{reverse('invitation_list', args=[school.pk])}?person={person.pk}"
    assert link in detail
    form = client.get(link).context["form"]
    assert form.initial["email"] == "colleague@school.test"
    assert form.initial["person"] == person.pk
