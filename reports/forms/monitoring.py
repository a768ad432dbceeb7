"""The date a monitoring page reads the indicators on."""

from django import forms
from django.utils import timezone
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


class MunicipalSummaryForm(MonitoringDateForm):
    q = forms.CharField(label=_("Поиск по названию школы"), required=False, max_length=200)
    sort = forms.ChoiceField(
        label=_("Сортировать"),
        required=False,
        choices=[("", _("по названию школы"))]
        + [
            (code, _("по показателю «%(title)s»") % {"title": label})
            for code, label in Indicator.choices
        ],
    )
