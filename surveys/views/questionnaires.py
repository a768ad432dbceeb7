"""The questionnaire builder: the school's questionnaires, a questionnaire's versions, its
sections and questions, copies, the archive, and the file schools share questionnaires by.

Every change goes through a service that picks the version to edit (a new one once answers
exist), so after a change the page shows the questionnaire's current version."""

import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.downloads import json_response
from mentoring.models import MentoringType
from mentoring.permissions import get_organisation_for_user

from ..forms.questionnaires import (
    ImportForm,
    QuestionForm,
    QuestionnaireFilterForm,
    QuestionnaireForm,
    SectionForm,
)
from ..models import Question, Questionnaire, QuestionnaireVersion, Section
from ..permissions import (
    Action,
    get_question_for_user,
    get_questionnaire_for_user,
    get_section_for_user,
)
from ..selectors.questionnaires import (
    questionnaires_for_list,
    questions_before,
    version_with_questions,
    versions_of,
)
from ..services import questionnaires as services

MANAGE = Action.QUESTIONNAIRES_MANAGE


def _detail_url(questionnaire_id: int, anchor: str = "") -> str:
    url = reverse("questionnaire_detail", args=[questionnaire_id])
    return f"{url}#{anchor}" if anchor else url


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _chosen_version(request, questionnaire: Questionnaire) -> QuestionnaireVersion:
    """The version asked for by ?version=N, the current one by default."""
    versions = questionnaire.versions.order_by("-number")
    number = request.GET.get("version", "")
    version = versions.filter(number=number).first() if number.isdigit() else versions.first()
    if version is None:
        raise Http404
    return version_with_questions(version.pk)


def questionnaire_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, MANAGE)
    filters = QuestionnaireFilterForm(request.GET or None)
    params = filters.params()
    query = request.GET.copy()
    query.pop("page", None)
    questionnaires = questionnaires_for_list(
        organisation.pk,
        q=params.get("q", ""),
        kind=params.get("kind", ""),
        archived=bool(params.get("archived")),
    )
    page = Paginator(questionnaires, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/questionnaires/questionnaire_list.html",
        {
            "organisation": organisation,
            "filters": filters,
            "query": query.urlencode(),
            "is_filtered": bool(params.get("q") or params.get("kind") or params.get("archived")),
            "archived": bool(params.get("archived")),
            "page": page,
            "questionnaires": page.object_list,
        },
    )


def questionnaire_create(request, org: int):
    organisation = get_organisation_for_user(request.user, org, MANAGE)
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.questionnaire_create(
                organisation=organisation, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Анкета создана. Добавьте в неё вопросы."))
            return redirect(_detail_url(questionnaire.pk))
    return render(
        request,
        "surveys/questionnaires/questionnaire_form.html",
        {"organisation": organisation, "form": form},
    )


def questionnaire_edit(request, pk: int):
    questionnaire = get_questionnaire_for_user(request.user, pk, MANAGE)
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            services.questionnaire_update(questionnaire=questionnaire, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Описание анкеты сохранено."))
            return redirect(_detail_url(questionnaire.pk))
    return render(
        request,
        "surveys/questionnaires/questionnaire_form.html",
        {"organisation": questionnaire.organisation, "form": form, "questionnaire": questionnaire},
    )


def questionnaire_detail(request, pk: int):
    questionnaire = get_questionnaire_for_user(request.user, pk, MANAGE)
    version = _chosen_version(request, questionnaire)
    versions = versions_of(questionnaire)
    latest = versions[-1]
    _with_conditions(version)
    return render(
        request,
        "surveys/questionnaires/questionnaire_detail.html",
        {
            "organisation": questionnaire.organisation,
            "questionnaire": questionnaire,
            "version": version,
            "versions": versions,
            "is_current": version.pk == latest.pk,
            "form_label": dict(MentoringType.Code.choices).get(questionnaire.form_code, ""),
            "answered": services.version_is_answered(latest),
            "next_number": latest.number + 1,
        },
    )


def _with_conditions(version: QuestionnaireVersion) -> None:
    """Each question of the prefetched version gets its show-if in words as `condition`."""
    questions = [q for section in version.sections.all() for q in section.questions.all()]
    by_key = {question.key: question for question in questions}
    for question in questions:
        question.condition = _condition_text(question, by_key)


def _condition_text(question: Question, by_key: dict[str, Question]) -> str:
    """The show-if in words: «если на „…“ ответили „…“ или „…“»."""
    if not question.show_if_key:
        return ""
    condition = by_key.get(question.show_if_key)
    if condition is None:
        return _("если пункт «%(key)s» имеет значение %(values)s") % {
            "key": question.show_if_key,
            "values": ", ".join(str(value) for value in question.show_if_values),
        }
    labels = dict(
        (json.dumps(value), label) for value, label in services.show_if_choices(condition)
    )
    answers = [labels.get(json.dumps(value), str(value)) for value in question.show_if_values]
    return _("если на вопрос «%(text)s» ответили «%(answers)s»") % {
        "text": condition.text[:80],
        "answers": _("» или «").join(answers),
    }


def questionnaire_preview(request, pk: int):
    questionnaire = get_questionnaire_for_user(request.user, pk, MANAGE)
    version = _chosen_version(request, questionnaire)
    _with_conditions(version)
    return render(
        request,
        "surveys/questionnaires/questionnaire_preview.html",
        {
            "organisation": questionnaire.organisation,
            "questionnaire": questionnaire,
            "version": version,
        },
    )


@require_POST
def questionnaire_copy(request, pk: int):
    questionnaire = get_questionnaire_for_user(request.user, pk, MANAGE)
    try:
        copy = services.questionnaire_copy(questionnaire=questionnaire, created_by=request.user)
    except ValidationError as error:
        _error(request, error)
        return redirect(_detail_url(questionnaire.pk))
    messages.success(request, _("Копия создана: её можно менять, не трогая исходную анкету."))
    return redirect(_detail_url(copy.pk))


def questionnaire_archive(request, pk: int):
    questionnaire = get_questionnaire_for_user(request.user, pk, MANAGE)
    if request.method == "POST":
        services.questionnaire_archive(questionnaire=questionnaire)
        messages.success(request, _("Анкета перенесена в архив."))
        return redirect("questionnaire_list", questionnaire.organisation_id)
    return render(
        request,
        "surveys/questionnaires/questionnaire_archive_confirm.html",
        {"organisation": questionnaire.organisation, "questionnaire": questionnaire},
    )


@require_POST
def questionnaire_restore(request, pk: int):
    questionnaire = get_questionnaire_for_user(request.user, pk, MANAGE)
    services.questionnaire_restore(questionnaire=questionnaire)
    messages.success(request, _("Анкета возвращена из архива."))
    return redirect(_detail_url(questionnaire.pk))


@require_GET
def questionnaire_export(request, pk: int):
    questionnaire = get_questionnaire_for_user(request.user, pk, MANAGE)
    version = _chosen_version(request, questionnaire)
    name = slugify(services.key_from_text(questionnaire.title)) or "questionnaire"
    return json_response(services.version_data(version), f"{name}.json")


def questionnaire_import(request, org: int):
    organisation = get_organisation_for_user(request.user, org, MANAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.questionnaire_import(
                organisation=organisation,
                data=form.cleaned_data["file"],
                created_by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Анкета загружена из файла."))
            return redirect(_detail_url(questionnaire.pk))
    return render(
        request,
        "surveys/questionnaires/questionnaire_import.html",
        {"organisation": organisation, "form": form},
    )


# Sections.


def _section_form_page(request, form, questionnaire, section=None):
    return render(
        request,
        "surveys/questionnaires/section_form.html",
        {
            "organisation": questionnaire.organisation,
            "questionnaire": questionnaire,
            "section": section,
            "form": form,
        },
    )


def section_create(request, pk: int):
    questionnaire = get_questionnaire_for_user(request.user, pk, MANAGE)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            section = services.section_create(questionnaire=questionnaire, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Раздел добавлен."))
            return redirect(_detail_url(questionnaire.pk, f"section-{section.pk}"))
    return _section_form_page(request, form, questionnaire)


def section_edit(request, pk: int):
    section = get_section_for_user(request.user, pk, MANAGE)
    questionnaire = section.version.questionnaire
    form = SectionForm(
        request.POST or None,
        initial={"title": section.title, "description": section.description},
    )
    if request.method == "POST" and form.is_valid():
        try:
            section = services.section_update(section=section, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Раздел сохранён."))
            return redirect(_detail_url(questionnaire.pk, f"section-{section.pk}"))
    return _section_form_page(request, form, questionnaire, section)


def section_delete(request, pk: int):
    section = get_section_for_user(request.user, pk, MANAGE)
    questionnaire = section.version.questionnaire
    if request.method == "POST":
        try:
            services.section_delete(section=section)
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("Раздел удалён вместе с его вопросами."))
        return redirect(_detail_url(questionnaire.pk))
    return render(
        request,
        "surveys/questionnaires/section_delete_confirm.html",
        {
            "organisation": questionnaire.organisation,
            "questionnaire": questionnaire,
            "section": section,
            "question_count": section.questions.count(),
            "answered": services.version_is_answered(section.version),
        },
    )


@require_POST
def section_move(request, pk: int):
    section = get_section_for_user(request.user, pk, MANAGE)
    try:
        section = services.section_move(section=section, up=request.POST.get("direction") == "up")
    except ValidationError as error:
        _error(request, error)
    return redirect(_detail_url(section.version.questionnaire_id, f"section-{section.pk}"))


# Questions.


def _question_form_page(request, form, section: Section, question=None):
    questionnaire = section.version.questionnaire
    return render(
        request,
        "surveys/questionnaires/question_form.html",
        {
            "organisation": questionnaire.organisation,
            "questionnaire": questionnaire,
            "section": section,
            "question": question,
            "form": form,
            "answered": services.version_is_answered(section.version),
        },
    )


def question_create(request, pk: int):
    section = get_section_for_user(request.user, pk, MANAGE)
    form = QuestionForm(
        request.POST or None, earlier=questions_before(section.version, section=section)
    )
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_create(section=section, fields=form.question_fields())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Вопрос добавлен."))
            return redirect(
                _detail_url(section.version.questionnaire_id, f"question-{question.pk}")
            )
    return _question_form_page(request, form, section)


def question_edit(request, pk: int):
    question = get_question_for_user(request.user, pk, MANAGE)
    section = question.section
    form = QuestionForm(
        request.POST or None,
        earlier=questions_before(section.version, question=question),
        question=question,
    )
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_update(question=question, fields=form.question_fields())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Вопрос сохранён."))
            return redirect(
                _detail_url(section.version.questionnaire_id, f"question-{question.pk}")
            )
    return _question_form_page(request, form, section, question)


def question_delete(request, pk: int):
    question = get_question_for_user(request.user, pk, MANAGE)
    questionnaire = question.section.version.questionnaire
    if request.method == "POST":
        try:
            services.question_delete(question=question)
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("Вопрос удалён."))
        return redirect(_detail_url(questionnaire.pk))
    return render(
        request,
        "surveys/questionnaires/question_delete_confirm.html",
        {
            "organisation": questionnaire.organisation,
            "questionnaire": questionnaire,
            "question": question,
            "answered": services.version_is_answered(question.section.version),
        },
    )


@require_POST
def question_move(request, pk: int):
    question = get_question_for_user(request.user, pk, MANAGE)
    questionnaire_id = question.section.version.questionnaire_id
    try:
        question = services.question_move(
            question=question, up=request.POST.get("direction") == "up"
        )
    except ValidationError as error:
        _error(request, error)
    return redirect(_detail_url(questionnaire_id, f"question-{question.pk}"))
