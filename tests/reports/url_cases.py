"""The monitoring pages' cases of the URL × role matrix (tests/test_url_permissions.py),
gathered from one module per part. Each module defines CASES with that file's Case and expect."""

from tests.reports import (
    url_cases_monitoring,
    url_cases_municipal,
    url_cases_practices,
    url_cases_public,
    url_cases_reports,
    url_cases_targets,
)

MONITORING_CASES = [
    *url_cases_targets.CASES,
    *url_cases_monitoring.CASES,
    *url_cases_reports.CASES,
    *url_cases_municipal.CASES,
    *url_cases_practices.CASES,
    *url_cases_public.CASES,
]
