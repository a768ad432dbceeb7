"""A school's monitoring page: its indicators against the year's targets on a date."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from mentoring.permissions import can, get_organisation_for_user

from ..forms.monitoring import MonitoringDateForm
from ..permissions import Action
from ..selectors.indicators import school_indicators


@require_GET
def monitoring(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.MONITORING_VIEW)
    form = MonitoringDateForm(request.GET or None)
    indicators = school_indicators(organisation, form.day())
    return render(
        request,
        "reports/monitoring/monitoring.html",
        {
            "organisation": organisation,
            "form": form,
            "indicators": indicators,
            "can_manage": can(request.user, Action.MONITORING_MANAGE, organisation),
        },
    )
