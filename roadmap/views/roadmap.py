"""A school's roadmap of a year: the table by stage, making it, its print."""

from django.contrib import messages
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from core.downloads import pdf_response
from core.pdf import render_pdf
from mentoring.extensions import activity_links
from mentoring.models import MentoringPair
from mentoring.permissions import Action as MentoringAction
from mentoring.permissions import can, get_organisation_for_user

from ..deadlines import due_as_of
from ..forms.roadmap import EMPTY, RoadmapCreateForm, RoadmapFilterForm, school_staff
from ..models import Activity
from ..permissions import Action, Responsibility
from ..selectors.approval import responsible_line, restricted_responsible
from ..selectors.roadmap import roadmap_of_year, roadmap_progress, roadmap_stages, stages_shown
from ..services import roadmap as services
from ..templates_data import template_list
from .common import roadmap_url, years_and_selected


def percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0


def mark_activities(stages, today, responsibility: Responsibility | None, user=None) -> None:
    """What the table shows of each activity besides its fields, and the links other apps
    offer for it (`extra_links`, e.g. «Провести анкетирование»)."""
    activities = [a for stage in stages for a in stage.shown_activities]
    pairs = MentoringPair.objects.select_related("mentor__person")
    prefetch_related_objects(activities, GenericPrefetch("evidence", [pairs]))
    for stage in stages:
        for activity in stage.shown_activities:
            activity.due = due_as_of(activity.due_on, activity.recurrence, today)
            activity.unparsed = activity.deadline_kind == Activity.DeadlineKind.UNPARSED and bool(
                activity.deadline_text
            )
            activity.may_mark = responsibility is None or responsibility.of(activity)
            # The links read activity.stage.roadmap: the stage in hand, not a query per row.
            activity.stage = stage
            activity.extra_links = activity_links(activity, user) if user is not None else []


@require_GET
def roadmap_detail(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.ROADMAP_VIEW)
    years, year = years_and_selected(organisation, request.GET.get("year"))
    roadmap = roadmap_of_year(organisation, year) if year else None
    can_change = can(request.user, Action.ROADMAP_CHANGE, organisation)
    context = {
        "organisation": organisation,
        "year": year,
        "years": years,
        "roadmap": roadmap,
        "can_change": can_change,
    }
    if roadmap is None:
        context |= {
            "templates": template_list(),
            "create_form": RoadmapCreateForm(
                organisation=organisation, initial={"academic_year": year, "source": EMPTY}
            ),
        }
        return render(request, "roadmap/roadmap_detail.html", context)
    today = timezone.localdate()
    all_stages = list(roadmap.stages.all())
    people = list(school_staff(organisation))
    filters = RoadmapFilterForm(
        request.GET or None, roadmap=roadmap, stages=all_stages, people=people
    )
    params = filters.params()
    every_stage = roadmap_stages(roadmap, today, params)
    progress = roadmap_progress(every_stage)
    stages = stages_shown(every_stage, params)
    # ACTIVITY_MARK's role rule for the whole page; its relationship, per activity, from
    # the people and roles computed once.
    marks_any = can(request.user, Action.ACTIVITY_MARK, organisation)
    responsibility = None if marks_any else Responsibility(request.user, organisation)
    mark_activities(stages, today, responsibility, request.user)
    context |= {
        "stages": stages,
        "all_stages": all_stages,
        "filters": filters,
        "is_filtered": bool(params),
        "reset_url": roadmap_url(organisation.pk, year.pk),
        "progress": progress,
        "progress_percent": percent(progress["activities_done"], progress["activities_total"]),
        "locked": roadmap.is_locked,
        "can_view_orders": can(request.user, Action.APPROVAL_VIEW, organisation),
        "can_view_pairs": can(request.user, MentoringAction.PAIRS_VIEW, organisation),
        "can_draft_order": can(request.user, Action.APPROVAL_DRAFT, organisation),
        "today": today,
    }
    return render(request, "roadmap/roadmap_detail.html", context)


@require_POST
def roadmap_create(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.ROADMAP_CHANGE)
    form = RoadmapCreateForm(request.POST, organisation=organisation)
    if not form.is_valid():
        messages.error(request, _("Выберите учебный год и основу дорожной карты."))
        return redirect("roadmap_detail", org=organisation.pk)
    year = form.cleaned_data["academic_year"]
    source = form.cleaned_data["source"]
    try:
        if source == EMPTY:
            services.roadmap_create_empty(
                organisation=organisation, academic_year=year, actor=request.user
            )
            unparsed = []
        else:
            created = services.roadmap_create_from_template(
                organisation=organisation,
                academic_year=year,
                template_key=source,
                actor=request.user,
            )
            unparsed = created.unparsed
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(roadmap_url(organisation.pk, year.pk))
    if source == EMPTY:
        messages.success(request, _("Дорожная карта создана. Добавьте этапы и мероприятия."))
    elif unparsed:
        messages.warning(
            request,
            ngettext(
                "Дорожная карта создана по шаблону. %(count)s срок не распознан: он отмечен "
                "«не распознан» — уточните его, чтобы приходили напоминания.",
                "Дорожная карта создана по шаблону. %(count)s сроков не распознаны: они "
                "отмечены «не распознан» — уточните их, чтобы приходили напоминания.",
                len(unparsed),
            )
            % {"count": len(unparsed)},
        )
    else:
        messages.success(request, _("Дорожная карта создана по шаблону. Все сроки распознаны."))
    return redirect(roadmap_url(organisation.pk, year.pk))


@require_GET
def roadmap_pdf(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.ROADMAP_VIEW)
    _years, year = years_and_selected(organisation, request.GET.get("year"))
    roadmap = roadmap_of_year(organisation, year) if year else None
    if roadmap is None:
        messages.info(request, _("Дорожная карта на этот год ещё не составлена."))
        return redirect("roadmap_detail", org=organisation.pk)
    today = timezone.localdate()
    stages = roadmap_stages(roadmap, today)
    left_out = restricted_responsible(roadmap)
    for stage in stages:
        for activity in stage.shown_activities:
            activity.responsible_line = responsible_line(activity, left_out)
    context = {
        "organisation": organisation,
        "roadmap": roadmap,
        "stages": stages,
        "today": today,
    }
    filename = f"roadmap-{roadmap.academic_year.title.replace('/', '-')}.pdf"
    return pdf_response(render_pdf("pdf/roadmap.html", context), filename)
