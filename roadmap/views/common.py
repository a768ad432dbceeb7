"""Access to a school's roadmap, its stages and activities, for every roadmap page."""

from django.http import Http404, HttpResponseRedirect
from django.urls import reverse

from core.redirects import safe_target
from mentoring.models import AcademicYear, Organisation, Person
from mentoring.permissions import Action, get_organisation_for_user, roles_in

from ..models import Activity, Stage


def get_stage_for_user(user, pk: int, action: Action) -> Stage:
    try:
        stage = Stage.objects.select_related("roadmap__organisation", "roadmap__academic_year").get(
            pk=pk
        )
    except Stage.DoesNotExist:
        raise Http404 from None
    # Refuses: 404 outside the school, 403 inside it.
    get_organisation_for_user(user, stage.roadmap.organisation_id, action)
    return stage


def get_activity_for_user(user, pk: int, action: Action | None) -> Activity:
    """The activity, if the user may do `action` at its school; with no action, only found
    (the caller decides)."""
    try:
        activity = Activity.objects.select_related(
            "stage__roadmap__organisation", "stage__roadmap__academic_year"
        ).get(pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None
    if action is not None:
        get_organisation_for_user(user, activity.stage.roadmap.organisation_id, action)
    return activity


class Responsibility:
    """Whether the user is responsible for an activity: named on it, or holding a role at the
    school that it names. Computed once per page."""

    def __init__(self, user, organisation: Organisation | int):
        organisation_id = organisation if isinstance(organisation, int) else organisation.pk
        self.roles = {str(role) for role in roles_in(user, organisation_id)}
        self.person_ids = set(
            Person.objects.filter(user_id=user.pk, organisation_id=organisation_id).values_list(
                "pk", flat=True
            )
        )

    def of(self, activity: Activity) -> bool:
        """Uses the activity's prefetched responsible people."""
        if self.roles & set(activity.responsible_roles):
            return True
        return any(person.pk in self.person_ids for person in activity.responsible_people.all())


def check_may_mark(user, activity: Activity) -> None:
    """The people responsible mark their activity; the curator and the director any. Only
    people who still hold a role at the school: anyone else gets a 404."""
    organisation_id = activity.stage.roadmap.organisation_id
    get_organisation_for_user(user, organisation_id, Action.ROADMAP_VIEW)
    responsible = Responsibility(user, organisation_id)
    if responsible.roles & set(activity.responsible_roles):
        return
    if activity.responsible_people.filter(pk__in=responsible.person_ids).exists():
        return
    get_organisation_for_user(user, organisation_id, Action.ROADMAP_CHANGE)


def selected_year(organisation: Organisation, value) -> AcademicYear | None:
    """The year asked for in the query, else the current one, else the latest."""
    years = organisation.academic_years.all()
    try:
        if value and (year := years.filter(pk=int(value)).first()):
            return year
    except (TypeError, ValueError):
        pass
    return years.filter(is_current=True).first() or years.order_by("-start_date").first()


def roadmap_url(organisation_id: int, year_id: int, anchor: str = "") -> str:
    url = f"{reverse('roadmap_detail', args=[organisation_id])}?year={year_id}"
    return f"{url}#{anchor}" if anchor else url


def back_to_roadmap(stage: Stage, anchor: str = "") -> HttpResponseRedirect:
    roadmap = stage.roadmap
    return HttpResponseRedirect(
        roadmap_url(roadmap.organisation_id, roadmap.academic_year_id, anchor)
    )


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    return safe_target(request, target) or fallback
