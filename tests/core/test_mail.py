"""The development e-mail backend: a line per message, naming its recipients and subject."""

import io
import os
import subprocess
import sys
from pathlib import Path

from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection, send_mail

ROOT = Path(__file__).resolve().parent.parent.parent


def _backend(stream):
    return get_connection("core.mail.OneLineEmailBackend", stream=stream)


def test_each_message_is_one_line_with_recipients_and_subject():
    stream = io.StringIO()
    html = EmailMultiAlternatives(
        "Приглашение в «Наставник»",
        "Текст письма\nв несколько строк",
        to=["teacher@school.test"],
        cc=["curator@school.test"],
    )
    html.attach_alternative("<p>" + "Длинное письмо. " * 200 + "</p>", "text/html")
    plain = EmailMessage("Напоминание", "Срок завтра", to=["director@school.test"])

    sent = _backend(stream).send_messages([html, plain])

    assert sent == 2
    assert stream.getvalue().splitlines() == [
        "e-mail to teacher@school.test, curator@school.test: Приглашение в «Наставник»",
        "e-mail to director@school.test: Напоминание",
    ]


def test_send_mail_through_the_backend_prints_no_body():
    stream = io.StringIO()

    send_mail(
        "Сброс пароля",
        "Секретная ссылка https://example.test/reset/abc",
        None,
        ["a@b.test"],
        connection=_backend(stream),
    )

    assert stream.getvalue() == "e-mail to a@b.test: Сброс пароля\n"


def test_a_message_without_recipients_is_not_counted():
    stream = io.StringIO()

    assert _backend(stream).send_messages([EmailMessage("Пусто", "…")]) == 0
    assert stream.getvalue() == ""


def _email_backend(**env: str) -> str:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG", "EMAIL_"))
    }
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.EMAIL_BACKEND)"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_development_prints_a_line_and_production_sends_by_smtp():
    assert _email_backend() == "core.mail.OneLineEmailBackend"
    assert _email_backend(DEBUG="false", SECRET_KEY="x" * 50) == (
        "django.core.mail.backends.smtp.EmailBackend"
    )
    assert _email_backend(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend") == (
        "django.core.mail.backends.console.EmailBackend"
    )
