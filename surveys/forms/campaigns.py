"""The campaign form (before and after launch) and the filters of the campaign list."""

from datetime import datetime, time

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.forms import ALL, DateField, FilterForm, TimeField, bootstrap_styled

from ..models import Campaign
from ..selectors.campaigns import (
    Status,
    campaign_versions,
    class_parts,
    school_pairs,
    school_people,
)


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, version) -> str:
        questionnaire = version.questionnaire
        return f"{questionnaire.title} — {questionnaire.get_kind_display()}"


class PairChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, pair) -> str:
        return f"{pair.mentor.person.full_name} ({pair.get_status_display()})"


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person) -> str:
        extra = person.class_name or person.get_kind_display()
        return f"{person.full_name} — {extra}"


def _aware(day, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


class _Times(forms.Form):
    """Closing date and time; the create form adds opening. Checks the order and the future."""

    def _clean_times(self, cleaned: dict, opens_at: datetime | None) -> dict:
        closes_on, closes_time = cleaned.get("closes_on"), cleaned.get("closes_time")
        if closes_on is None or closes_time is None:
            return cleaned
        closes_at = _aware(closes_on, closes_time)
        cleaned["closes_at"] = closes_at
        if opens_at is not None and closes_at <= opens_at:
            self.add_error("closes_on", gettext_lazy("Закрытие должно быть позже открытия."))
        elif closes_at <= timezone.now():
            self.add_error(
                "closes_on", gettext_lazy("Время закрытия уже прошло: укажите будущую дату.")
            )
        return cleaned


class CampaignForm(_Times):
    version = VersionChoiceField(
        label=gettext_lazy("Анкета"),
        queryset=None,
        empty_label=gettext_lazy("— выберите анкету —"),
        help_text=gettext_lazy("Рассылается текущая версия анкеты."),
    )
    title = forms.CharField(
        label=gettext_lazy("Название анкетирования"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Если не заполнить, будет название анкеты."),
    )
    audience = forms.ChoiceField(label=gettext_lazy("Кому"), choices=Campaign.Audience.choices)
    pairs = PairChoiceField(
        label=gettext_lazy("Пары и группы"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=gettext_lazy("Анкету получат наставники, со-наставники и наставляемые."),
    )
    classes = forms.CharField(
        label=gettext_lazy("Классы"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "7А, 7Б, 8"}),
        help_text=gettext_lazy("Через запятую; номер без буквы — все классы параллели."),
    )
    people = PersonChoiceField(
        label=gettext_lazy("Люди"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=gettext_lazy("Удерживайте Ctrl (⌘ на Mac), чтобы выбрать нескольких."),
    )
    anonymous = forms.BooleanField(
        label=gettext_lazy("Анонимно"),
        required=False,
        help_text=gettext_lazy(
            "Ответы не связываются с людьми: видно только, кто ещё не ответил, и общие итоги."
        ),
    )
    phase = forms.ChoiceField(
        label=gettext_lazy("Этап замера"),
        choices=Campaign.Phase.choices,
        required=False,
        help_text=gettext_lazy("«До» и «после» позволяют сравнить результаты одной анкеты."),
    )
    opens_on = DateField(label=gettext_lazy("Открывается (дата)"))
    opens_time = TimeField(label=gettext_lazy("время"))
    closes_on = DateField(label=gettext_lazy("Закрывается (дата)"))
    closes_time = TimeField(label=gettext_lazy("время"))
    shared_with_psychologist = forms.BooleanField(
        label=gettext_lazy("Открыть результаты педагогу-психологу"), required=False
    )
    complete_activity = forms.BooleanField(
        label=gettext_lazy("Отметить мероприятие дорожной карты выполненным по окончании"),
        required=False,
    )

    def __init__(self, *args, organisation, year, activity: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = campaign_versions(organisation.pk)
        self.fields["pairs"].queryset = school_pairs(organisation.pk, year.pk)
        self.fields["people"].queryset = school_people(organisation.pk)
        if not activity:
            del self.fields["complete_activity"]
        for name in ("pairs", "classes", "people"):
            self.fields[name].widget.attrs["data-audience-for"] = {
                "pairs": "pairs",
                "classes": "classes",
                "people": "chosen",
            }[name]
        bootstrap_styled(self)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_classes(self) -> list[str]:
        names = [n.strip() for n in self.cleaned_data["classes"].replace(";", ",").split(",")]
        names = [n for n in names if n]
        wrong = [n for n in names if class_parts(n) is None]
        if wrong:
            raise forms.ValidationError(
                gettext_lazy("Не похоже на класс: %(names)s. Пишите так: 7А, 10Б, 8."),
                params={"names": ", ".join(wrong)},
            )
        return [f"{g}{letter}" for g, letter in (class_parts(n) for n in names)]

    def clean(self):
        cleaned = super().clean()
        opens_on, opens_time = cleaned.get("opens_on"), cleaned.get("opens_time")
        opens_at = _aware(opens_on, opens_time) if opens_on and opens_time else None
        cleaned["opens_at"] = opens_at
        return self._clean_times(cleaned, opens_at)


class CampaignLaunchedForm(_Times):
    """What may change once the invitations are out."""

    title = forms.CharField(label=gettext_lazy("Название анкетирования"), max_length=300)
    closes_on = DateField(
        label=gettext_lazy("Закрывается (дата)"),
        help_text=gettext_lazy("Срок можно только продлить."),
    )
    closes_time = TimeField(label=gettext_lazy("время"))
    shared_with_psychologist = forms.BooleanField(
        label=gettext_lazy("Открыть результаты педагогу-психологу"), required=False
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        bootstrap_styled(self)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = self._clean_times(super().clean(), self.campaign.opens_at)
        closes_at = cleaned.get("closes_at")
        if closes_at and closes_at < self.campaign.closes_at:
            self.add_error("closes_on", gettext_lazy("Срок можно только продлить, не сократить."))
        return cleaned


def initial_times(campaign: Campaign) -> dict:
    opens, closes = timezone.localtime(campaign.opens_at), timezone.localtime(campaign.closes_at)
    return {
        "opens_on": opens.date(),
        "opens_time": opens.time().replace(second=0, microsecond=0),
        "closes_on": closes.date(),
        "closes_time": closes.time().replace(second=0, microsecond=0),
    }


class CampaignFilterForm(FilterForm):
    q = forms.CharField(
        label=gettext_lazy("Поиск"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Название или анкета")}),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Статус"), required=False, choices=[("", ALL), *Status.CHOICES]
    )
