"""The reports pages of the demo every role's browser sweeps visit (tests/e2e/demo.py): the
monitoring reports, with the demo's issued December report."""

from django.urls import reverse

from mentoring.models import Organisation
from reports.models import MonitoringReport


def pages(school: Organisation) -> dict[str, list[str]]:
    """Role → paths beyond the navbar."""
    report = MonitoringReport.objects.filter(organisation=school).first()
    school_pages = [
        reverse("monitoring_report_list", args=[school.pk]),
        *([reverse("monitoring_report_detail", args=[report.pk])] if report else []),
    ]
    managers = [*school_pages, reverse("monitoring_report_create", args=[school.pk])]
    coordinator = list(school_pages)
    if school.municipality_id:
        coordinator += [
            reverse("municipal_report_list", args=[school.municipality_id]),
            reverse("municipal_report_create", args=[school.municipality_id]),
        ]
    return {"curator": managers, "director": managers, "coordinator": coordinator}
