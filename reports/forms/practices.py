from django import forms
from django.utils.translation import gettext_lazy

from core.forms import ALL, FilterForm
from mentoring.models import Organisation

from ..models import PracticeCase, PracticeMaterial


class PracticeFilterForm(FilterForm):
    q = forms.CharField(
        label=gettext_lazy("Поиск"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Название, форма или текст")}),
    )


class MunicipalPracticeFilterForm(PracticeFilterForm):
    wide_fields = ("q", "school")
    school = forms.ModelChoiceField(
        label=gettext_lazy("Школа"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=ALL,
    )

    def __init__(self, *args, municipality: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = Organisation.objects.filter(
            municipality=municipality, kind=Organisation.Kind.SCHOOL
        ).order_by("short_name")


class PracticeCaseForm(forms.ModelForm):
    class Meta:
        model = PracticeCase
        fields = ("title", "form_name", "role_model", "description", "results")
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "results": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "description": gettext_lazy(
                "С какими затруднениями пришёл наставляемый, что и как делали вместе, какие "
                "приёмы сработали."
            ),
            "results": gettext_lazy(
                "Чего достигли: изменения, продукты, участие в конкурсах. Оценка "
                "эффективности подставляется из анкеты куратора."
            ),
        }


class PracticeMaterialForm(forms.ModelForm):
    class Meta:
        model = PracticeMaterial
        fields = ("title", "file")
        labels = {"title": gettext_lazy("Название материала")}
        help_texts = {
            "file": gettext_lazy(
                "PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), JPEG или PNG, до 10 МБ."
            ),
        }
        widgets = {
            "file": forms.ClearableFileInput(
                attrs={"accept": ".pdf,.docx,.pptx,.xlsx,.jpg,.jpeg,.png"}
            )
        }
