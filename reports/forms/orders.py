from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import ALL, DateField, FilterForm
from mentoring.models import AcademicYear, Organisation, Person

from ..models import DocumentSettings, Order, OrderAppendix
from ..selectors.orders import mentors_of_year, staff_for_order


def person_label(person: Person) -> str:
    return f"{person.full_name}, {person.position}" if person.position else person.full_name


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person) -> str:
        return person_label(person)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person) -> str:
        return person_label(person)


class OrderFilterForm(FilterForm):
    wide_fields = ("q", "kind")
    q = forms.CharField(
        label=gettext_lazy("Поиск"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Номер, заголовок или текст")}),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Вид"), required=False, choices=[("", ALL), *Order.Kind.choices]
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Статус"), required=False, choices=[("", ALL), *Order.Status.choices]
    )
    year = forms.ModelChoiceField(
        label=gettext_lazy("Учебный год"),
        queryset=AcademicYear.objects.none(),
        required=False,
        empty_label=ALL,
    )
    signed_from = DateField(label=gettext_lazy("Дата с"), required=False)
    signed_to = DateField(label=gettext_lazy("Дата по"), required=False)

    def __init__(self, *args, organisation: Organisation, approved_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = organisation.academic_years.order_by("-start_date")
        if approved_only:
            del self.fields["status"]


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class CuratorOrderForm(forms.Form):
    person = PersonChoiceField(
        label=gettext_lazy("Куратор"),
        queryset=Person.objects.none(),
        empty_label=gettext_lazy("Выберите сотрудника"),
        error_messages={"required": gettext_lazy("Выберите куратора.")},
        help_text=gettext_lazy("Сотрудники школы из раздела «Участники»."),
    )

    def __init__(self, *args, organisation: Organisation, current: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = staff_for_order(organisation)
        self.fields["person"].initial = current
        self.helper = _helper()

    def draft_kwargs(self) -> dict:
        return {"people": [self.cleaned_data["person"]]}


class RewardOrderForm(forms.Form):
    people = PeopleChoiceField(
        label=gettext_lazy("Кого поощрить"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Выберите хотя бы одного участника.")},
        help_text=gettext_lazy("Наставники из банка текущего учебного года."),
    )

    def __init__(self, *args, year: AcademicYear | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = mentors_of_year(year)
        self.helper = _helper()

    def draft_kwargs(self) -> dict:
        return {"people": list(self.cleaned_data["people"])}


class FinalEventOrderForm(forms.Form):
    held_on = DateField(
        label=gettext_lazy("Дата мероприятия"),
        required=False,
        help_text=gettext_lazy("Можно оставить пустым и вписать дату в проект позже."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def draft_kwargs(self) -> dict:
        return {"held_on": self.cleaned_data["held_on"]}


class LetterOrderForm(forms.Form):
    addressee = forms.CharField(
        label=gettext_lazy("Кому"),
        max_length=500,
        required=False,
        help_text=gettext_lazy(
            "Как в письме, в дательном падеже: «Ивановой Марине Петровне» или «ООО «Партнёр»». "
            "Для сотрудника школы можно не заполнять: ФИО будет просклонено само."
        ),
    )
    person = PersonChoiceField(
        label=gettext_lazy("Сотрудник школы"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=gettext_lazy("Не выбран"),
        help_text=gettext_lazy(
            "Если письмо — сотруднику школы, выберите его: после утверждения он сможет открыть письмо."
        ),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = staff_for_order(organisation)
        self.helper = _helper()

    def clean_addressee(self) -> str:
        return " ".join(self.cleaned_data["addressee"].split())

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("addressee") and not cleaned.get("person") and "person" in cleaned:
            self.add_error("addressee", _("Укажите, кому адресовано письмо."))
        return cleaned

    def draft_kwargs(self) -> dict:
        person = self.cleaned_data["person"]
        return {"addressee": self.cleaned_data["addressee"], "people": [person] if person else []}


class NoInputForm(forms.Form):
    """The kinds drafted from the data alone."""

    def draft_kwargs(self) -> dict:
        return {}


class OrderTextForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Заголовок"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Укажите заголовок.")},
        help_text=gettext_lazy("Начинается с «О» или «Об»: «О назначении куратора»."),
    )
    preamble = forms.CharField(
        label=gettext_lazy("Преамбула"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=gettext_lazy("Основание и цель приказа; заканчивается запятой."),
    )
    addressee = forms.CharField(label=gettext_lazy("Кому"), max_length=500, required=False)

    def __init__(self, *args, order: Order, **kwargs):
        super().__init__(*args, **kwargs)
        self.text_appendices = [
            a for a in order.appendices.all() if a.kind == OrderAppendix.Kind.TEXT
        ]
        if order.is_letter:
            self.fields["addressee"].required = True
            self.fields["addressee"].error_messages["required"] = _(
                "Укажите, кому адресовано письмо."
            )
            del self.fields["preamble"]
        else:
            del self.fields["addressee"]
        for appendix in self.text_appendices:
            self.fields[f"appendix_{appendix.pk}"] = forms.CharField(
                label=_("Приложение: %(title)s") % {"title": appendix.title},
                required=False,
                initial=appendix.text,
                help_text=_(
                    "Каждая строка — абзац. Строка вида «1. Общие положения» печатается "
                    "заголовком раздела, по центру."
                ),
                # A Положение runs to pages: give it room.
                widget=forms.Textarea(attrs={"rows": 30 if len(appendix.text) > 2000 else 8}),
            )
        self.helper = _helper()

    def appendix_texts(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data[f"appendix_{a.pk}"] for a in self.text_appendices}


class OrderItemForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Текст пункта"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


OrderItemFormSet = formset_factory(OrderItemForm, extra=0, can_delete=True, can_order=True)


def formset_items(formset) -> list[str]:
    """The items' texts in their new order, without the deleted and the empty ones."""
    return [f.cleaned_data["text"] for f in formset.ordered_forms if f.cleaned_data.get("text")]


class OrderReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Что исправить"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": gettext_lazy("Напишите, что исправить.")},
        help_text=gettext_lazy("Комментарий увидит автор проекта; он придёт ему и на почту."),
    )

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(_("Напишите, что исправить."))
        return comment


class DocumentSettingsForm(forms.ModelForm):
    class Meta:
        model = DocumentSettings
        fields = [
            "order_prefix",
            "letter_prefix",
            "place",
            "margin_left_mm",
            "margin_right_mm",
            "margin_top_mm",
            "margin_bottom_mm",
            "font_size_pt",
            "order_word",
        ]
        help_texts = {
            "letter_prefix": gettext_lazy("Письма нумеруются отдельно от приказов."),
            "margin_left_mm": gettext_lazy("От 20 до 35 мм, по умолчанию 20."),
            "margin_right_mm": gettext_lazy("От 10 до 20 мм, по умолчанию 10."),
            "margin_top_mm": gettext_lazy("От 20 до 30 мм, по умолчанию 20."),
            "margin_bottom_mm": gettext_lazy("От 20 до 30 мм, по умолчанию 20."),
            "font_size_pt": gettext_lazy("12, 13 или 14 пт, по умолчанию 14."),
            "order_word": gettext_lazy("Как пишется слово перед пунктами приказа."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if city := self.instance.organisation.city:
            self.fields["place"].widget.attrs["placeholder"] = f"г. {city}"
        self.helper = _helper()
        self.helper.layout = Layout(
            Fieldset(
                _("Номера"),
                Row(
                    Column("order_prefix", css_class="col-md-6"),
                    Column("letter_prefix", css_class="col-md-6"),
                ),
            ),
            Fieldset(_("Реквизиты"), "place", "order_word"),
            Fieldset(
                _("Оформление"),
                Row(
                    Column("margin_left_mm", css_class="col-6 col-md-3"),
                    Column("margin_right_mm", css_class="col-6 col-md-3"),
                    Column("margin_top_mm", css_class="col-6 col-md-3"),
                    Column("margin_bottom_mm", css_class="col-6 col-md-3"),
                ),
                Row(Column("font_size_pt", css_class="col-6 col-md-4")),
            ),
        )
