"""Writes to organisations and their academic years."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import AcademicYear, Organisation

ORGANISATION_FIELDS = (
    "full_name",
    "short_name",
    "address",
    "city",
    "director_name",
    "director_position",
    "phone",
    "email",
    "inn",
    "ogrn",
)
# A municipality's requisites: the education authority is the body its schools' consent forms
# name as the one the data go to.
MUNICIPALITY_FIELDS = (
    "full_name",
    "short_name",
    "address",
    "director_name",
    "director_position",
    "phone",
    "email",
    "authority_name",
    "authority_address",
)


@transaction.atomic
def organisation_update(*, organisation: Organisation, data: dict) -> list[str]:
    fields = ORGANISATION_FIELDS if organisation.is_school else MUNICIPALITY_FIELDS
    changed = [k for k in fields if k in data and getattr(organisation, k) != data[k]]
    for field in changed:
        setattr(organisation, field, data[field])
    if changed:
        organisation.full_clean()
        organisation.save(update_fields=changed)
    return changed


@transaction.atomic
def academic_year_create(
    *, organisation: Organisation, start_year: int, make_current: bool = False
) -> AcademicYear:
    start, end = AcademicYear.bounds_for(start_year)
    if AcademicYear.objects.filter(organisation=organisation, start_date=start).exists():
        raise ValidationError(
            _("Учебный год %(title)s уже есть.") % {"title": f"{start.year}/{end.year}"}
        )
    year = AcademicYear.objects.create(organisation=organisation, start_date=start, end_date=end)
    if make_current or not organisation.academic_years.filter(is_current=True).exists():
        academic_year_make_current(year=year)
    return year


@transaction.atomic
def academic_year_make_current(*, year: AcademicYear) -> None:
    # Lock the organisation's years so two requests cannot leave two current years.
    list(AcademicYear.objects.select_for_update().filter(organisation_id=year.organisation_id))
    AcademicYear.objects.filter(organisation_id=year.organisation_id, is_current=True).exclude(
        pk=year.pk
    ).update(is_current=False)
    if not year.is_current:
        year.is_current = True
        year.save(update_fields=["is_current"])
