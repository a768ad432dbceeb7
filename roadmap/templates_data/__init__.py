"""Built-in roadmap templates, transcribed from real schools' documents (one module each):
stages → activities with their deadlines and responsible as the documents write them."""

import re
from dataclasses import dataclass
from types import ModuleType

from django.utils.functional import Promise

from mentoring.models import Duty, Role

from . import model_2022, programme_34, school_2023, school_2024, students_2022


@dataclass(frozen=True)
class TemplateActivity:
    title: str
    content: str = ""
    deadline: str = ""
    responsible: str = ""
    result: str = ""
    # The document's own number and the sub-heading it sets over the activity, if any.
    label: str = ""
    subheading: str = ""

    @property
    def responsible_roles(self) -> list[str]:
        return roles_from_text(self.responsible)


@dataclass(frozen=True)
class TemplateStage:
    number: int
    title: str
    activities: tuple[TemplateActivity, ...]


@dataclass(frozen=True)
class Template:
    key: str
    title: str | Promise
    source: str | Promise
    # The document's own heading: a roadmap made from the template is called by it.
    heading: str
    # The academic year (its first calendar year) the dates in the texts were written for.
    start_year: int
    stages: tuple[TemplateStage, ...]
    # How the texts name the school that wrote them; a roadmap made from them names its own.
    school_names: tuple[str, ...] = ()

    @property
    def activity_count(self) -> int:
        return sum(len(stage.activities) for stage in self.stages)


def _load(module: ModuleType) -> Template:
    return Template(
        key=module.KEY,
        title=module.TITLE,
        source=module.SOURCE,
        heading=module.HEADING,
        start_year=module.START_YEAR,
        stages=tuple(
            TemplateStage(
                number=stage["number"],
                title=stage["title"],
                activities=tuple(TemplateActivity(**a) for a in stage["activities"]),
            )
            for stage in module.STAGES
        ),
        school_names=getattr(module, "SCHOOL_NAMES", ()),
    )


# In the order a page offers them: the municipal model first, then the schools' own.
TEMPLATES: dict[str, Template] = {
    t.key: t
    for t in map(_load, (model_2022, school_2023, school_2024, programme_34, students_2022))
}


def template_list() -> list[Template]:
    return list(TEMPLATES.values())


def template_choices() -> list[tuple[str, str | Promise]]:
    """(key, title) pairs for a form's choice field."""
    return [(t.key, t.title) for t in TEMPLATES.values()]


_DEPUTY = re.compile(r"(?:заместител\w*|зам\.?)\s*директора")
_RULES = (
    (re.compile(r"\bдиректор\b"), Role.DIRECTOR),
    (re.compile(r"\bкуратор"), Role.CURATOR),
    (re.compile(r"психолог"), Role.PSYCHOLOGIST),
    (re.compile(r"\bнаставник(?:и|ов)?\b|\bпедагоги\b"), Role.TEACHER),
)
# Positions and duties the seeds' roadmaps name (Duty): «Классные руководители», «Руководители
# ШМО» / «Председатели МО», «Социальный педагог», «ответственный за сайт».
_DUTY_RULES = (
    (re.compile(r"\bклассн\w* руководител"), Duty.CLASS_TEACHER),
    (
        re.compile(
            r"\b(?:руководител|председател)\w*\s+(?:ш?мо\b|шко\w+ методическ|методическ\w+ объед)"
        ),
        Duty.SMO_HEAD,
    ),
    (re.compile(r"\bсоц(?:иальн\w*|\.)?\s*педагог"), Duty.SOCIAL_PEDAGOGUE),
    (re.compile(r"\bответственн\w*\s+за\s+(?:ведение\s+)?(?:школьн\w+\s+)?сайт"), Duty.WEBSITE),
)


def roles_from_text(text: str) -> list[str]:
    """The roles and duties a «responsible» cell names where it is plain: the director; a
    deputy director or the curator (who runs the programme); the psychologist; mentors and
    teachers; then class teachers, heads of subject associations, the social pedagogue and
    the person responsible for the website. Roles first, then duties, each in catalogue order."""
    text = text.lower().replace("ё", "е")
    found = set()
    if _DEPUTY.search(text):
        found.add(Role.CURATOR)
        text = _DEPUTY.sub(" ", text)
    found |= {role for pattern, role in _RULES if pattern.search(text)}
    duties = {duty for pattern, duty in _DUTY_RULES if pattern.search(text)}
    return [role.value for role in Role if role in found] + [
        duty.value for duty in Duty if duty in duties
    ]
