"""Reads of meetings and feedback: a pair's meetings, a participant's pairs, missing feedback."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from ..models import Meeting, MeetingFeedback, MenteeEntry, MentoringPair, Person

_PAIR_RELATED = ("academic_year", "form", "mentor__person", "co_mentor__person")


def pairs_with_meetings() -> QuerySet[MentoringPair]:
    feedback = MeetingFeedback.objects.select_related("author")
    return MentoringPair.objects.select_related(*_PAIR_RELATED).prefetch_related(
        Prefetch("mentees", queryset=MenteeEntry.objects.select_related("person")),
        Prefetch(
            "meetings",
            queryset=Meeting.objects.prefetch_related(Prefetch("feedback", queryset=feedback)),
        ),
    )


def meeting_with_pair(pk: int) -> Meeting:
    return (
        Meeting.objects.select_related(*(f"pair__{name}" for name in _PAIR_RELATED))
        .prefetch_related(
            Prefetch("pair__mentees", queryset=MenteeEntry.objects.select_related("person")),
            Prefetch("feedback", queryset=MeetingFeedback.objects.select_related("author")),
        )
        .get(pk=pk)
    )


def pairs_of_user(user) -> QuerySet[MentoringPair]:
    """Pairs and groups where the user is a mentor, co-mentor or mentee, newest first."""
    mine = (
        Q(mentor__person__user=user)
        | Q(co_mentor__person__user=user)
        | Q(mentees__person__user=user)
    )
    ids = MentoringPair.objects.filter(mine).values("pk")
    return pairs_with_meetings().filter(pk__in=ids).prefetch_related("programme__items")


def own_person(user) -> Person | None:
    return Person.objects.filter(user=user).first() if user.is_authenticated else None


def mentor_person_ids(pair: MentoringPair) -> set[int]:
    ids = {pair.mentor.person_id}
    if pair.co_mentor_id:
        ids.add(pair.co_mentor.person_id)
    return ids


def required_authors(pair: MentoringPair) -> set[int]:
    """Whose feedback completes a meeting: the mentor and every mentee with an account."""
    return {pair.mentor.person_id} | {
        entry.person_id for entry in pair.mentees.all() if entry.person.user_id
    }


def feedback_participants(pair: MentoringPair) -> set[int]:
    """Who may leave feedback: the mentors and every mentee with an account."""
    return required_authors(pair) | mentor_person_ids(pair)


def missing_feedback(pairs) -> dict[int, int]:
    """Pair id → number of held regular meetings still lacking the feedback of someone
    `required_authors` names (the mentor, or a mentee with an account). One query."""
    pair_ids = [pair.pk for pair in pairs]

    def silent(author):
        return ~Exists(MeetingFeedback.objects.filter(meeting=OuterRef("pk"), author_id=author))

    mentee_silent = Exists(
        MentoringPair.mentees.through.objects.filter(
            mentoringpair_id=OuterRef("pair_id"), menteeentry__person__user__isnull=False
        ).filter(
            ~Exists(
                MeetingFeedback.objects.filter(
                    meeting=OuterRef(OuterRef("pk")), author_id=OuterRef("menteeentry__person_id")
                )
            )
        )
    )
    rows = (
        Meeting.objects.filter(
            pair_id__in=pair_ids, kind=Meeting.Kind.REGULAR, held_on__isnull=False
        )
        .filter(Q(silent(OuterRef("pair__mentor__person_id"))) | Q(mentee_silent))
        .values("pair_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(pair_ids, 0)
    counts.update({row["pair_id"]: row["n"] for row in rows})
    return counts


def meeting_rows(pair: MentoringPair, person: Person | None) -> list[dict]:
    """Each meeting of a pair (prefetched) with its feedback state as `person` sees it."""
    required = required_authors(pair)
    participants = feedback_participants(pair)
    rows = []
    for meeting in pair.meetings.all():
        feedback = list(meeting.feedback.all())
        authors = {item.author_id for item in feedback}
        wants_feedback = meeting.kind == Meeting.Kind.REGULAR and meeting.held_on is not None
        complete = wants_feedback and required <= authors
        rows.append(
            {
                "meeting": meeting,
                "wants_feedback": wants_feedback,
                "complete": complete,
                "own": next((f for f in feedback if person and f.author_id == person.pk), None),
                "visible": feedback if complete else [],
                "can_leave": wants_feedback
                and person is not None
                and person.pk in participants
                and person.pk not in authors,
            }
        )
    return rows
