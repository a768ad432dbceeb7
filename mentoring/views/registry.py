from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.downloads import xlsx_response

from ..models import Organisation
from ..permissions import Action, get_organisation_for_user
from ..selectors.registry import registry_summary, registry_workbook


def _get_municipality_for_user(user, pk: int) -> Organisation:
    organisation = get_organisation_for_user(user, pk, Action.MUNICIPALITY_VIEW)
    # A coordinator also holds the view right in each school; the registry is the municipality's.
    if organisation.is_school:
        raise Http404
    return organisation


# Schools per page of the registry's tables; the totals always cover the whole municipality.
SCHOOLS_PER_PAGE = 50


@require_GET
def registry(request, org: int):
    municipality = _get_municipality_for_user(request.user, org)
    summary = registry_summary(municipality)
    page = Paginator(summary["rows"], SCHOOLS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "mentoring/registry.html",
        {"organisation": municipality, "page": page, **summary},
    )


@require_GET
def registry_export(request, org: int):
    municipality = _get_municipality_for_user(request.user, org)
    filename = f"registry-{timezone.localdate():%Y-%m-%d}.xlsx"
    return xlsx_response(registry_workbook(municipality), filename)
