"""The date a monitoring page reads the indicators on."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, FilterForm


class MonitoringDateForm(FilterForm):
    on = DateField(label=_("Показатели на дату"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An unbound page shows the date it reads: today.
        self.fields["on"].initial = timezone.localdate

    def day(self):
        """The chosen date; today when none or an invalid one was given."""
        return self.params().get("on") or timezone.localdate()
