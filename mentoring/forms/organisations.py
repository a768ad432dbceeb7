"""Forms of an organisation's requisites and academic years."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import AcademicYear, Organisation
from ..services.organisations import MUNICIPALITY_FIELDS, ORGANISATION_FIELDS


class _RequisitesForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Сохранить")))


class OrganisationForm(_RequisitesForm):
    class Meta:
        model = Organisation
        fields = list(ORGANISATION_FIELDS)
        help_texts = {
            "inn": gettext_lazy(
                "10 цифр; печатается в согласиях на обработку персональных данных."
            ),
            "ogrn": gettext_lazy(
                "13 цифр; печатается в согласиях на обработку персональных данных."
            ),
        }


class MunicipalityForm(_RequisitesForm):
    class Meta:
        model = Organisation
        fields = list(MUNICIPALITY_FIELDS)
        help_texts = {
            "authority_name": gettext_lazy(
                "Орган, которому школы передают данные для муниципального реестра наставников; "
                "его называют согласия на обработку персональных данных. Пусто — полное "
                "наименование выше."
            ),
            "authority_address": gettext_lazy("Пусто — адрес выше."),
        }


class AcademicYearForm(forms.Form):
    start_year = forms.IntegerField(
        label=gettext_lazy("Год начала"),
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("Учебный год длится с 1 сентября по 31 августа."),
    )
    make_current = forms.BooleanField(label=gettext_lazy("Сделать текущим"), required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        latest = AcademicYear.objects.filter(organisation=organisation).first()
        today = timezone.localdate()
        self.fields["start_year"].initial = (
            latest.start_date.year + 1 if latest else AcademicYear.start_year_of(today)
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("add", _("Добавить учебный год")))
