"""A roadmap approved by the director's order: its table in the order's appendix. The orders
app locks and unlocks it through roadmap.services.roadmap.roadmap_lock / roadmap_unlock."""

from collections.abc import Set
from datetime import date

from mentoring.models.consents import restricted

from ..models import Activity, Roadmap


def approval_text(registration_number: str, signed_on: date) -> str:
    """«от 01.09.2026 № 12»: what the roadmap page, its print and the refusals cite."""
    return f"от {signed_on:%d.%m.%Y} № {registration_number}"


def roadmap_for_year(organisation_id: int, academic_year_id: int | None) -> Roadmap | None:
    if academic_year_id is None:
        return None
    return Roadmap.objects.filter(
        organisation_id=organisation_id, academic_year_id=academic_year_id
    ).first()


def restricted_responsible(roadmap: Roadmap) -> set[int]:
    """The people named on the roadmap's activities who withdrew their processing consent:
    its documents (print, Excel, an order's appendix) do not name them."""
    named = Activity.responsible_people.through.objects.filter(activity__stage__roadmap=roadmap)
    return set(named.filter(restricted("person")).values_list("person_id", flat=True))


def responsible_line(activity: Activity, left_out: Set[int] = frozenset()) -> str:
    """The responsible as the document writes them, and the people named on the page whom
    the text does not name yet, but for those `left_out`."""
    text = activity.responsible_text.strip()
    names = [
        person.short_name
        for person in activity.responsible_people.all()
        if person.pk not in left_out
        and person.short_name not in text
        and person.full_name not in text
    ]
    return ", ".join(part for part in (text, *names) if part)


def appendix_rows(roadmap: Roadmap) -> list[dict]:
    """The order's appendix table, one row per activity, each with its stage."""
    stages = roadmap.stages.prefetch_related("activities__responsible_people")
    left_out = restricted_responsible(roadmap)
    return [
        {
            "stage": f"{stage.number}. {stage.title}",
            "number": activity.label or f"{stage.number}.{activity.number}",
            "title": activity.title,
            "content": activity.content,
            "deadline": activity.deadline_text,
            "responsible": responsible_line(activity, left_out),
            "result": activity.result,
        }
        for stage in stages
        for activity in stage.activities.all()
    ]


def appendix_is_current(roadmap: Roadmap, rows: list[dict]) -> bool:
    """Whether an order's appendix still shows the roadmap as it is: a roadmap changed after
    the draft was made would be locked in a state the director never read."""
    return appendix_rows(roadmap) == rows
