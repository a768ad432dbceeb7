from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.downloads import xlsx_response

from ..permissions import get_municipality_for_user
from ..selectors.registry import registry_summary, registry_workbook

# Schools per page of the registry's tables; the totals always cover the whole municipality.
SCHOOLS_PER_PAGE = 50


@require_GET
def registry(request, org: int):
    municipality = get_municipality_for_user(request.user, org)
    summary = registry_summary(municipality)
    page = Paginator(summary["rows"], SCHOOLS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "mentoring/registry.html",
        {"organisation": municipality, "page": page, **summary},
    )


@require_GET
def registry_export(request, org: int):
    municipality = get_municipality_for_user(request.user, org)
    filename = f"registry-{timezone.localdate():%Y-%m-%d}.xlsx"
    return xlsx_response(registry_workbook(municipality), filename)
