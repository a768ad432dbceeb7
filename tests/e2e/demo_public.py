"""The public pages of the demo every role's browser sweeps visit (tests/e2e/demo.py)."""

from mentoring.models import Organisation


def pages(school: Organisation) -> dict[str, list[str]]:
    """Role → paths beyond the navbar."""
    return {}
