"""The roadmap to Excel and back: the upload is read and shown row by row; nothing is written
until the curator applies what they saw."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.downloads import xlsx_response
from mentoring.models import AcademicYear, Organisation
from mentoring.permissions import get_organisation_for_user
from mentoring.selectors.import_layouts import import_layout_mapping
from mentoring.services.import_layouts import import_layout_remember

from ..forms.roadmap import RoadmapColumnsForm, RoadmapImportForm, school_staff
from ..imports import (
    FIELDS,
    ColumnMapping,
    RoadmapSource,
    StaffIndex,
    export_filename,
    preview,
    roadmap_file_prepare,
    roadmap_import_apply,
    roadmap_workbook,
)
from ..models import Activity
from ..permissions import Action
from ..selectors.roadmap import roadmap_of_year, roadmap_stages
from .common import roadmap_url, years_and_selected

_SALT = "roadmap.import"
# The school's choice of columns is remembered under this name (mentoring's ImportLayout).
LAYOUT_TARGET = "roadmap"
# The preview is applied within the hour, or uploaded again.
_MAX_AGE = 60 * 60


@require_GET
def roadmap_export(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.ROADMAP_VIEW)
    _years, year = years_and_selected(organisation, request.GET.get("year"))
    roadmap = roadmap_of_year(organisation, year) if year else None
    if roadmap is None:
        messages.info(request, _("Дорожная карта на этот год ещё не составлена."))
        return redirect("roadmap_detail", org=organisation.pk)
    today = timezone.localdate()
    content = roadmap_workbook(roadmap, roadmap_stages(roadmap, today))
    return xlsx_response(content, export_filename(roadmap, today))


@require_http_methods(["GET", "POST"])
def roadmap_import(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.ROADMAP_CHANGE)
    if request.method == "POST" and "payload" in request.POST:
        return _previewed(request, organisation)
    form = RoadmapImportForm(request.POST or None, request.FILES or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        source: RoadmapSource = form.cleaned_data["file"]
        year: AcademicYear = form.cleaned_data["academic_year"]
        remembered = import_layout_mapping(organisation, LAYOUT_TARGET, source.layout)
        mapping = source.remembered_mapping(remembered)
        return _preview(request, organisation, year, source, mapping, shift=False)
    return render(
        request,
        "roadmap/roadmap_import.html",
        {"organisation": organisation, "form": form, "fields": FIELDS},
    )


def _preview(
    request,
    organisation: Organisation,
    year: AcademicYear,
    source: RoadmapSource,
    mapping: ColumnMapping,
    *,
    shift: bool,
    columns: RoadmapColumnsForm | None = None,
    notice: str = "",
):
    """The page that shows what the file gives with `mapping`, and carries the file, the
    mapping and the shift, signed, to the next step."""
    context = {
        "organisation": organisation,
        "year": year,
        "source": source,
        "columns": columns or RoadmapColumnsForm(source=source, mapping=mapping),
        "notice": notice,
    }
    try:
        prepared = roadmap_file_prepare(source, mapping=mapping, academic_year=year, shift=shift)
    except ValidationError as error:
        context["file_errors"] = error.messages
        prepared = None
    payload = signing.dumps(
        {
            "org": organisation.pk,
            "year": year.pk,
            "source": source.to_data(),
            "mapping": [[index, key] for index, key in mapping.items()],
            "shift": shift,
        },
        salt=_SALT,
        compress=True,
    )
    context["payload"] = payload
    if prepared is None:
        return render(request, "roadmap/roadmap_import_preview.html", context)
    content = prepared.content
    stages = preview(content, year, StaffIndex(school_staff(organisation)))
    existing = roadmap_of_year(organisation, year)
    activities = [activity for _number, _stage, items in stages for activity in items]
    context.update(
        {
            "content": content,
            "stages": stages,
            "orphans": content.orphans,
            "unparsed": sum(a.unparsed for a in activities),
            "warnings": sum(len(a.warnings) for a in activities),
            "offer": prepared.offer,
            "shifted": prepared.shifted,
            "file_year": _year_title(year, prepared.offer or prepared.shifted),
            "existing": existing,
            "progress_lost": existing is not None
            and Activity.objects.filter(stage__roadmap=existing)
            .exclude(status=Activity.Status.PLANNED)
            .count(),
        }
    )
    return render(request, "roadmap/roadmap_import_preview.html", context)


def _year_title(year: AcademicYear, years: int) -> str:
    return f"{year.start_date.year - years}/{year.end_date.year - years}"


def _previewed(request, organisation):
    """The preview's form: shown again with other columns or dates, or applied as shown."""
    try:
        data = signing.loads(request.POST["payload"], salt=_SALT, max_age=_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, _("Проверка файла устарела. Загрузите его ещё раз."))
        return redirect("roadmap_import", org=organisation.pk)
    if data["org"] != organisation.pk:
        messages.error(request, _("Файл проверялся для другой организации."))
        return redirect("roadmap_import", org=organisation.pk)
    year = organisation.academic_years.filter(pk=data["year"]).first()
    if year is None:
        messages.error(request, _("Учебный год удалён. Загрузите файл ещё раз."))
        return redirect("roadmap_import", org=organisation.pk)
    source = RoadmapSource.from_data(data["source"])
    mapping: ColumnMapping = {index: key for index, key in data["mapping"]}
    shift: bool = data["shift"]
    chosen, new_shift = mapping, shift
    if any(RoadmapColumnsForm.field_name(c.index) in request.POST for c in source.columns):
        columns = RoadmapColumnsForm(request.POST, source=source, mapping=mapping)
        if not columns.is_valid():
            return _preview(
                request, organisation, year, source, mapping, shift=shift, columns=columns
            )
        chosen = columns.mapping()
        if chosen != mapping:
            import_layout_remember(
                organisation=organisation,
                target=LAYOUT_TARGET,
                layout=source.layout,
                mapping=source.header_mapping(chosen),
            )
    if "shift" in request.POST:
        new_shift = request.POST["shift"] == "1"
    if "remap" in request.POST or "shift" in request.POST:
        return _preview(request, organisation, year, source, chosen, shift=new_shift)
    if chosen != mapping:
        notice = _(
            "Вы изменили столбцы, но не посмотрели, что получится. Проверьте мероприятия ниже "
            "и подтвердите снова."
        )
        return _preview(request, organisation, year, source, chosen, shift=shift, notice=notice)
    return _apply(request, organisation, year, source, mapping, shift)


def _apply(request, organisation, year, source, mapping, shift):
    try:
        prepared = roadmap_file_prepare(source, mapping=mapping, academic_year=year, shift=shift)
        result = roadmap_import_apply(
            organisation=organisation,
            academic_year=year,
            content=prepared.content,
            staff=StaffIndex(school_staff(organisation)),
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("roadmap_import", org=organisation.pk)
    message = _("Загружено мероприятий: %(count)s.") % {"count": result.activities}
    if result.unparsed:
        messages.warning(
            request,
            message
            + " "
            + _("Сроков не распознано: %(count)s — они отмечены «не распознан».")
            % {"count": result.unparsed},
        )
    else:
        messages.success(request, message)
    return redirect(roadmap_url(organisation.pk, year.pk))
