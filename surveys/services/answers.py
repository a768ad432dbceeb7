"""The rules of an answer's value, in one place: from what a form posts to what is stored.

Form field names and draft keys are item keys: the question's key, «<key>.<row>» for a row of
a matrix, «<key>__other» for the text of «другое». A value arrives either as the form gives
it (strings, lists of strings) or as it was stored in the draft (int, bool, list); both clean
to the stored value of the shared contract:

- short_text / long_text: str; single: the option's value or OTHER; multiple: a list of them;
- scale: int in [scale_min, scale_max]; yes_no: bool; number: int or float within bounds;
- date: "YYYY-MM-DD"; matrix: {row key: int} (stored as one item per row);
- person_choice: a list of Person ids in rank order.

A question whose show-if condition the draft does not meet is hidden: neither required nor
stored.
"""

import math
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.forms import DateField

from ..models import Participation, Question, QuestionnaireVersion

OTHER = "__other__"
OTHER_SUFFIX = "__other"
_YES = {"yes", "true", "1", "да", "on"}
_NO = {"no", "false", "0", "нет"}

Kind = Question.Kind


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _is_empty(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, (list, tuple)):
        return all(_is_empty(item) for item in raw)
    if isinstance(raw, dict):
        return all(_is_empty(item) for item in raw.values())
    return False


def _as_list(raw: Any) -> list:
    if raw is None:
        return []
    if isinstance(raw, (list, tuple)):
        return [item for item in raw if not _is_empty(item)]
    return [] if _is_empty(raw) else [raw]


def _scalar(raw: Any) -> Any:
    """The single value of a field; a repeated field (two radios of one name) keeps the last."""
    if isinstance(raw, (list, tuple)):
        raw = [item for item in raw if not _is_empty(item)]
        return raw[-1] if raw else None
    return raw


def _option_values(question: Question) -> list[str]:
    return [str(option.get("value")) for option in question.options or []]


def _scale_point(question: Question, raw: Any) -> int:
    low, high = question.scale_min or 0, question.scale_max or 0
    error = ValidationError(
        _("Выберите значение от %(min)s до %(max)s") % {"min": low, "max": high}, code="scale"
    )
    if isinstance(raw, bool):
        raise error
    try:
        point = int(str(raw).strip())
    except ValueError:
        raise error from None
    if not low <= point <= high:
        raise error
    return point


def _number(question: Question, raw: Any) -> int | float:
    low, high = question.min_value, question.max_value
    if low is not None and high is not None:
        message = _("Введите число от %(min)s до %(max)s") % {
            "min": _number_text(low),
            "max": _number_text(high),
        }
    elif low is not None:
        message = _("Введите число не меньше %(min)s") % {"min": _number_text(low)}
    elif high is not None:
        message = _("Введите число не больше %(max)s") % {"max": _number_text(high)}
    else:
        message = _("Введите число")
    if isinstance(raw, bool):
        raise ValidationError(message, code="number")
    if isinstance(raw, (int, float)):
        number = raw
    else:
        text = str(raw).strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValidationError(message, code="number") from None
    if not math.isfinite(number):
        raise ValidationError(message, code="number")
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValidationError(message, code="number")
    return int(number) if float(number).is_integer() else float(number)


def _date(raw: Any) -> str:
    if isinstance(raw, date):
        return raw.isoformat()
    try:
        value = DateField().to_python(str(raw).strip())
    except forms.ValidationError:
        raise ValidationError(
            _("Дата в формате ДД.ММ.ГГГГ, например 05.12.2026"), code="date"
        ) from None
    return value.isoformat()


def _yes_no(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError(_("Выберите «Да» или «Нет»"), code="yes_no")


def _person_ids(question: Question, raw: Any, candidates: set[int] | None) -> list[int]:
    ids: list[int] = []
    for item in _as_list(raw):
        try:
            person_id = int(str(item).strip())
        except ValueError:
            raise ValidationError(_("Выберите человека из списка"), code="person") from None
        if candidates is not None and person_id not in candidates:
            raise ValidationError(_("Выберите человека из списка"), code="person")
        if person_id in ids:
            raise ValidationError(
                _("Один и тот же человек выбран дважды: на каждом месте — свой"),
                code="person_twice",
            )
        ids.append(person_id)
    limit = question.max_ranked
    if limit and len(ids) > limit:
        raise ValidationError(
            ngettext(
                "Отметьте не больше %(count)d человека",
                "Отметьте не больше %(count)d человек",
                limit,
            )
            % {"count": limit},
            code="too_many",
        )
    return ids


def value_clean(
    question: Question,
    raw: Any,
    *,
    other: str = "",
    candidates: Iterable[int] | None = None,
) -> Any:
    """The stored value of `raw` (None when unanswered), or a ValidationError in plain Russian.

    `other` is the text of «другое»; for a matrix `raw` maps row keys to points; `candidates`
    are the ids a person choice may name (None: not checked here)."""
    kind = question.kind
    if kind == Kind.MATRIX:
        raw = raw if isinstance(raw, Mapping) else {}
        points = {}
        for row in question.rows or []:
            value = raw.get(row["key"])
            if not _is_empty(_scalar(value)):
                points[row["key"]] = _scale_point(question, _scalar(value))
        if not points:
            if question.required:
                raise ValidationError(_("Ответьте на этот вопрос"), code="required")
            return None
        if question.required and len(points) < len(question.rows or []):
            raise ValidationError(_("Оцените каждый пункт"), code="required_rows")
        return points
    if kind in (Kind.MULTIPLE, Kind.PERSON_CHOICE):
        empty = not _as_list(raw)
    else:
        empty = _is_empty(_scalar(raw))
    if empty:
        if question.required:
            raise ValidationError(_("Ответьте на этот вопрос"), code="required")
        return None
    if kind == Kind.SHORT_TEXT or kind == Kind.LONG_TEXT:
        text = str(_scalar(raw)).strip()
        limit = 300 if kind == Kind.SHORT_TEXT else 10000
        if len(text) > limit:
            raise ValidationError(
                _("Слишком длинный ответ: не больше %(limit)d знаков") % {"limit": limit},
                code="too_long",
            )
        return text
    if kind == Kind.SINGLE:
        value = str(_scalar(raw))
        if value == OTHER and question.allow_other:
            if not other.strip():
                raise ValidationError(_("Напишите свой вариант"), code="other")
            return OTHER
        if value not in _option_values(question):
            raise ValidationError(_("Выберите один из вариантов"), code="choice")
        return value
    if kind == Kind.MULTIPLE:
        values = [str(item) for item in _as_list(raw)]
        allowed = set(_option_values(question)) | ({OTHER} if question.allow_other else set())
        if any(value not in allowed for value in values):
            raise ValidationError(_("Выберите из предложенных вариантов"), code="choice")
        if OTHER in values and not other.strip():
            raise ValidationError(_("Напишите свой вариант"), code="other")
        return list(dict.fromkeys(values))
    if kind == Kind.SCALE:
        return _scale_point(question, _scalar(raw))
    if kind == Kind.YES_NO:
        return _yes_no(_scalar(raw))
    if kind == Kind.NUMBER:
        return _number(question, _scalar(raw))
    if kind == Kind.DATE:
        return _date(_scalar(raw))
    if kind == Kind.PERSON_CHOICE:
        return _person_ids(question, raw, set(candidates) if candidates is not None else None)
    raise ValidationError(_("Неизвестный тип вопроса"), code="kind")


def answer_number(question: Question, value: Any) -> float | None:
    """The figure statistics use: a scale's point, a number, yes/no as 1/0."""
    if question.kind in (Kind.SCALE, Kind.NUMBER, Kind.MATRIX):
        return float(value)
    if question.kind == Kind.YES_NO:
        return 1.0 if value else 0.0
    return None


# Reading a question's part of the draft or of a post.


def item_raw(question: Question, source: Mapping) -> Any:
    """What `source` (a draft or a post) holds for the question: a value, a list, or for a
    matrix {row key: value}."""
    if question.kind == Kind.MATRIX:
        return {
            row["key"]: source.get(f"{question.key}.{row['key']}") for row in question.rows or []
        }
    return source.get(question.key)


def _post_value(question: Question, posted) -> Any:
    """The question's raw value from a QueryDict-like post (lists for multi-valued kinds)."""
    getlist = getattr(posted, "getlist", None)
    if question.kind in (Kind.MULTIPLE, Kind.PERSON_CHOICE):
        if getlist is not None:
            return getlist(question.key)
        return _as_list(posted.get(question.key))
    return _scalar(posted.get(question.key))


def _matches(value: Any, wanted: list) -> bool:
    if isinstance(value, bool):
        truthy = {"true", "yes", "1", "да"} if value else {"false", "no", "0", "нет"}
        return any(str(item).strip().lower() in truthy for item in wanted)
    wanted_text = {str(item) for item in wanted}
    if isinstance(value, (list, tuple)):
        return any(str(item) in wanted_text for item in value)
    return str(value) in wanted_text


def visible_keys(questions: list[Question], draft: Mapping) -> set[str]:
    """Keys of the questions shown for this draft: a show-if question is shown when the earlier
    question it names is shown and its answer is one of the values."""
    by_key = {question.key: question for question in questions}
    visible: set[str] = set()
    for question in questions:
        if not question.show_if_key:
            visible.add(question.key)
            continue
        controller = by_key.get(question.show_if_key)
        if controller is None or controller.key not in visible:
            continue
        try:
            value = value_clean(
                controller,
                item_raw(controller, draft),
                other=str(draft.get(controller.key + OTHER_SUFFIX, "")),
            )
        except ValidationError:
            continue
        if value is not None and _matches(value, question.show_if_values or []):
            visible.add(question.key)
    return visible


def draft_apply(draft: Mapping, questions: Iterable[Question], posted) -> dict:
    """The draft with the posted fields of these questions put in: a valid value as stored, an
    invalid one as typed (nothing typed is lost), an emptied one removed."""
    result = dict(draft)
    for question in questions:
        if question.kind == Kind.MATRIX:
            for row in question.rows or []:
                item = f"{question.key}.{row['key']}"
                raw = _scalar(posted.get(item))
                result.pop(item, None)
                if _is_empty(raw):
                    continue
                try:
                    result[item] = _scale_point(question, raw)
                except ValidationError:
                    result[item] = str(raw)
            continue
        raw = _post_value(question, posted)
        other_key = question.key + OTHER_SUFFIX
        result.pop(question.key, None)
        result.pop(other_key, None)
        if question.allow_other:
            other = str(_scalar(posted.get(other_key)) or "").strip()
            if other:
                result[other_key] = other
        if _is_empty(raw):
            continue
        try:
            # Candidates are checked when the whole draft is validated.
            value = value_clean(
                question, raw, other="x" if question.allow_other else "", candidates=None
            )
        except ValidationError:
            value = [str(item) for item in raw] if isinstance(raw, (list, tuple)) else str(raw)
        if value is not None:
            result[question.key] = value
    return result


@transaction.atomic
def draft_merge(
    *, participation: Participation, posted, questions: Iterable[Question]
) -> Participation:
    """Save the posted fields of `questions` (the section on the page) into the draft."""
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    participation.draft = draft_apply(participation.draft or {}, questions, posted)
    participation.draft_saved_at = timezone.now()
    participation.save(update_fields=["draft", "draft_saved_at"])
    return participation


def version_questions(version: QuestionnaireVersion) -> list[Question]:
    """The questions of a version fetched with version_with_questions, in order."""
    return [question for section in version.sections.all() for question in section.questions.all()]


def answers_validate(
    version: QuestionnaireVersion,
    draft: Mapping,
    *,
    candidates: Mapping[str, Iterable[int]] | None = None,
    only: Iterable[Question] | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """(values, errors by question key) of the whole draft; `only` limits the check to some
    questions (a section). Values are in the draft's format: item keys, «другое» texts under
    «<key>__other», matrix rows under «<key>.<row>». Hidden questions give neither."""
    questions = version_questions(version)
    visible = visible_keys(questions, draft)
    checked = {question.key for question in only} if only is not None else None
    candidates = candidates or {}
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in questions:
        if question.key not in visible or (checked is not None and question.key not in checked):
            continue
        other = str(draft.get(question.key + OTHER_SUFFIX, ""))
        try:
            value = value_clean(
                question,
                item_raw(question, draft),
                other=other,
                candidates=candidates.get(question.key),
            )
        except ValidationError as error:
            errors[question.key] = error.messages[0]
            continue
        if value is None:
            continue
        if question.kind == Kind.MATRIX:
            for row_key, point in value.items():
                values[f"{question.key}.{row_key}"] = point
            continue
        values[question.key] = value
        chosen = value if isinstance(value, list) else [value]
        if OTHER in chosen:
            values[question.key + OTHER_SUFFIX] = other.strip()
    return values, errors
