"""What every roadmap page shares: the year asked for, links back to the roadmap."""

from django.http import HttpResponseRedirect
from django.urls import reverse

from core.redirects import safe_target
from mentoring.models import AcademicYear, Organisation
from mentoring.selectors.organisations import academic_years_with_chosen

from ..models import Stage


def years_and_selected(organisation: Organisation, value) -> tuple[list, AcademicYear | None]:
    """The school's years, latest first, and the one asked for in the query, else the
    current one, else the latest."""
    years, year = academic_years_with_chosen(organisation, value)
    return years, year or next(iter(years), None)


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
