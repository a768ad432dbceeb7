"""Submitting a questionnaire: once, even on a double click or a retried request; editable
until the campaign closes when it is named; leaving no trace of the person when anonymous."""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentoring.models import User

from ..models import Answer, Participation, Question, QuestionnaireVersion, Response
from ..selectors.answering import person_choices_of, respondent_snapshot
from ..selectors.questionnaires import version_with_questions
from .answers import OTHER, OTHER_SUFFIX, answer_number, answers_validate, draft_apply
from .effects import response_effects


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    # The same answers again (a double click, a retried request): nothing changed.
    ALREADY = "already"


@dataclass
class Submission:
    outcome: Outcome | None
    response: Response | None = None
    # The question keys with what is wrong, when the answers are not accepted.
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return self.outcome is not None


def closed_message(participation: Participation) -> str:
    campaign = participation.campaign
    closed = timezone.localtime(campaign.closed_at or campaign.closes_at)
    return _(
        "Анкетирование закрыто %(date)s в %(time)s, ответы больше не принимаются. "
        "Ваш черновик сохранён."
    ) % {"date": closed.strftime("%d.%m.%Y"), "time": closed.strftime("%H:%M")}


def campaign_state_error(participation: Participation, now=None) -> str | None:
    """Why answers are not accepted now, or None while the campaign is open."""
    campaign = participation.campaign
    now = now or timezone.now()
    if campaign.is_open(now):
        return None
    if campaign.closed_at is None and now < campaign.opens_at:
        opens = timezone.localtime(campaign.opens_at)
        return _("Анкетирование откроется %(date)s в %(time)s.") % {
            "date": opens.strftime("%d.%m.%Y"),
            "time": opens.strftime("%H:%M"),
        }
    return closed_message(participation)


def _start_of_day(moment):
    local = timezone.localtime(moment)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def _answers(response: Response, questions: dict[str, Question], values: dict) -> list[Answer]:
    answers = []
    for item_key, value in values.items():
        if item_key.endswith(OTHER_SUFFIX):
            continue
        question = questions[item_key.split(".", 1)[0]]
        chosen = value if isinstance(value, list) else [value]
        answers.append(
            Answer(
                response=response,
                question=question,
                item_key=item_key,
                value=value,
                number=answer_number(question, value),
                other_text=values.get(question.key + OTHER_SUFFIX, "") if OTHER in chosen else "",
            )
        )
    return answers


def _stored_values(response: Response) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for answer in response.answers.all():
        values[answer.item_key] = answer.value
        if answer.other_text:
            values[answer.item_key + OTHER_SUFFIX] = answer.other_text
    return values


@transaction.atomic
def response_submit(
    *,
    participation: Participation,
    posted,
    actor: User | None,
    section_questions: list[Question] | None = None,
    version: QuestionnaireVersion | None = None,
) -> Submission:
    """Merge the posted fields of the section on the page into the draft, validate the whole
    draft and record the response once.

    The participation row is locked, so two submissions of one person run one after the
    other: the second finds the response of the first. Refused in plain Russian (a
    ValidationError) when the campaign is not open or an anonymous answer is already in; the
    draft is then left as it was."""
    participation = (
        Participation.objects.select_for_update(of=("self",))
        .select_related("campaign", "person", "pair")
        .get(pk=participation.pk)
    )
    campaign = participation.campaign
    anonymous = campaign.anonymous
    now = timezone.now()
    if participation.submitted_at is not None and anonymous:
        # The answers cannot be found again by design; a repeated click is simply received.
        return Submission(Outcome.ALREADY)
    if message := campaign_state_error(participation, now):
        raise ValidationError(message, code="closed")
    # The page has the campaign's version with its questions already; others read it here.
    if version is None or version.pk != campaign.version_id:
        version = version_with_questions(campaign.version_id)
    questions = {
        question.key: question
        for section in version.sections.all()
        for question in section.questions.all()
    }
    draft = participation.draft or {}
    if section_questions:
        draft = draft_apply(draft, section_questions, posted)
    participation.draft = draft
    participation.draft_saved_at = now
    candidates = {
        key: [person.pk for person in people]
        for key, people in person_choices_of(participation, list(questions.values())).items()
    }
    values, errors = answers_validate(version, draft, candidates=candidates)
    if errors:
        participation.save(update_fields=["draft", "draft_saved_at"])
        return Submission(None, errors=errors)

    existing = Response.objects.filter(participation=participation).first()
    if existing is not None:
        if _stored_values(existing) == values:
            participation.save(update_fields=["draft", "draft_saved_at"])
            return Submission(Outcome.ALREADY, existing)
        existing.answers.all().delete()
        Answer.objects.bulk_create(_answers(existing, questions, values))
        existing.version = version
        existing.submitted_on = timezone.localdate(now)
        existing.submitted_at = now
        existing.save(update_fields=["version", "submitted_on", "submitted_at"])
        participation.submitted_at = now
        participation.save(update_fields=["draft", "draft_saved_at", "submitted_at"])
        response_effects(response=existing, values=values, actor=actor)
        return Submission(Outcome.UPDATED, existing)

    snapshot = respondent_snapshot(participation)
    if anonymous:
        response = Response.objects.create(
            campaign=campaign,
            version=version,
            submitted_on=timezone.localdate(now),
            **snapshot,
        )
        # Nothing of the answers stays with the person: the draft goes.
        participation.draft = {}
        participation.draft_saved_at = None
    else:
        response = Response.objects.create(
            campaign=campaign,
            version=version,
            participation=participation,
            person=participation.person,
            pair=participation.pair,
            submitted_on=timezone.localdate(now),
            submitted_at=now,
            **snapshot,
        )
    Answer.objects.bulk_create(_answers(response, questions, values))
    # In an anonymous campaign the participation keeps the day only: the order of the answers'
    # ids must not be matched with the order in which people answered.
    participation.submitted_at = _start_of_day(now) if anonymous else now
    participation.save(update_fields=["draft", "draft_saved_at", "submitted_at"])
    response_effects(response=response, values=values, actor=actor)
    return Submission(Outcome.CREATED, response)
