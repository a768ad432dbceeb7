"""Filters of a campaign's results."""

from django import forms
from django.utils.translation import gettext_lazy

from core.forms import ALL, FilterForm

from ..selectors.results import ResultFilters


class ResultsFilterForm(FilterForm):
    """Form of mentoring, role and category, offered as the responses carry them; the
    coordinator's page adds the school."""

    wide_fields = ("form_code", "category")

    form_code = forms.ChoiceField(label=gettext_lazy("Форма наставничества"), required=False)
    role = forms.ChoiceField(label=gettext_lazy("Роль"), required=False)
    category = forms.ChoiceField(label=gettext_lazy("Категория"), required=False)

    def __init__(self, *args, choices: dict[str, list[tuple[str, str]]], schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, options in choices.items():
            self.fields[name].choices = [("", ALL), *options]
        if schools is not None:
            self.fields["school"] = forms.TypedChoiceField(
                label=gettext_lazy("Школа"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", ALL), *((school.pk, school.short_name) for school in schools)],
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    def filters(self) -> ResultFilters:
        return ResultFilters(**{name: value for name, value in self.params().items() if value})
