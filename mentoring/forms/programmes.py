from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import DateField

from ..models import Programme, ProgrammeItem
from ..services.programmes import ITEM_FIELDS, PROGRAMME_FIELDS

LONG_FIELDS = ("tasks", "expected_results")


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = PROGRAMME_FIELDS
        # Tasks and results come from the role model as numbered lists of five to seven lines.
        widgets = {
            name: forms.Textarea(attrs={"rows": 6 if name in LONG_FIELDS else 3})
            for name in PROGRAMME_FIELDS
        }
        help_texts = {
            "difficulties": _(
                "Сначала — запросы из банка наставляемых; уточните их на встрече-планировании."
            ),
            "strengths": _("На что опирается наставляемый: опыт, умения, интересы."),
            "tasks": _("Сначала — задачи ролевой модели."),
        }


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ITEM_FIELDS
        labels = {"month_only": _("только месяц")}
        field_classes = {"planned_on": DateField}
        widgets = {
            "month_only": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "done": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "activity": forms.Textarea(attrs={"rows": 2}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
        }


ProgrammeItemFormSet = inlineformset_factory(
    Programme,
    ProgrammeItem,
    form=ProgrammeItemForm,
    extra=1,
    can_delete=True,
    can_order=True,
)


def formset_rows(formset) -> list[dict]:
    """The plan's rows in their new order, the deleted ones included, for programme_update."""
    rows = [
        {**form.cleaned_data, "id": form.instance.pk, "delete": False}
        for form in formset.ordered_forms
    ]
    rows += [
        {**form.cleaned_data, "id": form.instance.pk, "delete": True}
        for form in formset.deleted_forms
    ]
    return rows
