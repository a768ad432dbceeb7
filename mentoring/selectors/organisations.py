"""Reads of organisations and their academic years."""

from ..models import AcademicYear, Organisation


def current_academic_year(organisation: Organisation) -> AcademicYear | None:
    return AcademicYear.objects.filter(organisation=organisation, is_current=True).first()


def academic_years_with_chosen(
    organisation: Organisation, raw: str | None
) -> tuple[list[AcademicYear], AcademicYear | None]:
    """The organisation's years, latest first, and the one a page shows: the year asked for
    in the query (?year=<id>), else the current one."""
    years = list(organisation.academic_years.all())
    chosen = next((y for y in years if raw and str(y.pk) == raw), None)
    return years, chosen or next((y for y in years if y.is_current), None)
