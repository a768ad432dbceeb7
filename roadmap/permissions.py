"""Who may see and change a school's roadmap, and who marks an activity done: the curator and
the director any, the people responsible for it (named on it, or by a role it names) their own.
The municipal coordinator reads each school's roadmap and changes nothing.
"""

from enum import StrEnum

from mentoring.models import Organisation, Person, Role
from mentoring.permissions import (
    MANAGERS,
    ORGANISATION_OF,
    SCHOOL_STAFF,
    allows,
    get_for_user,
    relationship,
    roles_in,
    rules_add,
)

from .models import Activity, Stage


class Action(StrEnum):
    ROADMAP_VIEW = "roadmap.view"
    # Working by the roadmap: having tasks on it, being reminded of them.
    ROADMAP_WORK = "roadmap.work"
    ROADMAP_CHANGE = "roadmap.change"
    ACTIVITY_MARK = "roadmap.activity_mark"
    # The roadmap is approved by an order: who may open that order and draft one is ruled by
    # the app that keeps orders, which adds these two rules.
    APPROVAL_VIEW = "roadmap.approval_view"
    APPROVAL_DRAFT = "roadmap.approval_draft"


rules_add(
    {
        # The whole school works by the roadmap, which the coordinator supervises; the curator
        # keeps it up to date.
        Action.ROADMAP_VIEW: SCHOOL_STAFF | {Role.COORDINATOR},
        Action.ROADMAP_WORK: SCHOOL_STAFF,
        Action.ROADMAP_CHANGE: MANAGERS,
        Action.ACTIVITY_MARK: MANAGERS,
    }
)
ORGANISATION_OF[Stage] = lambda stage: stage.roadmap.organisation_id
ORGANISATION_OF[Activity] = lambda activity: activity.stage.roadmap.organisation_id


class Responsibility:
    """Whether the user is responsible for an activity: named on it, or holding a role or a
    duty (mentoring.models.Duty) at the school that it names. Computed once per page."""

    def __init__(self, user, organisation: Organisation | int):
        organisation_id = organisation if isinstance(organisation, int) else organisation.pk
        self.roles = {str(role) for role in roles_in(user, organisation_id)}
        people = Person.objects.filter(user_id=user.pk, organisation_id=organisation_id)
        self.person_ids = set()
        for pk, duties, archived_at in people.values_list("pk", "duties", "archived_at"):
            self.person_ids.add(pk)
            # A duty (class teacher, head of a subject association…) names tasks the way a
            # role does, for as long as the person works at the school.
            if archived_at is None:
                self.roles |= set(duties)

    def of(self, activity: Activity) -> bool:
        """Uses the activity's prefetched responsible people."""
        if self.roles & set(activity.responsible_roles):
            return True
        return any(person.pk in self.person_ids for person in activity.responsible_people.all())


@relationship(Action.ACTIVITY_MARK)
def _is_responsible(user, activity: Activity) -> bool:
    """Only for people who still work by the school's roadmap: a person named on an activity
    who has left the school marks nothing."""
    organisation_id = ORGANISATION_OF[Activity](activity)
    if not allows(roles_in(user, organisation_id), Action.ROADMAP_WORK):
        return False
    return Responsibility(user, organisation_id).of(activity)


def get_stage_for_user(user, pk: int, action: Action) -> Stage:
    stages = Stage.objects.select_related("roadmap__organisation", "roadmap__academic_year")
    return get_for_user(user, action, stages, pk)


def get_activity_for_user(user, pk: int, action: Action) -> Activity:
    activities = Activity.objects.select_related(
        "stage__roadmap__organisation", "stage__roadmap__academic_year"
    )
    return get_for_user(user, action, activities, pk)
