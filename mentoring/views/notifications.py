"""The signed-in user's own notifications: the list behind the bell, opening one, reading all."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.redirects import safe_target

from ..models import Notification
from ..services.notifications import notifications_mark_read


@require_GET
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user)
    page = Paginator(notifications, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "mentoring/notification_list.html",
        {"page": page, "has_unread": notifications.filter(read_at__isnull=True).exists()},
    )


@require_POST
def notifications_read(request):
    if notifications_mark_read(user=request.user):
        messages.success(request, _("Все уведомления отмечены прочитанными."))
    return redirect("notification_list")


@require_GET
def notification_open(request, pk: int):
    """Mark the notification read and follow its link. Another user's one does not exist."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notifications_mark_read(user=request.user, ids=[notification.pk])
    return redirect(safe_target(request, notification.url) or "notification_list")
