from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import ALL, DateField, FilterForm
from mentoring.models import AcademicYear, Organisation, Person

from ..models import Audience, DocumentSettings, LegalAct, Order, OrderAppendix
from ..selectors.orders import participants_of_year, staff_for_order
from ..services.drafting import EVENT_KINDS


def person_label(person: Person) -> str:
    if person.class_name:
        return f"{person.full_name}, {person.class_name}"
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


def _audience_field(*, automatic: bool = False) -> forms.ChoiceField:
    choices = list(Audience.choices)
    if automatic:
        choices.insert(0, ("", gettext_lazy("По наставляемым в парах")))
    return forms.ChoiceField(
        label=gettext_lazy("Чьё наставничество"),
        choices=choices,
        # Not sent: the school's default, or the pairs' mentees for a pairs order.
        required=False,
        help_text=gettext_lazy(
            "Педагогов — основание по методическим рекомендациям (письмо № АЗ-1128/08), "
            "обучающихся — по распоряжению № Р-145. Список актов — в настройках документов."
        ),
    )


class AudienceForm(forms.Form):
    """The kinds drafted from the data, whose basis depends on whose mentoring it is."""

    audience = _audience_field()

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].initial = DocumentSettings.of(organisation).audience
        self.helper = _helper()

    def draft_kwargs(self) -> dict:
        return {"audience": self.cleaned_data["audience"]}


class PairsOrderForm(AudienceForm):
    audience = _audience_field(automatic=True)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["audience"].initial = ""


class CuratorOrderForm(AudienceForm):
    person = PersonChoiceField(
        label=gettext_lazy("Куратор"),
        queryset=Person.objects.none(),
        empty_label=gettext_lazy("Выберите сотрудника"),
        error_messages={"required": gettext_lazy("Выберите куратора.")},
        help_text=gettext_lazy("Сотрудники школы из раздела «Участники»."),
    )
    field_order = ["person", "audience"]

    def __init__(self, *args, organisation: Organisation, current: Person | None = None, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["person"].queryset = staff_for_order(organisation)
        self.fields["person"].initial = current

    def draft_kwargs(self) -> dict:
        return {**super().draft_kwargs(), "people": [self.cleaned_data["person"]]}


def _due_field(label, help_text=None) -> DateField:
    return DateField(label=label, required=False, help_text=help_text)


class WorkingGroupOrderForm(AudienceForm):
    head = PersonChoiceField(
        label=gettext_lazy("Руководитель рабочей группы"),
        queryset=Person.objects.none(),
        empty_label=gettext_lazy("Выберите сотрудника"),
        error_messages={"required": gettext_lazy("Выберите руководителя рабочей группы.")},
    )
    members = PeopleChoiceField(
        label=gettext_lazy("Члены рабочей группы"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Выберите хотя бы одного члена рабочей группы.")},
    )
    due_on = _due_field(
        gettext_lazy("Срок разработки Положения и дорожной карты"),
        gettext_lazy("Пусто — через месяц; базы наставников и наставляемых — месяцем позже."),
    )
    field_order = ["head", "members", "due_on", "audience"]

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["head"].queryset = staff_for_order(organisation)
        self.fields["members"].queryset = staff_for_order(organisation)

    def clean(self):
        cleaned = super().clean()
        head, members = cleaned.get("head"), cleaned.get("members")
        if head is not None and members is not None and not [m for m in members if m != head]:
            self.add_error(
                "members", _("Кроме руководителя, в группе должен быть хотя бы один член.")
            )
        return cleaned

    def draft_kwargs(self) -> dict:
        return {
            **super().draft_kwargs(),
            "people": list(self.cleaned_data["members"]),
            "details": {"head": self.cleaned_data["head"], "due_on": self.cleaned_data["due_on"]},
        }


class MotivationOrderForm(AudienceForm):
    due_on = _due_field(
        gettext_lazy("Срок исполнения пунктов"),
        gettext_lazy("Пусто — через месяц. Текст Положения можно поправить в проекте."),
    )

    def draft_kwargs(self) -> dict:
        return {**super().draft_kwargs(), "details": {"due_on": self.cleaned_data["due_on"]}}


class RewardOrderForm(forms.Form):
    people = PeopleChoiceField(
        label=gettext_lazy("Кого поощрить"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Выберите хотя бы одного участника.")},
        help_text=gettext_lazy(
            "Наставники и наставляемые в парах из банков текущего учебного года; "
            "обучающиеся будут названы с классом."
        ),
    )
    due_on = _due_field(
        gettext_lazy("Срок исполнения"),
        gettext_lazy(
            "К этому дню куратор готовит письма, бухгалтерия — выплаты. Пусто — через две недели."
        ),
    )

    def __init__(self, *args, year: AcademicYear | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = participants_of_year(year)
        self.helper = _helper()

    def draft_kwargs(self) -> dict:
        return {
            "people": list(self.cleaned_data["people"]),
            "details": {"due_on": self.cleaned_data["due_on"]},
        }


class FinalEventOrderForm(forms.Form):
    event = forms.ChoiceField(
        label=gettext_lazy("Вид мероприятия"),
        choices=[(code, label) for code, label, _acc, _gen in EVENT_KINDS],
        error_messages={"required": gettext_lazy("Выберите вид мероприятия.")},
    )
    held_on = DateField(
        label=gettext_lazy("Дата мероприятия"),
        required=False,
        help_text=gettext_lazy("Можно оставить пустым и вписать дату в проект позже."),
    )
    place = forms.CharField(
        label=gettext_lazy("Где"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Как в тексте приказа: «в актовом зале», «в библиотеке школы»."),
    )
    responsible = PersonChoiceField(
        label=gettext_lazy("Ответственный за подготовку"),
        queryset=Person.objects.none(),
        empty_label=gettext_lazy("Выберите сотрудника"),
        error_messages={"required": gettext_lazy("Выберите ответственного.")},
    )
    prepare_by = DateField(label=gettext_lazy("Подготовить программу до"), required=False)

    def __init__(self, *args, organisation: Organisation, current: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff_for_order(organisation)
        self.fields["responsible"].initial = current
        self.helper = _helper()

    def clean_place(self) -> str:
        return " ".join(self.cleaned_data["place"].split())

    def clean(self):
        cleaned = super().clean()
        held_on, prepare_by = cleaned.get("held_on"), cleaned.get("prepare_by")
        if held_on and prepare_by and prepare_by > held_on:
            self.add_error("prepare_by", _("Программа готовится до дня мероприятия."))
        return cleaned

    def draft_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "details": {
                "event": data["event"],
                "place": data["place"],
                "responsible": data["responsible"],
                "prepare_by": data["prepare_by"],
            },
        }


class LetterOrderForm(forms.Form):
    recipient = forms.ChoiceField(
        label=gettext_lazy("Кому письмо"),
        choices=[
            ("person", gettext_lazy("Человеку")),
            ("organisation", gettext_lazy("Организации-партнёру")),
        ],
        initial="person",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Выберите, кому письмо.")},
    )
    person = PersonChoiceField(
        label=gettext_lazy("Сотрудник школы"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=gettext_lazy("Не выбран"),
        help_text=gettext_lazy(
            "ФИО и обращение просклоняются сами; после утверждения он сможет открыть письмо."
        ),
    )
    full_name = forms.CharField(
        label=gettext_lazy("Или ФИО человека не из школы"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("В именительном падеже: «Иванова Марина Петровна»."),
    )
    position = forms.CharField(
        label=gettext_lazy("Должность в дательном падеже"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "«Учителю математики МАОУ «СОШ № 3»». Для сотрудника школы можно не заполнять."
        ),
    )
    addressee = forms.CharField(
        label=gettext_lazy("Организация в дательном падеже"),
        max_length=500,
        required=False,
        help_text=gettext_lazy(
            "«Муниципальному автономному учреждению «Центр сопровождения, обеспечения "
            "и развития образования»»."
        ),
    )
    head = forms.CharField(
        label=gettext_lazy("Руководитель организации в дательном падеже"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Необязательно: «Директору Сухановой Е.В.»."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = staff_for_order(organisation)
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        for name in ("full_name", "position", "addressee", "head"):
            cleaned[name] = " ".join(cleaned.get(name, "").split())
        if cleaned.get("recipient") == "organisation" and not cleaned["addressee"]:
            self.add_error("addressee", _("Укажите организацию, которой адресовано письмо."))
        wants_person = cleaned.get("recipient") == "person" and "person" in cleaned
        if wants_person and not cleaned["person"] and len(cleaned["full_name"].split()) < 2:
            self.add_error(
                "full_name", _("Выберите сотрудника или укажите фамилию, имя и отчество.")
            )
        return cleaned

    def draft_kwargs(self) -> dict:
        data = self.cleaned_data
        if data["recipient"] == "organisation":
            return {
                "addressee": data["addressee"],
                "details": {"recipient": "organisation", "head": data["head"]},
            }
        person = data["person"]
        return {
            "people": [person] if person else [],
            "details": {
                "recipient": "person",
                "full_name": "" if person else data["full_name"],
                "position": data["position"],
            },
        }


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
            self.fields["addressee"].widget = forms.Textarea(attrs={"rows": 3})
            self.fields["preamble"].label = _("Обращение")
            self.fields["preamble"].help_text = _(
                "«Уважаемая Анна Петровна!» или «Уважаемые коллеги!»."
            )
            self.fields["preamble"].widget.attrs["rows"] = 1
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
            "audience",
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
            Fieldset(_("Реквизиты"), "place", "order_word", "audience"),
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


class LegalActForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Акт"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Как после слов «В соответствии с»: «приказом Управления образования … от … № …»."
        ),
    )
    audience = forms.ChoiceField(
        label=gettext_lazy("Для приказов о наставничестве"),
        choices=Audience.choices,
        initial=Audience.BOTH,
    )


LegalActFormSet = formset_factory(LegalActForm, extra=1, can_delete=True, can_order=True)


def legal_act_initial(acts: list[LegalAct]) -> list[dict]:
    return [{"text": act.text, "audience": act.audience} for act in acts]


def formset_acts(formset) -> list[tuple[str, str]]:
    """(audience, text) in the new order, without the deleted and the empty ones."""
    return [
        (form.cleaned_data["audience"], form.cleaned_data["text"])
        for form in formset.ordered_forms
        if form.cleaned_data.get("text", "").strip()
    ]
