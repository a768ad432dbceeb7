"""Forms of the directory: a person, and the list's filters."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import DateField

from ..models import Duty, Organisation, Person, Subject
from ..services.people import PERSON_FIELDS

_SUBJECT_SEPARATORS = re.compile(r"[,;\n]+")
# The cases a document may need, with the question each answers, for the override fields.
_CASE_LABELS = {
    "genitive": gettext_lazy("Родительный (кого?)"),
    "dative": gettext_lazy("Дательный (кому?)"),
    "accusative": gettext_lazy("Винительный (кого?)"),
    "instrumental": gettext_lazy("Творительный (кем?)"),
    "prepositional": gettext_lazy("Предложный (о ком?)"),
}


class PersonForm(forms.ModelForm):
    duties = forms.MultipleChoiceField(
        label=gettext_lazy("Обязанности"),
        choices=Duty.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Кем дорожная карта и приказы называют ответственного; прав в системе не даёт."
        ),
    )
    subjects_text = forms.CharField(
        label=gettext_lazy("Предметы"),
        required=False,
        help_text=gettext_lazy("Через запятую, например: «Математика, Информатика»."),
    )

    class Meta:
        model = Person
        fields = [f for f in PERSON_FIELDS if f != "name_cases"]
        field_classes = {"birth_date": DateField}
        help_texts = {
            "teaching_since": gettext_lazy("Год начала педагогической деятельности."),
            "class_letter": gettext_lazy("Например: А, Б, В."),
            "gender": gettext_lazy("Если не указан, определяется по отчеству."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = [("", _("По отчеству"))] + Person.Gender.choices
        stored = self.instance.name_cases or {}
        for case, label in _CASE_LABELS.items():
            self.fields[f"name_{case}"] = forms.CharField(
                label=label,
                required=False,
                max_length=300,
                initial=stored.get(case, ""),
                help_text=(
                    _("Сейчас в документах: %(form)s") % {"form": self.instance.name_in(case)}
                    if self.instance.pk
                    else ""
                ),
            )
        if self.instance.pk:
            self.fields["subjects_text"].initial = ", ".join(
                s.name for s in self.instance.subjects.all()
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Основное"),
                "kind",
                Row(
                    Column("last_name", css_class="col-md-4"),
                    Column("first_name", css_class="col-md-4"),
                    Column("patronymic", css_class="col-md-4"),
                ),
                Row(
                    Column("birth_date", css_class="col-md-4"),
                    Column("gender", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                _("Работа"),
                "position",
                "subjects_text",
                Row(
                    Column("teaching_since", css_class="col-md-6"),
                    Column("category", css_class="col-md-6"),
                ),
                Row(
                    Column("duties", css_class="col-md-6"),
                    Column("homeroom", css_class="col-md-6"),
                ),
                css_class="person-staff-fields",
            ),
            Fieldset(
                _("Обучающийся"),
                Row(
                    Column("grade", css_class="col-md-6"),
                    Column("class_letter", css_class="col-md-6"),
                ),
                css_class="person-student-fields",
            ),
            Fieldset(
                _("Контакты"),
                Row(Column("email", css_class="col-md-6"), Column("phone", css_class="col-md-6")),
            ),
            # Collapsed: most names are declined right, a wrong one is corrected here.
            HTML(
                f'<details class="mb-3 person-name-cases" id="name-cases"{" open" if stored else ""}>'
                f'<summary class="h6">{_("Склонение ФИО")}</summary>'
                '<p class="form-text">'
                + _(
                    "Приказы, письма и согласия склоняют ФИО сами. Если форма в каком-то "
                    "падеже неверна, впишите правильное ФИО целиком: оно заменит склонение."
                )
                + "</p>"
            ),
            *[f"name_{case}" for case in _CASE_LABELS],
            HTML("</details>"),
        )

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date and birth_date > timezone.localdate():
            raise forms.ValidationError(_("Дата рождения не может быть в будущем."))
        if birth_date and birth_date.year < 1900:
            raise forms.ValidationError(_("Проверьте год рождения."))
        return birth_date

    def clean_teaching_since(self):
        year = self.cleaned_data["teaching_since"]
        if year is not None and not 1940 <= year <= timezone.localdate().year:
            raise forms.ValidationError(
                _("Укажите год от 1940 до %(year)s.") % {"year": timezone.localdate().year}
            )
        return year

    def clean_class_letter(self):
        return self.cleaned_data["class_letter"].strip().upper()

    def clean_homeroom(self):
        # «7 б», «7-Б» → «7Б»: written as the school writes a class.
        return re.sub(r"[\s\-«»\"]+", "", self.cleaned_data["homeroom"]).upper()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def _clean_kind(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Person.Kind.STUDENT and not cleaned.get("grade"):
            self.add_error("grade", _("Укажите класс обучающегося."))
        if kind != Person.Kind.STUDENT:
            cleaned["grade"], cleaned["class_letter"] = None, ""
        else:
            cleaned["duties"], cleaned["homeroom"] = [], ""
        duties = cleaned.get("duties") or []
        if cleaned.get("homeroom") and Duty.CLASS_TEACHER not in duties:
            cleaned["duties"] = [Duty.CLASS_TEACHER.value, *duties]
        return cleaned

    def clean(self):
        cleaned = self._clean_kind()
        cleaned["name_cases"] = {
            case: " ".join(cleaned.get(f"name_{case}", "").split())
            for case in _CASE_LABELS
            if cleaned.get(f"name_{case}", "").strip()
        }
        return cleaned

    def person_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in PERSON_FIELDS}

    def subject_names(self) -> list[str]:
        return _SUBJECT_SEPARATORS.split(self.cleaned_data["subjects_text"])


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Поиск"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Вид участника"),
        required=False,
        choices=[("", gettext_lazy("Все"))] + Person.Kind.choices,
    )
    subject = forms.ModelChoiceField(
        label=gettext_lazy("Предмет"),
        required=False,
        queryset=Subject.objects.all(),
        empty_label=gettext_lazy("Все"),
    )
    category = forms.ChoiceField(
        label=gettext_lazy("Категория"),
        required=False,
        choices=[("", gettext_lazy("Все"))] + Person.Category.choices,
    )
    archived = forms.BooleanField(label=gettext_lazy("Архив"), required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Exists stops at the first teacher of each subject; a join over every person is slower.
        taught_here = Person.subjects.through.objects.filter(
            subject=OuterRef("pk"), person__organisation=organisation
        )
        self.fields["subject"].queryset = Subject.objects.filter(Exists(taught_here))
        for name in ("kind", "subject", "category"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def params(self) -> dict:
        """The filters in the form `people_for_directory` takes; invalid input filters nothing."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "kind": data["kind"],
            "category": data["category"],
            "subject": data["subject"].pk if data["subject"] else None,
            "archived": "1" if data["archived"] else "",
        }
