import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..catalogues import TEACHER_CATEGORIES, TEACHER_GROUNDS
from ..models import MentoringForm, Organisation

MENTEE, MENTOR = "mentee", "mentor"
TAG_LIST_ID = "tag-catalogue"
_TAG_SEPARATORS = re.compile(r"[,;\n]+")


class BankApplyForm(forms.Form):
    bank = forms.ChoiceField(
        label=gettext_lazy("Я подаю заявку"),
        choices=[
            (MENTOR, gettext_lazy("Хочу быть наставником")),
            (MENTEE, gettext_lazy("Хочу быть наставляемым")),
        ],
        widget=forms.RadioSelect,
    )
    categories = forms.MultipleChoiceField(
        label=gettext_lazy("Что про вас верно"),
        required=False,
        choices=[(c.value, c.label) for c in TEACHER_CATEGORIES],
        widget=forms.CheckboxSelectMultiple,
    )
    requests = forms.CharField(
        label=gettext_lazy("С чем нужна помощь"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy(
            "Через запятую, например: «Дисциплина на уроке, Работа с родителями»."
        ),
    )
    requests_text = forms.CharField(
        label=gettext_lazy("Опишите затруднения своими словами"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    grounds = forms.MultipleChoiceField(
        label=gettext_lazy("Основания"),
        required=False,
        # Staff apply here: the teachers' grounds (seed 002 §5.1, seed 003).
        choices=[(g.value, g.label) for g in TEACHER_GROUNDS],
        widget=forms.CheckboxSelectMultiple,
    )
    competences = forms.CharField(
        label=gettext_lazy("Чем готовы поделиться с коллегами"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy(
            "Через запятую, например: «Подготовка к ОГЭ, Проектная деятельность»."
        ),
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Скольких наставляемых готовы вести одновременно"),
        required=False,
        min_value=1,
        max_value=10,
        initial=1,
    )
    preferred_forms = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Желаемые формы наставничества"),
        required=False,
        queryset=MentoringForm.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(
        label=gettext_lazy("Комментарий для куратора"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, organisation: Organisation, applied: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.applied = applied
        self.fields["preferred_forms"].queryset = MentoringForm.objects.filter(
            Q(organisation=None) | Q(organisation=organisation)
        )
        for name in ("requests", "competences"):
            self.fields[name].widget.attrs.update(list=TAG_LIST_ID, autocomplete="off")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "bank",
            Fieldset(
                _("Заявка наставляемого"),
                "categories",
                "requests",
                "requests_text",
                css_class="apply-mentee-fields",
            ),
            Fieldset(
                _("Заявка наставника"),
                "grounds",
                "competences",
                "capacity",
                css_class="apply-mentor-fields",
            ),
            "preferred_forms",
            "comment",
        )

    def clean(self):
        cleaned = super().clean()
        bank = cleaned.get("bank")
        if bank in self.applied:
            self.add_error(
                "bank",
                _("Вы уже подали заявку в банк наставляемых на этот учебный год.")
                if bank == MENTEE
                else _("Вы уже подали заявку в банк наставников на этот учебный год."),
            )
        elif bank == MENTEE and not (
            cleaned.get("categories") or self.tag_names("requests") or cleaned.get("requests_text")
        ):
            self.add_error(
                "requests",
                _("Отметьте, что про вас верно, или напишите, с чем нужна помощь."),
            )
        elif bank == MENTOR and not self.tag_names("competences"):
            self.add_error("competences", _("Напишите, чем вы готовы поделиться с коллегами."))
        if bank == MENTOR and cleaned.get("capacity") is None and "capacity" not in self.errors:
            cleaned["capacity"] = 1
        return cleaned

    def tag_names(self, field: str) -> list[str]:
        return [
            name.strip()
            for name in _TAG_SEPARATORS.split(self.cleaned_data.get(field) or "")
            if name.strip()
        ]
