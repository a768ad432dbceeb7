"""The fields of one section of a questionnaire as the page shows them, filled from the draft.

The questions of a section are not a fixed Django form: each kind is drawn by
templates/surveys/answer/_question.html from the field built here, and the values are cleaned
by surveys.services.answers (one place for the rules of a value)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from core.forms import DateInput
from mentoring.models import Person

from ..models import Question
from ..services.answers import OTHER, OTHER_SUFFIX

Kind = Question.Kind


@dataclass
class Choice:
    value: str
    label: str
    checked: bool = False
    id: str = ""


@dataclass
class MatrixRow:
    name: str
    label: str
    choices: list[Choice]


@dataclass
class RankSlot:
    label: str
    id: str
    selected: str


@dataclass
class QuestionField:
    question: Question
    name: str
    id: str
    error: str = ""
    value: str = ""
    choices: list[Choice] = field(default_factory=list)
    rows: list[MatrixRow] = field(default_factory=list)
    slots: list[RankSlot] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    other_name: str = ""
    other_value: str = ""
    other_checked: bool = False
    # show-if: the question it depends on and the values that show it (for survey_fill.js).
    show_if_key: str = ""
    show_if_values: str = ""
    widget: str = ""

    @property
    def template(self) -> str:
        return f"surveys/answer/kinds/{self.question.kind}.html"

    @property
    def labels_group(self) -> bool:
        """Drawn as a fieldset with a legend (a group of inputs), not one labelled input."""
        return self.question.kind in (
            Kind.SINGLE,
            Kind.MULTIPLE,
            Kind.SCALE,
            Kind.YES_NO,
            Kind.MATRIX,
            Kind.PERSON_CHOICE,
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _date_text(value: Any) -> str:
    """An ISO date of the draft as ДД.ММ.ГГГГ; what the person typed stays as typed."""
    try:
        return date.fromisoformat(str(value)).strftime("%d.%m.%Y")
    except ValueError:
        return _text(value)


def _scale_choices(question: Question, name: str, current: Any) -> list[Choice]:
    low, high = question.scale_min or 0, question.scale_max or 0
    labels = question.scale_labels or []
    choices = []
    for position, point in enumerate(range(low, high + 1)):
        label = labels[position] if position < len(labels) and labels[position] else ""
        choices.append(
            Choice(
                value=str(point),
                label=label,
                checked=_text(current) == str(point),
                id=f"f-{name}-{point}".replace(".", "-"),
            )
        )
    return choices


def _rank_label(place: int) -> str:
    return _("%(place)d-е место") % {"place": place}


def question_field(
    question: Question,
    draft: dict,
    *,
    error: str = "",
    people: list[Person] | None = None,
) -> QuestionField:
    key = question.key
    current = draft.get(key)
    result = QuestionField(
        question=question,
        name=key,
        id=f"f-{key}",
        error=error,
        show_if_key=question.show_if_key,
        show_if_values="|".join(_text(v) for v in question.show_if_values or []),
    )
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        chosen = {str(v) for v in current} if isinstance(current, list) else {_text(current)}
        result.choices = [
            Choice(
                value=str(option.get("value")),
                label=option.get("label") or str(option.get("value")),
                checked=str(option.get("value")) in chosen,
                id=f"f-{key}-{index}",
            )
            for index, option in enumerate(question.options or [])
        ]
        if question.allow_other:
            result.other_name = key + OTHER_SUFFIX
            result.other_value = _text(draft.get(key + OTHER_SUFFIX))
            result.other_checked = OTHER in chosen
    elif kind == Kind.SCALE:
        result.choices = _scale_choices(question, key, current)
    elif kind == Kind.YES_NO:
        result.choices = [
            Choice("yes", _("Да"), current is True or _text(current) == "yes", f"f-{key}-yes"),
            Choice("no", _("Нет"), current is False or _text(current) == "no", f"f-{key}-no"),
        ]
    elif kind == Kind.MATRIX:
        result.rows = [
            MatrixRow(
                name=f"{key}.{row['key']}",
                label=row.get("label") or row["key"],
                choices=_scale_choices(
                    question, f"{key}.{row['key']}", draft.get(f"{key}.{row['key']}")
                ),
            )
            for row in question.rows or []
        ]
        result.choices = _scale_choices(question, key, None)
    elif kind == Kind.PERSON_CHOICE:
        chosen = [str(v) for v in current] if isinstance(current, list) else []
        places = question.max_ranked or 3
        result.people = people or []
        result.slots = [
            RankSlot(
                label=_rank_label(place),
                id=f"f-{key}-{place}",
                selected=chosen[place - 1] if place - 1 < len(chosen) else "",
            )
            for place in range(1, places + 1)
        ]
    elif kind == Kind.DATE:
        result.value = _date_text(current) if current is not None else ""
        attrs = {"id": result.id, "class": "form-control form-control-lg"}
        if error:
            attrs.update({"aria-invalid": "true", "aria-describedby": f"{result.id}-error"})
        # The date box of every form: ДД.ММ.ГГГГ typed, or chosen in the calendar.
        result.widget = DateInput().render(key, result.value, attrs=attrs)
    else:
        result.value = _text(current)
    return result
