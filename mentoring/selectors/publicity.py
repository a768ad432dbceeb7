"""Whom the school may show in public: a person's name, photo or results appear on the public
page only while their consent to dissemination is valid and lists that category."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from ..models import Consent, Person


def may_publish(people: Iterable[Person | int], category: str, on: date) -> set[int]:
    """The ids of `people` (records or ids) whose dissemination consent, valid on the day (as
    `Consent.is_valid_on`), lists `category`. One query, whatever the number of people."""
    ids = {p if isinstance(p, int) else p.pk for p in people}
    if not ids:
        return set()
    consents = (
        Consent.objects.filter(person_id__in=ids, kind=Consent.Kind.DISSEMINATION, given_on__lte=on)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gt=on))
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
        # The categories are a JSON list of slugs; compared as text, which works on SQLite and
        # PostgreSQL alike.
        .annotate(categories_text=Cast("published_categories", TextField()))
        .filter(categories_text__contains=f'"{category}"')
    )
    return set(consents.values_list("person_id", flat=True))
