"""A stacked table's cells carry their column's label: the `labelled` filter pairs each value
of a row with its header."""

from django.template import Context, Template


def _render(values, labels) -> str:
    template = Template(
        "{% load tables %}{% for label, value in values|labelled:labels %}"
        "[{{ label|default:'total' }}={{ value }}]{% endfor %}"
    )
    return template.render(Context({"values": values, "labels": labels}))


def test_each_value_comes_with_its_columns_label():
    assert _render([3, 12], ["Кандидат", "В банке"]) == "[Кандидат=3][В банке=12]"


def test_a_value_beyond_the_labels_comes_without_one():
    assert _render([3, 12, 15], ["Кандидат", "В банке"]) == "[Кандидат=3][В банке=12][total=15]"


def test_a_label_without_a_value_is_left_out():
    assert _render([3], ["Кандидат", "В банке"]) == "[Кандидат=3]"
