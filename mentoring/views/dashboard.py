from dataclasses import replace

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.counts import count_rows

from ..context_processors import current_organisation_id
from ..extensions import SCHOOL_LINKS, dashboard_panels, dashboard_tiles
from ..models import Organisation, Person, Role
from ..permissions import (
    Action,
    allows,
    get_organisation_for_user,
    request_organisations,
    roles_in,
)
from ..selectors.dashboard import (
    REQUESTS_SHOWN,
    mentee_requests,
    my_pairs,
    open_destructions,
    organisation_counts,
    pairs_with_withdrawn_consent,
    school_tiles,
    setup_rows,
)
from ..selectors.organisations import current_academic_year


def home(request):
    """The dashboard of the current organisation, shaped by the user's roles there."""
    organisation_id = current_organisation_id(request)
    if organisation_id is None:
        return render(request, "mentoring/dashboard_no_role.html")
    organisation = request_organisations(request.user, organisation_id)[organisation_id]
    if not organisation.is_school:
        return _municipality(request, organisation)
    roles = roles_in(request.user, organisation)
    own_person = Person.objects.filter(user=request.user, organisation=organisation).first()
    year = current_academic_year(organisation)
    tiles = school_tiles(organisation, roles, year) + dashboard_tiles(organisation, roles, year)
    # Every figure of the page in one query: the tiles, the first steps, the requests.
    rows = {tile.key: tile.rows for tile in tiles}
    if allows(roles, Action.PEOPLE_CHANGE):
        rows |= setup_rows(organisation)
    if Role.PSYCHOLOGIST in roles:
        requests = mentee_requests(year)
        rows["mentee_requests"] = requests
    counts = dict(zip(rows, count_rows(list(rows.values())), strict=True))
    tiles = [replace(tile, count=counts[tile.key]) for tile in tiles]
    context = {
        "organisation": organisation,
        "roles": roles,
        "is_manager": allows(roles, Action.PEOPLE_CHANGE),
        "is_psychologist": Role.PSYCHOLOGIST in roles,
        "is_teacher": Role.TEACHER in roles,
        "can_view_pairs": allows(roles, Action.PAIRS_VIEW),
        "own_person": own_person,
        "academic_year": year,
        "tiles": tiles,
        "my_pairs": my_pairs(own_person, timezone.localdate()),
    }
    if allows(roles, Action.PEOPLE_CHANGE):
        context["first_steps"] = _first_steps(organisation, counts, year)
        context["setup_done"] = all(step["done"] for step in context["first_steps"])
    if Role.PSYCHOLOGIST in roles:
        context["mentee_requests"] = requests[:REQUESTS_SHOWN]
        context["mentee_requests_total"] = counts["mentee_requests"]
    if allows(roles, Action.CONSENTS_MANAGE):
        context["destructions"] = open_destructions(organisation)
        context["withdrawn_pairs"] = pairs_with_withdrawn_consent(organisation)
    context["panels"] = dashboard_panels(request, organisation, roles)
    return render(request, "mentoring/dashboard.html", context)


def _first_steps(organisation: Organisation, counts: dict, year) -> list[dict]:
    """What a school still has to set up before it can run the programme."""
    return [
        {"key": "requisites", "done": bool(organisation.address and organisation.director_name)},
        {"key": "year", "done": year is not None},
        {"key": "staff", "done": counts["staff"] > 0},
        {"key": "invite", "done": counts["accounts"] > 1},
        {"key": "banks", "done": counts.get("mentees", 0) > 0 and counts.get("mentors", 0) > 0},
    ]


def municipality_detail(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.MUNICIPALITY_VIEW)
    return _municipality(request, organisation)


def _school_links(user, school: Organisation) -> list[dict]:
    roles = roles_in(user, school)
    return [
        {"title": title, "url": reverse(name, args=[school.pk])}
        for action, name, title in SCHOOL_LINKS
        if allows(roles, action)
    ]


def _municipality(request, municipality: Organisation):
    schools = list(Organisation.objects.filter(municipality=municipality).order_by("short_name"))
    counts = organisation_counts([s.pk for s in schools])
    for school in schools:
        school.links = _school_links(request.user, school)
    rows = [(school, counts.get(school.pk, {})) for school in schools]
    totals = {key: sum(c.get(key, 0) for _, c in rows) for key in ("staff", "students", "accounts")}
    return render(
        request,
        "mentoring/dashboard_municipality.html",
        {"organisation": municipality, "rows": rows, "totals": totals},
    )
