"""Reading what a person filling in a questionnaire needs: the participation behind a personal
link, whom a person choice offers, what a response records about its author, «Мои анкеты»."""

import hashlib
import hmac

from django.db.models import Q, QuerySet
from django.utils import timezone

from mentoring.models import MenteeEntry, MentorEntry, MentoringPair, Person, User
from mentoring.services.preferences import (
    mentee_entries_of,
    mentor_entries_of,
    partner_candidates,
)

from ..models import Participation, Question, Questionnaire


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _participations() -> QuerySet[Participation]:
    return Participation.objects.select_related(
        "campaign__organisation", "campaign__version__questionnaire", "person", "pair"
    )


def participation_by_token(token: str) -> Participation | None:
    """The participation of a personal link, or None. Only the token's sha256 is stored, so
    the lookup is by the hash: a database index cannot leak how much of a guess was right."""
    if not token or len(token) > 200:
        return None
    digest = token_hash(token)
    participation = _participations().filter(token_hash=digest).first()
    if participation is None or not hmac.compare_digest(participation.token_hash, digest):
        return None
    return participation


def person_choices(participation: Participation, question: Question) -> list[Person]:
    """Whom a person choice question offers: for a preference questionnaire the chooser's
    possible partners, else the question's set of people."""
    campaign = participation.campaign
    year = campaign.academic_year
    people: QuerySet[Person] | None
    if campaign.version.questionnaire.kind == Questionnaire.Kind.PREFERENCE:
        people = partner_candidates(academic_year=year, chooser=participation.person)
    elif question.person_set == Question.PersonSet.MENTORS:
        people = Person.objects.filter(pk__in=mentor_entries_of(year).values("person"))
    elif question.person_set == Question.PersonSet.MENTEES:
        people = Person.objects.filter(pk__in=mentee_entries_of(year).values("person"))
    elif question.person_set == Question.PersonSet.TEACHERS:
        people = Person.objects.filter(
            organisation_id=campaign.organisation_id,
            kind=Person.Kind.TEACHER,
            archived_at__isnull=True,
        )
    else:
        people = None
    if people is None:
        return []
    return list(
        people.exclude(pk=participation.person_id).order_by(
            "last_name", "first_name", "patronymic", "pk"
        )
    )


def person_choices_of(participation: Participation, questions: list[Question]) -> dict:
    """{question key: [Person]} for the person choice questions among `questions`."""
    return {
        question.key: person_choices(participation, question)
        for question in questions
        if question.kind == Question.Kind.PERSON_CHOICE
    }


def respondent_snapshot(participation: Participation) -> dict[str, str]:
    """What results are filtered by, as it is now: the role (mentor / mentee / other), the
    form of mentoring of the person's active pair, the category (a teacher's qualification
    category, else the kind of participant)."""
    person = participation.person
    year_id = participation.campaign.academic_year_id
    pair = participation.pair
    if pair is not None:
        mentor_people = set(
            MentorEntry.objects.filter(pk__in=[pair.mentor_id, pair.co_mentor_id]).values_list(
                "person_id", flat=True
            )
        )
        role = "mentor" if person.pk in mentor_people else "mentee"
    elif MentorEntry.objects.filter(academic_year_id=year_id, person=person).exists():
        role = "mentor"
    elif MenteeEntry.objects.filter(academic_year_id=year_id, person=person).exists():
        role = "mentee"
    else:
        role = "other"
    active = pair
    if active is None:
        active = (
            MentoringPair.objects.filter(
                academic_year_id=year_id, status=MentoringPair.Status.ACTIVE
            )
            .filter(
                Q(mentor__person=person) | Q(co_mentor__person=person) | Q(mentees__person=person)
            )
            .select_related("mentoring_type")
            .order_by("-start_date", "-pk")
            .first()
        )
    form_code = active.mentoring_type.code if active is not None else ""
    if person.kind == Person.Kind.TEACHER and person.category:
        category = person.category
    else:
        category = person.kind
    return {"role": role, "form_code": form_code, "category": category}


def my_participations(user: User) -> QuerySet[Participation]:
    """The campaigns that invited the signed-in person, newest first, in one query."""
    return (
        Participation.objects.filter(person__user=user)
        .select_related("campaign__version__questionnaire", "pair__mentor__person")
        .order_by("-campaign__closes_at", "-pk")
    )


def awaiting_answer(user: User) -> QuerySet[Participation]:
    """The signed-in person's open campaigns she has not answered yet, closing soonest first."""
    now = timezone.now()
    return (
        my_participations(user)
        .filter(
            submitted_at__isnull=True,
            campaign__closed_at__isnull=True,
            campaign__opens_at__lte=now,
            campaign__closes_at__gt=now,
        )
        .order_by("campaign__closes_at", "pk")
    )


def surveys_panel(request, organisation, roles) -> dict | None:
    """The dashboard's block «Ждут вашего ответа», shown only when something does."""
    waiting = list(awaiting_answer(request.user).filter(campaign__organisation=organisation))
    return {"participations": waiting} if waiting else None
