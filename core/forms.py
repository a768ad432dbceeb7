"""What forms of every app share: the browser's date picker, the «all» choice of a filter and
Bootstrap's classes on inputs."""

from django import forms
from django.utils.translation import gettext_lazy

ALL = gettext_lazy("Все")


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as ISO 8601."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def bootstrap_styled(form: forms.Form) -> None:
    """Bootstrap's class on each input, select and text area; checkbox lists keep their own."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)
