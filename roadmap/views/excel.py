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
from mentoring.models import AcademicYear
from mentoring.permissions import get_organisation_for_user

from ..forms.roadmap import RoadmapImportForm, school_staff
from ..imports import (
    COLUMNS,
    RoadmapFile,
    StaffIndex,
    export_filename,
    preview,
    roadmap_import_apply,
    roadmap_workbook,
)
from ..models import Activity
from ..permissions import Action
from ..selectors.roadmap import roadmap_of_year, roadmap_stages
from .common import roadmap_url, years_and_selected

_SALT = "roadmap.import"
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
        return _apply(request, organisation)
    form = RoadmapImportForm(request.POST or None, request.FILES or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        content: RoadmapFile = form.cleaned_data["file"]
        year: AcademicYear = form.cleaned_data["academic_year"]
        staff = StaffIndex(school_staff(organisation))
        existing = roadmap_of_year(organisation, year)
        payload = signing.dumps(
            {"org": organisation.pk, "year": year.pk, "file": content.to_data()},
            salt=_SALT,
            compress=True,
        )
        stages = preview(content, year, staff)
        return render(
            request,
            "roadmap/roadmap_import_preview.html",
            {
                "organisation": organisation,
                "year": year,
                "content": content,
                "stages": stages,
                "orphans": content.orphans,
                "unparsed": sum(a.unparsed for _n, _s, items in stages for a in items),
                "existing": existing,
                "progress_lost": existing is not None
                and Activity.objects.filter(stage__roadmap=existing)
                .exclude(status=Activity.Status.PLANNED)
                .count(),
                "payload": payload,
            },
        )
    return render(
        request,
        "roadmap/roadmap_import.html",
        {"organisation": organisation, "form": form, "columns": COLUMNS},
    )


def _apply(request, organisation):
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
    try:
        result = roadmap_import_apply(
            organisation=organisation,
            academic_year=year,
            content=RoadmapFile.from_data(data["file"]),
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
