"""Uploading a file into the bank of mentees or of mentors; the preview and the confirmation
are the staff import's pages."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms.imports import StaffImportForm
from ..imports.banks import COLUMNS, ENTRY
from ..imports.upload import people_import_upload
from ..models import StaffImport
from ..permissions import Action, get_organisation_for_user
from ..selectors.organisations import current_academic_year


def _bank_import(request, org: int, target: str):
    organisation = get_organisation_for_user(request.user, org, Action.BANKS_CHANGE)
    year = current_academic_year(organisation)
    form = StaffImportForm(
        request.POST or None, request.FILES or None, organisation=organisation, target=target
    )
    if request.method == "POST" and year is None:
        messages.error(
            request, _("Нет текущего учебного года: откройте его на странице организации.")
        )
    elif request.method == "POST" and form.is_valid():
        staff_import = people_import_upload(
            organisation=organisation,
            academic_year=year,
            target=target,
            uploaded_by=request.user,
            upload=form.cleaned_data["file"],
        )
        return redirect("people_import_preview", pk=staff_import.pk)
    return render(
        request,
        "mentoring/bank_import.html",
        {
            "organisation": organisation,
            "form": form,
            "year": year,
            "is_mentee": target == "mentees",
            "columns": (*COLUMNS[target], *ENTRY),
            "recent_imports": StaffImport.objects.filter(organisation=organisation, target=target)
            .select_related("uploaded_by")
            .defer("rows", "content")[:5],
        },
    )


@require_http_methods(["GET", "POST"])
def mentee_import(request, org: int):
    return _bank_import(request, org, "mentees")


@require_http_methods(["GET", "POST"])
def mentor_import(request, org: int):
    return _bank_import(request, org, "mentors")
