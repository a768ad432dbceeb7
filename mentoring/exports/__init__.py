"""Workbooks of the banks and pairs as the curator downloads them."""

from ..models.consents import Restriction


def restriction_text(restriction: Restriction) -> str:
    """What a workbook says of a restricted person besides the name; files stay Russian."""
    return (
        f"согласие на обработку ПДн отозвано {restriction.withdrawn_on:%d.%m.%Y}, "
        f"данные уничтожить до {restriction.destroy_by:%d.%m.%Y}"
    )
