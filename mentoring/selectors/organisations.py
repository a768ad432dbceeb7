"""Reads of organisations and their academic years."""

from ..models import AcademicYear, Organisation


def current_academic_year(organisation: Organisation) -> AcademicYear | None:
    return AcademicYear.objects.filter(organisation=organisation, is_current=True).first()
