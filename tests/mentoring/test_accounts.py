import re

import pytest
from django.core import mail
from django.urls import reverse

from mentoring.models import Role, User
from tests.mentoring.factories import MembershipFactory

PASSWORD = "correct-horse-battery"


def _login(client, email: str, password: str):
    return client.post(reverse("login"), {"username": email, "password": password})


def _signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def test_login_page_is_public_and_asks_for_email(client, db):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "E-mail" in content
    assert 'type="email"' in content
    assert "Забыли пароль?" in content
    assert reverse("password_reset") in content


def test_login_with_email_redirects_home(client, curator):
    response = _login(client, "Curator@School.test ", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert _signed_in_user_id(client) == str(curator.pk)


def test_login_with_wrong_password_shows_error(client, curator):
    response = _login(client, curator.email, "wrong-password")

    assert response.status_code == 200
    assert "Неверный e-mail или пароль." in response.content.decode()
    assert _signed_in_user_id(client) is None


def test_five_failed_logins_pause_sign_in(client, curator):
    for _ in range(4):
        assert _login(client, curator.email, "wrong-password").status_code == 200

    locked = _login(client, curator.email, "wrong-password")

    assert locked.status_code == 429
    content = locked.content.decode()
    assert "Вход временно приостановлен" in content
    assert "15&nbsp;мин." in content
    assert reverse("password_reset") in content
    # Even the right password is refused until the pause ends.
    assert _login(client, curator.email, PASSWORD).status_code == 429
    assert _signed_in_user_id(client) is None


def test_successful_login_resets_failure_count(client, curator):
    for _ in range(4):
        _login(client, curator.email, "wrong-password")
    _login(client, curator.email, PASSWORD)
    client.post(reverse("logout"))

    assert _login(client, curator.email, "wrong-password").status_code == 200


def test_logout_by_post_signs_out(client, curator):
    client.force_login(curator)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert _signed_in_user_id(client) is None


def test_logout_by_get_is_refused(client, curator):
    client.force_login(curator)

    response = client.get(reverse("logout"))

    assert response.status_code == 405
    assert _signed_in_user_id(client) == str(curator.pk)


def _reset_link(message) -> str:
    return re.search(r"https?://\S+/accounts/password/reset/\S+/\S+/", message.body).group(0)


def test_password_reset_sends_a_link_that_sets_a_new_password(client, curator, settings):
    settings.SITE_URL = "https://nastavnik.example"

    response = client.post(reverse("password_reset"), {"email": "CURATOR@school.test"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [curator.email]
    assert "Восстановление пароля" in message.subject
    html = message.alternatives[0][0]
    link = _reset_link(message)
    assert link in html

    form_page = client.get(link.split("nastavnik.example", 1)[-1], follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    new_password = "Nauchit-vsemu-2026"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert done.url == reverse("password_reset_complete")
    curator.refresh_from_db()
    assert curator.check_password(new_password)
    assert _login(client, curator.email, new_password).status_code == 302


def test_password_reset_link_works_once(client, curator):
    client.post(reverse("password_reset"), {"email": curator.email})
    path = "/" + _reset_link(mail.outbox[0]).split("/", 3)[3]
    form_page = client.get(path, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nauchit-vsemu-2026", "new_password2": "Nauchit-vsemu-2026"},
    )

    again = client.get(path, follow=True)

    assert again.context["validlink"] is False
    assert "Ссылка недействительна" in again.content.decode()


def test_password_reset_does_not_reveal_unknown_email(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@school.test"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []
    done = client.get(response.url)
    assert "Если для этого e-mail есть учётная запись" in done.content.decode()


def test_password_change_keeps_user_signed_in(client, teacher):
    client.force_login(teacher)
    new_password = "Nauchit-vsemu-2026"

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("profile")
    teacher.refresh_from_db()
    assert teacher.check_password(new_password)
    assert _signed_in_user_id(client) == str(teacher.pk)


def test_password_change_with_wrong_old_password_fails(client, teacher):
    client.force_login(teacher)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "not-it",
            "new_password1": "Nauchit-vsemu-2026",
            "new_password2": "Nauchit-vsemu-2026",
        },
    )

    assert response.status_code == 200
    teacher.refresh_from_db()
    assert teacher.check_password(PASSWORD)


def test_profile_shows_email_roles_and_own_person(client, teacher, other_school):
    MembershipFactory(user=teacher, organisation=other_school, role=Role.CURATOR)
    client.force_login(teacher)

    response = client.get(reverse("profile"))

    assert response.status_code == 200
    content = response.content.decode()
    assert teacher.email in content
    assert other_school.short_name in content
    assert "Педагог" in content
    assert "Куратор" in content
    assert reverse("person_detail", args=[teacher.person.pk]) in content
    assert "Напоминания по e-mail" in content


def test_profile_updates_name_and_reminders(client, curator):
    client.force_login(curator)

    response = client.post(reverse("profile"), {"full_name": "  Смирнова Ольга Ивановна "})

    assert response.status_code == 302
    curator.refresh_from_db()
    assert curator.full_name == "Смирнова Ольга Ивановна"
    assert curator.email_reminders is False


def test_profile_requires_a_name(client, curator):
    client.force_login(curator)

    response = client.post(reverse("profile"), {"full_name": "", "email_reminders": "on"})

    assert response.status_code == 200
    assert User.objects.get(pk=curator.pk).full_name == curator.full_name


@pytest.mark.parametrize("name", ["profile", "password_change"])
def test_account_pages_need_sign_in(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
