"""Whose personal data the school may show outside its staff: on the public page and to the
municipality. One rule, here, for every page that publishes people."""

from collections.abc import Iterable
from datetime import date

from ..models import Consent, Person
from ..models.consents import restricted


def may_publish(people: Iterable[Person | int], category: str, on: date) -> set[int]:
    """The ids of `people` (records or ids) whose dissemination consent is valid on `on` (given by then, not
    expired, not withdrawn) and lists `category` (a `Consent.Category`). A person who withdrew
    the processing consent is never published, whatever else they signed. One query."""
    ids = {p if isinstance(p, int) else p.pk for p in people}
    if not ids:
        return set()
    consents = (
        Consent.objects.filter(person_id__in=ids, kind=Consent.Kind.DISSEMINATION)
        .exclude(restricted("person_id"))
        .only("person_id", "given_on", "expires_on", "withdrawn_on", "published_categories")
    )
    return {
        consent.person_id
        for consent in consents
        if consent.is_valid_on(on) and category in consent.published_categories
    }
