"""The curator's evaluation of a programme by the table «Показатели эффективности реализации
Программы наставничества» (seed 003 §6): nine indicators under three criteria, each scored
0 (не проявляется), 1 (проявляется частично) or 2 (проявляется в полной мере); the total of
0–18 points gives the level: 15–18 optimal, 9–14 acceptable, 0–8 unacceptable."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Response

SCALE_LABELS = ("не проявляется", "проявляется частично", "проявляется в полной мере")
POINTS = (0, 1, 2)


@dataclass(frozen=True)
class Indicator:
    key: str
    criterion: str
    text: str


_PROGRAMME = "Оценка программы наставничества в организации"
_PARTICIPANTS = "Определение эффективности участников наставнической деятельности в организации"
_MENTEE = "Изменения в личности наставляемого"

# The seed's wording, its line breaks joined.
INDICATORS = (
    Indicator(
        "eval_goals",
        _PROGRAMME,
        "Соответствие наставнической деятельности цели и задачам, по которым она осуществляется",
    ),
    Indicator(
        "eval_principles",
        _PROGRAMME,
        "Соответствие организации наставнической деятельности принципам, заложенным в программе",
    ),
    Indicator(
        "eval_approaches",
        _PROGRAMME,
        "Соответствие наставнической деятельности современным подходам и технологиям",
    ),
    Indicator(
        "eval_climate",
        _PROGRAMME,
        "Наличие комфортного психологического климата в организации",
    ),
    Indicator(
        "eval_mentor_logic",
        _PROGRAMME,
        "Логичность деятельности наставника, понимание им ситуации наставляемого и "
        "правильность выбора основного направления взаимодействия",
    ),
    Indicator(
        "eval_satisfaction",
        _PARTICIPANTS,
        "Степень удовлетворённости всех участников наставнической деятельности",
    ),
    Indicator(
        "eval_partners",
        _PARTICIPANTS,
        "Уровень удовлетворённости партнёров от взаимодействия в наставнической деятельности",
    ),
    Indicator(
        "eval_activity",
        _MENTEE,
        "Активность и заинтересованность в участии в мероприятиях, связанных с "
        "наставнической деятельностью",
    ),
    Indicator(
        "eval_application",
        _MENTEE,
        "Степень применения наставляемыми полученных от наставника знаний, умений и опыта в "
        "профессиональных (учебных, жизненных) ситуациях, активная гражданская позиция",
    ),
)
INDICATOR_KEYS = tuple(indicator.key for indicator in INDICATORS)
MAX_TOTAL = 2 * len(INDICATORS)
# The lowest total of each level, highest first.
LEVEL_FLOORS = (
    (15, Response.Level.OPTIMAL),
    (9, Response.Level.ACCEPTABLE),
    (0, Response.Level.UNACCEPTABLE),
)


def level_of(total: int) -> str:
    for floor, level in LEVEL_FLOORS:
        if total >= floor:
            return level
    raise ValueError(total)


def _points(indicator: Indicator, value: Any) -> int:
    # A JSON number may come back as 2.0; a bool is not a score.
    if isinstance(value, bool) or not isinstance(value, int | float) or value not in POINTS:
        raise ValidationError(
            _("Показатель «%(indicator)s» оценён как «%(value)s»: поставьте 0, 1 или 2 балла.")
            % {"indicator": indicator.text, "value": value}
        )
    return int(value)


def evaluation_result(answers: Mapping[str, Any]) -> tuple[int, str]:
    """The total of the nine indicators and its level. The evaluation is complete or not
    computed: an indicator without a score is refused, naming it."""
    missing = [i for i in INDICATORS if answers.get(i.key) in (None, "")]
    if missing:
        raise ValidationError(
            _(
                "Оценка не подсчитана: не оценены показатели %(indicators)s. Поставьте каждому "
                "показателю 0, 1 или 2 балла."
            )
            % {"indicators": "; ".join(f"«{i.text}»" for i in missing)}
        )
    total = sum(_points(i, answers[i.key]) for i in INDICATORS)
    return total, level_of(total)
