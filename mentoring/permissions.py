"""Who may see and do what: the one door every view asks, `can(user, action, target)`.

A user sees an organisation when they hold a role in it, or when they coordinate the
municipality the school belongs to. Outside that scope objects do not exist for them
(404); inside it, an action their roles do not allow is forbidden (403).

Two kinds of rule answer: role rules (an action → the roles that may do it at the target's
organisation) and relationship rules (an action → a test of the user against one object, e.g.
"is she a member of this pair"). Each app declares both for its own actions in its
`permissions` module with `rules_add` and `relationship`; this module holds mentoring's.
"""

from collections.abc import Callable
from enum import StrEnum

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import CharField, Func, Q, QuerySet, Subquery, Value
from django.http import Http404

from .models import Membership, MentoringPair, Notification, Organisation, Person, Role


class Action(StrEnum):
    ORGANISATION_VIEW = "organisation.view"
    ORGANISATION_CHANGE = "organisation.change"
    PEOPLE_VIEW = "people.view"
    PEOPLE_CHANGE = "people.change"
    PEOPLE_IMPORT = "people.import"
    INVITATIONS_MANAGE = "invitations.manage"
    MUNICIPALITY_VIEW = "municipality.view"
    MUNICIPALITY_CHANGE = "municipality.change"
    BANKS_VIEW = "banks.view"
    BANKS_CHANGE = "banks.change"
    MENTEE_REQUESTS_ADD = "mentee_requests.add"
    MENTEE_NOTES = "mentee_notes"
    CONSENTS_MANAGE = "consents.manage"
    PAIRS_VIEW = "pairs.view"
    PAIRS_CHANGE = "pairs.change"
    # A pair's own pages (programme, meetings), which its members see too.
    PAIR_FOLLOW = "pair.follow"
    PROGRAMME_CHANGE = "programme.change"
    MEETINGS_LOG = "meetings.log"
    MEETING_FEEDBACK = "meetings.feedback"


SCHOOL_STAFF = frozenset({Role.DIRECTOR, Role.CURATOR, Role.TEACHER, Role.PSYCHOLOGIST})
MANAGERS = frozenset({Role.DIRECTOR, Role.CURATOR})
# Those who run the programme at the school and see its people, banks and pairs.
_RUNNERS = MANAGERS | {Role.PSYCHOLOGIST}

# Action → the roles that may do it; apps add their actions with rules_add().
RULES: dict[str, frozenset[Role]] = {}
# Action → rule(user, object): a relationship that allows the action on that object.
RELATIONSHIPS: dict[str, Callable[..., bool]] = {}
# Model → how to find the organisation of one of its objects, for models without
# an `organisation_id` of their own.
ORGANISATION_OF: dict[type, Callable[..., int]] = {}


def rules_add(rules: dict[str, frozenset[Role]]) -> None:
    duplicated = RULES.keys() & rules.keys()
    if duplicated:
        raise ValueError(f"Access rules declared twice: {sorted(duplicated)}")
    RULES.update(rules)


def relationship(*actions: str):
    """Register the decorated `rule(user, obj) -> bool` for these actions."""

    def register(rule):
        for action in actions:
            if action in RELATIONSHIPS:
                raise ValueError(f"A relationship rule is declared twice for {action}")
            RELATIONSHIPS[action] = rule
        return rule

    return register


rules_add(
    {
        Action.ORGANISATION_VIEW: SCHOOL_STAFF | {Role.COORDINATOR},
        Action.ORGANISATION_CHANGE: MANAGERS,
        # Personal data of staff and minors: only those who run the programme at the school.
        Action.PEOPLE_VIEW: _RUNNERS,
        Action.PEOPLE_CHANGE: MANAGERS,
        Action.PEOPLE_IMPORT: MANAGERS,
        Action.INVITATIONS_MANAGE: MANAGERS,
        Action.MUNICIPALITY_VIEW: frozenset({Role.COORDINATOR}),
        Action.MUNICIPALITY_CHANGE: frozenset({Role.COORDINATOR}),
        Action.BANKS_VIEW: _RUNNERS,
        Action.BANKS_CHANGE: MANAGERS,
        # The psychologist adds mentees' requests and keeps confidential notes (seed 000,
        # stage 2).
        Action.MENTEE_REQUESTS_ADD: frozenset({Role.CURATOR, Role.PSYCHOLOGIST}),
        Action.MENTEE_NOTES: frozenset({Role.CURATOR, Role.PSYCHOLOGIST}),
        Action.CONSENTS_MANAGE: MANAGERS,
        Action.PAIRS_VIEW: _RUNNERS,
        # The curator forms pairs, preferences from paper included, and runs the matching.
        Action.PAIRS_CHANGE: MANAGERS,
        Action.PAIR_FOLLOW: _RUNNERS,
        # The mentors draft the plan with the mentee and log their meetings (seed 002).
        Action.PROGRAMME_CHANGE: MANAGERS,
        Action.MEETINGS_LOG: MANAGERS,
        # Feedback is the participants' own: nobody leaves it for them.
        Action.MEETING_FEEDBACK: frozenset(),
    }
)


def _is_member_user(user, entries) -> bool:
    return user.pk is not None and any(entry.person.user_id == user.pk for entry in entries)


@relationship(Action.PEOPLE_VIEW)
def _is_own_record(user, person: Person) -> bool:
    """Anyone may see their own record."""
    return person.user_id is not None and person.user_id == user.pk


@relationship(Action.PAIR_FOLLOW, Action.MEETING_FEEDBACK)
def _is_pair_member(user, pair: MentoringPair) -> bool:
    """Uses the pair's mentors' and mentees' people, fetched with the pair."""
    return _is_member_user(user, pair.members())


@relationship(Action.PROGRAMME_CHANGE, Action.MEETINGS_LOG)
def _is_pair_mentor(user, pair: MentoringPair) -> bool:
    return _is_member_user(user, pair.mentor_entries())


# Roles a director or curator may give by invitation.
INVITABLE_ROLES = (Role.CURATOR, Role.TEACHER, Role.PSYCHOLOGIST, Role.DIRECTOR)

_ROLES_ATTR = "_nastavnik_roles"
_ORGANISATIONS_ATTR = "_nastavnik_organisations"


def roles_by_organisation(user) -> dict[int, frozenset[Role]]:
    """Organisation id → the user's roles there: their memberships, and the coordinator's role
    in each school of a municipality they coordinate. One query, kept on the user object, which
    lives as long as the request."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _ROLES_ATTR, None)
    if cached is not None:
        return cached
    coordinated = Membership.objects.filter(user=user, role=Role.COORDINATOR).values(
        "organisation_id"
    )
    schools = (
        Organisation.objects.filter(municipality__in=coordinated)
        .order_by()
        .values_list("id", Value(Role.COORDINATOR.value, output_field=CharField()))
    )
    rows = (
        Membership.objects.filter(user=user)
        .order_by()
        .values_list("organisation_id", "role")
        .union(schools, all=True)
    )
    roles: dict[int, set[Role]] = {}
    for organisation_id, role in rows:
        roles.setdefault(organisation_id, set()).add(Role(role))
    result = {org_id: frozenset(r) for org_id, r in roles.items()}
    setattr(user, _ROLES_ATTR, result)
    return result


def forget_roles(user) -> None:
    """Drop what was kept on the user object after memberships of this user changed."""
    for attr in (_ROLES_ATTR, _ORGANISATIONS_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


def request_organisations(user, current_id: int) -> dict[int, Organisation]:
    """The organisations a page of `current_id` names: that one, with its municipality, and the
    ones the switcher lists (where the user holds a role of their own, and the municipalities
    they coordinate), each carrying `unread_notifications`, the user's unread count. One query,
    kept on the user object for the request: the view and the navigation share it."""
    cached = getattr(user, _ORGANISATIONS_ATTR, None)
    if cached is not None and current_id in cached:
        return cached
    roles = roles_by_organisation(user)
    own = [org_id for org_id, r in roles.items() if r != {Role.COORDINATOR}]
    unread = Notification.objects.filter(user=user, read_at__isnull=True).order_by()
    organisations = {
        organisation.pk: organisation
        for organisation in Organisation.objects.filter(
            Q(pk__in=[*own, current_id])
            | Q(pk__in=list(roles), kind=Organisation.Kind.MUNICIPALITY)
        )
        .select_related("municipality")
        .annotate(unread_notifications=Subquery(unread.values(n=Func("pk", function="COUNT"))))
    }
    setattr(user, _ORGANISATIONS_ATTR, organisations)
    return organisations


def roles_in(user, organisation: Organisation | int) -> frozenset[Role]:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return roles_by_organisation(user).get(organisation_id, frozenset())


def allows(roles, action: str) -> bool:
    """Whether any of these roles may do the action (the role rule alone)."""
    return bool(roles & RULES[action])


def _organisation_id(target) -> int:
    if isinstance(target, int):
        return target
    if isinstance(target, Organisation):
        return target.pk
    finder = ORGANISATION_OF.get(type(target))
    return finder(target) if finder else target.organisation_id


def can(user, action: str, target) -> bool:
    """Whether the user may do the action on the target: an organisation (or its id), or an
    object of it, where the action's relationship rule is asked too."""
    if allows(roles_in(user, _organisation_id(target)), action):
        return True
    rule = RELATIONSHIPS.get(action)
    return rule is not None and not isinstance(target, int | Organisation) and rule(user, target)


def check(user, action: str, target) -> None:
    """Refuse unless can(): 404 outside the user's organisations, 403 inside them."""
    if can(user, action, target):
        return
    if not roles_in(user, _organisation_id(target)):
        raise Http404
    raise PermissionDenied


def organisations_where(user, action: str) -> list[int]:
    return [
        org_id for org_id, roles in roles_by_organisation(user).items() if allows(roles, action)
    ]


def get_organisation_for_user(user, pk: int, action: str) -> Organisation:
    check(user, action, pk)
    organisation = request_organisations(user, pk).get(pk)
    if organisation is None:
        raise Http404
    return organisation


def get_municipality_for_user(user, pk: int) -> Organisation:
    """A municipality whose pages the user may view; a school's pk is a 404 (a coordinator also
    holds the view right in each school, but these pages are the municipality's)."""
    organisation = get_organisation_for_user(user, pk, Action.MUNICIPALITY_VIEW)
    if organisation.is_school:
        raise Http404
    return organisation


def get_for_user(user, action: str, queryset: QuerySet, pk: int):
    """The object of the queryset with this pk, if the user may do the action on it; the
    per-kind helpers below and in the other apps' permissions go through here."""
    try:
        obj = queryset.get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    check(user, action, obj)
    return obj


def get_person_for_user(user, pk: int, action: Action, queryset=None) -> Person:
    queryset = queryset if queryset is not None else Person.objects.all()
    return get_for_user(user, action, queryset.select_related("organisation"), pk)


def get_pair_for_user(user, pk: int, action: str, queryset=None) -> MentoringPair:
    """The pair or group; `queryset` fetches it with what the page needs."""
    queryset = queryset if queryset is not None else MentoringPair.objects.all()
    return get_for_user(user, action, queryset, pk)
