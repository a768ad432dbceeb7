"""The one door, can(user, action, target): role rules at the target's organisation, and the
relationship rules each app declares for its own objects."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentoring import permissions as mentoring_permissions
from mentoring.models import Role
from mentoring.permissions import RULES, Action, can, check, rules_add
from reports import permissions as reports_permissions
from reports.models import Order
from roadmap import permissions as roadmap_permissions
from roadmap.services.roadmap import activity_add, roadmap_create_empty, stage_add
from tests.mentoring.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _account(person, role=None):
    user = UserFactory()
    if role is not None:
        MembershipFactory(user=user, organisation=person.organisation, role=role)
    person.user = user
    person.save(update_fields=["user"])
    return user


@pytest.fixture
def pair(make_pair):
    return make_pair()


def test_every_action_of_every_app_has_a_role_rule():
    for actions in (
        mentoring_permissions.Action,
        roadmap_permissions.Action,
        reports_permissions.Action,
    ):
        assert set(actions) <= RULES.keys()


def test_a_rule_cannot_be_declared_twice():
    with pytest.raises(ValueError, match="pairs.view"):
        rules_add({Action.PAIRS_VIEW: frozenset({Role.TEACHER})})


def test_role_rules_answer_for_an_organisation_its_id_and_its_objects(curator, school, pair):
    for target in (school, school.pk, pair):
        assert can(curator, Action.PAIRS_CHANGE, target)


def test_a_mentee_without_a_role_at_the_school_follows_her_pair_but_does_not_edit_it(pair):
    mentee_user = _account(pair.mentees.get().person)
    assert can(mentee_user, Action.PAIR_FOLLOW, pair)
    assert not can(mentee_user, Action.PROGRAMME_CHANGE, pair)
    assert not can(mentee_user, Action.PAIR_FOLLOW, pair.organisation)  # no role, no object
    with pytest.raises(Http404):  # outside the school she holds no role
        check(mentee_user, Action.PROGRAMME_CHANGE, pair)


def test_the_mentor_edits_the_programme_and_logs_meetings(pair):
    mentor_user = _account(pair.mentor.person, Role.TEACHER)
    assert can(mentor_user, Action.PROGRAMME_CHANGE, pair)
    assert can(mentor_user, Action.MEETINGS_LOG, pair)
    assert can(mentor_user, Action.MEETING_FEEDBACK, pair)
    assert not can(mentor_user, Action.PAIRS_VIEW, pair)


def test_a_colleague_outside_the_pair_is_forbidden_and_an_outsider_finds_nothing(
    teacher, outsider, pair
):
    with pytest.raises(PermissionDenied):
        check(teacher, Action.PAIR_FOLLOW, pair)
    with pytest.raises(Http404):
        check(outsider, Action.PAIR_FOLLOW, pair)


def test_nobody_leaves_feedback_for_the_participants(curator, pair):
    with pytest.raises(PermissionDenied):
        check(curator, Action.MEETING_FEEDBACK, pair)


def test_a_person_named_on_an_activity_marks_it_while_still_at_the_school(school, curator):
    roadmap = roadmap_create_empty(
        organisation=school, academic_year=school.academic_years.get(), actor=curator
    )
    stage = stage_add(roadmap=roadmap, title="Подготовка")
    activity = activity_add(stage=stage, title="Совещание")
    named = PersonFactory(organisation=school)
    activity.responsible_people.set([named])
    user = _account(named, Role.TEACHER)
    mark = roadmap_permissions.Action.ACTIVITY_MARK
    assert can(user, mark, activity)

    user.memberships.all().delete()
    mentoring_permissions.forget_roles(user)
    assert not can(user, mark, activity)
    with pytest.raises(Http404):
        check(user, mark, activity)


def test_the_people_an_approved_order_names_read_it(school, curator):
    named = PersonFactory(organisation=school)
    user = _account(named)
    order = Order.objects.create(
        organisation=school,
        academic_year=school.academic_years.get(),
        kind=Order.Kind.FREE,
        title="О наставничестве",
        created_by=curator,
    )
    order.people.set([named])
    view = reports_permissions.Action.ORDERS_VIEW
    assert not can(user, view, order)
    order.status = Order.Status.APPROVED
    assert can(user, view, order)
    assert not can(user, reports_permissions.Action.ORDERS_DRAFT, order)


def test_anyone_sees_their_own_record_and_no_one_else_s(school, person):
    user = _account(person, Role.TEACHER)
    colleague = PersonFactory(organisation=school)
    assert can(user, Action.PEOPLE_VIEW, person)
    assert not can(user, Action.PEOPLE_VIEW, colleague)
    assert not can(user, Action.PEOPLE_CHANGE, person)
