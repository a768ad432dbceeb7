"""A school's targets for its indicators, per academic year (seed 004)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mentoring.models import AcademicYear

from ..models import Indicator, IndicatorTarget

TARGET_MIN, TARGET_MAX = Decimal(0), Decimal(100)


def _target(indicator: str, value) -> Decimal | None:
    if value is None or value == "":
        return None
    label = Indicator(indicator).label
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationError(
            _("«%(indicator)s»: введите число от 0 до 100.") % {"indicator": label}
        ) from None
    if not number.is_finite() or not TARGET_MIN <= number <= TARGET_MAX:
        raise ValidationError(
            _("«%(indicator)s»: целевое значение — от 0 до 100 %%.") % {"indicator": label}
        )
    if number != number.quantize(Decimal("0.1")):
        raise ValidationError(
            _("«%(indicator)s»: не больше одного знака после запятой.") % {"indicator": label}
        )
    return number.quantize(Decimal("0.1"))


@transaction.atomic
def targets_save(*, year: AcademicYear, values: dict[str, object], user) -> list[IndicatorTarget]:
    """Set the year's targets: a value per indicator, None or blank for «no target» (an
    existing target is removed). Indicators not in `values` keep their targets. `user` is the
    manager saving them, checked by the view."""
    unknown = set(values) - set(Indicator.values)
    if unknown:
        raise ValidationError(_("Неизвестный показатель: %(code)s.") % {"code": min(unknown)})
    targets = {indicator: _target(indicator, value) for indicator, value in values.items()}
    existing = {
        target.indicator: target
        for target in IndicatorTarget.objects.select_for_update().filter(academic_year=year)
    }
    for indicator, value in targets.items():
        target = existing.get(indicator)
        if value is None:
            if target is not None:
                target.delete()
        elif target is None:
            IndicatorTarget.objects.create(academic_year=year, indicator=indicator, target=value)
        elif target.target != value:
            target.target = value
            target.save(update_fields=["target", "updated_at"])
    return list(IndicatorTarget.objects.filter(academic_year=year))
