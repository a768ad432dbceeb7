"""Whose personal data the school may show outside its staff: on the public page and to the
municipality. One rule, here, for every page that publishes people."""

from collections.abc import Iterable
from datetime import date

from ..models import Consent, Person
from ..models.consents import restricted


def may_publish(people: Iterable[Person], category: str, on: date) -> set[int]:
    """The ids of the people whose dissemination consent is valid on `on` (given by then, not
    expired, not withdrawn) and lists `category` (a `Consent.Category`). A person who withdrew
    the processing consent is never published, whatever else they signed. One query."""
    ids = {person.pk for person in people}
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
