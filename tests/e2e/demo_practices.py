"""The practices pages of the demo every role's browser sweeps visit (tests/e2e/demo.py)."""

from django.urls import reverse

from mentoring.models import Organisation
from reports.models import PracticeCase


def pages(school: Organisation) -> dict[str, list[str]]:
    """Role → paths beyond the navbar; the case is the one of the demo's completed pair."""
    collection = reverse("practice_list", args=[school.pk])
    case = PracticeCase.objects.filter(organisation=school).first()
    detail = [reverse("practice_detail", args=[case.pk])] if case else []
    managers = [collection, reverse("practice_create", args=[school.pk]), *detail]
    return {
        "curator": managers,
        "director": managers,
        "teacher": [collection, *detail],
        "psychologist": [collection, *detail],
        "coordinator": [
            reverse("municipal_practices", args=[school.municipality_id]),
            collection,
            *detail,
        ],
    }
