import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import ALL, DateField, FilterForm

from ..catalogues import OTHER_GROUNDS, STUDENT_CATEGORIES, TEACHER_CATEGORIES, TEACHER_GROUNDS
from ..models import MenteeEntry, MentorEntry, MentoringForm, Organisation, Person, Subject, Tag

_TAG_SEPARATORS = re.compile(r"[,;\n]+")


def _choices(members) -> list[tuple[str, str]]:
    return [(c.value, c.label) for c in members]


CATEGORY_GROUPS = [
    (gettext_lazy("Педагоги"), _choices(TEACHER_CATEGORIES)),
    (gettext_lazy("Обучающиеся"), _choices(STUDENT_CATEGORIES)),
]
GROUND_GROUPS = [
    (gettext_lazy("Педагоги"), _choices(TEACHER_GROUNDS)),
    (gettext_lazy("Обучающиеся, студенты, родители"), _choices(OTHER_GROUNDS)),
]
# The kinds of people the second group of grounds is for; anyone else is shown the first.
OTHER_GROUND_KINDS = " ".join(
    (Person.Kind.STUDENT, Person.Kind.UNIVERSITY_STUDENT, Person.Kind.PARENT)
)


def _subjects_taught_at(organisation: Organisation):
    # Exists stops at the first teacher of each subject; a join over every person is slower.
    taught_here = Person.subjects.through.objects.filter(
        subject=OuterRef("pk"), person__organisation=organisation
    )
    return Subject.objects.filter(Exists(taught_here))


class BankFilterForm(FilterForm):
    """The filters both bank lists share; `params()` is what the selectors take."""

    q = forms.CharField(label=gettext_lazy("Поиск"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Статус"), required=False)
    tag = forms.ModelChoiceField(queryset=Tag.objects.none(), required=False, empty_label=ALL)
    subject = forms.ModelChoiceField(
        label=gettext_lazy("Предмет"),
        queryset=Subject.objects.none(),
        required=False,
        empty_label=ALL,
    )
    consent = forms.ChoiceField(
        label=gettext_lazy("Согласие"),
        required=False,
        choices=[
            ("", ALL),
            ("valid", gettext_lazy("Есть согласие на обработку")),
            ("missing", gettext_lazy("Нет согласия на обработку")),
        ],
    )

    status_choices: list = []

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", ALL), *self.status_choices]
        self.fields["tag"].queryset = Tag.objects.filter(organisation=organisation)
        self.fields["subject"].queryset = _subjects_taught_at(organisation)
        self.fields["q"].widget.attrs["placeholder"] = _("ФИО")


class MenteeFilterForm(BankFilterForm):
    category = forms.ChoiceField(
        label=gettext_lazy("Категория"), required=False, choices=[("", ALL), *CATEGORY_GROUPS]
    )
    status_choices = MenteeEntry.Status.choices
    field_order = ["q", "status", "category", "tag", "subject", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].label = _("Запрос")


class MentorFilterForm(BankFilterForm):
    ground = forms.ChoiceField(
        label=gettext_lazy("Основание"),
        required=False,
        choices=[("", ALL), *GROUND_GROUPS],
    )
    experience_min = forms.IntegerField(
        label=gettext_lazy("Стаж от, лет"), required=False, min_value=0, max_value=80
    )
    experience_max = forms.IntegerField(
        label=gettext_lazy("Стаж до, лет"), required=False, min_value=0, max_value=80
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Мест не меньше"), required=False, min_value=1, max_value=10
    )
    status_choices = MentorEntry.Status.choices
    field_order = [
        "q",
        "status",
        "ground",
        "tag",
        "subject",
        "consent",
        "experience_min",
        "experience_max",
        "capacity",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].label = _("Компетенция")


class BulkStatusForm(forms.Form):
    """Entries ticked on a list page and the status to give them."""

    ids = forms.ModelMultipleChoiceField(
        queryset=MenteeEntry.objects.none(),
        error_messages={"required": gettext_lazy("Отметьте записи в списке.")},
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Новый статус"),
        error_messages={"required": gettext_lazy("Выберите новый статус.")},
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].queryset = entries
        self.fields["status"].choices = entries.model.Status.choices


class PersonSelect(forms.Select):
    """Options carry the person's kind, so the page can show the categories that fit."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["data-kind"] = value.instance.kind
        return option


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        if person.class_name:
            return _("%(name)s, %(class)s класс") % {
                "name": person.full_name,
                "class": person.class_name,
            }
        detail = person.position or person.get_kind_display()
        return f"{person.full_name}, {detail}"


class TagNamesField(forms.CharField):
    """Catalogue entries typed as a comma-separated list."""

    def clean(self, value) -> list[str]:
        text = super().clean(value)
        names = (" ".join(n.split()) for n in _TAG_SEPARATORS.split(text))
        return list(dict.fromkeys(n[:150] for n in names if n))


def _checkboxes(label, choices, **kwargs) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


class _TagsMixin:
    """Requests of a mentee or competences of a mentor, typed against the school's catalogue."""

    tag_relation = ""

    def _init_tags(self, organisation: Organisation) -> None:
        self.tag_catalogue = Tag.objects.filter(organisation=organisation)
        field = self.fields["tag_names"]
        field.widget.attrs.update({"list": "tag-catalogue", "autocomplete": "off"})
        if self.instance.pk:
            tags = getattr(self.instance, self.tag_relation).all()
            field.initial = ", ".join(t.name for t in tags)

    def tag_names(self) -> list[str]:
        return self.cleaned_data["tag_names"]


class BankEntryForm(_TagsMixin, forms.ModelForm):
    """What the mentee and mentor forms share: the person (when adding) and preferred forms."""

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["person"]
        else:
            people = Person.objects.filter(
                organisation=organisation, archived_at__isnull=True
            ).unrestricted()
            self.fields["person"] = PersonChoiceField(
                label=_("Участник"),
                queryset=people.order_by("last_name", "first_name", "patronymic", "pk"),
                widget=PersonSelect,
            )
        self.fields["preferred_forms"].queryset = MentoringForm.objects.filter(
            Q(organisation__isnull=True) | Q(organisation=organisation)
        )
        self._init_tags(organisation)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def person_fields(self) -> list[str]:
        return ["person"] if "person" in self.fields else []


def _request_tags_field() -> TagNamesField:
    return TagNamesField(
        label=gettext_lazy("Запросы, профессиональные затруднения"),
        required=False,
        help_text=gettext_lazy(
            "Через запятую; подсказки — из каталога школы, новые добавятся в него."
        ),
    )


def _request_sources_field() -> forms.MultipleChoiceField:
    return _checkboxes(gettext_lazy("Источники запроса"), MenteeEntry.Source.choices)


class MenteeEntryForm(BankEntryForm):
    teacher_categories = _checkboxes(
        gettext_lazy("Категории наставляемых-педагогов"), _choices(TEACHER_CATEGORIES)
    )
    student_categories = _checkboxes(
        gettext_lazy("Категории наставляемых-обучающихся"), _choices(STUDENT_CATEGORIES)
    )
    tag_names = _request_tags_field()
    request_sources = _request_sources_field()
    tag_relation = "requests"

    class Meta:
        model = MenteeEntry
        fields = ["person", "status", "requests_text", "preferred_forms", "comment"]
        widgets = {
            "preferred_forms": forms.CheckboxSelectMultiple,
            "requests_text": forms.Textarea(attrs={"rows": 3}),
            "comment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            chosen = set(self.instance.categories)
            self.fields["teacher_categories"].initial = [
                c for c in TEACHER_CATEGORIES if c in chosen
            ]
            self.fields["student_categories"].initial = [
                c for c in STUDENT_CATEGORIES if c in chosen
            ]
            self.fields["request_sources"].initial = self.instance.request_sources
        self.helper.layout = Layout(
            Fieldset(
                _("Участник"),
                *self.person_fields(),
                Row(Column("status", css_class="col-md-6")),
            ),
            Fieldset(
                _("Категория"),
                # One wrapper after the legend: Bootstrap's floated legend clears only its
                # next sibling, which may be hidden.
                Div(
                    Div("teacher_categories", css_class="bank-teacher-categories"),
                    Div("student_categories", css_class="bank-student-categories"),
                    HTML(
                        format_html(
                            '<button type="button" class="btn btn-link btn-sm p-0 mb-3" '
                            "hidden data-show-all-categories>{}</button>",
                            _("Показать все категории"),
                        )
                    ),
                ),
            ),
            Fieldset(_("Запрос"), "tag_names", "requests_text", "request_sources"),
            Fieldset(_("Наставничество"), "preferred_forms", "comment"),
        )

    def entry_data(self) -> dict:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "categories": data["teacher_categories"] + data["student_categories"],
            "requests_text": data["requests_text"],
            "request_sources": data["request_sources"],
            "comment": data["comment"],
        }


class MenteeRequestsForm(_TagsMixin, forms.ModelForm):
    """What the psychologist may change in a mentee's entry: the requests and their sources."""

    tag_names = _request_tags_field()
    request_sources = _request_sources_field()
    tag_relation = "requests"

    class Meta:
        model = MenteeEntry
        fields = ["requests_text"]
        widgets = {"requests_text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["tag_names", "requests_text", "request_sources"])
        self.fields["request_sources"].initial = self.instance.request_sources
        self._init_tags(organisation)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def entry_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("requests_text", "request_sources")}


MENTOR_DETAIL_FIELDS = (
    "interview_date",
    "interview_result",
    "interview_notes",
    "interview_psychologist_present",
    "training_course",
    "training_hours",
    "training_date",
    "training_certificate",
)


class MentorEntryForm(BankEntryForm):
    teacher_grounds = _checkboxes(
        gettext_lazy("Основания: педагоги и специалисты"), _choices(TEACHER_GROUNDS)
    )
    other_grounds = _checkboxes(
        gettext_lazy("Основания: обучающиеся, студенты, родители"), _choices(OTHER_GROUNDS)
    )
    tag_names = TagNamesField(
        label=gettext_lazy("Компетенции"),
        required=False,
        help_text=gettext_lazy(
            "Через запятую; из того же каталога, что и запросы наставляемых, — так их проще "
            "сопоставить."
        ),
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Наставляемых одновременно"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=gettext_lazy("Сколько наставляемых наставник готов вести одновременно (1–10)."),
    )
    tag_relation = "competences"

    class Meta:
        model = MentorEntry
        fields = [
            "person",
            "status",
            "capacity",
            "preferred_forms",
            *MENTOR_DETAIL_FIELDS,
            "comment",
        ]
        field_classes = {"interview_date": DateField, "training_date": DateField}
        widgets = {
            "preferred_forms": forms.CheckboxSelectMultiple,
            "interview_notes": forms.Textarea(attrs={"rows": 3}),
            "comment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            chosen = set(self.instance.grounds)
            self.fields["teacher_grounds"].initial = [g for g in TEACHER_GROUNDS if g in chosen]
            self.fields["other_grounds"].initial = [g for g in OTHER_GROUNDS if g in chosen]
        self.helper.layout = Layout(
            Fieldset(
                _("Участник"),
                *self.person_fields(),
                Row(
                    Column("status", css_class="col-md-6"),
                    Column("capacity", css_class="col-md-6"),
                ),
            ),
            Fieldset(
                _("Основания и компетенции"),
                # The same show-what-fits groups as a mentee's categories.
                Div(
                    Div("teacher_grounds", css_class="bank-teacher-categories"),
                    Div(
                        "other_grounds",
                        css_class="bank-student-categories",
                        data_kinds=OTHER_GROUND_KINDS,
                    ),
                    HTML(
                        format_html(
                            '<button type="button" class="btn btn-link btn-sm p-0 mb-3" '
                            "hidden data-show-all-categories>{}</button>",
                            _("Показать все основания"),
                        )
                    ),
                ),
                "tag_names",
            ),
            Fieldset(_("Наставничество"), "preferred_forms"),
            Fieldset(
                _("Собеседование"),
                Row(
                    Column("interview_date", css_class="col-md-4"),
                    Column("interview_result", css_class="col-md-8"),
                ),
                "interview_notes",
                "interview_psychologist_present",
            ),
            Fieldset(
                _("Обучение (КПК)"),
                "training_course",
                Row(
                    Column("training_hours", css_class="col-md-4"),
                    Column("training_date", css_class="col-md-4"),
                    Column("training_certificate", css_class="col-md-4"),
                ),
            ),
            "comment",
        )

    def entry_data(self) -> dict:
        data = self.cleaned_data
        return {
            "grounds": data["teacher_grounds"] + data["other_grounds"],
            **{k: data[k] for k in ("status", "capacity", *MENTOR_DETAIL_FIELDS, "comment")},
        }


class PsychologistNoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Новая заметка"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
