from core.spreadsheets import Mapping

from ..models import ImportLayout, Organisation


def import_layout_remember(
    *, organisation: Organisation, target: str, layout: str, mapping: Mapping
) -> None:
    """Keep the user's choice of fields for the school's next file of this layout."""
    ImportLayout.objects.update_or_create(
        organisation=organisation, target=target, layout=layout, defaults={"mapping": mapping}
    )
