"""A number too large for the database, or no number at all, where an id is expected is the
user's mistake (or tampering): a form error, a 400 or a 404, never a server error.

On SQLite a number past 64 bits used to raise OverflowError in `pk__in`."""

import pytest
from django.forms import BaseForm
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from mentoring.models import Person
from roadmap.services.roadmap import activity_add, roadmap_create_empty, stage_add

HUGE = "99999999999999999999999"
VALUES = [HUGE, "abc", "1.5"]


def _int_patterns(patterns) -> list[URLPattern]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                found += _int_patterns(pattern.url_patterns)
        elif any(isinstance(c, IntConverter) for c in pattern.pattern.converters.values()):
            found.append(pattern)
    return found


def test_an_id_past_64_bits_in_the_address_is_not_found(client, director):
    client.force_login(director)
    answers = {}
    for pattern in _int_patterns(get_resolver().url_patterns):
        url = reverse(pattern.name, kwargs={key: "9" * 30 for key in pattern.pattern.converters})
        for method in ("get", "post"):
            answers[method, url] = getattr(client, method)(url).status_code

    assert len(answers) > 100
    assert {key: status for key, status in answers.items() if status not in (404, 405)} == {}


@pytest.fixture
def o(school, director, teacher):
    year = school.academic_years.get(is_current=True)
    roadmap = roadmap_create_empty(organisation=school, academic_year=year, actor=director)
    stage = stage_add(roadmap=roadmap, title="Подготовка условий")
    activity = activity_add(
        stage=stage, title="Приказ", deadline_text="сентябрь 2026", responsible_text="директор"
    )
    return {"org": school.pk, "stage": stage.pk, "activity": activity.pk}


# (url name, its kwargs from the fixture, query string, the field given the bad value).
FORMS = [
    ("mentee_create", "org", "", "preferred_forms"),
    ("mentee_create", "org", "", "person"),
    ("mentor_create", "org", "", "preferred_forms"),
    ("pair_create", "org", "", "mentees"),
    ("pair_create", "org", "", "mentor"),
    ("pair_create", "org", "", "form"),
    ("activity_create", "stage", "", "responsible_people"),
    ("activity_edit", "activity", "", "responsible_people"),
    ("activity_edit", "activity", "", "evidence_pair"),
    ("invitation_list", "org", "", "person"),
    ("order_create", "org", "?kind=reward", "people"),
    ("order_create", "org", "?kind=curator", "person"),
]


def _url(o, name: str, kwarg: str, query: str = "") -> str:
    key = "pk" if kwarg in ("stage", "activity") else kwarg
    return reverse(name, kwargs={key: o[kwarg]}) + query


def _form_errors(response) -> dict:
    errors = {}
    for context in response.context:
        for value in context.flatten().values():
            if isinstance(value, BaseForm) and value.is_bound:
                errors |= value.errors
    return errors


@pytest.mark.parametrize(("name", "kwarg", "query", "field"), FORMS)
def test_a_bad_id_in_a_form_is_a_form_error(client, director, o, name, kwarg, query, field):
    client.force_login(director)
    for value in VALUES:
        response = client.post(_url(o, name, kwarg, query), {field: [value]})

        assert response.status_code == 200, value
        assert field in _form_errors(response), value


def test_a_bad_id_in_the_self_service_application_is_a_form_error(client, teacher, o):
    client.force_login(teacher)
    for value in VALUES:
        response = client.post(
            reverse("bank_apply"), {"bank": "mentor", "preferred_forms": [value]}
        )

        assert response.status_code == 200, value
        assert "preferred_forms" in _form_errors(response), value


# Requests whose answer to a bad id is a redirect with a message, the page without the
# filter, or 404.
REQUESTS = [
    ("post", "mentee_bulk", "org", "", "ids"),
    ("post", "mentor_bulk", "org", "", "ids"),
    ("post", "mentee_bulk", "org", "", "next"),
    ("post", "activity_status", "activity", "", "next"),
    ("post", "matching_decide", "org", "?action=pin", "mentee"),
    ("get", "mentee_export", "org", "", "ids"),
    ("get", "mentor_export", "org", "", "ids"),
    ("get", "mentee_list", "org", "", "year"),
    ("get", "mentee_list", "org", "", "tag"),
    ("get", "mentor_list", "org", "", "subject"),
    ("get", "pair_list", "org", "", "year"),
    ("get", "pair_list", "org", "", "form"),
    ("get", "people_list", "org", "", "subject"),
    ("get", "roadmap_detail", "org", "", "year"),
    ("get", "roadmap_detail", "org", "", "person"),
    ("get", "roadmap_detail", "org", "", "stage"),
    ("get", "roadmap_timeline", "org", "", "person"),
    ("get", "roadmap_export", "org", "", "year"),
    ("get", "order_list", "org", "", "year"),
    ("get", "order_create", "org", "?kind=amend", "target"),
    ("get", "invitation_list", "org", "", "person"),
    ("get", "mentee_create", "org", "", "person"),
]


@pytest.mark.parametrize(("method", "name", "kwarg", "query", "param"), REQUESTS)
def test_a_bad_id_in_a_request_is_never_a_server_error(
    client, director, o, method, name, kwarg, query, param
):
    client.force_login(director)
    url = _url(o, name, kwarg)
    for value in VALUES:
        params = dict(p.split("=") for p in query.lstrip("?").split("&") if p) | {param: value}

        response = getattr(client, method)(url, params)

        assert response.status_code in (200, 302, 400, 404), value


def test_in_lookup_ignores_a_number_the_column_cannot_hold(person):
    assert list(Person.objects.filter(pk__in=[int(HUGE), person.pk])) == [person]
    assert not Person.objects.filter(pk__in=[int(HUGE)]).exists()
