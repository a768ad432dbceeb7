"""The targets and contingent pages in the URL × role matrix (tests/test_url_permissions.py):
the school's managers only; the coordinator reads the monitoring, she does not set its inputs."""

from datetime import date

from reports.models import Contingent
from tests.test_url_permissions import Case, expect

MANAGE = expect(default=403, director=200, curator=200, outsider=404)


def _org(o) -> dict:
    return {"org": o["school"].pk}


def _contingent(o) -> dict:
    contingent = Contingent.objects.create(
        organisation=o["school"],
        counted_on=date(2024, 9, 1),
        students_total=100,
        students_10_18=60,
        students_15_18=20,
    )
    return {"org": o["school"].pk, "pk": contingent.pk}


CASES = [
    Case("monitoring_targets", MANAGE, kwargs=_org),
    Case("contingent_list", MANAGE, kwargs=_org),
    Case("contingent_create", MANAGE, kwargs=_org),
    Case("contingent_import", MANAGE, kwargs=_org),
    Case("contingent_delete", MANAGE, kwargs=_contingent),
]
