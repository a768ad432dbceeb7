"""«Мои задачи»: the activities of this year's roadmaps the signed-in person is responsible
for, by person or by role, grouped by when they are due."""

import calendar
from datetime import date

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from mentoring.models import Organisation
from mentoring.permissions import organisations_where

from ..deadlines import due_as_of
from ..models import Activity
from ..permissions import Action
from ..selectors import roadmap as selectors

GROUPS = (
    ("overdue", _("Просрочено")),
    ("month", _("В этом месяце")),
    ("later", _("Позже")),
    ("undated", _("Без даты")),
    ("done", _("Выполнено")),
)


def _group(activity: Activity, month_end: date) -> str:
    if activity.status == Activity.Status.DONE:
        return "done"
    if activity.is_overdue:
        return "overdue"
    if activity.due is None:
        return "undated"
    return "month" if activity.due <= month_end else "later"


@require_GET
def my_tasks(request):
    today = timezone.localdate()
    month_end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    schools = Organisation.objects.filter(
        pk__in=organisations_where(request.user, Action.ROADMAP_WORK)
    ).order_by("short_name")
    sections = []
    for organisation in schools:
        groups = {key: [] for key, _label in GROUPS}
        for activity in selectors.my_tasks(request.user, organisation, today, include_done=True):
            activity.due = due_as_of(activity.due_on, activity.recurrence, today)
            groups[_group(activity, month_end)].append(activity)
        for key in ("month", "later"):
            groups[key].sort(key=lambda a: a.due)
        sections.append(
            {
                "organisation": organisation,
                "groups": [(key, label, groups[key]) for key, label in GROUPS],
                "open_count": sum(len(groups[key]) for key in groups if key != "done"),
                "total": sum(len(items) for items in groups.values()),
            }
        )
    return render(
        request,
        "roadmap/my_tasks.html",
        {"sections": sections, "today": today, "month_end": month_end},
    )
