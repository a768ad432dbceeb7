"""Counts for the statistical forms (a school's and its municipality's) and the municipality's
summary of its schools' indicators."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.downloads import xlsx_response
from mentoring.permissions import get_municipality_for_user, get_organisation_for_user

from ..forms.monitoring import MonitoringDateForm, MunicipalSummaryForm
from ..permissions import Action
from ..selectors.municipal import municipal_summary, municipality_schools, summary_workbook
from ..selectors.statistics import statistics_for, statistics_sum, statistics_workbook

# Schools per page of the municipality's tables; totals always cover every school.
SCHOOLS_PER_PAGE = 50


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _suffix(query: str) -> str:
    """The query of a page for its download link, so the file holds what the page shows."""
    return f"?{query}" if query else ""


def _school_statistics(request, org: int):
    school = get_organisation_for_user(request.user, org, Action.MONITORING_VIEW)
    form = MonitoringDateForm(request.GET or None)
    return school, form, statistics_for([school], form.day())[school.pk]


@require_GET
def statistics(request, org: int):
    school, form, counts = _school_statistics(request, org)
    return render(
        request,
        "reports/municipal/statistics.html",
        {
            "organisation": school,
            "form": form,
            "statistics": counts,
            "query_suffix": _suffix(request.GET.urlencode()),
        },
    )


@require_GET
def statistics_xlsx(request, org: int):
    school, form, counts = _school_statistics(request, org)
    day = form.day()
    content = statistics_workbook([(school.short_name, counts)], day)
    return xlsx_response(content, f"statistics-{day:%Y-%m-%d}.xlsx")


def _municipal_statistics(request, org: int):
    municipality = get_municipality_for_user(request.user, org)
    form = MonitoringDateForm(request.GET or None)
    schools = list(municipality_schools(municipality))
    by_school = statistics_for(schools, form.day())
    rows = [(school, by_school[school.pk]) for school in schools]
    return municipality, form, rows, statistics_sum(by_school.values())


@require_GET
def municipal_statistics(request, org: int):
    municipality, form, rows, total = _municipal_statistics(request, org)
    page = Paginator(rows, SCHOOLS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/municipal/municipal_statistics.html",
        {
            "organisation": municipality,
            "form": form,
            "statistics": total,
            "page": page,
            "query": _query_without_page(request),
            "query_suffix": _suffix(_query_without_page(request)),
        },
    )


@require_GET
def municipal_statistics_xlsx(request, org: int):
    municipality, form, rows, total = _municipal_statistics(request, org)
    day = form.day()
    named = [(municipality.short_name, total)]
    named += [(school.short_name, counts) for school, counts in rows]
    return xlsx_response(statistics_workbook(named, day), f"statistics-{day:%Y-%m-%d}.xlsx")


def _summary(request, org: int):
    municipality = get_municipality_for_user(request.user, org)
    form = MunicipalSummaryForm(request.GET or None)
    params = form.params()
    summary = municipal_summary(
        municipality, form.day(), query=params.get("q", ""), sort=params.get("sort", "")
    )
    return municipality, form, summary


@require_GET
def summary(request, org: int):
    municipality, form, summary = _summary(request, org)
    page = Paginator(summary.rows, SCHOOLS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/municipal/summary.html",
        {
            "organisation": municipality,
            "form": form,
            "summary": summary,
            "page": page,
            "query": _query_without_page(request),
            "query_suffix": _suffix(_query_without_page(request)),
        },
    )


@require_GET
def summary_xlsx(request, org: int):
    _municipality, form, summary = _summary(request, org)
    day = form.day()
    return xlsx_response(summary_workbook(summary.rows, day), f"summary-{day:%Y-%m-%d}.xlsx")
