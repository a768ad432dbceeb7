"""The municipal pages in the URL × role matrix (tests/test_url_permissions.py): a school's
statistics counts for its managers and the coordinator; the municipality's pages for its
coordinator only."""

from tests.test_url_permissions import Case, expect

MONITORING_VIEW = expect(default=403, director=200, curator=200, coordinator=200, outsider=404)
COORDINATOR_ONLY = expect(default=404, coordinator=200)


def _school(o):
    return {"org": o["school"].pk}


def _municipality(o):
    return {"org": o["municipality"].pk}


CASES = [
    Case("statistics", MONITORING_VIEW, kwargs=_school),
    Case("statistics_xlsx", MONITORING_VIEW, kwargs=_school),
    Case("municipal_statistics", COORDINATOR_ONLY, kwargs=_municipality),
    Case("municipal_statistics_xlsx", COORDINATOR_ONLY, kwargs=_municipality),
    Case("municipal_summary", COORDINATOR_ONLY, kwargs=_municipality),
    Case("municipal_summary_xlsx", COORDINATOR_ONLY, kwargs=_municipality),
]
