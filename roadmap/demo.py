"""The demo school's roadmap: the 2023–2024 roadmap of a real school, moved to the current year."""

from mentoring.models import Membership, Organisation, Role

from .models import Roadmap
from .services.roadmap import roadmap_create_from_template

DEMO_TEMPLATE = "school_2023"


def roadmap_add(school: Organisation) -> None:
    year = school.academic_years.filter(is_current=True).first()
    if year is None or Roadmap.objects.filter(organisation=school, academic_year=year).exists():
        return
    curator = Membership.objects.filter(organisation=school, role=Role.CURATOR).first()
    roadmap_create_from_template(
        organisation=school,
        academic_year=year,
        template_key=DEMO_TEMPLATE,
        actor=curator.user if curator else None,
    )
