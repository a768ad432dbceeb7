"""What every signed-in page pays before its own data: the user's roles, the organisations it
names (the current one, the switcher's) and the unread count, in two queries."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from mentoring.context_processors import navigation
from mentoring.models import Membership, Role, User
from mentoring.permissions import (
    Action,
    forget_roles,
    get_organisation_for_user,
    roles_by_organisation,
)
from mentoring.services.notifications import notification_add
from tests.mentoring.factories import SchoolFactory


def _request(user, url: str):
    request = RequestFactory().get(url)
    request.user = user
    request.session = {}
    request.resolver_match = resolve(url)
    return request


def _fresh(user) -> User:
    """The user as a new request loads it: nothing kept from an earlier one."""
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("role", ["teacher", "curator", "coordinator"])
def test_roles_organisations_and_unread_count_take_two_queries(request, role, school):
    user = _fresh(request.getfixturevalue(role))
    notification_add(user=user, text="Новое")
    url = reverse("organisation_detail", args=[school.pk])
    with CaptureQueriesContext(connection) as queries:
        organisation = get_organisation_for_user(user, school.pk, Action.ORGANISATION_VIEW)
        nav = navigation(_request(user, url))["nav"]
    assert len(queries) == 2
    assert organisation == school and nav["organisation"] is organisation
    assert organisation.municipality == school.municipality  # fetched with it
    assert nav["unread"] == 1


def test_the_coordinator_holds_each_school_and_switches_between_own_organisations(
    coordinator, municipality, school, other_school
):
    user = _fresh(coordinator)
    assert roles_by_organisation(user) == {
        municipality.pk: {Role.COORDINATOR},
        school.pk: {Role.COORDINATOR},
        other_school.pk: {Role.COORDINATOR},
    }
    url = reverse("organisation_detail", args=[school.pk])
    nav = navigation(_request(user, url))["nav"]
    # The municipality, and the school being read; not every school of it.
    assert {o.pk for o in nav["organisations"]} == {municipality.pk, school.pk}


def test_a_school_of_another_municipality_is_not_found(coordinator):
    elsewhere = SchoolFactory()
    with pytest.raises(Http404):
        get_organisation_for_user(_fresh(coordinator), elsewhere.pk, Action.ORGANISATION_VIEW)


def test_forgetting_the_roles_drops_the_organisations_too(teacher, school, other_school):
    user = _fresh(teacher)
    assert get_organisation_for_user(user, school.pk, Action.ORGANISATION_VIEW) == school
    Membership.objects.create(user=user, organisation=other_school, role=Role.CURATOR)
    forget_roles(user)
    assert get_organisation_for_user(user, other_school.pk, Action.PEOPLE_VIEW) == other_school
    url = reverse("organisation_detail", args=[other_school.pk])
    nav = navigation(_request(user, url))["nav"]
    assert {o.pk for o in nav["organisations"]} == {school.pk, other_school.pk}


def test_a_new_notification_shows_on_the_next_page(client, teacher):
    client.force_login(teacher)
    assert 'data-notifications="0"' in client.get(reverse("home")).content.decode()
    notification_add(user=teacher, text="Новое")
    assert 'data-notifications="1"' in client.get(reverse("home")).content.decode()
