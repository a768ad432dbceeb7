"""Checks of a legal entity's requisites: ИНН and ОГРН with their check digits."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def inn_check_digit(first_nine: str) -> int:
    """The tenth digit of a legal entity's ИНН (order of the Federal Tax Service)."""
    return sum(int(d) * w for d, w in zip(first_nine, _INN_WEIGHTS, strict=True)) % 11 % 10


def ogrn_check_digit(first_twelve: str) -> int:
    """The thirteenth digit of an ОГРН: the remainder of the first twelve by 11, its last digit."""
    return int(first_twelve) % 11 % 10


def _check(value: str, name: str, length: int, check_digit: Callable[[str], int]) -> None:
    values = {"name": name, "length": length, "value": value}
    if not (value.isdigit() and len(value) == length):
        raise ValidationError(
            _("%(name)s организации — %(length)s цифр, без пробелов и букв (у вас: «%(value)s»).")
            % values,
            code="format",
        )
    if int(value[-1]) != check_digit(value[:-1]):
        raise ValidationError(
            _("В %(name)s %(value)s не сходится контрольная цифра: проверьте, нет ли опечатки.")
            % values,
            code="checksum",
        )


def validate_inn(value: str) -> None:
    """The ИНН of an organisation: ten digits, the last one the check digit."""
    _check(value, "ИНН", 10, inn_check_digit)


def validate_ogrn(value: str) -> None:
    """The ОГРН of an organisation: thirteen digits starting with 1 or 5 (a legal entity's
    record), the last one the check digit."""
    if value.isdigit() and len(value) == 13 and value[0] not in "15":
        raise ValidationError(
            _("ОГРН организации начинается с 1 или 5 (у вас: «%(value)s»).") % {"value": value},
            code="ogrn_kind",
        )
    _check(value, "ОГРН", 13, ogrn_check_digit)
