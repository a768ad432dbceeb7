"""Writing questionnaires: from a plain data structure (the library, a shared file, a copy)
into a questionnaire with its first version, and back.

The data structure is what a questionnaire file holds:

    {"format": "nastavnik-questionnaire", "format_version": 1,
     "title": …, "description": …, "kind": …, "respondent": …, "form_code": …,
     "sections": [{"title": …, "description": …,
                   "questions": [{"key": …, "text": …, "kind": …, "required": …, …}]}]}

A question carries only the fields of QUESTION_FIELDS; missing ones take the model's defaults.
"""

import json
import re
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.latin import latin
from mentoring.models import Organisation, User

from ..models import (
    Participation,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    Section,
)

FILE_FORMAT = "nastavnik-questionnaire"
FILE_FORMAT_VERSION = 1
QUESTION_FIELDS = (
    "key",
    "text",
    "help_text",
    "kind",
    "required",
    "options",
    "allow_other",
    "scale_min",
    "scale_max",
    "scale_labels",
    "rows",
    "min_value",
    "max_value",
    "person_set",
    "max_ranked",
    "show_if_key",
    "show_if_values",
)


def version_data(version: QuestionnaireVersion) -> dict[str, Any]:
    """The questionnaire of this version as a plain structure (export, copy)."""
    questionnaire = version.questionnaire
    sections = version.sections.prefetch_related("questions")
    return {
        "format": FILE_FORMAT,
        "format_version": FILE_FORMAT_VERSION,
        "title": questionnaire.title,
        "description": questionnaire.description,
        "kind": questionnaire.kind,
        "respondent": questionnaire.respondent,
        "form_code": questionnaire.form_code,
        "sections": [
            {
                "title": section.title,
                "description": section.description,
                "questions": [
                    {field: getattr(question, field) for field in QUESTION_FIELDS}
                    for question in section.questions.all()
                ],
            }
            for section in sections
        ],
    }


def _checked(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        raise ValidationError(_("Это не файл анкеты «Наставника»."))
    if data.get("format_version") != FILE_FORMAT_VERSION:
        raise ValidationError(
            _("Файл анкеты сохранён другой версией программы (формат %(version)s).")
            % {"version": data.get("format_version")}
        )
    if not isinstance(data.get("sections"), list) or not data["sections"]:
        raise ValidationError(_("В файле анкеты нет ни одного раздела."))
    for number, section in enumerate(data["sections"], start=1):
        questions = section.get("questions", []) if isinstance(section, dict) else None
        if not isinstance(questions, list) or not all(isinstance(q, dict) for q in questions):
            raise ValidationError(
                _("Раздел %(number)s файла анкеты записан неверно: в нём нет списка вопросов.")
                % {"number": number}
            )
    for name in ("title", "description", "kind", "respondent", "form_code"):
        if not isinstance(data.get(name, ""), str):
            raise ValidationError(
                _("Поле «%(name)s» файла анкеты должно быть текстом.") % {"name": name}
            )
    return data


@transaction.atomic
def version_fill(*, version: QuestionnaireVersion, sections: list[dict[str, Any]]) -> None:
    """Create the sections and questions of an empty version, validating each question."""
    keys: set[str] = set()
    for section_position, section_data in enumerate(sections, start=1):
        section = Section(
            version=version,
            position=section_position,
            title=section_data.get("title")
            or _("Раздел %(number)s") % {"number": section_position},
            description=section_data.get("description", ""),
        )
        section.full_clean(exclude=["version"])
        section.save()
        for position, question_data in enumerate(section_data.get("questions", []), start=1):
            fields = {
                name: question_data[name] for name in QUESTION_FIELDS if name in question_data
            }
            question = Question(section=section, position=position, **fields)
            try:
                question.full_clean(exclude=["section"])
            except ValidationError as error:
                raise ValidationError(
                    _("Раздел %(section)s, вопрос %(number)s: %(errors)s")
                    % {
                        "section": section_position,
                        "number": position,
                        "errors": "; ".join(error.messages),
                    }
                ) from None
            if question.key in keys:
                raise ValidationError(
                    _("Код пункта «%(key)s» повторяется: у каждого вопроса он свой.")
                    % {"key": question.key}
                )
            keys.add(question.key)
            question.save()
    _check_show_if(_questions_in_order(version))


@transaction.atomic
def questionnaire_create_from_data(
    *,
    organisation: Organisation,
    data: Any,
    created_by: User | None,
    library_key: str = "",
    title: str | None = None,
) -> Questionnaire:
    """A new questionnaire with version 1 from a file's, the library's or a copy's data."""
    data = _checked(data)
    questionnaire = Questionnaire(
        organisation=organisation,
        title=title or data.get("title") or _("Анкета без названия"),
        description=data.get("description", ""),
        kind=data.get("kind") or Questionnaire.Kind.OTHER,
        respondent=data.get("respondent") or Questionnaire.Respondent.ANY,
        form_code=data.get("form_code", ""),
        library_key=library_key,
        created_by=created_by,
    )
    questionnaire.full_clean(exclude=["organisation", "created_by"])
    questionnaire.save()
    version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
    version_fill(version=version, sections=data["sections"])
    return questionnaire


# The builder: every write goes to the version being edited, which version_for_edit gives.

KEY_MAX_WORDS = 4
KEY_MAX_LENGTH = 40


def key_from_text(text: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A slug for an item key, transliterated from the first words of the text, not in `taken`."""
    words = re.findall(r"[a-z0-9]+", latin(text))[:KEY_MAX_WORDS]
    base = "_".join(words)[:KEY_MAX_LENGTH].strip("_") or "q"
    if base[0].isdigit():
        base = f"q_{base}"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


def version_is_answered(version: QuestionnaireVersion) -> bool:
    """Whether someone has answered this version or started to (a saved draft)."""
    return (
        Response.objects.filter(version=version).exists()
        or Participation.objects.filter(campaign__version=version).exclude(draft={}).exists()
    )


@transaction.atomic
def version_for_edit(questionnaire: Questionnaire) -> QuestionnaireVersion:
    """The version an edit goes to: the current one while nobody has answered it, otherwise a
    new version with a copy of its sections and questions (same item keys). Campaigns keep
    their version and answers keep the questions they answered."""
    current = (
        QuestionnaireVersion.objects.select_for_update()
        .filter(questionnaire=questionnaire)
        .order_by("-number")
        .first()
    )
    if current is None:
        return QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
    if not version_is_answered(current):
        return current
    new = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=current.number + 1
    )
    for section in current.sections.prefetch_related("questions"):
        questions = list(section.questions.all())
        section.pk = None
        section.version = new
        section.save()
        for question in questions:
            question.pk = None
            question.section = section
        Question.objects.bulk_create(questions)
    return new


def _section_for_edit(section: Section) -> Section:
    version = version_for_edit(section.version.questionnaire)
    if version.pk == section.version_id:
        return section
    try:
        return version.sections.get(position=section.position)
    except Section.DoesNotExist:
        raise ValidationError(
            _("Этого раздела нет в текущей версии анкеты: откройте её и повторите.")
        ) from None


def _question_for_edit(question: Question) -> Question:
    version = version_for_edit(question.section.version.questionnaire)
    if version.pk == question.section.version_id:
        return question
    try:
        return Question.objects.select_related("section__version").get(
            section__version=version, key=question.key
        )
    except Question.DoesNotExist:
        raise ValidationError(
            _("Этого вопроса нет в текущей версии анкеты: откройте её и повторите.")
        ) from None


def _questions_in_order(version: QuestionnaireVersion) -> list[Question]:
    return list(
        Question.objects.filter(section__version=version).order_by(
            "section__position", "section__pk", "position", "pk"
        )
    )


def show_if_choices(question: Question) -> list[tuple[Any, str]]:
    """The answers of `question` another question may depend on, as (stored value, label)."""
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        choices = [(option["value"], option["label"]) for option in question.options]
        if question.allow_other:
            choices.append(("__other__", _("другое")))
        return choices
    if question.kind == Question.Kind.YES_NO:
        return [(True, _("да")), (False, _("нет"))]
    if question.kind == Question.Kind.SCALE:
        labels = question.scale_labels or []
        return [
            (point, f"{point} — {labels[i]}" if i < len(labels) and labels[i] else str(point))
            for i, point in enumerate(question.scale_points)
        ]
    return []


def _check_show_if(questions: list[Question]) -> None:
    """Each show-if names an earlier question and answers it can have; the keys are unique."""
    earlier: dict[str, Question] = {}
    for question in questions:
        if question.key in earlier:
            raise ValidationError(
                _("Код пункта «%(key)s» повторяется: у каждого вопроса он свой.")
                % {"key": question.key}
            )
        if question.show_if_key:
            condition = earlier.get(question.show_if_key)
            if condition is None:
                raise ValidationError(
                    _(
                        "Вопрос «%(text)s» показывается по ответу на пункт «%(key)s», но такого "
                        "пункта нет выше него. Выберите вопрос, который стоит раньше."
                    )
                    % {"text": question.text[:60], "key": question.show_if_key}
                )
            allowed = [value for value, _label in show_if_choices(condition)]
            if not allowed:
                raise ValidationError(
                    _(
                        "Вопрос «%(text)s» зависит от пункта «%(key)s», но показ по ответу "
                        "возможен только на вопрос с вариантами, «да / нет» или шкалу."
                    )
                    % {"text": question.text[:60], "key": condition.key}
                )
            wrong = [
                value
                for value in question.show_if_values
                if not any(value == a and type(value) is type(a) for a in allowed)
            ]
            if wrong:
                raise ValidationError(
                    _(
                        "У пункта «%(key)s» нет ответов %(values)s, от которых зависит вопрос "
                        "«%(text)s». Выберите из его вариантов."
                    )
                    % {
                        "key": condition.key,
                        "values": ", ".join(f"«{value}»" for value in wrong),
                        "text": question.text[:60],
                    }
                )
        earlier[question.key] = question


@transaction.atomic
def questionnaire_create(
    *,
    organisation: Organisation,
    created_by: User | None,
    title: str,
    description: str = "",
    kind: str = Questionnaire.Kind.OTHER,
    respondent: str = Questionnaire.Respondent.ANY,
    form_code: str = "",
) -> Questionnaire:
    """A new questionnaire with version 1 and an empty first section to add questions to."""
    questionnaire = Questionnaire(
        organisation=organisation,
        title=title,
        description=description,
        kind=kind,
        respondent=respondent,
        form_code=form_code,
        created_by=created_by,
    )
    questionnaire.full_clean(exclude=["organisation", "created_by"])
    questionnaire.save()
    version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
    Section.objects.create(version=version, position=1, title=_("Раздел 1"))
    return questionnaire


QUESTIONNAIRE_FIELDS = ("title", "description", "kind", "respondent", "form_code")


@transaction.atomic
def questionnaire_update(*, questionnaire: Questionnaire, **fields: Any) -> Questionnaire:
    """Title, description and purpose: they describe every version, so no new version."""
    changed = [name for name in QUESTIONNAIRE_FIELDS if name in fields]
    for name in changed:
        setattr(questionnaire, name, fields[name])
    questionnaire.full_clean(exclude=["organisation", "created_by"])
    questionnaire.save(update_fields=changed)
    return questionnaire


@transaction.atomic
def questionnaire_copy(*, questionnaire: Questionnaire, created_by: User | None) -> Questionnaire:
    """A new questionnaire «Копия — …» whose version 1 is the current version's questions."""
    from ..selectors.questionnaires import current_version

    data = version_data(current_version(questionnaire))
    title = _("Копия — %(title)s") % {"title": questionnaire.title}
    max_length = Questionnaire._meta.get_field("title").max_length
    return questionnaire_create_from_data(
        organisation=questionnaire.organisation,
        data=data,
        created_by=created_by,
        title=title[:max_length],
    )


@transaction.atomic
def questionnaire_archive(*, questionnaire: Questionnaire) -> Questionnaire:
    if questionnaire.archived_at is None:
        questionnaire.archived_at = timezone.now()
        questionnaire.save(update_fields=["archived_at"])
    return questionnaire


@transaction.atomic
def questionnaire_restore(*, questionnaire: Questionnaire) -> Questionnaire:
    if questionnaire.archived_at is not None:
        questionnaire.archived_at = None
        questionnaire.save(update_fields=["archived_at"])
    return questionnaire


IMPORT_MAX_BYTES = 1024 * 1024


def questionnaire_file_read(file: IO[bytes]) -> dict[str, Any]:
    """The data of an uploaded questionnaire file, or a ValidationError saying what is wrong."""
    content = file.read(IMPORT_MAX_BYTES + 1)
    if len(content) > IMPORT_MAX_BYTES:
        raise ValidationError(
            _("Файл больше 1 МБ: анкета столько не занимает. Выберите файл, выгруженный из анкеты.")
        )
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "Файл не текстовый (не в кодировке UTF-8). Выберите файл .json, выгруженный из анкеты."
            )
        ) from None
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("Файл не в формате JSON: ошибка в строке %(line)s, позиция %(column)s.")
            % {"line": error.lineno, "column": error.colno}
        ) from None
    return _checked(data)


@transaction.atomic
def questionnaire_import(
    *, organisation: Organisation, data: dict[str, Any], created_by: User | None
) -> Questionnaire:
    """A questionnaire from a shared file's data: all of it or, on any error, nothing."""
    return questionnaire_create_from_data(
        organisation=organisation, data=data, created_by=created_by
    )


@transaction.atomic
def section_create(*, questionnaire: Questionnaire, title: str, description: str = "") -> Section:
    version = version_for_edit(questionnaire)
    last = version.sections.order_by("-position").values_list("position", flat=True).first()
    section = Section(
        version=version, position=(last or 0) + 1, title=title, description=description
    )
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_update(*, section: Section, title: str, description: str = "") -> Section:
    section = _section_for_edit(section)
    section.title, section.description = title, description
    section.full_clean()
    section.save(update_fields=["title", "description"])
    return section


def _renumber(items: list) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def section_delete(*, section: Section) -> QuestionnaireVersion:
    """Remove a section with its questions; refused for the last one or when a question left
    depends on one of them."""
    section = _section_for_edit(section)
    version = section.version
    sections = list(version.sections.order_by("position", "pk"))
    if len(sections) == 1:
        raise ValidationError(
            _("Это единственный раздел анкеты: в анкете должен остаться хотя бы один.")
        )
    deleted_pk = section.pk
    section.delete()
    _check_show_if(_questions_in_order(version))
    _renumber([item for item in sections if item.pk != deleted_pk])
    return version


@transaction.atomic
def section_move(*, section: Section, up: bool) -> Section:
    section = _section_for_edit(section)
    sections = list(section.version.sections.order_by("position", "pk"))
    index = next(i for i, item in enumerate(sections) if item.pk == section.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(sections):
        return section
    sections[index], sections[other] = sections[other], sections[index]
    _renumber(sections)
    _check_show_if(_questions_in_order(section.version))
    return section


def _section_keys(version: QuestionnaireVersion, exclude_pk: int | None = None) -> set[str]:
    questions = Question.objects.filter(section__version=version)
    if exclude_pk is not None:
        questions = questions.exclude(pk=exclude_pk)
    return set(questions.values_list("key", flat=True))


def _question_set(question: Question, fields: dict[str, Any], taken: set[str]) -> None:
    for name in QUESTION_FIELDS:
        if name in fields:
            setattr(question, name, fields[name])
    if not question.key:
        question.key = key_from_text(question.text, taken)
    elif question.key in taken:
        raise ValidationError(
            {
                "key": _(
                    "Код пункта «%(key)s» уже есть у другого вопроса анкеты: "
                    "придумайте другой или оставьте поле пустым."
                )
                % {"key": question.key}
            }
        )
    question.full_clean(exclude=["section"])


@transaction.atomic
def question_create(*, section: Section, fields: dict[str, Any]) -> Question:
    """A question at the end of the section; an empty key is made from the text."""
    section = _section_for_edit(section)
    last = section.questions.order_by("-position").values_list("position", flat=True).first()
    question = Question(section=section, position=(last or 0) + 1)
    _question_set(question, fields, _section_keys(section.version))
    question.save()
    _check_show_if(_questions_in_order(section.version))
    return question


@transaction.atomic
def question_update(*, question: Question, fields: dict[str, Any]) -> Question:
    question = _question_for_edit(question)
    version = question.section.version
    old_key = question.key
    _question_set(question, fields, _section_keys(version, exclude_pk=question.pk))
    question.save()
    if old_key != question.key:
        # Questions shown by this one's answer follow its new key.
        Question.objects.filter(section__version=version, show_if_key=old_key).update(
            show_if_key=question.key
        )
    _check_show_if(_questions_in_order(version))
    return question


@transaction.atomic
def question_delete(*, question: Question) -> QuestionnaireVersion:
    question = _question_for_edit(question)
    version = question.section.version
    dependent = (
        Question.objects.filter(section__version=version, show_if_key=question.key)
        .values_list("text", flat=True)
        .first()
    )
    if dependent is not None:
        raise ValidationError(
            _(
                "От ответа на этот вопрос зависит показ вопроса «%(text)s»: сначала уберите "
                "у него условие показа."
            )
            % {"text": dependent[:60]}
        )
    section = question.section
    question.delete()
    _renumber(list(section.questions.order_by("position", "pk")))
    return version


@transaction.atomic
def question_move(*, question: Question, up: bool) -> Question:
    """One place up or down; past the edge of its section, into the neighbouring section."""
    question = _question_for_edit(question)
    section = question.section
    questions = list(section.questions.order_by("position", "pk"))
    index = next(i for i, item in enumerate(questions) if item.pk == question.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
        _renumber(questions)
    else:
        sections = list(section.version.sections.order_by("position", "pk"))
        at = next(i for i, item in enumerate(sections) if item.pk == section.pk)
        target_at = at - 1 if up else at + 1
        if not 0 <= target_at < len(sections):
            return question
        target = sections[target_at]
        others = list(target.questions.order_by("position", "pk"))
        question.section = target
        question.save(update_fields=["section"])
        _renumber(others + [question] if up else [question] + others)
        _renumber([item for item in questions if item.pk != question.pk])
    _check_show_if(_questions_in_order(section.version))
    return question
