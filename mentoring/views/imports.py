from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from core.downloads import xlsx_response

from ..forms.imports import ColumnMappingForm, StaffImportForm
from ..forms.people import DirectoryFilterForm
from ..imports.preview import not_imported, preview_counts
from ..imports.queue import staff_import_queue
from ..imports.staff_file import STAFF_COLUMNS, staff_export_workbook, staff_template_workbook
from ..imports.upload import import_mapping_apply, parsing_stalled, people_import_upload
from ..models import StaffImport
from ..permissions import Action, get_organisation_for_user
from ..selectors.people import people_for_directory

PREVIEW_ROWS = 300
_ACTION_ORDER = {"error": 0, "update": 1, "create": 2, "unchanged": 3}
_IN_PROGRESS = (StaffImport.Status.QUEUED, StaffImport.Status.APPLYING)


def _get_staff_import_for_user(user, pk: int) -> StaffImport:
    try:
        # The rows (up to 10,000) are read only where they are shown, the file never here.
        staff_import = (
            StaffImport.objects.select_related("uploaded_by")
            .defer("rows", "content")
            .annotate(
                has_content=ExpressionWrapper(Q(content__isnull=False), output_field=BooleanField())
            )
            .get(pk=pk)
        )
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
    # A person who withdrew their processing consent has no row: the file carries personal
    # data in every column, and imports back.
    people = people_for_directory(organisation, filters.params()).unrestricted()
    content = staff_export_workbook(people)
    return xlsx_response(content, f"staff-{timezone.localdate():%Y-%m-%d}.xlsx")


@require_GET
def people_import_template(request, org: int):
    get_organisation_for_user(request.user, org, Action.PEOPLE_IMPORT)
    return xlsx_response(staff_template_workbook(), "staff-import-template.xlsx")


@require_http_methods(["GET", "POST"])
def people_import(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PEOPLE_IMPORT)
    form = StaffImportForm(request.POST or None, request.FILES or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        staff_import = people_import_upload(
            organisation=organisation,
            target="staff",
            uploaded_by=request.user,
            upload=form.cleaned_data["file"],
        )
        return redirect("people_import_preview", pk=staff_import.pk)
    return render(
        request,
        "mentoring/people_import.html",
        {
            "organisation": organisation,
            "form": form,
            "columns": STAFF_COLUMNS,
            "recent_imports": StaffImport.objects.filter(organisation=organisation)
            .select_related("uploaded_by")
            .defer("rows", "content")[:5],
        },
    )


def _status(request, staff_import: StaffImport) -> HttpResponse:
    """The answer to the status block's poll: no content while the file is read or applied,
    the block once there is news, the whole page once a read file has its preview."""
    stalled = parsing_stalled(staff_import)
    if staff_import.status in _IN_PROGRESS or (
        staff_import.status == StaffImport.Status.PARSING and not stalled
    ):
        return HttpResponse(status=204)
    if request.GET.get("parsing") and staff_import.status == StaffImport.Status.PREVIEW:
        return HttpResponseClientRefresh()
    return render(
        request,
        "mentoring/_import_status.html",
        {
            "organisation": staff_import.organisation,
            "staff_import": staff_import,
            "stalled": stalled,
            "import_url": _import_url(staff_import),
        },
    )


def _import_url(staff_import: StaffImport) -> str:
    names = {"staff": "people_import", "mentees": "mentee_import", "mentors": "mentor_import"}
    return reverse(names[staff_import.target], args=[staff_import.organisation.pk])


@require_GET
def people_import_preview(request, pk: int):
    staff_import = _get_staff_import_for_user(request.user, pk)
    if request.htmx:
        return _status(request, staff_import)
    return _preview_page(request, staff_import)


def _preview_page(request, staff_import: StaffImport, mapping_form=None):
    counts = preview_counts(staff_import)
    rows = sorted(staff_import.rows, key=lambda row: _ACTION_ORDER[row["action"]])
    same_file = (
        StaffImport.objects.filter(
            organisation=staff_import.organisation,
            file_sha256=staff_import.file_sha256,
            status=StaffImport.Status.APPLIED,
        )
        .exclude(pk=staff_import.pk)
        .defer("rows", "content")
        .first()
    )
    left_cells, left_columns = not_imported(staff_import.columns)
    can_map = staff_import.status == StaffImport.Status.PREVIEW and staff_import.has_content
    if can_map and mapping_form is None:
        mapping_form = ColumnMappingForm(columns=staff_import.columns, target=staff_import.target)
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
            "left_cells": left_cells,
            "left_columns": left_columns,
            "mapping_form": mapping_form if can_map else None,
            "same_file": same_file,
            "stalled": parsing_stalled(staff_import),
            "import_url": _import_url(staff_import),
        },
        status=400 if mapping_form is not None and mapping_form.errors else 200,
    )


@require_POST
def people_import_mapping(request, pk: int):
    staff_import = _get_staff_import_for_user(request.user, pk)
    form = ColumnMappingForm(request.POST, columns=staff_import.columns, target=staff_import.target)
    if not form.is_valid():
        return _preview_page(request, staff_import, form)
    try:
        import_mapping_apply(staff_import=staff_import, fields=form.fields_by_index())
    except ValidationError as error:
        form.add_error(None, error)  # shown with the user's choices kept
        return _preview_page(request, staff_import, form)
    messages.success(
        request, _("Столбцы изменены. Для следующих файлов с такими же заголовками выбор запомнен.")
    )
    return redirect("people_import_preview", pk=staff_import.pk)


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
