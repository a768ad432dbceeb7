from itertools import zip_longest

from django import template

register = template.Library()


@register.filter
def labelled(values, labels) -> list[tuple[object, object]]:
    """`{% for label, value in counts|labelled:statuses %}`: each value with its column's label,
    for a cell's data-label; values beyond the labels (a row's total) come with None."""
    return [(label, value) for label, value in zip_longest(labels, values) if value is not None]
