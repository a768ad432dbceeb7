"""The demo school's roadmap: the 2023–2024 roadmap of a real school, moved to the current year,
with its progress up to today as a school keeps it: what fell due is mostly done, a few of the
latest are late, what is under way is in progress, the rest is planned."""

import random
from datetime import date, timedelta

from django.utils import timezone

from mentoring.models import Membership, Organisation, Role

from .models import Activity, Roadmap
from .services.roadmap import activity_status_set, roadmap_create_from_template

DEMO_TEMPLATE = "school_2023"
# About one in eight of the activities that fell due is still not done: the latest ones.
LATE_SHARE = 8


def roadmap_add(school: Organisation) -> None:
    year = school.academic_years.filter(is_current=True).first()
    if year is None or Roadmap.objects.filter(organisation=school, academic_year=year).exists():
        return
    curator = Membership.objects.filter(organisation=school, role=Role.CURATOR).first()
    created = roadmap_create_from_template(
        organisation=school,
        academic_year=year,
        template_key=DEMO_TEMPLATE,
        actor=curator.user if curator else None,
    )
    roadmap_progress_add(created.roadmap, timezone.localdate())


def _done_on(activity: Activity, rng: random.Random, today: date) -> date:
    """A day in the last ten days before the deadline, not before the activity began."""
    day = activity.due_on - timedelta(days=rng.randint(0, 10))
    if activity.start_on:
        day = max(day, activity.start_on)
    return min(day, today)


def roadmap_progress_add(roadmap: Roadmap, today: date) -> None:
    rng = random.Random(f"roadmap-{roadmap.pk}")
    activities = Activity.objects.filter(stage__roadmap=roadmap, due_on__isnull=False)
    fell_due = list(activities.filter(due_on__lt=today).order_by("due_on", "stage__number", "pk"))
    late = len(fell_due) // LATE_SHARE
    for activity in fell_due[: len(fell_due) - late]:
        activity_status_set(
            activity=activity,
            status=Activity.Status.DONE,
            completed_on=_done_on(activity, rng, today),
        )
    for activity in fell_due[len(fell_due) - late :]:
        activity_status_set(activity=activity, status=Activity.Status.IN_PROGRESS)
    under_way = activities.filter(start_on__lte=today, due_on__gte=today)
    for activity in under_way:
        activity_status_set(activity=activity, status=Activity.Status.IN_PROGRESS)
