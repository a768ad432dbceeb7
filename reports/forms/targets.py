"""The forms of the targets and contingent pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, bootstrap_styled
from core.spreadsheets import XLSX_CONTENT_TYPE
from mentoring.models import AcademicYear, Organisation

from ..models import Indicator


class YearChoiceForm(forms.Form):
    """The academic year whose targets are shown; the current one by default."""

    year = forms.ModelChoiceField(
        label=_("Учебный год"), queryset=AcademicYear.objects.none(), empty_label=None
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        years = AcademicYear.objects.filter(organisation=organisation).order_by("-start_date")
        self.fields["year"].queryset = years
        bootstrap_styled(self)

    def chosen(self) -> AcademicYear | None:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["year"]
        years = self.fields["year"].queryset
        return next((y for y in years if y.is_current), None) or years.first()


class TargetsForm(forms.Form):
    """A target per indicator, 0–100 % with one decimal; blank is «no target»."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in Indicator:
            self.fields[indicator.value] = forms.DecimalField(
                label=indicator.label,
                required=False,
                min_value=0,
                max_value=100,
                max_digits=4,
                decimal_places=1,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control"}),
                error_messages={
                    "invalid": _("Введите число от 0 до 100, например 12,5."),
                    "min_value": _("Не меньше 0."),
                    "max_value": _("Не больше 100."),
                    "max_decimal_places": _("Не больше одного знака после запятой."),
                    "max_digits": _("Не больше 100, один знак после запятой."),
                    "max_whole_digits": _("Не больше 100."),
                },
            )


class ContingentForm(forms.Form):
    counted_on = DateField(label=_("Дата подсчёта"))
    students_total = forms.IntegerField(label=_("Всего обучающихся"), min_value=0)
    students_10_18 = forms.IntegerField(label=_("Из них 10–18 лет"), min_value=0)
    students_15_18 = forms.IntegerField(label=_("Из них 15–18 лет"), min_value=0)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"counted_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        for name in ("students_total", "students_10_18", "students_15_18"):
            self.fields[name].error_messages["min_value"] = _("Не меньше 0.")
            self.fields[name].error_messages["invalid"] = _("Введите целое число.")
        bootstrap_styled(self)


class ClassListForm(forms.Form):
    counted_on = DateField(
        label=_("Дата подсчёта"),
        help_text=_("Дата, на которую составлен список. Возраст считается на дату каждого отчёта."),
    )
    file = forms.FileField(
        label=_("Список классов (.xlsx)"),
        help_text=_("До 5 МБ и 10 000 строк. Столбцы: ФИО, дата рождения, класс."),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"counted_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        bootstrap_styled(self)
