"""The municipal pages of the demo every role's browser sweeps visit (tests/e2e/demo.py)."""

from django.urls import reverse

from mentoring.models import Organisation


def pages(school: Organisation) -> dict[str, list[str]]:
    """Role → paths beyond the navbar."""
    statistics = reverse("statistics", args=[school.pk])
    municipality = school.municipality_id
    return {
        "curator": [statistics],
        "director": [statistics],
        "coordinator": [
            statistics,
            reverse("municipal_statistics", args=[municipality]),
            reverse("municipal_summary", args=[municipality]),
        ],
    }
