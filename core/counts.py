"""Counting several lists in one round trip to the database."""

from collections.abc import Sequence

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


def count_rows(querysets: Sequence[QuerySet]) -> list[int]:
    """The number of rows of each queryset, as `.count()` would give it, in one query: each
    queryset becomes a subquery counted by the outer SELECT."""
    if not querysets:
        return []
    using = querysets[0].db
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        if queryset.db != using:
            raise ValueError("Querysets counted together must use one database.")
        try:
            sql, part_params = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # .none(), or a filter on an empty list
            parts.append("0")
            continue
        # Django's own compiled SQL, its values passed apart as parameters.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted_{number})")  # noqa: S608
        params.extend(part_params)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        return list(cursor.fetchone())
