"""Search as every list does it: each word of the query (five at most) must occur in the
record's text, compared in lower case with «ё» as «е», on SQLite and PostgreSQL alike."""

from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Concat, Lower, Replace

MAX_WORDS = 5


def search_words(query: str | None) -> list[str]:
    return (query or "").lower().replace("ё", "е").split()[:MAX_WORDS]


def search_text(*fields: str) -> Replace:
    """The fields joined by spaces, in the form search_words compares in."""
    parts = []
    for name in fields:
        parts += [name, Value(" ")]  # Concat takes two parts at least, so one field too
    return Replace(Lower(Concat(*parts, output_field=CharField())), Value("ё"), Value("е"))


def with_every_word(queryset: QuerySet, query: str | None, *fields: str) -> QuerySet:
    """The records whose `fields` hold every word of the query."""
    words = search_words(query)
    if not words:
        return queryset
    queryset = queryset.annotate(search_text=search_text(*fields))
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset
