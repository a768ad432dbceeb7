"""The Положение о системе наставничества педагогических работников: the appendix of the order
that introduces mentoring, written after the structure of seed 002 and filled with the school's
data; and how the text of a text appendix is told into headings and paragraphs for print.

The text is a plain Russian string the curator may edit before the order is approved: every
non-empty line is a paragraph, and a line that is only «3. Формы и виды наставничества» is a
section heading.
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from core.names import in_sentence
from core.quotes import quoted
from mentoring.catalogues import (
    SPELLINGS,
    STUDENT_CATEGORIES,
    TEACHER_CATEGORIES,
    TEACHER_GROUNDS,
)
from mentoring.models import (
    AcademicYear,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    MentoringPair,
    Organisation,
    Person,
)

from ..selectors.legal_acts import local_act_texts

_Ground = MentorEntry.Ground

# Seed 002 §5.1: the grounds a teacher is chosen as a mentor on, in the seed's order; the
# achievements that prove the highest category are the seed's own parenthesis to it.
_ACHIEVEMENTS = (
    _Ground.CONTEST_WINNER,
    _Ground.AUTHOR,
    _Ground.WEBINAR_HOST,
    _Ground.COMMUNITY_LEADER,
)
_GROUNDS = tuple(g for g in TEACHER_GROUNDS if g not in _ACHIEVEMENTS)
# The mentee's side of a form that makes it a form of students' mentoring («учитель – ученик»).
_STUDENT_SIDES = ("ученик", "обучающийся")

TEMPLATE = "reports/regulation/regulation.txt"


def regulation_title(organisation: Organisation) -> str:
    return (
        f"Положение о системе наставничества педагогических работников в {organisation.short_name}"
    )


def _is_student_form(name: str) -> bool:
    return name.replace("—", "–").split("–")[-1].strip().lower() in _STUDENT_SIDES


def _quoted(names: list[str]) -> str:
    return ", ".join(quoted(name) for name in names)


def _runs_students_mentoring(organisation: Organisation) -> bool:
    """Whether the school has students in its mentee bank or pairs of a students' form."""
    students = MenteeEntry.objects.filter(organisation=organisation, person__grade__isnull=False)
    if students.exists():
        return True
    forms = MentoringPair.objects.filter(organisation=organisation).values_list(
        "form__name", flat=True
    )
    return any(_is_student_form(name) for name in forms.distinct())


def _mentor_grounds() -> list[str]:
    achievements = ", ".join(SPELLINGS[g][0] for g in _ACHIEVEMENTS)
    grounds = [SPELLINGS[g][0] for g in _GROUNDS]
    grounds[0] = f"{grounds[0]} ({achievements})"
    # The seed's «работников, … транслирующие» agrees with its noun here.
    return [g.replace("активно транслирующие", "активно транслирующих") for g in grounds]


def _period_clause(year: AcademicYear | None) -> str:
    if year is None:
        return "Положение действует до его отмены или замены новым положением."
    return (
        f"Положение применяется начиная с {year.title} учебного года до его отмены или замены "
        "новым положением."
    )


def _curator_clause(year: AcademicYear | None, curator: Person | None) -> str:
    clause = (
        "Куратор системы наставничества назначается приказом руководителя образовательной "
        "организации, как правило, из числа заместителей руководителя."
    )
    if curator is None:
        return clause
    who = curator.name_in("accusative")
    if curator.position:
        who += f" ({in_sentence(curator.position)})"
    period = f"В {year.title} учебном году ф" if year else "Ф"
    return f"{clause} {period}ункции куратора возложены на {who}."


def regulation_context(
    organisation: Organisation, year: AcademicYear | None, curator: Person | None
) -> dict:
    forms = MentoringForm.objects.filter(Q(organisation=None) | Q(organisation=organisation))
    names = list(forms.order_by("pk").values_list("name", flat=True))
    students = _runs_students_mentoring(organisation)
    municipality = organisation.municipality
    with translation.override("ru"):  # the catalogues' labels, in the document's language
        student_categories = [in_sentence(str(c.label)) for c in STUDENT_CATEGORIES]
    return {
        "school": organisation.short_name,
        "full_name": organisation.full_name,
        "municipality": municipality.full_name if municipality else "",
        "local_acts": local_act_texts(organisation),
        "director": " ".join(
            part
            for part in (in_sentence(organisation.director_position), organisation.director_name)
            if part
        ),
        "period_clause": _period_clause(year),
        "curator_clause": _curator_clause(year, curator),
        "teacher_forms": _quoted([n for n in names if not _is_student_form(n)]),
        "students": students,
        "student_forms": _quoted([n for n in names if _is_student_form(n)]),
        "student_categories": student_categories,
        "mentor_grounds": _mentor_grounds(),
        "teacher_categories": [SPELLINGS[c][0] for c in TEACHER_CATEGORIES],
    }


def regulation_text(
    organisation: Organisation, year: AcademicYear | None, curator: Person | None
) -> str:
    """The Положение as the curator edits it: one paragraph a line, blank lines between."""
    text = render_to_string(TEMPLATE, regulation_context(organisation, year, curator))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "clause" (numbered «1.1.») or "paragraph"
    text: str


# «3. Формы и виды наставничества»: one number, a capital, no closing punctuation.
_HEADING = re.compile(r"^\d{1,2}\.\s+[А-ЯЁA-Z][^\n]{0,150}(?<![.,;:])$")
_CLAUSE = re.compile(r"^\d{1,2}(\.\d{1,2})+\.?\s")


def text_blocks(text: str) -> list[Block]:
    """A text appendix as printed: each non-empty line a heading, a numbered clause or a
    paragraph."""
    blocks = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if _HEADING.match(line):
            kind = "heading"
        elif _CLAUSE.match(line):
            kind = "clause"
        else:
            kind = "paragraph"
        # A number stays on the line of its «№».
        blocks.append(Block(kind, line.replace("№ ", "№\u00a0")))
    return blocks


def regulation(
    organisation: Organisation, year: AcademicYear | None, curator: Person | None
) -> tuple[str, str]:
    """The title and the text of the appendix."""
    return regulation_title(organisation), regulation_text(organisation, year, curator)


def title_lines(title: str) -> tuple[str, str]:
    """«Положение о …» is printed as the kind of the act in capitals over its subject:
    («ПОЛОЖЕНИЕ», «о …»); another title is one line."""
    kind, _space, subject = title.partition(" ")
    if kind.lower() == "положение" and subject:
        return kind.upper(), subject
    return title, ""
