"""The methodical collection (методическая копилка): a school's cases of completed pairs and
groups, their materials, and the municipality's view of every school's published cases."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.downloads import upload_response
from core.uploads import DOCUMENT_KINDS
from mentoring.models import MentoringPair
from mentoring.permissions import Action as MentoringAction
from mentoring.permissions import can, get_organisation_for_user, get_pair_for_user

from ..forms.practices import (
    MunicipalPracticeFilterForm,
    PracticeCaseForm,
    PracticeFilterForm,
    PracticeMaterialForm,
)
from ..permissions import Action, get_material_for_user, get_practice_for_user, sees_names
from ..selectors.practices import (
    case_for_page,
    case_participants,
    completed_pairs,
    municipal_cases,
    school_cases,
)
from ..services import practices as services


def _page(request, cases):
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(cases, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page": page, "cases": page.object_list, "query": query.urlencode()}


@require_GET
def practice_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PRACTICES_VIEW)
    can_manage = can(request.user, Action.PRACTICES_MANAGE, organisation)
    filters = PracticeFilterForm(request.GET or None)
    query = filters.params().get("q", "")
    cases = school_cases(organisation, query=query, drafts=can_manage)
    return render(
        request,
        "reports/practices/practice_list.html",
        {
            "organisation": organisation,
            "filters": filters,
            "is_filtered": bool(query),
            "can_manage": can_manage,
            **_page(request, cases),
        },
    )


def practice_create(request, org: int):
    """Choose a completed pair or group; the case starts as a draft filled in from it."""
    organisation = get_organisation_for_user(request.user, org, Action.PRACTICES_MANAGE)
    if request.method == "POST":
        try:
            pair_id = int(request.POST.get("pair", ""))
        except ValueError:
            raise Http404 from None
        pair = get_pair_for_user(
            request.user,
            pair_id,
            Action.PRACTICES_MANAGE,
            MentoringPair.objects.filter(organisation=organisation).select_related(
                "form", "role_model", "mentoring_type"
            ),
        )
        try:
            case = services.case_create_from_pair(pair=pair, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("practice_create", org=organisation.pk)
        messages.success(
            request, _("Черновик практики создан по данным пары. Допишите описание и результаты.")
        )
        return redirect("practice_edit", pk=case.pk)
    try:
        chosen = int(request.GET["pair"]) if request.GET.get("pair") else None
    except ValueError:
        chosen = None
    return render(
        request,
        "reports/practices/practice_create.html",
        {"organisation": organisation, "pairs": completed_pairs(organisation, chosen)},
    )


@require_GET
def practice_detail(request, pk: int):
    case = get_practice_for_user(request.user, pk, Action.PRACTICES_VIEW, case_for_page())
    names_public_only = not sees_names(request.user, case.organisation_id)
    return render(
        request,
        "reports/practices/practice_detail.html",
        {
            "case": case,
            "organisation": case.organisation,
            "participants": case_participants(
                case, names_public_only=names_public_only, on=timezone.localdate()
            ),
            "names_public_only": names_public_only,
            "can_manage": can(request.user, Action.PRACTICES_MANAGE, case.organisation),
            # The coordinator came from the municipality's collection: the way back to it.
            "municipality_id": case.organisation.municipality_id
            if names_public_only
            and case.organisation.municipality_id
            and can(
                request.user, MentoringAction.MUNICIPALITY_VIEW, case.organisation.municipality_id
            )
            else None,
        },
    )


def practice_edit(request, pk: int):
    case = get_practice_for_user(request.user, pk, Action.PRACTICES_MANAGE)
    form = PracticeCaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Практика сохранена."))
            return redirect("practice_detail", pk=case.pk)
    return render(
        request,
        "reports/practices/practice_edit.html",
        {"case": case, "organisation": case.organisation, "form": form},
    )


@require_POST
def practice_publish(request, pk: int):
    case = get_practice_for_user(request.user, pk, Action.PRACTICES_MANAGE)
    try:
        if request.POST.get("publish") == "0":
            services.case_unpublish(case=case)
            messages.success(request, _("Практика снята с публикации и снова стала черновиком."))
        else:
            services.case_publish(case=case)
            messages.success(
                request, _("Практика опубликована: её видят сотрудники школы и муниципалитет.")
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("practice_detail", pk=case.pk)


def _confirm(request, *, title: str, name: str, text: str, cancel: str):
    return render(
        request,
        "reports/practices/confirm_delete.html",
        {"title": title, "name": name, "text": text, "cancel": cancel},
    )


def practice_delete(request, pk: int):
    case = get_practice_for_user(request.user, pk, Action.PRACTICES_MANAGE)
    if request.method == "POST":
        organisation_id = case.organisation_id
        services.case_delete(case=case)
        messages.success(request, _("Практика удалена из копилки."))
        return redirect("practice_list", org=organisation_id)
    return _confirm(
        request,
        title=_("Удалить практику?"),
        name=case.title,
        text=_(
            "Практика будет удалена из копилки вместе с прикреплёнными материалами. Пара "
            "останется в системе, и по ней можно будет снова описать практику. Это действие "
            "нельзя отменить."
        ),
        cancel=reverse("practice_detail", args=[case.pk]),
    )


def practice_material_add(request, pk: int):
    case = get_practice_for_user(request.user, pk, Action.PRACTICES_MANAGE)
    form = PracticeMaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.material_add(
                case=case, title=form.cleaned_data["title"], upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Материал прикреплён."))
            return redirect("practice_detail", pk=case.pk)
    return render(
        request,
        "reports/practices/material_add.html",
        {"case": case, "organisation": case.organisation, "form": form},
    )


def practice_material_delete(request, pk: int):
    material = get_material_for_user(request.user, pk, Action.PRACTICES_MANAGE)
    case = material.case
    if request.method == "POST":
        services.material_delete(material=material)
        messages.success(request, _("Материал удалён."))
        return redirect("practice_detail", pk=case.pk)
    return _confirm(
        request,
        title=_("Удалить материал?"),
        name=material.title,
        text=_("Файл будет удалён из практики «%(title)s». Это действие нельзя отменить.")
        % {"title": case.title},
        cancel=reverse("practice_detail", args=[case.pk]),
    )


@require_GET
def practice_material_download(request, pk: int):
    material = get_material_for_user(request.user, pk, Action.PRACTICES_VIEW)
    try:
        file = material.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return upload_response(file, f"practice-{material.case_id}-{material.pk}", DOCUMENT_KINDS)


@require_GET
def municipal_practices(request, org: int):
    municipality = get_organisation_for_user(request.user, org, MentoringAction.MUNICIPALITY_VIEW)
    if municipality.is_school:
        raise Http404
    filters = MunicipalPracticeFilterForm(request.GET or None, municipality=municipality)
    params = filters.params()
    cases = municipal_cases(municipality, query=params.get("q", ""), school=params.get("school"))
    return render(
        request,
        "reports/practices/municipal_practices.html",
        {
            "organisation": municipality,
            "filters": filters,
            "is_filtered": any(params.values()),
            **_page(request, cases),
        },
    )
