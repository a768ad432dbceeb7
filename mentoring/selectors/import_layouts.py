from core.spreadsheets import Mapping

from ..models import ImportLayout, Organisation


def import_layout_mapping(organisation: Organisation, target: str, layout: str) -> Mapping | None:
    """The school's remembered choice of fields for a file layout (see core.spreadsheets)."""
    return (
        ImportLayout.objects.filter(organisation=organisation, target=target, layout=layout)
        .values_list("mapping", flat=True)
        .first()
    )
