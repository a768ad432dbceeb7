"""Reading questionnaires and their versions."""

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, QuerySet

from core.search import with_every_word

from ..models import Question, Questionnaire, QuestionnaireVersion, Response, Section


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


def questionnaires_for_list(
    organisation_id: int, *, q: str = "", kind: str = "", archived: bool = False
) -> QuerySet[Questionnaire]:
    """The school's questionnaires with their number of versions and whether anyone answered."""
    questionnaires = questionnaires_of(organisation_id, archived=archived)
    if kind:
        questionnaires = questionnaires.filter(kind=kind)
    questionnaires = with_every_word(questionnaires, q, "title")
    return questionnaires.annotate(
        version_count=Count("versions", distinct=True),
        latest_number=Max("versions__number"),
        answered=Exists(Response.objects.filter(version__questionnaire=OuterRef("pk"))),
    ).order_by("title", "pk")


def versions_of(questionnaire: Questionnaire) -> list[QuestionnaireVersion]:
    """Every version, oldest first, each with its number of responses and campaigns."""
    return list(
        questionnaire.versions.annotate(
            response_count=Count("responses", distinct=True),
            campaign_count=Count("campaigns", distinct=True),
        ).order_by("number")
    )


def questions_before(
    version: QuestionnaireVersion, question: Question | None = None, section: Section | None = None
) -> list[Question]:
    """The questions above `question` (or above the end of `section`), in the order asked."""
    questions = (
        Question.objects.filter(section__version=version)
        .select_related("section")
        .order_by("section__position", "section__pk", "position", "pk")
    )
    earlier = []
    for item in questions:
        if question is not None and item.pk == question.pk:
            break
        if (
            section is not None
            and question is None
            and (item.section.position, item.section_id) > (section.position, section.pk)
        ):
            break
        earlier.append(item)
    return earlier
