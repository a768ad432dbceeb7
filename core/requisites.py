"""Checks of a legal entity's requisites: ИНН and ОГРН with their check digits."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def inn_check_digit(first_nine: str) -> int:
    """The tenth digit of a legal entity's ИНН (order of the Federal Tax Service)."""
    return sum(int(d) * w for d, w in zip(first_nine, _INN_WEIGHTS, strict=True)) % 11 % 10


def ogrn_check_digit(first_twelve: str) -> int:
    """The thirteenth digit of an ОГРН: the remainder of the first twelve by 11, its last digit."""
    return int(first_twelve) % 11 % 10


def validate_inn(value: str) -> None:
    """The ИНН of an organisation: ten digits, the last one the check digit."""
    if not (value.isdigit() and len(value) == 10):
        raise ValidationError(
            _("ИНН организации — 10 цифр, без пробелов и букв (у вас: «%(value)s»).")
            % {"value": value},
            code="inn_format",
        )
    if int(value[9]) != inn_check_digit(value[:9]):
        raise ValidationError(
            _("В ИНН %(value)s не сходится контрольная цифра: проверьте, нет ли опечатки.")
            % {"value": value},
            code="inn_checksum",
        )


def validate_ogrn(value: str) -> None:
    """The ОГРН of an organisation: thirteen digits, the last one the check digit."""
    if not (value.isdigit() and len(value) == 13):
        raise ValidationError(
            _("ОГРН организации — 13 цифр, без пробелов и букв (у вас: «%(value)s»).")
            % {"value": value},
            code="ogrn_format",
        )
    if value[0] not in "15":
        raise ValidationError(
            _("ОГРН организации начинается с 1 или 5 (у вас: «%(value)s»).") % {"value": value},
            code="ogrn_kind",
        )
    if int(value[12]) != ogrn_check_digit(value[:12]):
        raise ValidationError(
            _("В ОГРН %(value)s не сходится контрольная цифра: проверьте, нет ли опечатки.")
            % {"value": value},
            code="ogrn_checksum",
        )
