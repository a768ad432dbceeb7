"""Reading questionnaires and their versions."""

from django.db.models import Prefetch, QuerySet

from ..models import Question, Questionnaire, QuestionnaireVersion, Section


def current_version(questionnaire: Questionnaire) -> QuestionnaireVersion:
    """The latest version: the one new campaigns send and the builder edits."""
    return questionnaire.versions.order_by("-number").first()


def version_with_questions(pk: int) -> QuestionnaireVersion:
    """A version with its sections and their questions in order, in three queries."""
    return (
        QuestionnaireVersion.objects.select_related("questionnaire__organisation")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=Section.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("questions", queryset=Question.objects.order_by("position", "pk"))
                ),
            )
        )
        .get(pk=pk)
    )


def questionnaires_of(organisation_id: int, *, archived: bool = False) -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(
        organisation_id=organisation_id, archived_at__isnull=not archived
    )
