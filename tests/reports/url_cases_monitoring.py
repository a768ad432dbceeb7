"""The monitoring pages in the URL × role matrix (tests/test_url_permissions.py): the school's
managers and the municipality's coordinator read them."""

from tests.test_url_permissions import Case, expect

MONITORING_VIEW = expect(default=403, director=200, curator=200, coordinator=200, outsider=404)

CASES = [
    Case("monitoring", MONITORING_VIEW, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "monitoring_records",
        MONITORING_VIEW,
        kwargs=lambda o: {"org": o["school"].pk, "indicator": "mentees_10_18"},
    ),
]
