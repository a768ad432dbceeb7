"""What needs the curator's attention now: roadmap activities past their date, active pairs
that have not met for a month, held meetings nobody gave feedback on, and open campaigns few
have answered. Each list's first rows take a query, the four sizes one more, whatever the
school's size."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from core.counts import count_rows
from mentoring.models import Meeting, MeetingFeedback, MentoringPair, Organisation
from roadmap.models import Activity
from surveys.models import Campaign
from surveys.selectors.campaigns import Status, campaigns_of

from .indicators import due_activities, due_meetings, years_on

QUIET_DAYS = 30
LOW_RESPONSE_PERCENT = 50
SHOWN = 10


@dataclass
class Items:
    rows: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


@dataclass
class Attention:
    on: date
    overdue_activities: Items
    quiet_pairs: Items
    feedback_missing: Items
    low_response: Items

    @property
    def empty(self) -> bool:
        return not any(
            items.total
            for items in (
                self.overdue_activities,
                self.quiet_pairs,
                self.feedback_missing,
                self.low_response,
            )
        )


def overdue_activities(year_ids: list[int], on: date) -> QuerySet[Activity]:
    """Activities whose date has passed and that are not done."""
    return (
        due_activities(year_ids, on)
        .filter(due_on__lt=on)
        .exclude(status=Activity.Status.DONE)
        .select_related("stage__roadmap")
        .order_by("due_on", "stage__number", "number")
    )


def quiet_pairs(year_ids: list[int], on: date) -> QuerySet[MentoringPair]:
    """Active pairs and groups, working for at least `QUIET_DAYS`, with no meeting held in the
    last `QUIET_DAYS` days; `last_held` is their latest held meeting (None if never)."""
    since = on - timedelta(days=QUIET_DAYS)
    recent = Meeting.objects.filter(pair_id=OuterRef("pk"), held_on__gt=since, held_on__lte=on)
    return (
        MentoringPair.objects.filter(
            academic_year_id__in=year_ids,
            status=MentoringPair.Status.ACTIVE,
            start_date__lte=since,
        )
        .exclude(Exists(recent))
        .annotate(last_held=Max("meetings__held_on", filter=Q(meetings__held_on__lte=on)))
        .select_related("mentor__person")
        .order_by(F("last_held").asc(nulls_first=True), "pk")
    )


def feedback_missing(year_ids: list[int], on: date) -> QuerySet[Meeting]:
    """Held meetings of the year's pairs without any feedback."""
    return (
        due_meetings(year_ids, on)
        .filter(held_on__lte=on)
        .exclude(Exists(MeetingFeedback.objects.filter(meeting_id=OuterRef("pk"))))
        .select_related("pair__mentor__person")
        .order_by("-held_on", "pk")
    )


def low_response(organisation: Organisation) -> QuerySet[Campaign]:
    """Open campaigns with someone invited and fewer than half of them answered."""
    return (
        campaigns_of(organisation.pk, {"status": Status.OPEN})
        .filter(invited__gt=0, answered__lt=F("invited") * LOW_RESPONSE_PERCENT / 100.0)
        .order_by("closes_at", "pk")
    )


def attention(organisation: Organisation, on: date | None = None) -> Attention:
    on = on or timezone.localdate()
    year = years_on([organisation.pk], on).get(organisation.pk)
    year_ids = [year.pk] if year else []
    lists = (
        overdue_activities(year_ids, on),
        quiet_pairs(year_ids, on),
        feedback_missing(year_ids, on),
        low_response(organisation),
    )
    totals = count_rows(lists)
    return Attention(
        on,
        *(Items(list(rows[:SHOWN]), total) for rows, total in zip(lists, totals, strict=True)),
    )
