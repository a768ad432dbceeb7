"""What a submitted response sets off beyond itself, by the questionnaire's kind:

- the curator's evaluation: the response's score (0–18) and level;
- a preference after the group meeting: the person's preferred partners, which matching reads;
- a mentee's request: the difficulties chosen are added to the requests of the person's entry
  in the bank of mentees of the campaign's year, or make the entry of a candidate («другое»
  stays in the answer, it makes no tag).

The filling part calls `response_effects` inside its submit transaction, and again when a named
response is edited: running twice sets the same score, the same preferences, the same requests.
Preference and request campaigns act on a person, so they are never anonymous
(`anonymous_allowed`).
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mentoring.models import MenteeEntry, Person, User
from mentoring.models.consents import restricted
from mentoring.services.banks import bank_entry_update, mentee_add
from mentoring.services.preferences import preferences_set

from ..library import DIFFICULTIES_KEY, PREFERENCES_KEY
from ..models import Question, Questionnaire, QuestionnaireVersion, Response
from .scoring import INDICATOR_KEYS, POINTS, evaluation_result

# Kinds whose answers change a person's records: naming the person is their point.
NAMED_ONLY = (
    Questionnaire.Kind.PREFERENCE,
    Questionnaire.Kind.EVALUATION,
    Questionnaire.Kind.MENTEE_REQUEST,
)


def anonymous_allowed(questionnaire: Questionnaire) -> bool:
    return questionnaire.kind not in NAMED_ONLY


def anonymous_refusal(questionnaire: Questionnaire) -> str:
    """Why a campaign of this questionnaire cannot be anonymous (empty when it can)."""
    if anonymous_allowed(questionnaire):
        return ""
    return _(
        "Анкета «%(title)s» (%(kind)s) не может быть анонимной: её ответы записываются на "
        "участника — в предпочтения для подбора пар, в оценку пары или в запросы банка "
        "наставляемых. Снимите отметку «Анонимно» или выберите другую анкету."
    ) % {"title": questionnaire.title, "kind": questionnaire.get_kind_display()}


def _questions(version: QuestionnaireVersion) -> dict[str, Question]:
    return {q.key: q for q in Question.objects.filter(section__version=version)}


def evaluation_scorable(questions: dict[str, Question]) -> bool:
    """A version still asks every indicator on the 0–2 scale; one the school has reworded is
    scored, one that dropped an indicator or changed its scale is not."""
    return all(
        key in questions
        and questions[key].kind == Question.Kind.SCALE
        and (questions[key].scale_min, questions[key].scale_max) == (POINTS[0], POINTS[-1])
        for key in INDICATOR_KEYS
    )


def _evaluation(response: Response, values: dict[str, Any], questions: dict) -> None:
    if evaluation_scorable(questions):
        response.score, response.level = evaluation_result(values)
    else:
        response.score, response.level = None, ""
    response.save(update_fields=["score", "level"])


def _preference(response: Response, values: dict[str, Any], actor: User | None) -> None:
    if response.person_id is None or PREFERENCES_KEY not in values:
        return
    ids = [int(pk) for pk in values[PREFERENCES_KEY] or []]
    people = Person.objects.in_bulk(ids)
    preferences_set(
        academic_year=response.campaign.academic_year,
        chooser=response.person,
        chosen=[people[pk] for pk in ids if pk in people],
        entered_by=actor,
    )


def _request(response: Response, values: dict[str, Any], questions: dict) -> None:
    question = questions.get(DIFFICULTIES_KEY)
    if response.person_id is None or question is None or question.kind != Question.Kind.MULTIPLE:
        return
    person = response.person
    # A person who withdrew the processing consent keeps the answer, the bank is not touched.
    if Person.objects.filter(pk=person.pk).filter(restricted()).exists():
        return
    labels = {option["value"]: option["label"] for option in question.options}
    chosen = [labels[value] for value in values.get(DIFFICULTIES_KEY) or [] if value in labels]
    year = response.campaign.academic_year
    entry = (
        MenteeEntry.objects.filter(academic_year=year, person=person)
        .prefetch_related("requests")
        .first()
    )
    source = MenteeEntry.Source.QUESTIONNAIRE
    if entry is None:
        # The request is how a candidate enters the bank (seed 003 §3).
        mentee_add(
            academic_year=year, person=person, request_names=chosen, request_sources=[source]
        )
        return
    # Added to what the bank holds: requests recorded from other sources (the psychologist,
    # the class teacher) are not the mentee's to drop, and an edit that unticks one leaves it
    # for the curator to remove.
    kept = [tag.name for tag in entry.requests.all()]
    sources = entry.request_sources
    if source not in sources:
        sources = [*sources, source]
    bank_entry_update(entry=entry, data={"request_sources": sources}, tag_names=[*kept, *chosen])


@transaction.atomic
def response_effects(*, response: Response, values: dict[str, Any], actor: User | None) -> None:
    """Apply what the submitted (or edited) response sets off; `values` are its answers by item
    key, in the Answer value format."""
    kind = response.version.questionnaire.kind
    if kind not in NAMED_ONLY:
        return
    questions = _questions(response.version)
    if kind == Questionnaire.Kind.EVALUATION:
        _evaluation(response, values, questions)
    elif kind == Questionnaire.Kind.PREFERENCE:
        _preference(response, values, actor)
    elif kind == Questionnaire.Kind.MENTEE_REQUEST:
        _request(response, values, questions)
