"""Reads of the directory: the filtered list of people and a record's audit history."""

from auditlog.models import LogEntry
from django.db.models import Q, QuerySet

from core.audit import HistoryRow, history
from core.search import search_text, search_words

from ..models import (
    Organisation,
    Person,
)
from ..models.consents import restricted

_NAME = ("last_name", "first_name", "patronymic")


def _with_every_word(people: QuerySet[Person], query: str | None) -> QuerySet[Person]:
    """Each word in the name, position or e-mail; a restricted person's in the name only."""
    words = search_words(query)
    if not words:
        return people
    people = people.annotate(
        name_text=search_text(*_NAME), search_text=search_text(*_NAME, "position", "email")
    )
    for word in words:
        people = people.filter(
            Q(name_text__contains=word) | (Q(search_text__contains=word) & ~restricted())
        )
    return people


def people_for_directory(organisation: Organisation, params) -> QuerySet[Person]:
    """The directory of one organisation, filtered by the list page's GET parameters. Filters
    on a person's data leave out the people whose processing consent is withdrawn."""
    people = Person.objects.filter(organisation=organisation).prefetch_related(
        "subjects", "consents"
    )
    if params.get("archived") == "1":
        people = people.filter(archived_at__isnull=False)
    else:
        people = people.filter(archived_at__isnull=True)
    if any(params.get(name) for name in ("kind", "category", "subject")):
        people = people.unrestricted()
    if kind := params.get("kind"):
        people = people.filter(kind=kind)
    if category := params.get("category"):
        people = people.filter(category=category)
    if subject := params.get("subject"):
        people = people.filter(subjects__pk=subject)
    people = _with_every_word(people, params.get("q"))
    return people.order_by("last_name", "first_name", "patronymic", "pk")


def audit_history(obj, limit: int = 20) -> list[HistoryRow]:
    """The latest audit records of one object, readable (core.audit): who, when, and each
    field's old → new value."""
    entries = LogEntry.objects.get_for_object(obj).select_related("actor", "content_type")
    return history(entries[:limit])
