from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.organisations import AcademicYearForm, MunicipalityForm, OrganisationForm
from ..models import AcademicYear
from ..permissions import Action, can, get_organisation_for_user
from ..services import organisations as services


def organisation_detail(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.ORGANISATION_VIEW)
    if not organisation.is_school:
        raise Http404
    can_change = can(request.user, Action.ORGANISATION_CHANGE, organisation)
    return render(
        request,
        "mentoring/organisation_detail.html",
        {
            "organisation": organisation,
            "years": list(organisation.academic_years.all()),
            "can_change": can_change,
            "year_form": AcademicYearForm(organisation=organisation) if can_change else None,
        },
    )


def organisation_edit(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.ORGANISATION_CHANGE)
    return _requisites_edit(
        request,
        organisation,
        OrganisationForm,
        saved=_("Реквизиты организации сохранены."),
        done="organisation_detail",
        title=_("Реквизиты организации"),
        note=_(
            "Эти данные попадают в шапку и подпись приказов и в согласия на обработку "
            "персональных данных."
        ),
    )


def municipality_edit(request, org: int):
    municipality = get_organisation_for_user(request.user, org, Action.MUNICIPALITY_CHANGE)
    if municipality.is_school:
        raise Http404
    return _requisites_edit(
        request,
        municipality,
        MunicipalityForm,
        saved=_("Реквизиты муниципалитета сохранены."),
        done="municipality_detail",
        title=_("Реквизиты муниципалитета"),
        note=_(
            "Орган управления образованием и его адрес печатаются в согласиях на обработку "
            "персональных данных во всех школах муниципалитета."
        ),
    )


def _requisites_edit(request, organisation, form_class, *, saved, done, title, note):
    # The form validates a copy: the service compares its data with the stored values.
    form = form_class(request.POST or None, instance=copy(organisation))
    if request.method == "POST" and form.is_valid():
        services.organisation_update(organisation=organisation, data=form.cleaned_data)
        messages.success(request, saved)
        return redirect(done, org=organisation.pk)
    return render(
        request,
        "mentoring/organisation_form.html",
        {"organisation": organisation, "form": form, "back": done, "title": title, "note": note},
    )


@require_POST
def academic_year_create(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.ORGANISATION_CHANGE)
    form = AcademicYearForm(request.POST, organisation=organisation)
    if form.is_valid():
        try:
            year = services.academic_year_create(
                organisation=organisation,
                start_year=form.cleaned_data["start_year"],
                make_current=form.cleaned_data["make_current"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Учебный год %(title)s добавлен.") % {"title": year.title})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("organisation_detail", org=organisation.pk)


@require_POST
def academic_year_make_current(request, pk: int):
    try:
        year = AcademicYear.objects.get(pk=pk)
    except AcademicYear.DoesNotExist:
        raise Http404 from None
    get_organisation_for_user(request.user, year.organisation_id, Action.ORGANISATION_CHANGE)
    services.academic_year_make_current(year=year)
    messages.success(request, _("Текущий учебный год: %(title)s.") % {"title": year.title})
    return redirect("organisation_detail", org=year.organisation_id)
