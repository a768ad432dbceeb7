"""Meetings of a pair or group, their log and feedback, and a teacher's own mentoring page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..forms.meetings import MeetingFeedbackForm, MeetingLogForm
from ..models import Meeting, MentoringPair
from ..permissions import Action, can, check, get_organisation_for_user, get_pair_for_user
from ..selectors.meetings import (
    meeting_rows,
    meeting_with_pair,
    mentor_person_ids,
    own_person,
    pairs_of_user,
    pairs_with_meetings,
)
from ..services import meetings as meeting_services

_PLANNABLE = (MentoringPair.Status.AWAITING_ORDER, MentoringPair.Status.ACTIVE)


def _get_meeting(pk: int) -> Meeting:
    try:
        return meeting_with_pair(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def _split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Upcoming meetings in date order; held or overdue ones, latest first."""
    today = timezone.localdate()

    def ahead(row: dict) -> bool:
        return row["meeting"].held_on is None and row["meeting"].planned_on >= today

    return [r for r in rows if ahead(r)], [r for r in reversed(rows) if not ahead(r)]


@require_GET
def meeting_list(request, pk: int):
    pair = get_pair_for_user(request.user, pk, Action.PAIR_FOLLOW, queryset=pairs_with_meetings())
    person = own_person(request.user)
    can_change = can(request.user, Action.PAIRS_CHANGE, pair.organisation_id)
    upcoming, past = _split(meeting_rows(pair, person))
    return render(
        request,
        "mentoring/meeting_list.html",
        {
            "pair": pair,
            "upcoming": upcoming,
            "past": past,
            "can_view_pair": can(request.user, Action.PAIRS_VIEW, pair.organisation_id),
            "can_plan": can_change and pair.status in _PLANNABLE and not pair.meetings.all(),
            "can_log": can(request.user, Action.MEETINGS_LOG, pair),
        },
    )


@require_POST
def meetings_plan(request, pk: int):
    pair = MentoringPair.objects.filter(pk=pk).first()
    if pair is None:
        raise Http404
    get_organisation_for_user(request.user, pair.organisation_id, Action.PAIRS_CHANGE)
    if pair.status == MentoringPair.Status.DRAFT:
        messages.error(request, _("Встречи планируются, когда пара утверждена приказом."))
    elif pair.status not in _PLANNABLE:
        messages.error(request, _("Пара завершена или расформирована."))
    elif meeting_services.meetings_plan(pair=pair):
        messages.success(request, _("Встречи запланированы; даты можно уточнить при проведении."))
    else:
        messages.info(request, _("Встречи этой пары уже запланированы."))
    return redirect("meeting_list", pk=pair.pk)


def meeting_log(request, pk: int):
    meeting = _get_meeting(pk)
    pair = meeting.pair
    check(request.user, Action.MEETINGS_LOG, pair)
    form = MeetingLogForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting_services.meeting_log(
                meeting=meeting,
                held_on=data["held_on"],
                format=data["format"],
                topic=data["topic"],
                notes=data["notes"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Встреча отмечена проведённой."))
            return redirect("meeting_list", pk=pair.pk)
    return render(request, "mentoring/meeting_log.html", {"meeting": meeting, "form": form})


def meeting_feedback(request, pk: int):
    meeting = _get_meeting(pk)
    pair = meeting.pair
    check(request.user, Action.MEETING_FEEDBACK, pair)
    person = next(e.person for e in pair.members() if e.person.user_id == request.user.pk)
    if meeting.kind != Meeting.Kind.REGULAR or meeting.held_on is None:
        messages.error(request, _("Отзыв оставляют после проведённой регулярной встречи."))
        return redirect("meeting_list", pk=pair.pk)
    if any(item.author_id == person.pk for item in meeting.feedback.all()):
        messages.info(request, _("Вы уже оставили отзыв об этой встрече."))
        return redirect("meeting_list", pk=pair.pk)
    form = MeetingFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.meeting_feedback_leave(
                meeting=meeting, author=person, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Спасибо за отзыв."))
            return redirect("meeting_list", pk=pair.pk)
    return render(request, "mentoring/meeting_feedback.html", {"meeting": meeting, "form": form})


def _progress(pair: MentoringPair) -> tuple[int, int] | None:
    programme = getattr(pair, "programme", None)
    if programme is None:
        return None
    items = list(programme.items.all())
    return sum(item.done for item in items), len(items)


@require_GET
def my_mentoring(request):
    person = own_person(request.user)
    cards = []
    for pair in pairs_of_user(request.user) if person else []:
        upcoming, past = _split(meeting_rows(pair, person))
        cards.append(
            {
                "pair": pair,
                "is_mentor": person.pk in mentor_person_ids(pair),
                "progress": _progress(pair),
                "upcoming": upcoming[:3],
                "past": past[:3],
                "to_leave": [row for row in past if row["can_leave"]],
            }
        )
    return render(request, "mentoring/my_mentoring.html", {"person": person, "cards": cards})
