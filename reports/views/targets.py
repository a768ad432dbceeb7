"""A school's inputs of the indicators: the yearly targets and the dated contingent of
students (typed by hand or read from a class list)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mentoring.permissions import get_organisation_for_user

from ..forms.targets import ClassListForm, ContingentForm, TargetsForm, YearChoiceForm
from ..models import Contingent, IndicatorTarget
from ..permissions import Action
from ..selectors.indicators import seed_targets
from ..services.contingent import contingent_create, contingent_delete, contingent_import
from ..services.targets import targets_save

# Rejected rows of a class list shown on the page; the rest are counted.
REJECTED_SHOWN = 200


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_http_methods(["GET", "POST"])
def monitoring_targets(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.MONITORING_MANAGE)
    chooser = YearChoiceForm(request.GET or None, organisation=organisation)
    year = chooser.chosen()
    saved = (
        {t.indicator: t.target for t in IndicatorTarget.objects.filter(academic_year=year)}
        if year
        else {}
    )
    suggested = year is not None and not saved
    form = TargetsForm(request.POST or None, initial=seed_targets(year) if suggested else saved)
    if request.method == "POST" and year is not None and form.is_valid():
        try:
            targets_save(year=year, values=form.cleaned_data, user=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Целевые значения на %(year)s сохранены.") % {"year": year.title}
            )
            return redirect(f"{reverse('monitoring_targets', args=[org])}?year={year.pk}")
    return render(
        request,
        "reports/targets/targets.html",
        {
            "organisation": organisation,
            "chooser": chooser,
            "year": year,
            "form": form,
            "suggested": suggested,
        },
    )


@require_http_methods(["GET"])
def contingent_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.MONITORING_MANAGE)
    rows = Contingent.objects.filter(organisation=organisation).select_related("created_by")
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    opened = request.GET.get("import", "")
    for contingent in page.object_list:
        contingent.rejected_shown = contingent.rejected_rows[:REJECTED_SHOWN]
        contingent.rejected_more = max(len(contingent.rejected_rows) - REJECTED_SHOWN, 0)
        contingent.opened = str(contingent.pk) == opened
    return render(
        request,
        "reports/targets/contingent_list.html",
        {"organisation": organisation, "page": page, "contingents": page.object_list},
    )


@require_http_methods(["GET", "POST"])
def contingent_create_view(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.MONITORING_MANAGE)
    form = ContingentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contingent_create(organisation=organisation, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Контингент сохранён."))
            return redirect("contingent_list", org=org)
    return render(
        request,
        "reports/targets/contingent_form.html",
        {"organisation": organisation, "form": form},
    )


@require_http_methods(["GET", "POST"])
def contingent_import_view(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.MONITORING_MANAGE)
    form = ClassListForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            contingent = contingent_import(
                organisation=organisation,
                counted_on=form.cleaned_data["counted_on"],
                upload=form.cleaned_data["file"],
                user=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            rejected = len(contingent.rejected_rows)
            message = _("Список загружен: учтено обучающихся — %(count)s.") % {
                "count": contingent.students_total
            }
            if rejected:
                message += " " + _("Не учтено строк — %(rejected)s, причины ниже.") % {
                    "rejected": rejected
                }
            (messages.warning if rejected else messages.success)(request, message)
            url = reverse("contingent_list", args=[org])
            return redirect(f"{url}?import={contingent.pk}#contingent-{contingent.pk}")
    return render(
        request,
        "reports/targets/contingent_import.html",
        {"organisation": organisation, "form": form},
    )


@require_http_methods(["GET", "POST"])
def contingent_delete_view(request, org: int, pk: int):
    organisation = get_organisation_for_user(request.user, org, Action.MONITORING_MANAGE)
    contingent = get_object_or_404(Contingent, organisation=organisation, pk=pk)
    if request.method == "POST":
        contingent_delete(contingent=contingent)
        messages.success(
            request,
            _("Контингент на %(day)s удалён.") % {"day": f"{contingent.counted_on:%d.%m.%Y}"},
        )
        return redirect("contingent_list", org=org)
    return render(
        request,
        "reports/targets/contingent_delete.html",
        {"organisation": organisation, "contingent": contingent},
    )
