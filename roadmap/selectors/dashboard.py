"""What the roadmap adds to a school's dashboard: its done and overdue activities, each figure
counted by the roadmap page's own filter."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentoring.extensions import DashboardTile
from mentoring.models import AcademicYear, Organisation
from mentoring.permissions import Action as MentoringAction
from mentoring.permissions import allows

from ..models import Activity
from ..permissions import Action
from .roadmap import OVERDUE, activities_filtered, roadmap_of_year


def roadmap_tiles(organisation: Organisation, roles, year: AcademicYear | None) -> list:
    """For those who run the programme (a teacher sees her own tasks instead)."""
    if year is None or not (
        allows(roles, Action.ROADMAP_VIEW) and allows(roles, MentoringAction.PEOPLE_VIEW)
    ):
        return []
    roadmap = roadmap_of_year(organisation, year)
    if roadmap is None:
        return []
    today = timezone.localdate()
    base = reverse("roadmap_detail", args=[organisation.pk])
    tiles = []
    for key, label, status in (
        ("activities_done", _("Мероприятий выполнено"), Activity.Status.DONE),
        ("activities_overdue", _("Мероприятий просрочено"), OVERDUE),
    ):
        params = {"year": year.pk, "status": status}
        rows = activities_filtered(roadmap, params, today)
        tiles.append(DashboardTile(key, label, rows, f"{base}?{urlencode(params)}"))
    return tiles
