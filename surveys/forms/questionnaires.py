"""The builder's forms: a questionnaire's description, a section, a question whose fields
depend on its kind (entered as lines of text), the list's filters and a file to import."""

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm, bootstrap_styled
from mentoring.models import MentoringType

from ..models import SCALE_MAX_POINTS, Question, Questionnaire
from ..services.questionnaires import (
    IMPORT_MAX_BYTES,
    key_from_text,
    questionnaire_file_read,
    show_if_choices,
)

SCALE_0_2_LABELS = ["не проявляется", "проявляется частично", "проявляется в полной мере"]
# Preset → (from, to, labels).
SCALE_PRESETS: dict[str, tuple[int, int, list[str]]] = {
    "0_2": (0, 2, SCALE_0_2_LABELS),
    "1_5": (1, 5, []),
    "1_10": (1, 10, []),
}
Kind = Question.Kind
OPTION_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
SCALE_KINDS = (Kind.SCALE, Kind.MATRIX)


class QuestionnaireFilterForm(FilterForm):
    q = forms.CharField(label=_("Название"), required=False)
    kind = forms.ChoiceField(
        label=_("Назначение"),
        required=False,
        choices=[("", _("Любое"))] + list(Questionnaire.Kind.choices),
    )
    archived = forms.ChoiceField(
        label=_("Показать"),
        required=False,
        choices=[("", _("действующие")), ("1", _("в архиве"))],
    )


class QuestionnaireForm(forms.ModelForm):
    form_code = forms.ChoiceField(
        label=_("Форма наставничества"),
        required=False,
        choices=[("", _("Любая"))] + list(MentoringType.Code.choices),
        help_text=_("Для анкеты удовлетворённости, сформулированной под одну форму."),
    )

    class Meta:
        model = Questionnaire
        fields = ["title", "description", "kind", "respondent", "form_code"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Название раздела"), max_length=300)
    description = forms.CharField(
        label=_("Пояснение"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Показывается над вопросами раздела."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Файл анкеты (.json)"),
        help_text=_("Файл, выгруженный кнопкой «Скачать файл» на странице анкеты, до 1 МБ."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".json,application/json"

    def clean_file(self) -> dict[str, Any]:
        file = self.cleaned_data["file"]
        if file.size > IMPORT_MAX_BYTES:
            raise ValidationError(
                gettext("Файл больше 1 МБ: выберите файл, выгруженный из анкеты.")
            )
        return questionnaire_file_read(file)


def _lines(text: str) -> list[str]:
    lines = [line.strip() for line in (text or "").replace("\r", "").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _pairs_from_lines(text: str, name: str) -> list[dict[str, str]]:
    """Lines «код | подпись» or «подпись» (the code is then made from the label)."""
    items, taken = [], set()
    for line in _lines(text):
        if not line:
            continue
        value, sep, label = line.partition("|")
        value, label = (value.strip(), label.strip()) if sep else ("", value.strip())
        if not value:
            value = key_from_text(label, taken)
        taken.add(value)
        items.append({name: value, "label": label})
    return items


def _pairs_to_lines(items: list[dict], name: str) -> str:
    return "\n".join(f"{item.get(name, '')} | {item.get('label', '')}" for item in items)


ENCODED_SEPARATOR = "::"


def show_if_value_encoded(key: str, value: Any) -> str:
    return f"{key}{ENCODED_SEPARATOR}{json.dumps(value, ensure_ascii=False)}"


class QuestionForm(forms.Form):
    """A question of any kind. Every field is on the page (with JS the ones the kind does not
    use are hidden); `kinds` says which kinds a field is for."""

    text = forms.CharField(label=_("Вопрос"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Тип вопроса"), choices=Kind.choices)
    required = forms.BooleanField(label=_("Обязательный"), required=False)
    help_text = forms.CharField(
        label=_("Подсказка"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Поясняет вопрос мелким шрифтом под ним."),
    )
    key = forms.SlugField(
        label=_("Код пункта"),
        required=False,
        max_length=60,
        help_text=_(
            "Латинские буквы, цифры, «_» и «-». По нему сравниваются ответы на этот пункт в "
            "разных версиях анкеты и анкетированиях. Оставьте пустым — код составится из текста."
        ),
    )
    options = forms.CharField(
        label=_("Варианты ответа"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Для «Один вариант» и «Несколько вариантов»: по одному на строке, «значение | "
            "подпись» или просто подпись."
        ),
    )
    allow_other = forms.BooleanField(
        label=_("Вариант «другое» со своим ответом"),
        required=False,
        help_text=_("Для «Один вариант» и «Несколько вариантов»."),
    )
    scale_preset = forms.ChoiceField(
        label=_("Готовая шкала"),
        required=False,
        choices=[
            ("", _("своя: указать баллы ниже")),
            ("0_2", _("0–2: не проявляется / частично / в полной мере")),
            ("1_5", _("1–5")),
            ("1_10", _("1–10")),
        ],
        help_text=_("Для «Шкала» и «Матрица»: заполнит баллы (и подписи для 0–2)."),
    )
    scale_min = forms.IntegerField(
        label=_("Шкала от"), required=False, help_text=_("Для «Шкала» и «Матрица».")
    )
    scale_max = forms.IntegerField(
        label=_("Шкала до"),
        required=False,
        help_text=_("Не больше %(max)s баллов.") % {"max": SCALE_MAX_POINTS},
    )
    scale_labels = forms.CharField(
        label=_("Подписи баллов"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "По одной на строке, от меньшего балла к большему; пустая строка — балл без "
            "подписи. Или оставьте поле пустым."
        ),
    )
    rows = forms.CharField(
        label=_("Пункты матрицы"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Для «Матрица»: по одному на строке, «код | название» или просто название."),
    )
    min_value = forms.FloatField(
        label=_("Число не меньше"), required=False, help_text=_("Для «Число».")
    )
    max_value = forms.FloatField(
        label=_("Число не больше"), required=False, help_text=_("Для «Число».")
    )
    person_set = forms.ChoiceField(
        label=_("Из кого выбирать"),
        required=False,
        choices=[("", "—")] + list(Question.PersonSet.choices),
        help_text=_("Для «Выбор людей по местам»."),
    )
    max_ranked = forms.IntegerField(
        label=_("Сколько мест"),
        required=False,
        help_text=_("Для «Выбор людей по местам»: от 1 до 10."),
    )
    show_if_key = forms.ChoiceField(
        label=_("Показывать, только если на вопрос"),
        required=False,
        help_text=_("Можно выбрать вопрос выше этого: с вариантами, «да / нет» или шкалой."),
    )
    show_if_values = forms.MultipleChoiceField(
        label=_("ответили"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Отметьте ответы на выбранный вопрос, при которых показывать этот."),
    )

    KINDS: dict[str, tuple[str, ...]] = {
        "options": OPTION_KINDS,
        "allow_other": OPTION_KINDS,
        "scale_preset": SCALE_KINDS,
        "scale_min": SCALE_KINDS,
        "scale_max": SCALE_KINDS,
        "scale_labels": SCALE_KINDS,
        "rows": (Kind.MATRIX,),
        "min_value": (Kind.NUMBER,),
        "max_value": (Kind.NUMBER,),
        "person_set": (Kind.PERSON_CHOICE,),
        "max_ranked": (Kind.PERSON_CHOICE,),
    }

    def __init__(self, *args, earlier: list[Question], question: Question | None = None, **kw):
        if question is not None and "initial" not in kw:
            kw["initial"] = self.initial_from(question)
        super().__init__(*args, **kw)
        self.earlier = [item for item in earlier if show_if_choices(item)]
        self.fields["show_if_key"].choices = [("", _("показывать всегда"))] + [
            (item.key, f"{item.text[:80]} ({item.key})") for item in self.earlier
        ]
        self.fields["show_if_values"].choices = [
            (show_if_value_encoded(item.key, value), f"{item.text[:40]}: {label}")
            for item in self.earlier
            for value, label in show_if_choices(item)
        ]
        if not self.earlier:
            # Nothing above this question can decide whether it is shown.
            del self.fields["show_if_key"], self.fields["show_if_values"]
        bootstrap_styled(self)
        for name in ("required", "allow_other"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        for name, field in self.fields.items():
            field.kinds = " ".join(self.KINDS.get(name, ()))

    @staticmethod
    def initial_from(question: Question) -> dict[str, Any]:
        return {
            "text": question.text,
            "kind": question.kind,
            "required": question.required,
            "help_text": question.help_text,
            "key": question.key,
            "options": _pairs_to_lines(question.options, "value"),
            "allow_other": question.allow_other,
            "scale_min": question.scale_min,
            "scale_max": question.scale_max,
            "scale_labels": "\n".join(question.scale_labels),
            "rows": _pairs_to_lines(question.rows, "key"),
            "min_value": question.min_value,
            "max_value": question.max_value,
            "person_set": question.person_set,
            "max_ranked": question.max_ranked,
            "show_if_key": question.show_if_key,
            "show_if_values": [
                show_if_value_encoded(question.show_if_key, value)
                for value in question.show_if_values
            ],
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        preset = SCALE_PRESETS.get(data.get("scale_preset") or "")
        if preset and kind in SCALE_KINDS:
            data["scale_min"], data["scale_max"] = preset[0], preset[1]
            if not _lines(data.get("scale_labels", "")) and preset[2]:
                data["scale_labels"] = "\n".join(preset[2])
        show_if_key = data.get("show_if_key") or ""
        if "show_if_values" not in self.fields:
            return data
        values = []
        for encoded in data.get("show_if_values") or []:
            key, _sep, value = encoded.partition(ENCODED_SEPARATOR)
            if key != show_if_key:
                self.add_error(
                    "show_if_values",
                    gettext("Отмеченные ответы относятся к другому вопросу, чем выбранный."),
                )
                break
            values.append(json.loads(value))
        data["show_if_values"] = values
        return data

    def question_fields(self) -> dict[str, Any]:
        """The model's fields; what the kind does not use is left empty."""
        data = self.cleaned_data
        kind = data["kind"]
        uses = {name for name, kinds in self.KINDS.items() if kind in kinds}

        def used(name: str, value: Any, empty: Any) -> Any:
            return value if name in uses else empty

        return {
            "text": data["text"].strip(),
            "kind": kind,
            "required": data["required"],
            "help_text": data["help_text"].strip(),
            "key": data["key"],
            "options": used("options", _pairs_from_lines(data["options"], "value"), []),
            "allow_other": used("allow_other", data["allow_other"], False),
            "scale_min": used("scale_min", data["scale_min"], None),
            "scale_max": used("scale_max", data["scale_max"], None),
            "scale_labels": used("scale_labels", _lines(data["scale_labels"]), []),
            "rows": used("rows", _pairs_from_lines(data["rows"], "key"), []),
            "min_value": used("min_value", data["min_value"], None),
            "max_value": used("max_value", data["max_value"], None),
            "person_set": used("person_set", data["person_set"], ""),
            "max_ranked": used("max_ranked", data["max_ranked"], None),
            "show_if_key": data.get("show_if_key", ""),
            "show_if_values": data.get("show_if_values", []),
        }

    def add_service_error(self, error: ValidationError) -> None:
        """A service's error next to the field it is about, or above the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)
