"""The seed 003 evaluation of programmes: each pair's or group's criteria scored 0/1/2, its
total and level (computed when the curator submits it, Response.score and Response.level)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from mentoring.models import MenteeEntry

from ..models import Answer, Campaign, Question, Response


@dataclass
class Criterion:
    key: str
    text: str


@dataclass
class EvaluationRow:
    response: Response
    scores: list[int | None] = field(default_factory=list)


@dataclass
class Evaluation:
    criteria: list[Criterion]
    rows: list[EvaluationRow]
    levels: list[tuple[str, str, int]]


def criteria_of(version_id: int) -> list[Criterion]:
    """The items scored 0–2: scale questions and matrix rows on that scale, in order."""
    criteria = []
    questions = Question.objects.filter(
        section__version_id=version_id,
        kind__in=[Question.Kind.SCALE, Question.Kind.MATRIX],
        scale_min=0,
        scale_max=2,
    ).order_by("section__position", "position", "pk")
    for question in questions:
        if question.kind == Question.Kind.MATRIX:
            criteria += [
                Criterion(f"{question.key}.{row['key']}", row["label"])
                for row in question.rows or []
            ]
        else:
            criteria.append(Criterion(question.key, question.text))
    return criteria


def campaign_evaluation(campaign: Campaign) -> Evaluation:
    """One row per submitted evaluation, with the pair's mentor, mentees and form; a fixed
    number of queries however many pairs."""
    criteria = criteria_of(campaign.version_id)
    responses = list(
        Response.objects.filter(campaign=campaign)
        .select_related("pair__mentor__person", "pair__form", "pair__mentoring_type", "person")
        .prefetch_related(
            Prefetch(
                "pair__mentees",
                queryset=MenteeEntry.objects.select_related("person").order_by(
                    "person__last_name", "person__first_name"
                ),
            )
        )
        .order_by("pair__mentor__person__last_name", "submitted_on", "id")
    )
    scores: dict = defaultdict(dict)
    for response_id, key, number in Answer.objects.filter(
        response__campaign=campaign, item_key__in=[c.key for c in criteria]
    ).values_list("response_id", "item_key", "number"):
        scores[response_id][key] = None if number is None else int(number)
    rows = [
        EvaluationRow(response, [scores[response.pk].get(c.key) for c in criteria])
        for response in responses
    ]
    counted = Counter(response.level for response in responses if response.level)
    levels = [(value, label, counted.get(value, 0)) for value, label in Response.Level.choices]
    return Evaluation(criteria, rows, levels)
