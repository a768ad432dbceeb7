"""The date a monitoring page reads the indicators on."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, FilterForm

from ..models import Indicator


class MonitoringDateForm(FilterForm):
    on = DateField(label=_("Показатели на дату"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An unbound page shows the date it reads: today.
        self.fields["on"].initial = timezone.localdate

    def day(self):
        """The chosen date; today when none or an invalid one was given."""
        return self.params().get("on") or timezone.localdate()


def _sort_choices() -> list[tuple[str, str]]:
    # Called per form, so the titles come in the language of the request.
    by_indicator = [
        (code, gettext("по показателю «%(title)s»") % {"title": label})
        for code, label in Indicator.choices
    ]
    return [("", gettext("по названию школы")), *by_indicator]


class MunicipalSummaryForm(MonitoringDateForm):
    q = forms.CharField(label=_("Поиск по названию школы"), required=False, max_length=200)
    sort = forms.ChoiceField(
        label=_("Сортировать"),
        required=False,
        choices=_sort_choices,
    )
