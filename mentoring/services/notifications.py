"""In-app notifications: what the bell in the menu counts. Every app adds them through here."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.text import Truncator

from ..models import Notification, Organisation, User

TEXT_LENGTH = Notification._meta.get_field("text").max_length


def _fit(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(TEXT_LENGTH)


def notification_add(
    *, user: User, text: str, url: str = "", organisation: Organisation | None = None
) -> Notification:
    return Notification.objects.create(
        user=user, text=_fit(text), url=url, organisation=organisation
    )


def notifications_add(*, notifications: Iterable[Notification]) -> list[Notification]:
    """Many unsaved notifications in one insert per batch (reminders send thousands)."""
    rows = list(notifications)
    for row in rows:
        row.text = _fit(row.text)
    return Notification.objects.bulk_create(rows, batch_size=1000)


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications read: the given ones, or all when `ids` is None."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
