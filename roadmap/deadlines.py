"""Deadlines as schools write them in a roadmap («до 30.08.2022», «октябрь-ноябрь 2023»,
«с 1 по 15 сентября ежегодно», «весь период», «по мере необходимости», …), read against the
academic year they belong to.

Pure functions: no database, no clock. A month without a year falls in the academic year:
September–December in the year it starts, January–August in the year it ends.

A bare year («2024») is the calendar year: the work may happen any time in it and is due by
31 December, which is how a school's plan reads «2024» in a roadmap for 2024–2025 (by the end
of the calendar year, not of the academic one). Two alternatives joined by «или» («в
соответствии со сроками реализации программ наставничества или май 2021 г.») take the one
that names a month or a date; a year there that falls outside the academic year is a slip of
the pen (the same seed writes «2022 - 2021 учебный год»), so the month is read within it.
«В течение всего периода реализации ЦМН» and the like are the whole academic year."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .models import Activity

Kind = Activity.DeadlineKind


@dataclass(frozen=True)
class ParsedDeadline:
    kind: str
    start: date | None = None
    due: date | None = None
    # The (month, day) of each occurrence within a year, in the order of the academic year;
    # empty unless the deadline repeats.
    recurrence: tuple[tuple[int, int], ...] = ()
    yearly: bool = False


UNPARSED = ParsedDeadline(Kind.UNPARSED)

# Stems of the month names: any case form («сентябрь», «сентября», «сентябре»).
_MONTH_STEMS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_MONTH = (
    r"(?:январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?"
    r"|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
)
_MONTH_WORD = re.compile(rf"^{_MONTH}$")
_YEAR = r"(?:19|20)\d\d"
_DAY_MONTH = r"(\d{1,2})\.(\d{1,2})"

# «до», «не позднее», «в срок до» before a date.
_BY = r"(?:(?:в )?срок )?(?:до|не позднее)?\s*"
_DATE = re.compile(rf"{_BY}{_DAY_MONTH}\.(\d{{4}}|\d\d)")
_DAY_MONTH_ONLY = re.compile(rf"{_BY}{_DAY_MONTH}")
_DAY_MONTH_NAMED = re.compile(rf"{_BY}(\d{{1,2}})\s+({_MONTH})(?:\s+({_YEAR}))?")
_DAY_RANGE_NAMED = re.compile(
    rf"с\s*(\d{{1,2}})\s*(?:по|-|до)\s*(\d{{1,2}})\s+({_MONTH})(?:\s+({_YEAR}))?"
)
_DAY_RANGE_NUMERIC = re.compile(
    rf"с\s*{_DAY_MONTH}(?:\.({_YEAR}))?\s*(?:по|-|до)\s*{_DAY_MONTH}(?:\.({_YEAR}))?"
)
_MONTH_WITH_YEAR = re.compile(rf"(?:в\s+)?({_MONTH})(?:\s+({_YEAR}))?")

_AS_NEEDED = re.compile(
    r"(?:по мере|при) необходимости.*"
    r"|по мере формирования(?: наставнических)? (?:пар|групп|пар/групп|пар и групп)"
)
_SCHEDULE = re.compile(
    r"по (?:отдельному|утвержденному) графику|в соответствии со? срок\w*(?:[ ,]+[а-я]+)*"
)
_PROGRAMME_END = re.compile(
    r"по (?:окончани|завершени)[юи](?: сроков)?(?: реализации)? (?:персонализированных )?"
    r"программ\w*(?: наставничества)?"
)
_WHOLE_PERIOD = re.compile(
    r"весь период|постоянно|в течение (?:всего )?(?:учебного )?(?:года|периода)"
    r"(?: (?:реализации|внедрения) (?:цмн|программ\w*(?: наставничества)?))?"
)
# «(в период с 2022 по 2024 г.г.)»: the years the plan covers, not a deadline.
_PERIOD_CLAUSE = re.compile(rf"\(?\s*в период с {_YEAR} по {_YEAR}\s*(?:г\.?\s*г?\.?)?\s*\)?")
_YEARLY = re.compile(r"\bежегодно\b")
_BARE_YEAR = re.compile(rf"(?:в\s+)?({_YEAR})")
_YEAR_WORD = re.compile(rf"\s*{_YEAR}")


def _normalise(text: str) -> tuple[str, bool]:
    """Lower case, «ё» as «е», one kind of dash, words broken across lines joined again,
    «г.» after years and the covered period dropped. Returns the text and whether it
    said the deadline repeats every year."""
    text = text.lower().replace("ё", "е").replace("\xa0", " ")
    text = re.sub(r"[‐‑‒–—―−]", "-", text)
    text = re.sub(r"([а-я]+)-\s+([а-я]+)", _join_broken_word, text)
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"(?<=\d)\s*\.?\s*г(?:ода?|г)?\b\.?(?:\s*г\.)?", "", text)
    yearly = bool(_PERIOD_CLAUSE.search(text) or _YEARLY.search(text))
    text = _PERIOD_CLAUSE.sub(" ", text)
    text = _YEARLY.sub(" ", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s*/\s*", "/", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,;:()"), yearly


def _join_broken_word(match: re.Match) -> str:
    head, tail = match.groups()
    if _MONTH_WORD.match(head):
        return f"{head}-{tail}"  # «август- декабрь» is a range
    return head + tail  # «необходи- мости»


def _month_number(word: str) -> int:
    for number, stem in enumerate(_MONTH_STEMS, start=1):
        if word.startswith(stem) and (stem != "ма" or word[:3] in ("май", "мая", "мае")):
            return number
    raise ValueError(word)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _clamped(year: int, month: int, day: int) -> date:
    """The date, with 29 February moved to the 28th in a common year. A day no year has
    («31.04») is a ValueError."""
    if not 1 <= day <= _last_day(2000, month):
        raise ValueError(day)
    return date(year, month, min(day, _last_day(year, month)))


def _year_of(month: int, year_start: date, year_end: date) -> int:
    return year_start.year if month >= year_start.month else year_end.year


def _in_year(month: int, day: int, year_start: date, year_end: date) -> date:
    return _clamped(_year_of(month, year_start, year_end), month, day)


def _full_year(year: str) -> int:
    return int(year) if len(year) == 4 else 2000 + int(year)


def parse_deadline(text: str, year_start: date, year_end: date) -> ParsedDeadline:
    """Read a deadline as written; what it cannot read is UNPARSED (the text stays with
    the activity)."""
    text, yearly = _normalise(text or "")
    if not text:
        return UNPARSED
    try:
        return _parse(text, yearly, year_start, year_end) or UNPARSED
    except ValueError:  # a date that does not exist, «31.02»
        return UNPARSED


def _parse(text: str, yearly: bool, year_start: date, year_end: date) -> ParsedDeadline | None:
    if " или " in text:
        return _alternatives(text.split(" или "), yearly, year_start, year_end)
    if _AS_NEEDED.fullmatch(text):
        return ParsedDeadline(Kind.AS_NEEDED)
    if " или " not in text and _SCHEDULE.fullmatch(text):
        return ParsedDeadline(Kind.SCHEDULE)
    if _PROGRAMME_END.fullmatch(text):
        return ParsedDeadline(Kind.PROGRAMME_END, due=year_end)
    if _WHOLE_PERIOD.fullmatch(text):
        return ParsedDeadline(Kind.WHOLE_PERIOD, start=year_start, due=year_end)
    if match := _DATE.fullmatch(text):
        day, month, year = match.groups()
        return ParsedDeadline(Kind.DATE, due=date(_full_year(year), int(month), int(day)))
    if match := _DAY_MONTH_ONLY.fullmatch(text):
        return _day_month(int(match[1]), int(match[2]), None, yearly, year_start, year_end)
    if match := _DAY_MONTH_NAMED.fullmatch(text):
        day, month, year = match.groups()
        return _day_month(int(day), _month_number(month), year, yearly, year_start, year_end)
    if match := _DAY_RANGE_NAMED.fullmatch(text):
        first, last, month, year = match.groups()
        month = _month_number(month)
        return _day_range(
            (int(first), month, year), (int(last), month, year), yearly, year_start, year_end
        )
    if match := _DAY_RANGE_NUMERIC.fullmatch(text):
        d1, m1, y1, d2, m2, y2 = match.groups()
        return _day_range(
            (int(d1), int(m1), y1 or y2), (int(d2), int(m2), y2), yearly, year_start, year_end
        )
    if match := _BARE_YEAR.fullmatch(text):
        year = int(match[1])
        return ParsedDeadline(
            Kind.MONTH_RANGE, start=date(year, 1, 1), due=date(year, 12, 31), yearly=yearly
        )
    return _months(text, yearly, year_start, year_end)


def _alternatives(
    texts: list[str], yearly: bool, year_start: date, year_end: date
) -> ParsedDeadline | None:
    """«… или май 2021»: the first alternative with a date decides; one outside the
    academic year is read within it (see the module's docstring)."""
    for text in texts:
        parsed = _parse(text.strip(), yearly, year_start, year_end)
        if parsed is None or parsed.due is None:
            continue
        if parsed.kind == Kind.MONTH and not year_start <= parsed.due <= year_end:
            return _months(_YEAR_WORD.sub("", text).strip(), yearly, year_start, year_end)
        return parsed
    return None


def _day_month(
    day: int, month: int, year: str | None, yearly: bool, year_start: date, year_end: date
) -> ParsedDeadline:
    """«до 30.08.2022» is a date; «до 15.10» a date within the academic year; «до 15.10
    ежегодно» that day every year."""
    if year:
        return ParsedDeadline(Kind.DATE, due=_clamped(int(year), month, day))
    due = _in_year(month, day, year_start, year_end)
    if not yearly:
        return ParsedDeadline(Kind.DATE, due=due)
    return ParsedDeadline(Kind.RECURRING, due=due, recurrence=((month, day),), yearly=True)


def _day_range(
    first: tuple[int, int, str | None],
    last: tuple[int, int, str | None],
    yearly: bool,
    year_start: date,
    year_end: date,
) -> ParsedDeadline | None:
    start = _dated(*first, year_start, year_end)
    due = _dated(*last, year_start, year_end)
    if due < start:
        return None
    recurrence = ((due.month, due.day),) if yearly else ()
    return ParsedDeadline(
        Kind.DAY_RANGE, start=start, due=due, recurrence=recurrence, yearly=yearly
    )


def _dated(day: int, month: int, year: str | None, year_start: date, year_end: date) -> date:
    if year:
        return date(int(year), month, day)
    return _in_year(month, day, year_start, year_end)


def _months(text: str, yearly: bool, year_start: date, year_end: date) -> ParsedDeadline | None:
    """One month, a range of two («октябрь-ноябрь 2023», «сентябрь-май») or a list
    («декабрь, июнь»), each month with or without its year."""
    if "-" in text:
        parts, separator = text.split("-"), "-"
    else:
        parts, separator = re.split(r"\s*,\s*|\s+и\s+", text), ","
    months = []
    for part in parts:
        match = _MONTH_WITH_YEAR.fullmatch(part.strip())
        if not match:
            return None
        months.append((_month_number(match[1]), int(match[2]) if match[2] else None))
    if separator == "-":
        if len(months) != 2:
            return None
        return _month_range(months[0], months[1], yearly, year_start, year_end)
    if len(months) == 1:
        month, year = months[0]
        year = year or _year_of(month, year_start, year_end)
        start, due = date(year, month, 1), date(year, month, _last_day(year, month))
        recurrence = ((month, due.day),) if yearly else ()
        return ParsedDeadline(
            Kind.MONTH, start=start, due=due, recurrence=recurrence, yearly=yearly
        )
    return _month_list(months, yearly, year_start, year_end)


def _month_range(
    first: tuple[int, int | None],
    last: tuple[int, int | None],
    yearly: bool,
    year_start: date,
    year_end: date,
) -> ParsedDeadline:
    (first_month, first_year), (last_month, last_year) = first, last
    if last_year and not first_year:
        first_year = last_year if first_month <= last_month else last_year - 1
    elif first_year and not last_year:
        last_year = first_year if last_month >= first_month else first_year + 1
    elif not first_year:
        first_year = _year_of(first_month, year_start, year_end)
        last_year = first_year if last_month >= first_month else first_year + 1
    start = date(first_year, first_month, 1)
    due = date(last_year, last_month, _last_day(last_year, last_month))
    recurrence = ((last_month, due.day),) if yearly else ()
    return ParsedDeadline(
        Kind.MONTH_RANGE, start=start, due=due, recurrence=recurrence, yearly=yearly
    )


def _month_list(
    months: list[tuple[int, int | None]], yearly: bool, year_start: date, year_end: date
) -> ParsedDeadline | None:
    """Several months: the deadline comes at the end of each of them."""
    if any(year for _, year in months):
        return None
    ends = sorted(
        date(y, m, _last_day(y, m))
        for m in {m for m, _ in months}
        for y in [_year_of(m, year_start, year_end)]
    )
    recurrence = tuple((end.month, end.day) for end in ends)
    return ParsedDeadline(Kind.RECURRING, due=ends[-1], recurrence=recurrence, yearly=yearly)


def occurrences(parsed: ParsedDeadline) -> list[date]:
    """The dates a deadline falls on within its academic year, the last being `due`."""
    if parsed.due is None:
        return []
    if not parsed.recurrence:
        return [parsed.due]
    last = parsed.due
    dates = []
    for month, day in parsed.recurrence:
        year = last.year if month <= last.month else last.year - 1
        dates.append(_clamped(year, month, day))
    return sorted(dates)


def due_as_of(due_on: date | None, recurrence, today: date) -> date | None:
    """The date an activity is due as of today: for a repeating deadline (its stored
    (month, day) pairs ending on `due_on`), the next occurrence."""
    if not recurrence:
        return due_on
    parsed = ParsedDeadline(
        Kind.RECURRING, due=due_on, recurrence=tuple(tuple(pair) for pair in recurrence)
    )
    return next_due(parsed, today)


def next_due(parsed: ParsedDeadline, today: date) -> date | None:
    """The next occurrence on or after `today`; once all have passed, the last one."""
    dates = occurrences(parsed)
    if not dates:
        return None
    return next((day for day in dates if day >= today), dates[-1])


_SHIFTABLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# A year inside a full date «25.12.2019»: in a title that is a reference to a document.
_DATED_YEAR = re.compile(r"(?<=\d\.)((?:19|20)\d\d)(?!\d)")


def shift_years(text: str, years: int, *, in_dates: bool = True) -> str:
    """Move every year written in the text by `years` («октябрь 2023» → «октябрь 2026»
    for 3). With `in_dates` false, years inside full dates («от 25.12.2019 № Р-145», a
    document cited in a title) stay as written."""
    if not years or not text:
        return text
    if in_dates:
        return _SHIFTABLE_YEAR.sub(lambda m: str(int(m[1]) + years), text)
    dated = {m.start() for m in _DATED_YEAR.finditer(text)}
    return _SHIFTABLE_YEAR.sub(
        lambda m: m[1] if m.start() in dated else str(int(m[1]) + years), text
    )
