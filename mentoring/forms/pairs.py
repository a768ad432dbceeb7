from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.db.models import BLANK_CHOICE_DASH, Q
from django.forms.models import ModelChoiceIteratorValue
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.forms import ALL, DateField, FilterForm
from core.names import in_sentence

from ..models import (
    AcademicYear,
    MentoringForm,
    MentoringPair,
    MentoringType,
    Organisation,
    RoleModel,
)
from ..selectors.pairs import mentees_for_pairing, mentors_for_pairing
from ..services.pairs import (
    MAX_MONTHS,
    MIN_MONTHS,
    SUMMER_MONTHS,
    programme_end,
    programme_months,
)

# A personalised programme runs from 3 months to 1 year (seed 002 §1.3), usually the school year.
DEFAULT_MONTHS = 9


def month_choices() -> list[tuple[int, str]]:
    """«3 месяца» … «12 месяцев», in the language of the request that renders them."""
    return [
        (months, ngettext("%(count)d месяц", "%(count)d месяцев", months) % {"count": months})
        for months in range(MIN_MONTHS, MAX_MONTHS + 1)
    ]


def _forms_of(organisation: Organisation):
    return MentoringForm.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation))


def _person_label(person) -> str:
    if person.class_name:
        return _("%(name)s, %(class)s класс") % {
            "name": person.full_name,
            "class": person.class_name,
        }
    return f"{person.full_name}, {in_sentence(person.position or person.get_kind_display())}"


def _types_of(organisation: Organisation):
    return MentoringType.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation))


class PairFilterForm(FilterForm):
    q = forms.CharField(
        label=gettext_lazy("Участник"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Фамилия или имя")}),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Статус"),
        required=False,
        choices=[("", ALL), *MentoringPair.Status.choices],
    )
    form = forms.ModelChoiceField(
        label=gettext_lazy("Форма"),
        queryset=MentoringForm.objects.none(),
        required=False,
        empty_label=ALL,
    )
    mentoring_type = forms.ModelChoiceField(
        label=gettext_lazy("Вид"),
        queryset=MentoringType.objects.none(),
        required=False,
        empty_label=ALL,
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = _forms_of(organisation)
        self.fields["mentoring_type"].queryset = _types_of(organisation)


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, entry) -> str:
        return _("%(person)s — свободных мест: %(free)s") % {
            "person": _person_label(entry.person),
            "free": entry.free_places,
        }


class MenteeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, entry) -> str:
        return _person_label(entry.person)


def _grouped_by_form(role_models) -> list:
    """Role models under their form's name, so that without scripts the same name in two forms
    («педагог – педагог», «учитель – учитель») is still told apart."""
    groups: dict[str, list] = {}
    for role_model in role_models:
        value = ModelChoiceIteratorValue(role_model.pk, role_model)
        groups.setdefault(role_model.form.name, []).append((value, role_model.name))
    return [("", BLANK_CHOICE_DASH[0][1]), *groups.items()]


class RoleModelSelect(forms.Select):
    """Options carry their form, so the page can offer only the role models of the chosen form."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["data-form"] = value.instance.form_id
        return option


class PairForm(forms.Form):
    mentor = MentorChoiceField(label=gettext_lazy("Наставник"), queryset=None)
    co_mentor = MentorChoiceField(label=gettext_lazy("Со-наставник"), queryset=None, required=False)
    mentees = MenteeChoiceField(
        label=gettext_lazy("Наставляемые"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Один — пара, двое и больше — группа."),
    )
    form = forms.ModelChoiceField(label=gettext_lazy("Форма наставничества"), queryset=None)
    role_model = forms.ModelChoiceField(
        label=gettext_lazy("Ролевая модель"), queryset=None, required=False, widget=RoleModelSelect
    )
    mentoring_type = forms.ModelChoiceField(label=gettext_lazy("Вид наставничества"), queryset=None)
    start_date = DateField(label=gettext_lazy("Начало"))
    months = forms.TypedChoiceField(
        label=gettext_lazy("Срок программы"),
        choices=month_choices,
        coerce=int,
        initial=DEFAULT_MONTHS,
        help_text=gettext_lazy("От 3 месяцев до 1 года; окончание считается от начала."),
    )
    end_in_summer = forms.BooleanField(
        label=gettext_lazy("Завершить летом"),
        required=False,
        help_text=gettext_lazy(
            "Окончание в летние каникулы (июнь – август) — только если отмечено."
        ),
    )

    def __init__(self, *args, year: AcademicYear, pair: MentoringPair | None = None, **kwargs):
        if pair is not None:
            kwargs["initial"] = {
                "mentor": pair.mentor_id,
                "co_mentor": pair.co_mentor_id,
                "mentees": [entry.pk for entry in pair.mentees.all()],
                "form": pair.form_id,
                "role_model": pair.role_model_id,
                "mentoring_type": pair.mentoring_type_id,
                "start_date": pair.start_date,
                "months": programme_months(pair.start_date, pair.end_date),
                "end_in_summer": pair.end_date.month in SUMMER_MONTHS,
            }
        super().__init__(*args, **kwargs)
        organisation = year.organisation
        mentors = mentors_for_pairing(year, editing=pair)
        self.fields["mentor"].queryset = mentors.filter(free_places__gt=0)
        self.fields["co_mentor"].queryset = mentors
        self.fields["mentees"].queryset = mentees_for_pairing(year, editing=pair)
        forms_here = _forms_of(organisation)
        self.fields["form"].queryset = forms_here
        role_models = RoleModel.objects.filter(
            Q(organisation__isnull=True) | Q(organisation=organisation), form__in=forms_here
        ).select_related("form")
        self.fields["role_model"].queryset = role_models
        self.fields["role_model"].choices = _grouped_by_form(role_models)
        self.fields["mentoring_type"].queryset = _types_of(organisation)
        if pair is None:
            self.fields["start_date"].initial = timezone.localdate()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Участники"),
                Row(
                    Column("mentor", css_class="col-md-6"),
                    Column("co_mentor", css_class="col-md-6"),
                ),
                "mentees",
            ),
            Fieldset(
                _("Наставничество"),
                Row(
                    Column("form", css_class="col-md-4"),
                    Column("role_model", css_class="col-md-4"),
                    Column("mentoring_type", css_class="col-md-4"),
                ),
                Row(
                    Column("start_date", css_class="col-md-4"),
                    Column("months", css_class="col-md-4"),
                    Column("end_in_summer", css_class="col-md-4 pt-md-4"),
                ),
            ),
        )

    def clean(self):
        data = super().clean()
        start, months = data.get("start_date"), data.get("months")
        if start and months:
            data["end_date"] = end = programme_end(start, months)
            if end.month in SUMMER_MONTHS and not data.get("end_in_summer"):
                self.add_error(
                    "months",
                    _(
                        "Программа закончится %(end)s — в летние каникулы. Выберите другой "
                        "срок или отметьте «Завершить летом»."
                    )
                    % {"end": end.strftime("%d.%m.%Y")},
                )
        role_model, form = data.get("role_model"), data.get("form")
        if role_model and form and role_model.form_id != form.pk:
            self.add_error("role_model", _("Ролевая модель не относится к выбранной форме."))
        return data

    def participants(self) -> list:
        data = self.cleaned_data
        mentors = [m for m in (data["mentor"], data.get("co_mentor")) if m is not None]
        return [*mentors, *data["mentees"]]


class PairDissolveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Причина расформирования"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Укажите причину.")},
    )
