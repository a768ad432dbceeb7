"""Responses with answers for the results' tests, written straight to the tables in the answer
value format of the shared contract (the filling part builds the real path in parallel)."""

from django.utils import timezone

from mentoring.models import Person
from surveys.models import Answer, Campaign, Participation, Question, Response
from tests.mentoring.factories import PersonFactory

NUMBER_KINDS = (Question.Kind.SCALE, Question.Kind.NUMBER, Question.Kind.MATRIX)


def _questions(campaign: Campaign) -> dict[str, Question]:
    return {
        question.key: question
        for question in Question.objects.filter(section__version_id=campaign.version_id)
    }


def _number(question: Question, value):
    if question.kind in NUMBER_KINDS:
        return value
    if question.kind == Question.Kind.YES_NO:
        return 1 if value else 0
    return None


def invite(campaign: Campaign, person: Person | None = None, *, pair=None) -> Participation:
    person = person or PersonFactory(organisation=campaign.organisation)
    return Participation.objects.create(
        campaign=campaign, person=person, pair=pair, invited_at=timezone.now()
    )


def add_response(
    campaign: Campaign,
    values: dict,
    *,
    person: Person | None = None,
    pair=None,
    submitted_on=None,
    role: str = "",
    form_code: str = "",
    category: str = "",
    score: int | None = None,
    level: str = "",
    participation: Participation | None = None,
) -> Response:
    """A submitted response: `values` maps item keys to values («<key>__other» to the text of
    «другое»), as Participation.draft holds them."""
    now = timezone.now()
    participation = participation or invite(campaign, person, pair=pair)
    participation.submitted_at = now
    participation.save(update_fields=["submitted_at"])
    named = not campaign.anonymous
    response = Response.objects.create(
        campaign=campaign,
        version_id=campaign.version_id,
        participation=participation if named else None,
        person=participation.person if named else None,
        pair=pair if named else None,
        submitted_on=submitted_on or timezone.localdate(),
        submitted_at=now if named else None,
        role=role,
        form_code=form_code,
        category=category,
        score=score,
        level=level,
    )
    questions = _questions(campaign)
    answers = []
    for key, value in values.items():
        if key.endswith("__other"):
            continue
        question = questions[key.split(".")[0]]
        answers.append(
            Answer(
                response=response,
                question=question,
                item_key=key,
                value=value,
                number=_number(question, value),
                other_text=values.get(f"{key}__other", ""),
            )
        )
    Answer.objects.bulk_create(answers)
    return response
