"""TEMPORARY: a read-only questionnaire page, so that the library's «Добавить» has somewhere to
lead until the builder's questionnaire_detail is merged. Delete this file, its URL and its
template at merge; the builder's view of the same name replaces them."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..permissions import Action, get_questionnaire_for_user
from ..selectors.questionnaires import current_version, version_with_questions


@require_GET
def questionnaire_detail(request, pk: int):
    questionnaire = get_questionnaire_for_user(request.user, pk, Action.QUESTIONNAIRES_MANAGE)
    version = version_with_questions(current_version(questionnaire).pk)
    return render(
        request,
        "surveys/library/questionnaire_detail_temporary.html",
        {"questionnaire": questionnaire, "version": version},
    )
