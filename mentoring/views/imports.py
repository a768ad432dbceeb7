from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.downloads import xlsx_response

from ..forms.imports import StaffImportForm
from ..forms.people import DirectoryFilterForm
from ..imports.preview import preview_counts
from ..imports.queue import staff_import_queue
from ..imports.staff import staff_import_create
from ..imports.staff_file import LAYOUT, staff_export_workbook, staff_template_workbook
from ..models import StaffImport
from ..permissions import Action, get_organisation_for_user
from ..selectors.people import people_for_directory

PREVIEW_ROWS = 300
_ACTION_ORDER = {"error": 0, "update": 1, "create": 2, "unchanged": 3}
_IN_PROGRESS = (StaffImport.Status.QUEUED, StaffImport.Status.APPLYING)


def _get_staff_import_for_user(user, pk: int) -> StaffImport:
    try:
        # The rows (up to 10,000) are read only where they are shown.
        staff_import = StaffImport.objects.select_related("uploaded_by").defer("rows").get(pk=pk)
    except StaffImport.DoesNotExist:
        raise Http404 from None
    staff_import.organisation = get_organisation_for_user(
        user, staff_import.organisation_id, Action.PEOPLE_IMPORT
    )
    return staff_import


@require_GET
def people_export(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PEOPLE_VIEW)
    filters = DirectoryFilterForm(request.GET or None, organisation=organisation)
    content = staff_export_workbook(people_for_directory(organisation, filters.params()))
    return xlsx_response(content, f"staff-{timezone.localdate():%Y-%m-%d}.xlsx")


@require_GET
def people_import_template(request, org: int):
    get_organisation_for_user(request.user, org, Action.PEOPLE_IMPORT)
    return xlsx_response(staff_template_workbook(), "staff-import-template.xlsx")


@require_http_methods(["GET", "POST"])
def people_import(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PEOPLE_IMPORT)
    form = StaffImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        staff_file = form.cleaned_data["file"]
        staff_import = staff_import_create(
            organisation=organisation, uploaded_by=request.user, staff_file=staff_file
        )
        return redirect("people_import_preview", pk=staff_import.pk)
    return render(
        request,
        "mentoring/people_import.html",
        {
            "organisation": organisation,
            "form": form,
            "columns": LAYOUT,
            "recent_imports": StaffImport.objects.filter(organisation=organisation)
            .select_related("uploaded_by")
            .defer("rows")[:5],
        },
    )


@require_GET
def people_import_preview(request, pk: int):
    staff_import = _get_staff_import_for_user(request.user, pk)
    if request.htmx:
        # The status block polls while the file is applied; no content keeps it as it is.
        if staff_import.status in _IN_PROGRESS:
            return HttpResponse(status=204)
        return render(
            request,
            "mentoring/_import_status.html",
            {"organisation": staff_import.organisation, "staff_import": staff_import},
        )
    counts = preview_counts(staff_import)
    rows = sorted(staff_import.rows, key=lambda row: _ACTION_ORDER[row["action"]])
    same_file = (
        StaffImport.objects.filter(
            organisation=staff_import.organisation,
            file_sha256=staff_import.file_sha256,
            status=StaffImport.Status.APPLIED,
        )
        .exclude(pk=staff_import.pk)
        .defer("rows")
        .first()
    )
    return render(
        request,
        "mentoring/people_import_preview.html",
        {
            "organisation": staff_import.organisation,
            "staff_import": staff_import,
            "counts": counts,
            "to_write": counts["create"] + counts["update"],
            "rows": rows[:PREVIEW_ROWS],
            "rows_hidden": max(0, len(rows) - PREVIEW_ROWS),
            "ignored_columns": staff_import.ignored_columns,
            "same_file": same_file,
        },
    )


@require_POST
def people_import_apply(request, pk: int):
    staff_import = _get_staff_import_for_user(request.user, pk)
    try:
        staff_import_queue(staff_import=staff_import, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, _("Загрузка началась. Итоги появятся на этой странице."))
    return redirect("people_import_preview", pk=staff_import.pk)
