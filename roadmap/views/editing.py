"""Changing a roadmap in place: stages, activities, their order, and the marks of progress.

Once an order approves the roadmap its structure is refused here (the services say why);
the status, completion, comments, evidence and the people assigned stay editable."""

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mentoring.permissions import get_organisation_for_user

from ..forms.roadmap import ActivityForm, ActivityProgressForm, ActivityStatusForm, StageForm
from ..models import Activity, Roadmap
from ..permissions import Action, get_activity_for_user, get_stage_for_user
from ..services import roadmap as services
from ..services.evidence import activity_evidence_set
from .common import back_to_roadmap, roadmap_url, safe_next


def _refuse_if_locked(request, roadmap: Roadmap) -> bool:
    try:
        services.roadmap_check_unlocked(roadmap)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return True
    return False


def _deadline_message(request, activity: Activity) -> None:
    """Say how the deadline was read, so a curator fixes what was not."""
    if activity.deadline_kind == Activity.DeadlineKind.UNPARSED and activity.deadline_text:
        messages.warning(
            request,
            _(
                "Сохранено, но срок «%(text)s» не распознан: напоминаний по нему не будет. "
                "Напишите его, например, «до 15.10», «октябрь 2026» или «в течение года»."
            )
            % {"text": activity.deadline_text},
        )
    elif activity.due_on:
        messages.success(
            request,
            _("Сохранено. Срок: %(kind)s, до %(due)s.")
            % {
                "kind": activity.get_deadline_kind_display(),
                "due": formats.date_format(activity.due_on, "d.m.Y"),
            },
        )
    else:
        messages.success(request, _("Сохранено."))


@require_POST
def stage_create(request, pk: int):
    roadmap = get_object_or_404(Roadmap.objects.select_related("academic_year"), pk=pk)
    get_organisation_for_user(request.user, roadmap.organisation_id, Action.ROADMAP_CHANGE)
    form = StageForm(request.POST)
    url = roadmap_url(roadmap.organisation_id, roadmap.academic_year_id)
    if not form.is_valid():
        messages.error(request, _("Укажите название этапа."))
        return redirect(url)
    try:
        stage = services.stage_add(roadmap=roadmap, title=form.cleaned_data["title"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(url)
    messages.success(request, _("Этап добавлен."))
    return redirect(f"{url}#stage-{stage.pk}")


def stage_edit(request, pk: int):
    stage = get_stage_for_user(request.user, pk, Action.ROADMAP_CHANGE)
    if _refuse_if_locked(request, stage.roadmap):
        return back_to_roadmap(stage)
    form = StageForm(request.POST or None, initial={"title": stage.title})
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_update(stage=stage, title=form.cleaned_data["title"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Этап переименован."))
            return back_to_roadmap(stage, f"stage-{stage.pk}")
    return render(
        request,
        "roadmap/stage_form.html",
        {"organisation": stage.roadmap.organisation, "stage": stage, "form": form},
    )


def stage_delete(request, pk: int):
    stage = get_stage_for_user(request.user, pk, Action.ROADMAP_CHANGE)
    if _refuse_if_locked(request, stage.roadmap):
        return back_to_roadmap(stage)
    if request.method == "POST":
        try:
            services.stage_delete(stage=stage)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Этап удалён вместе с его мероприятиями."))
        return back_to_roadmap(stage)
    return render(
        request,
        "roadmap/stage_delete_confirm.html",
        {
            "organisation": stage.roadmap.organisation,
            "stage": stage,
            "activity_count": stage.activities.count(),
        },
    )


def activity_create(request, pk: int):
    stage = get_stage_for_user(request.user, pk, Action.ROADMAP_CHANGE)
    organisation = stage.roadmap.organisation
    if _refuse_if_locked(request, stage.roadmap):
        return back_to_roadmap(stage)
    form = ActivityForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity = services.activity_add(
                stage=stage,
                title=data["title"],
                content=data["content"],
                deadline_text=data["deadline_text"],
                responsible_text=data["responsible_text"],
                responsible_roles=data["responsible_roles"] or None,
                result=data["result"],
                people=data["responsible_people"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _deadline_message(request, activity)
            return back_to_roadmap(stage, f"activity-{activity.pk}")
    return render(
        request,
        "roadmap/activity_form.html",
        {"organisation": organisation, "stage": stage, "form": form},
    )


def activity_edit(request, pk: int):
    activity = get_activity_for_user(request.user, pk, Action.ROADMAP_CHANGE)
    stage = activity.stage
    roadmap = stage.roadmap
    locked = roadmap.is_locked
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = ActivityForm(
        data,
        organisation=roadmap.organisation,
        locked=locked,
        initial={
            "title": activity.title,
            "content": activity.content,
            "deadline_text": activity.deadline_text,
            "responsible_text": activity.responsible_text,
            "responsible_roles": activity.responsible_roles,
            "responsible_people": list(activity.responsible_people.all()),
            "result": activity.result,
        },
    )
    evidence_pair = activity.evidence if activity.evidence_id else None
    progress = ActivityProgressForm(
        data,
        files,
        academic_year=roadmap.academic_year,
        initial={
            "status": activity.status,
            "completed_on": activity.completed_on,
            "comment": activity.comment,
            "evidence_pair": evidence_pair,
        },
    )
    if request.method == "POST" and form.is_valid() and progress.is_valid():
        try:
            _activity_save(activity, form, progress, locked=locked)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _deadline_message(request, activity)
            return back_to_roadmap(stage, f"activity-{activity.pk}")
    return render(
        request,
        "roadmap/activity_form.html",
        {
            "organisation": roadmap.organisation,
            "stage": stage,
            "activity": activity,
            "form": form,
            "progress": progress,
            "locked": locked,
            "unparsed": activity.deadline_kind == Activity.DeadlineKind.UNPARSED,
        },
    )


@transaction.atomic
def _activity_save(activity: Activity, form, progress, *, locked: bool) -> None:
    """One save of the edit page, whole or not at all."""
    structure = {} if locked else form.structure()
    if "responsible_roles" not in form.changed_data:
        # A new responsible text brings the roles it names, unless roles were picked by hand.
        structure.pop("responsible_roles", None)
    services.activity_update(
        activity=activity, data=structure, people=form.cleaned_data["responsible_people"]
    )
    data = progress.cleaned_data
    services.activity_status_set(
        activity=activity,
        status=data["status"],
        completed_on=data["completed_on"],
        comment=data["comment"],
    )
    activity_evidence_set(
        activity=activity,
        upload=data["evidence_file"] or None,
        remove_file=data["remove_file"],
        pair=data["evidence_pair"],
    )


def activity_delete(request, pk: int):
    activity = get_activity_for_user(request.user, pk, Action.ROADMAP_CHANGE)
    stage = activity.stage
    if _refuse_if_locked(request, stage.roadmap):
        return back_to_roadmap(stage)
    if request.method == "POST":
        try:
            services.activity_delete(activity=activity)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Мероприятие удалено."))
        return back_to_roadmap(stage, f"stage-{stage.pk}")
    return render(
        request,
        "roadmap/activity_delete_confirm.html",
        {"organisation": stage.roadmap.organisation, "activity": activity, "stage": stage},
    )


@require_POST
def activity_move(request, pk: int):
    activity = get_activity_for_user(request.user, pk, Action.ROADMAP_CHANGE)
    stage = activity.stage
    step = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.activity_move(activity=activity, number=activity.number + step)
    except ValidationError as error:
        # At the top of the page, where the message is.
        messages.error(request, " ".join(error.messages))
        return back_to_roadmap(stage)
    return back_to_roadmap(stage, f"activity-{activity.pk}")


@require_POST
def activity_status(request, pk: int):
    activity = get_activity_for_user(request.user, pk, Action.ACTIVITY_MARK)
    roadmap = activity.stage.roadmap
    fallback = roadmap_url(roadmap.organisation_id, roadmap.academic_year_id, f"activity-{pk}")
    form = ActivityStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Выберите статус."))
        return redirect(safe_next(request, fallback))
    status = form.cleaned_data["status"]
    # Marked done again: the day it was done stays.
    still_done = status == activity.status == Activity.Status.DONE
    try:
        services.activity_status_set(
            activity=activity,
            status=status,
            completed_on=activity.completed_on if still_done else None,
            comment=form.cleaned_data["comment"] or None,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("«%(title)s»: %(status)s.")
            % {
                "title": Truncator(activity.title).words(12),
                "status": activity.get_status_display().lower(),
            },
        )
    return redirect(safe_next(request, fallback))


@require_GET
def activity_evidence(request, pk: int):
    """The evidence file, to those who see the school's roadmap; never served as a page."""
    activity = get_activity_for_user(request.user, pk, Action.ROADMAP_VIEW)
    if not activity.evidence_file:
        raise Http404
    try:
        file = activity.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    suffix = Path(activity.evidence_file.name).suffix
    return FileResponse(file, as_attachment=True, filename=f"evidence-{activity.pk}{suffix}")
