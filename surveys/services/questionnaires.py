"""Writing questionnaires: from a plain data structure (the library, a shared file, a copy)
into a questionnaire with its first version, and back.

The data structure is what a questionnaire file holds:

    {"format": "nastavnik-questionnaire", "format_version": 1,
     "title": …, "description": …, "kind": …, "respondent": …, "form_code": …,
     "sections": [{"title": …, "description": …,
                   "questions": [{"key": …, "text": …, "kind": …, "required": …, …}]}]}

A question carries only the fields of QUESTION_FIELDS; missing ones take the model's defaults.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mentoring.models import Organisation, User

from ..models import Question, Questionnaire, QuestionnaireVersion, Section

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
