"""The built-in library: the entries a school may add to its questionnaires."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mentoring.permissions import get_organisation_for_user

from ..library import ENTRIES
from ..permissions import Action
from ..services.library import library_entries, library_install


@require_GET
def questionnaire_library(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.QUESTIONNAIRES_MANAGE)
    return render(
        request,
        "surveys/library/library.html",
        {"organisation": organisation, "groups": library_entries(organisation)},
    )


@require_POST
def library_add(request, org: int, key: str):
    organisation = get_organisation_for_user(request.user, org, Action.QUESTIONNAIRES_MANAGE)
    if key not in ENTRIES:
        raise Http404
    try:
        questionnaire, created = library_install(
            organisation=organisation, key=key, created_by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("questionnaire_library", org=organisation.pk)
    if created:
        messages.success(
            request,
            _(
                "Анкета «%(title)s» добавлена в анкеты школы. Её вопросы можно изменить, "
                "прежде чем отправлять участникам."
            )
            % {"title": questionnaire.title},
        )
    else:
        messages.info(
            request,
            _("Анкета «%(title)s» уже есть в анкетах школы.") % {"title": questionnaire.title},
        )
    return redirect("questionnaire_detail", pk=questionnaire.pk)
