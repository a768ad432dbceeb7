from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Person

RANK_FIELDS = ("first", "second", "third")


class PartnerChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Person.objects.none(),
            required=False,
            empty_label=gettext_lazy("— не выбрано —"),
            **kwargs,
        )

    def label_from_instance(self, person: Person) -> str:
        if person.class_name:
            details = _("%(name)s класс") % {"name": person.class_name}
        else:
            details = person.position
        return f"{person.full_name} — {details}" if details else person.full_name


class PreferencesForm(forms.Form):
    """Up to three preferred partners, best first; empty selects are skipped."""

    first = PartnerChoiceField(label=gettext_lazy("1-й выбор"))
    second = PartnerChoiceField(label=gettext_lazy("2-й выбор"))
    third = PartnerChoiceField(label=gettext_lazy("3-й выбор"))

    def __init__(self, *args, candidates: QuerySet[Person], chosen: list[Person], **kwargs):
        initial = dict(zip(RANK_FIELDS, (person.pk for person in chosen), strict=False))
        super().__init__(*args, initial=initial, **kwargs)
        for name in RANK_FIELDS:
            self.fields[name].queryset = candidates.order_by("last_name", "first_name", "pk")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def chosen(self) -> list[Person]:
        return [self.cleaned_data[name] for name in RANK_FIELDS if self.cleaned_data.get(name)]
