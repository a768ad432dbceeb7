"""Limits on guessing passwords and on password reset e-mails: per account, per address
across accounts, per e-mail and per address, with Russian messages that reveal nothing."""

import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from mentoring.models import Role
from tests.mentoring.factories import MembershipFactory, UserFactory

PASSWORD = "correct-horse-battery"
SCHOOL_IP = "203.0.113.7"
HOME_IP = "198.51.100.23"
IP_LOCKED = re.compile(
    r"Слишком много попыток входа с этого адреса\. Попробуйте через (\d+) минут[уы]?\."
)
RESET_LIMITED = re.compile(
    r"Слишком много запросов на восстановление пароля\. Попробуйте через (\d+) минут[уы]?\."
)


def _login(client, email: str, password: str, ip: str = SCHOOL_IP):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def _reset(client, email: str, ip: str = SCHOOL_IP):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


@pytest.fixture
def staff(school):
    """Eleven colleagues at one school."""
    users = [UserFactory(email=f"teacher{n}@school.test") for n in range(11)]
    for user in users:
        MembershipFactory(user=user, organisation=school, role=Role.TEACHER)
    return users


def test_a_paused_account_does_not_stop_colleagues_behind_the_same_address(client, staff):
    locked, colleague = staff[0], staff[1]
    for _ in range(5):
        _login(client, locked.email, "wrong-password")

    assert _login(client, locked.email, PASSWORD).status_code == 429
    response = _login(client, colleague.email, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_many_accounts_tried_from_one_address_pause_sign_in_from_it(client, staff, settings):
    assert settings.LOGIN_FAILURES_PER_IP == 30
    # Three wrong passwords for each of ten accounts: none reaches the limit per account.
    for user in staff[:10]:
        for _ in range(3):
            assert _login(client, user.email, "wrong-password").status_code == 200

    refused = _login(client, staff[10].email, PASSWORD)

    assert refused.status_code == 429
    content = refused.content.decode()
    minutes = int(IP_LOCKED.search(content).group(1))
    assert 1 <= minutes <= 15
    assert "Вход временно приостановлен" in content
    assert reverse("password_reset") in content
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    assert _login(client, staff[10].email, PASSWORD, ip=HOME_IP).status_code == 302


def test_the_pause_by_address_ends_with_its_window(client, staff, settings, monkeypatch):
    settings.LOGIN_FAILURES_PER_IP = 2
    _login(client, staff[0].email, "wrong-password")
    _login(client, staff[1].email, "wrong-password")
    assert _login(client, staff[2].email, PASSWORD).status_code == 429

    later = time.time() + settings.AXES_COOLOFF_TIME.total_seconds()
    monkeypatch.setattr("core.ratelimit.time.time", lambda: later)

    assert _login(client, staff[2].email, PASSWORD).status_code == 302


def test_a_success_does_not_reset_the_count_by_address(client, staff, settings):
    settings.LOGIN_FAILURES_PER_IP = 3
    attacker_account = staff[0]
    for victim in staff[1:4]:
        _login(client, victim.email, "wrong-password")
        _login(client, attacker_account.email, PASSWORD)
        client.post(reverse("logout"))

    assert _login(client, staff[5].email, "wrong-password").status_code == 429


def test_password_reset_is_limited_per_email(client, curator, settings):
    assert settings.PASSWORD_RESETS_PER_EMAIL == 3
    for n in range(3):
        assert _reset(client, curator.email, ip=f"192.0.2.{n}").status_code == 302
    assert len(mail.outbox) == 3

    refused = _reset(client, "Curator@School.test", ip="192.0.2.99")

    assert refused.status_code == 429
    minutes = int(RESET_LIMITED.search(refused.content.decode()).group(1))
    assert 1 <= minutes <= 60
    assert len(mail.outbox) == 3


def test_password_reset_is_limited_per_address(client, curator, settings):
    assert settings.PASSWORD_RESETS_PER_IP == 20
    for n in range(20):
        assert _reset(client, f"someone{n}@school.test").status_code == 302

    refused = _reset(client, curator.email)

    assert refused.status_code == 429
    assert RESET_LIMITED.search(refused.content.decode())
    assert mail.outbox == []
    # The same e-mail from another address still gets its link.
    assert _reset(client, curator.email, ip=HOME_IP).status_code == 302
    assert len(mail.outbox) == 1


def _page(response, email: str) -> str:
    """The page without what differs between two requests: the typed e-mail, the CSRF token."""
    content = response.content.decode().replace(email, "EMAIL")
    return re.sub(r'(csrfmiddlewaretoken" value=|CSRFToken": )"\w+"', "", content)


def test_password_reset_limit_does_not_reveal_whether_an_account_exists(client, curator):
    unknown = "nobody@school.test"
    answers = {}
    for email in (curator.email, unknown):
        for n in range(3):
            assert _reset(client, email, ip=f"192.0.2.{n}").status_code == 302
        answers[email] = _reset(client, email, ip="192.0.2.50")

    known, other = answers[curator.email], answers[unknown]
    assert known.status_code == other.status_code == 429
    assert _page(known, curator.email) == _page(other, unknown)
    assert RESET_LIMITED.search(known.content.decode())


def test_the_wait_is_told_in_russian_minutes(client, staff, settings, monkeypatch):
    settings.LOGIN_FAILURES_PER_IP = 1
    window = settings.AXES_COOLOFF_TIME.total_seconds()
    ninety_seconds_before_the_end = (time.time() // window + 1) * window - 90
    monkeypatch.setattr("core.ratelimit.time.time", lambda: ninety_seconds_before_the_end)
    _login(client, staff[0].email, "wrong-password")

    refused = _login(client, staff[1].email, PASSWORD)

    assert "Попробуйте через 2 минуты." in refused.content.decode()


def test_behind_a_proxy_the_limits_count_the_client_address(client, staff, settings):
    """Behind nginx every request comes from 127.0.0.1: the client is read from the last
    X-Forwarded-For entry, and an entry the client wrote itself cannot dodge the count."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_FAILURES_PER_IP = 2

    def behind_proxy(user, password, forwarded):
        return client.post(
            reverse("login"),
            {"username": user.email, "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    behind_proxy(staff[0], "wrong-password", SCHOOL_IP)
    behind_proxy(staff[1], "wrong-password", f"10.9.9.9, {SCHOOL_IP}")
    assert behind_proxy(staff[2], PASSWORD, SCHOOL_IP).status_code == 429
    # A colleague at home, through the same proxy, signs in.
    assert behind_proxy(staff[2], PASSWORD, HOME_IP).status_code == 302
