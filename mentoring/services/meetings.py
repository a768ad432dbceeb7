"""The meetings of a pair or group: the planned sequence, the log of held ones and feedback."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import add_months, working_day_on_or_after, working_day_on_or_before

from ..models import Meeting, MeetingFeedback, MentoringPair, Person
from ..selectors.meetings import feedback_participants

# Regular meetings stop two weeks before the end, leaving room for the final one.
_LAST_REGULAR_GAP = timedelta(weeks=2)
# Pairs longer than this meet monthly instead of every two weeks.
_MONTHLY_AFTER_MONTHS = 6


def meeting_schedule(start: date, end: date) -> list[tuple[str, date]]:
    """The standard sequence (seed 000 stage 5) as (kind, proposed date), on working days."""
    kinds = Meeting.Kind
    schedule = [
        (kinds.ORGANISATIONAL, working_day_on_or_after(start)),
        (kinds.TRIAL, working_day_on_or_after(start + timedelta(weeks=1))),
        (kinds.PLANNING, working_day_on_or_after(start + timedelta(weeks=2))),
    ]
    monthly = end > add_months(start, _MONTHLY_AFTER_MONTHS)
    step = 1
    while True:
        day = add_months(start, step) if monthly else start + timedelta(weeks=2 * (step + 1))
        if day > end - _LAST_REGULAR_GAP:
            break
        schedule.append((kinds.REGULAR, working_day_on_or_after(day)))
        step += 1
    schedule.append((kinds.FINAL, working_day_on_or_before(end)))
    return schedule


@transaction.atomic
def meetings_plan(*, pair: MentoringPair) -> list[Meeting]:
    """Plan the standard sequence once; a pair that already has meetings is left as it is."""
    if pair.meetings.exists():
        return []
    return Meeting.objects.bulk_create(
        Meeting(pair=pair, kind=kind, planned_on=day)
        for kind, day in meeting_schedule(pair.start_date, pair.end_date)
    )


@transaction.atomic
def meetings_drop_unheld(*, pair: MentoringPair, after: date | None = None) -> int:
    """Delete the pair's meetings not held yet (only those planned after `after`, if given);
    the held ones stay on record. Returns how many were dropped."""
    unheld = pair.meetings.filter(held_on__isnull=True)
    if after is not None:
        unheld = unheld.filter(planned_on__gt=after)
    _total, deleted = unheld.delete()
    return deleted.get(Meeting._meta.label, 0)


@transaction.atomic
def meeting_log(
    *, meeting: Meeting, held_on: date, format: str, topic: str, notes: str = ""
) -> Meeting:
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Дата проведения не может быть в будущем.")})
    meeting.held_on = held_on
    meeting.format = format
    meeting.topic = topic
    meeting.notes = notes
    meeting.full_clean()
    meeting.save(update_fields=["held_on", "format", "topic", "notes"])
    return meeting


@transaction.atomic
def meeting_feedback_leave(
    *, meeting: Meeting, author: Person, rating: int, comment: str = ""
) -> MeetingFeedback:
    if meeting.kind != Meeting.Kind.REGULAR or meeting.held_on is None:
        raise ValidationError(_("Отзыв оставляют после проведённой регулярной встречи."))
    if author.pk not in feedback_participants(meeting.pair):
        raise ValidationError(_("Отзыв оставляют только участники пары."))
    if meeting.feedback.filter(author=author).exists():
        raise ValidationError(_("Вы уже оставили отзыв об этой встрече."))
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Оценка — от 1 до 5.")})
    return MeetingFeedback.objects.create(
        meeting=meeting, author=author, rating=rating, comment=comment
    )
