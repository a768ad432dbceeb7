"""Calendar arithmetic shared by the apps."""

from calendar import monthrange
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), kept within the month: 31.01 + 1 → 28.02."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


# Non-working public holidays (Labour Code of the Russian Federation, art. 112): 1–6 and 8 January
# are the New Year holidays, 7 January is Christmas. The government's yearly transfers of days
# off are not known here.
PUBLIC_HOLIDAYS = frozenset(
    {(1, day) for day in range(1, 9)} | {(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)}
)


def is_working_day(day: date) -> bool:
    """A weekday that is not a public holiday."""
    return day.weekday() < 5 and (day.month, day.day) not in PUBLIC_HOLIDAYS


def working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day
