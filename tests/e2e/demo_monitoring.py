"""The monitoring pages of the demo every role's browser sweeps visit (tests/e2e/demo.py)."""

from django.urls import reverse

from mentoring.models import Organisation
from reports.models import Indicator


def pages(school: Organisation) -> dict[str, list[str]]:
    """Role → paths beyond the navbar: the page and the records of a figure of people and of
    one of activities (which the coordinator sees as rows too)."""
    paths = [
        reverse("monitoring", args=[school.pk]),
        reverse("monitoring_records", args=[school.pk, Indicator.MENTEES_10_18]),
        reverse("monitoring_records", args=[school.pk, Indicator.ROADMAP_ON_TIME]),
    ]
    return {"curator": paths, "director": paths[:2], "coordinator": paths}
