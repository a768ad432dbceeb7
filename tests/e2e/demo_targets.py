"""The targets pages of the demo every role's browser sweeps visit (tests/e2e/demo.py)."""

from django.urls import reverse

from mentoring.models import Organisation
from reports.models import Contingent


def pages(school: Organisation) -> dict[str, list[str]]:
    """Role → paths beyond the navbar: the school's managers set the inputs."""
    paths = [
        reverse("monitoring_targets", args=[school.pk]),
        reverse("contingent_list", args=[school.pk]),
        reverse("contingent_create", args=[school.pk]),
        reverse("contingent_import", args=[school.pk]),
    ]
    contingent = Contingent.objects.filter(organisation=school).first()
    if contingent is not None:
        paths.append(reverse("contingent_delete", args=[school.pk, contingent.pk]))
    return {"curator": paths, "director": paths}
