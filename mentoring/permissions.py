"""Who may see and do what: the single place every view asks.

A user sees an organisation when they hold a role in it, or when they coordinate the
municipality the school belongs to. Outside that scope objects do not exist for them
(404); inside it, an action their roles do not allow is forbidden (403).
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Membership, Organisation, Person, Role


class Action(StrEnum):
    ORGANISATION_VIEW = "organisation.view"
    ORGANISATION_CHANGE = "organisation.change"
    PEOPLE_VIEW = "people.view"
    PEOPLE_CHANGE = "people.change"
    PEOPLE_IMPORT = "people.import"
    INVITATIONS_MANAGE = "invitations.manage"
    MUNICIPALITY_VIEW = "municipality.view"
    BANKS_VIEW = "banks.view"
    BANKS_CHANGE = "banks.change"
    MENTEE_REQUESTS_ADD = "mentee_requests.add"
    MENTEE_NOTES = "mentee_notes"
    CONSENTS_MANAGE = "consents.manage"
    PAIRS_VIEW = "pairs.view"
    PAIRS_CHANGE = "pairs.change"
    ORDERS_VIEW = "orders.view"
    ORDERS_DRAFT = "orders.draft"
    ORDERS_APPROVE = "orders.approve"
    ROADMAP_VIEW = "roadmap.view"
    ROADMAP_CHANGE = "roadmap.change"


_SCHOOL_STAFF = frozenset({Role.DIRECTOR, Role.CURATOR, Role.TEACHER, Role.PSYCHOLOGIST})

RULES: dict[Action, frozenset[Role]] = {
    Action.ORGANISATION_VIEW: _SCHOOL_STAFF | {Role.COORDINATOR},
    Action.ORGANISATION_CHANGE: frozenset({Role.DIRECTOR, Role.CURATOR}),
    # Personal data of staff and minors: only those who run the programme at the school.
    Action.PEOPLE_VIEW: frozenset({Role.DIRECTOR, Role.CURATOR, Role.PSYCHOLOGIST}),
    Action.PEOPLE_CHANGE: frozenset({Role.DIRECTOR, Role.CURATOR}),
    Action.PEOPLE_IMPORT: frozenset({Role.DIRECTOR, Role.CURATOR}),
    Action.INVITATIONS_MANAGE: frozenset({Role.DIRECTOR, Role.CURATOR}),
    Action.MUNICIPALITY_VIEW: frozenset({Role.COORDINATOR}),
    Action.BANKS_VIEW: frozenset({Role.DIRECTOR, Role.CURATOR, Role.PSYCHOLOGIST}),
    Action.BANKS_CHANGE: frozenset({Role.DIRECTOR, Role.CURATOR}),
    # The psychologist adds mentees' requests and keeps confidential notes (seed 000, stage 2).
    Action.MENTEE_REQUESTS_ADD: frozenset({Role.CURATOR, Role.PSYCHOLOGIST}),
    Action.MENTEE_NOTES: frozenset({Role.CURATOR, Role.PSYCHOLOGIST}),
    Action.CONSENTS_MANAGE: frozenset({Role.DIRECTOR, Role.CURATOR}),
    Action.PAIRS_VIEW: frozenset({Role.DIRECTOR, Role.CURATOR, Role.PSYCHOLOGIST}),
    # The curator forms pairs, preferences from paper included, and runs the matching.
    Action.PAIRS_CHANGE: frozenset({Role.DIRECTOR, Role.CURATOR}),
    # The curator drafts orders; only the director signs them (seed 002 §4.4.3).
    Action.ORDERS_VIEW: frozenset({Role.DIRECTOR, Role.CURATOR}),
    Action.ORDERS_DRAFT: frozenset({Role.DIRECTOR, Role.CURATOR}),
    Action.ORDERS_APPROVE: frozenset({Role.DIRECTOR}),
    # The whole school works by the roadmap; the curator keeps it up to date.
    Action.ROADMAP_VIEW: _SCHOOL_STAFF,
    Action.ROADMAP_CHANGE: frozenset({Role.DIRECTOR, Role.CURATOR}),
}

# Roles a director or curator may give by invitation.
INVITABLE_ROLES = (Role.CURATOR, Role.TEACHER, Role.PSYCHOLOGIST, Role.DIRECTOR)

_CACHE_ATTR = "_nastavnik_roles"


def roles_by_organisation(user) -> dict[int, frozenset[Role]]:
    """Organisation id → the user's roles there, computed once per user object."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    roles: dict[int, set[Role]] = {}
    municipality_ids = []
    for organisation_id, role in Membership.objects.filter(user=user).values_list(
        "organisation_id", "role"
    ):
        roles.setdefault(organisation_id, set()).add(Role(role))
        if role == Role.COORDINATOR:
            municipality_ids.append(organisation_id)
    if municipality_ids:
        for school_id in Organisation.objects.filter(
            municipality_id__in=municipality_ids
        ).values_list("id", flat=True):
            roles.setdefault(school_id, set()).add(Role.COORDINATOR)
    result = {org_id: frozenset(r) for org_id, r in roles.items()}
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_roles(user) -> None:
    """Drop the cached roles after memberships of this user changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles_in(user, organisation: Organisation | int) -> frozenset[Role]:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return roles_by_organisation(user).get(organisation_id, frozenset())


def can(user, action: Action, organisation: Organisation | int) -> bool:
    return bool(roles_in(user, organisation) & RULES[action])


def visible_organisations(user):
    return Organisation.objects.filter(pk__in=list(roles_by_organisation(user)))


def organisations_where(user, action: Action) -> list[int]:
    return [
        org_id for org_id, roles in roles_by_organisation(user).items() if roles & RULES[action]
    ]


def _check(user, action: Action, organisation_id: int) -> None:
    roles = roles_in(user, organisation_id)
    if not roles:
        raise Http404
    if not roles & RULES[action]:
        raise PermissionDenied


def get_organisation_for_user(user, pk: int, action: Action) -> Organisation:
    _check(user, action, pk)
    try:
        return Organisation.objects.select_related("municipality").get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None


def get_person_for_user(user, pk: int, action: Action, queryset=None) -> Person:
    """A person the user may act on. Anyone may view their own record."""
    queryset = queryset if queryset is not None else Person.objects.all()
    try:
        person = queryset.select_related("organisation").get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None
    if action == Action.PEOPLE_VIEW and person.user_id and person.user_id == user.pk:
        return person
    _check(user, action, person.organisation_id)
    return person
