"""What forms of every app share: the browser's date picker, the «all» choice of a filter,
Bootstrap's classes on inputs and the filters of a list page."""

from django import forms
from django.db.models import Model
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


class FilterForm(forms.Form):
    """The filters of a list page. `params()` gives the filters as plain values (a chosen
    record as its pk); invalid input filters nothing. `wide_fields` get a wider column."""

    wide_fields: tuple[str, ...] = ("q",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_styled(self)

    def params(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            name: value.pk if isinstance(value, Model) else value
            for name, value in self.cleaned_data.items()
        }
