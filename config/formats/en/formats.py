"""The English interface keeps the Russian ДД.ММ.ГГГГ and 24-hour times: the same school's
documents and staff read one date format whatever language the page is in."""

from config.formats.ru.formats import (  # noqa: F401
    DATE_FORMAT,
    DATE_INPUT_FORMATS,
    DATETIME_FORMAT,
    DATETIME_INPUT_FORMATS,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    TIME_FORMAT,
    TIME_INPUT_FORMATS,
)

FIRST_DAY_OF_WEEK = 1  # Monday
