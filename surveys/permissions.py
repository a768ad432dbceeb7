"""Who may build questionnaires, run campaigns, answer them and read the results.

The curator and the director run the school's surveys and see all of its results. A person
answers the campaigns that invite her (her own participation). The psychologist reads the
results of a campaign only when it is shared with her. The municipal coordinator reads
aggregated results across the schools of her municipality, never a named answer.
"""

from enum import StrEnum

from mentoring.models import Role
from mentoring.permissions import (
    MANAGERS,
    ORGANISATION_OF,
    get_for_user,
    relationship,
    roles_in,
    rules_add,
)

from .models import Campaign, Participation, Question, Questionnaire, QuestionnaireVersion, Section


class Action(StrEnum):
    QUESTIONNAIRES_MANAGE = "surveys.questionnaires_manage"
    CAMPAIGNS_MANAGE = "surveys.campaigns_manage"
    # Named answers and per-school results of a campaign.
    RESULTS_VIEW = "surveys.results_view"
    # Figures across schools, without any named answer.
    RESULTS_AGGREGATE = "surveys.results_aggregate"
    # Filling in one's own questionnaire (a participation).
    ANSWER = "surveys.answer"


rules_add(
    {
        Action.QUESTIONNAIRES_MANAGE: MANAGERS,
        Action.CAMPAIGNS_MANAGE: MANAGERS,
        Action.RESULTS_VIEW: MANAGERS,
        Action.RESULTS_AGGREGATE: MANAGERS | {Role.COORDINATOR},
        # Nobody answers for another person.
        Action.ANSWER: frozenset(),
    }
)
ORGANISATION_OF[QuestionnaireVersion] = lambda version: version.questionnaire.organisation_id
ORGANISATION_OF[Section] = lambda section: section.version.questionnaire.organisation_id
ORGANISATION_OF[Question] = lambda question: question.section.version.questionnaire.organisation_id
ORGANISATION_OF[Participation] = lambda participation: participation.campaign.organisation_id


@relationship(Action.RESULTS_VIEW)
def _shared_with_psychologist(user, campaign: Campaign) -> bool:
    return campaign.shared_with_psychologist and Role.PSYCHOLOGIST in roles_in(
        user, campaign.organisation_id
    )


@relationship(Action.ANSWER)
def _is_own_participation(user, participation: Participation) -> bool:
    return user.pk is not None and participation.person.user_id == user.pk


def get_questionnaire_for_user(user, pk: int, action: Action) -> Questionnaire:
    return get_for_user(user, action, Questionnaire.objects.select_related("organisation"), pk)


def get_campaign_for_user(user, pk: int, action: Action) -> Campaign:
    campaigns = Campaign.objects.select_related(
        "organisation", "academic_year", "version__questionnaire"
    )
    return get_for_user(user, action, campaigns, pk)


def get_participation_for_user(user, pk: int) -> Participation:
    participations = Participation.objects.select_related(
        "campaign__organisation", "campaign__version__questionnaire", "person", "pair"
    )
    return get_for_user(user, Action.ANSWER, participations, pk)


def get_section_for_user(user, pk: int, action: Action) -> Section:
    sections = Section.objects.select_related("version__questionnaire__organisation")
    return get_for_user(user, action, sections, pk)


def get_question_for_user(user, pk: int, action: Action) -> Question:
    questions = Question.objects.select_related("section__version__questionnaire__organisation")
    return get_for_user(user, action, questions, pk)
