"""The coordinator's figures: one library questionnaire across the municipality's schools.

Only counts and means, never a named answer nor a text; a school with fewer than MIN_GROUP
responses shows no figure, and the municipality's means count only the schools shown, so
that the total minus the others cannot reveal a hidden school.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, Sum

from mentoring.models import Organisation

from ..models import Answer, Campaign, Participation, Question, Questionnaire, Response
from .results import MIN_GROUP, ResultFilters, _questions, filter_choices


@dataclass
class SchoolFigures:
    school: Organisation
    invited: int = 0
    submitted: int = 0
    responses: int = 0
    means: list[float | None] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return round(100 * self.submitted / self.invited, 1) if self.invited else None

    @property
    def hidden(self) -> bool:
        return self.responses < MIN_GROUP


@dataclass
class MunicipalResults:
    items: list[tuple[str, str]]
    schools: list[SchoolFigures]
    overall: list[float | None]
    shown_responses: int
    campaigns: int


def library_questionnaires(municipality: Organisation) -> list[tuple[str, str]]:
    """(library key, title) of the library questionnaires the schools have campaigns of."""
    rows = (
        Campaign.objects.filter(organisation__municipality=municipality)
        .exclude(version__questionnaire__library_key="")
        .values_list("version__questionnaire__library_key", "version__questionnaire__title")
        .order_by("version__questionnaire__title")
        .distinct()
    )
    seen = {}
    for key, title in rows:
        seen.setdefault(key, title)
    return sorted(seen.items(), key=lambda pair: pair[1])


def _scale_items(questions) -> list[tuple[str, str]]:
    items = []
    for question, _section in questions:
        if question.kind == Question.Kind.SCALE:
            items.append((question.key, question.text))
        elif question.kind == Question.Kind.MATRIX:
            items += [
                (f"{question.key}.{row['key']}", f"{question.text}: {row['label']}")
                for row in question.rows or []
            ]
    return items


def _campaigns(municipality: Organisation, library_key: str):
    return Campaign.objects.filter(
        organisation__municipality=municipality,
        version__questionnaire__library_key=library_key,
    )


def municipal_filter_choices(municipality: Organisation, library_key: str) -> dict:
    """The forms, roles and categories the schools' responses carry, for the filters."""
    return filter_choices(list(_campaigns(municipality, library_key).values_list("pk", flat=True)))


def municipal_survey_results(
    municipality: Organisation, library_key: str, filters: ResultFilters | None = None
) -> MunicipalResults:
    """Per school and overall; `filters` narrow the responses (form, role, category) and the
    schools (one school)."""
    filters = filters or ResultFilters()
    campaign_rows = list(_campaigns(municipality, library_key).values_list("pk", "version_id"))
    ids = [pk for pk, _version in campaign_rows]
    items = _scale_items(_questions({version for _pk, version in campaign_rows}))
    keys = [key for key, _text in items]
    all_schools = Organisation.objects.filter(
        municipality=municipality, kind=Organisation.Kind.SCHOOL
    ).order_by("short_name")
    if filters.school:
        all_schools = all_schools.filter(pk=filters.school)
    schools = {school.pk: SchoolFigures(school) for school in all_schools}
    participations = Participation.objects.filter(campaign_id__in=ids)
    if filters.school:
        participations = participations.filter(campaign__organisation_id=filters.school)
    for school_id, invited, submitted in (
        participations.values_list("campaign__organisation_id")
        .annotate(invited=Count("id"), submitted=Count("id", filter=Q(submitted_at__isnull=False)))
        .order_by()
    ):
        schools[school_id].invited, schools[school_id].submitted = invited, submitted
    for school_id, responses in (
        Response.objects.filter(Q(campaign_id__in=ids) & filters.q())
        .values_list("campaign__organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        schools[school_id].responses = responses
    sums: dict = defaultdict(dict)
    for school_id, key, mean, n, total in (
        Answer.objects.filter(
            Q(response__campaign_id__in=ids, item_key__in=keys) & filters.q("response__")
        )
        .exclude(number=None)
        .values_list("response__campaign__organisation_id", "item_key")
        .annotate(mean=Avg("number"), n=Count("id"), total=Sum("number"))
        .order_by()
    ):
        sums[school_id][key] = (mean, n, total)
    overall = []
    shown = [figures for figures in schools.values() if not figures.hidden]
    for figures in schools.values():
        figures.means = [
            None if figures.hidden else sums[figures.school.pk].get(key, (None,))[0] for key in keys
        ]
    for key in keys:
        n = sum(sums[f.school.pk].get(key, (0, 0, 0))[1] for f in shown)
        total = sum(sums[f.school.pk].get(key, (0, 0, 0))[2] for f in shown)
        overall.append(total / n if n else None)
    return MunicipalResults(
        items=items,
        schools=list(schools.values()),
        overall=overall,
        shown_responses=sum(f.responses for f in shown),
        campaigns=len(ids),
    )


def questionnaire_title(municipality: Organisation, library_key: str) -> str | None:
    return (
        Questionnaire.objects.filter(
            organisation__municipality=municipality, library_key=library_key
        )
        .values_list("title", flat=True)
        .first()
    )
