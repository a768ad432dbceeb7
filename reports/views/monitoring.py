"""A school's monitoring page: its indicators against the year's targets on a date, their trend
across years, the before/after change and what needs attention now; and the records behind each
figure."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mentoring.permissions import Action as MentoringAction
from mentoring.permissions import can, get_organisation_for_user
from roadmap.permissions import Action as RoadmapAction
from surveys.models import Response
from surveys.permissions import Action as SurveysAction

from ..forms.monitoring import MonitoringDateForm
from ..models import Indicator
from ..permissions import Action
from ..selectors.attention import attention
from ..selectors.indicators import SHORT_TITLES, before_after, school_indicators, trend
from ..selectors.records import indicator_records


def _links(user, organisation) -> dict[str, bool]:
    """Which of the pages the monitoring links to the user may open."""
    return {
        "can_manage": can(user, Action.MONITORING_MANAGE, organisation),
        "can_people": can(user, MentoringAction.PEOPLE_VIEW, organisation),
        "can_pairs": can(user, MentoringAction.PAIRS_VIEW, organisation),
        "can_roadmap": can(user, RoadmapAction.ROADMAP_VIEW, organisation),
        "can_campaigns": can(user, SurveysAction.RESULTS_VIEW, organisation),
    }


def _trend_rows(points) -> list[tuple[str, str, list]]:
    """Indicator by indicator: its code, title and figure at each point of the trend."""
    return [
        (indicator, label, [point.indicators.figures[indicator] for point in points])
        for indicator, label in Indicator.choices
    ]


def _trend_chart(points) -> dict:
    """The trend as Chart.js lines: one per indicator, a point per academic year."""
    return {
        "labels": [point.year.title for point in points],
        "datasets": [
            {
                "label": str(SHORT_TITLES[indicator]),
                "data": [point.indicators.figures[indicator].value for point in points],
            }
            for indicator in Indicator.values
        ],
    }


@require_GET
def monitoring(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.MONITORING_VIEW)
    form = MonitoringDateForm(request.GET or None)
    on = form.day()
    indicators = school_indicators(organisation, on)
    points = trend(organisation, on, current=indicators)
    return render(
        request,
        "reports/monitoring/monitoring.html",
        {
            "organisation": organisation,
            "form": form,
            "on": on,
            "indicators": indicators,
            "trend": points,
            "trend_rows": _trend_rows(points),
            "trend_chart": _trend_chart(points),
            "levels": [
                (label, indicators.levels.get(level, 0)) for level, label in Response.Level.choices
            ],
            "comparison": before_after(organisation, indicators.year, on),
            "attention": attention(organisation),
            **_links(request.user, organisation),
        },
    )


@require_GET
def monitoring_records(request, org: int, indicator: str):
    organisation = get_organisation_for_user(request.user, org, Action.MONITORING_VIEW)
    if indicator not in Indicator.values:
        raise Http404
    form = MonitoringDateForm(request.GET or None)
    records = indicator_records(organisation, indicator, form.day())
    links = _links(request.user, organisation)
    # Names of minors and teachers only to those who may see the school's people; the others
    # (the coordinator) get the counts.
    shown = links["can_people"] or not records.personal
    page = Paginator(records.rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    if not shown:
        page = None
    return render(
        request,
        "reports/monitoring/records.html",
        {
            "organisation": organisation,
            "form": form,
            "records": records,
            "figure": records.figure,
            "shown": shown,
            "page": page,
            "rows": records.describe(page.object_list) if page else [],
            "query": f"on={records.on:%d.%m.%Y}",
            **links,
        },
    )
