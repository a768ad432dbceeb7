"""The surveys' cases of the URL × role matrix (tests/test_url_permissions.py), gathered from
one module per part of the app. Each module defines CASES with that file's Case and expect;
`objects` there holds the shared fixtures, and a case makes the survey objects it needs."""

from tests.surveys import (
    url_cases_builder,
    url_cases_campaigns,
    url_cases_filling,
    url_cases_library,
    url_cases_results,
)

SURVEY_CASES = [
    *url_cases_builder.CASES,
    *url_cases_library.CASES,
    *url_cases_campaigns.CASES,
    *url_cases_filling.CASES,
    *url_cases_results.CASES,
]
