"""Pages of a list whose rows the page has counted already."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """A paginator given the number of rows, so it does not count them again: a list that
    counts its rows by status knows its total from those counts."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


def total_of(counts: dict[str, int], status: str | None) -> int:
    """The rows of a list filtered by `status` (or not, when empty), from its counts by status
    over the same filters without the status."""
    return counts.get(status, 0) if status else sum(counts.values())
