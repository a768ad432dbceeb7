"""What forms of every app share: the date field (ДД.ММ.ГГГГ), the time field (ЧЧ:ММ), the «all» choice of a filter,
Bootstrap's classes on inputs and the filters of a list page."""

import re

from django import forms
from django.db.models import Model
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy

ALL = gettext_lazy("Все")


# A date is typed and shown as ДД.ММ.ГГГГ whatever the browser's language (the browser's own
# date input follows its locale: an English one shows MM/DD/YYYY). ISO 8601 is accepted too, for
# links and tools that send it; one or two digits of day and month («5.12.2026») both parse.
# A phone's numeric keypad may have no dot: eight digits in a row («05122026») are ДДММГГГГ.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
DATE_PATTERN = r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|\d{8}"
_DIGITS_ONLY = re.compile(r"\d{8}")


class DateInput(forms.DateInput):
    """A text box for ДД.ММ.ГГГГ; static/js/app.js adds the calendar button's behaviour."""

    input_type = "text"
    template_name = "core/widgets/date_input.html"

    def __init__(self, attrs: dict | None = None):
        super().__init__(
            attrs={
                "placeholder": gettext_lazy("ДД.ММ.ГГГГ"),
                "inputmode": "numeric",
                "pattern": DATE_PATTERN,
                "maxlength": 10,
                "autocomplete": "off",
                "title": gettext_lazy("Дата в формате ДД.ММ.ГГГГ, например 05.12.2026"),
                "data-date-input": "",
                **(attrs or {}),
            },
            format=DATE_INPUT_FORMATS[0],
        )


class DateField(forms.DateField):
    """The date field of every form: ДД.ММ.ГГГГ in, ДД.ММ.ГГГГ out."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": gettext_lazy("Введите дату в формате ДД.ММ.ГГГГ.")}

    def to_python(self, value):
        if isinstance(value, str) and _DIGITS_ONLY.fullmatch(value.strip()):
            value = value.strip()
            value = f"{value[:2]}.{value[2:4]}.{value[4:]}"
        return super().to_python(value)


class TimeField(forms.TimeField):
    """The time field of every form: ЧЧ:ММ in and out, in a text box (the browser's time input
    follows its locale, as its date input does); «9.00» and «0900» from a phone keypad too."""

    input_formats = ["%H:%M", "%H.%M", "%H%M"]
    default_error_messages = {
        "invalid": gettext_lazy("Введите время в формате ЧЧ:ММ, например 09:00.")
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TimeInput(
                format="%H:%M",
                attrs={
                    "placeholder": gettext_lazy("ЧЧ:ММ"),
                    "inputmode": "numeric",
                    "maxlength": 5,
                },
            ),
        )
        super().__init__(**kwargs)


_SELECT = "django/forms/widgets/select.html"


class FetchedChoices(ModelChoiceIterator):
    """A model field's choices read in one fetch: Django's own iterator opens a server-side
    cursor on PostgreSQL, three more round trips for the few dozen rows of a select."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


def bootstrap_styled(form: forms.Form) -> None:
    """Bootstrap's class on each input, select and text area; checkbox lists keep their own.
    Selects render their options in one template, a model's choices read in one fetch."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)
        if widget.template_name == _SELECT:
            widget.template_name = "core/widgets/select.html"
        if isinstance(field, forms.ModelChoiceField):
            field.iterator = FetchedChoices
            widget.choices = field.choices


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
