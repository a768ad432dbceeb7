"""An e-mail backend for development: one line per message on the console, instead of the
whole MIME text Django's console backend prints (a page of base64 for an e-mail with HTML)."""

import sys
import threading

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage


def one_line(message: EmailMessage) -> str:
    recipients = ", ".join(message.recipients()) or "—"
    subject = " ".join(str(message.subject).split())
    return f"e-mail to {recipients}: {subject}"


class OneLineEmailBackend(BaseEmailBackend):
    """Prints «e-mail to a@b.ru: Subject» for each message; sends nothing."""

    def __init__(self, *args, stream=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        sent = 0
        with self._lock:
            for message in email_messages:
                if not message.recipients():
                    continue
                self.stream.write(one_line(message) + "\n")
                sent += 1
            self.stream.flush()
        return sent
