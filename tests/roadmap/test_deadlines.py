"""Deadlines as the seed documents write them, read against the academic year they were
written for: every phrase the five seeds use, then the edges."""

from datetime import date

import pytest

from roadmap.deadlines import ParsedDeadline, next_due, occurrences, parse_deadline, shift_years
from roadmap.models import Activity

K = Activity.DeadlineKind


def year(start: int) -> tuple[date, date]:
    return date(start, 9, 1), date(start + 1, 8, 31)


def month(y: int, m: int, *, recurrence=(), yearly=False) -> ParsedDeadline:
    last = {2: 29 if y % 4 == 0 else 28, 4: 30, 6: 30, 9: 30, 11: 30}.get(m, 31)
    return ParsedDeadline(K.MONTH, date(y, m, 1), date(y, m, last), recurrence, yearly)


def whole(start: int) -> ParsedDeadline:
    return ParsedDeadline(K.WHOLE_PERIOD, *year(start))


AS_NEEDED = ParsedDeadline(K.AS_NEEDED)
SCHEDULE = ParsedDeadline(K.SCHEDULE)
UNPARSED = ParsedDeadline(K.UNPARSED)

# (text as in the seed — lines broken as extracted —, the academic year's start, expected)
SEED_PHRASES = [
    # 000: roadmap of 2023–2024
    ("сентябрь 2023", 2023, month(2023, 9)),
    ("октябрь 2023", 2023, month(2023, 10)),
    ("ноябрь 2023", 2023, month(2023, 11)),
    (
        "октябрь-ноябрь 2023",
        2023,
        ParsedDeadline(K.MONTH_RANGE, date(2023, 10, 1), date(2023, 11, 30)),
    ),
    ("весь период", 2023, whole(2023)),
    ("Весь период", 2023, whole(2023)),
    ("Март 2024", 2023, month(2024, 3)),
    ("Апрель 2024", 2023, month(2024, 4)),
    ("Май 2024", 2023, month(2024, 5)),
    ("Июнь 2024", 2023, month(2024, 6)),
    ("Август 2024", 2023, month(2024, 8)),
    # 001: roadmap of 2024–2025
    ("По мере  \n\nформирования \n\nнаставнических \n\nпар/групп", 2024, AS_NEEDED),
    ("По мере формирования наставнических пар/групп", 2024, AS_NEEDED),
    ("По мере \n\nнеобходимости", 2024, AS_NEEDED),
    ("По мере \n\nнеобходи-\n\nмости", 2024, AS_NEEDED),
    ("Сентябрь \n\n2024", 2024, month(2024, 9)),
    ("Сентябрь  \n\n2024", 2024, month(2024, 9)),
    # A year alone: any time in that calendar year, due by its end.
    (" 2024 ", 2024, ParsedDeadline(K.MONTH_RANGE, date(2024, 1, 1), date(2024, 12, 31))),
    ("Постоянно", 2024, whole(2024)),
    (
        "По заверше-\n\nнию сроков  \n\nреализации \n\nпрограмм",
        2024,
        ParsedDeadline(K.PROGRAMME_END, due=date(2025, 8, 31)),
    ),
    ("", 2024, UNPARSED),  # stage 2 gives no deadline
    # 002: the order's own deadline (its model roadmap leaves the column empty)
    ("в срок до 18.11.2022", 2022, ParsedDeadline(K.DATE, due=date(2022, 11, 18))),
    # 003: the programme's roadmap (§7) and its management table (§2), months without a year
    ("Сентябрь", 2021, month(2021, 9)),
    ("Октябрь", 2021, month(2021, 10)),
    (
        "Сентябрь\n- октябрь",
        2021,
        ParsedDeadline(K.MONTH_RANGE, date(2021, 9, 1), date(2021, 10, 31)),
    ),
    ("Ноябрь", 2021, month(2021, 11)),
    ("В течение\nгода", 2021, whole(2021)),
    ("Май", 2021, month(2022, 5)),
    ("Июнь", 2021, month(2022, 6)),
    ("Ежегодно. Январь", 2021, month(2022, 1, recurrence=((1, 31),), yearly=True)),
    ("Ежегодно.\nЯнварьиюнь, август- декабрь", 2021, UNPARSED),
    ("Ежегодно. Январь-июнь, август-декабрь", 2021, UNPARSED),
    ("В\nтечение\nпериода", 2021, whole(2021)),
    ("В течение всего\nпериода", 2021, whole(2021)),
    ("При\nнеобходимости\nв\nтечение всего периода", 2021, AS_NEEDED),
    # 004: the plan of 2022–2024
    ("до 30.08.2022", 2022, ParsedDeadline(K.DATE, due=date(2022, 8, 30))),
    ("до 03.08.2022", 2022, ParsedDeadline(K.DATE, due=date(2022, 8, 3))),
    ("до 30.08..2022", 2022, ParsedDeadline(K.DATE, due=date(2022, 8, 30))),
    ("до 15.09.2022г.", 2022, ParsedDeadline(K.DATE, due=date(2022, 9, 15))),
    (
        "до 15.10. ежегодно (в период с 2022 по 2024 г.г.)",
        2022,
        ParsedDeadline(K.RECURRING, due=date(2022, 10, 15), recurrence=((10, 15),), yearly=True),
    ),
    (
        "до 30.08. ежегодно (в период с 2022 по 2024 г.г.)",
        2022,
        ParsedDeadline(K.RECURRING, due=date(2023, 8, 30), recurrence=((8, 30),), yearly=True),
    ),
    ("в течение всего\nпериода реализации\nЦМН", 2022, whole(2022)),
    ("август 2022 г ", 2022, month(2022, 8)),
    (
        "с 1 по 15 сентября\nежегодно (в период с 2022 по 2024 г.г.)",
        2022,
        ParsedDeadline(
            K.DAY_RANGE, date(2022, 9, 1), date(2022, 9, 15), recurrence=((9, 15),), yearly=True
        ),
    ),
    (
        "с 16 по 30 сентября\nежегодно (в период с 2022 по 2024 г.г.)",
        2022,
        ParsedDeadline(
            K.DAY_RANGE, date(2022, 9, 16), date(2022, 9, 30), recurrence=((9, 30),), yearly=True
        ),
    ),
    ("по отдельному\nграфику", 2022, SCHEDULE),
    (
        "до 30 октября\nежегодно (в период с 2022 по 2024 г.г.)",
        2022,
        ParsedDeadline(K.RECURRING, due=date(2022, 10, 30), recurrence=((10, 30),), yearly=True),
    ),
    ("в соответствии со\nсроками реализации\nпрограмм\nнаставничества", 2022, SCHEDULE),
    # Two deadlines at once: the stated month; its year, a year before the plan starts, is
    # a slip, so the month falls in the academic year.
    (
        "в соответствии со\nсроками реализации\nпрограмм\nнаставничества или\nмай 2021 г.",
        2022,
        month(2023, 5),
    ),
    ("в течение всего\nпериода внедрения\nЦМН", 2022, whole(2022)),
    (
        "в соответствии со\nсроками,\nустанавливаемыми\nМинпросвещения\nРоссии",
        2022,
        SCHEDULE,
    ),
    (
        "Декабрь, июнь в период с 2022 по 2024 г.г.",
        2022,
        ParsedDeadline(
            K.RECURRING, due=date(2023, 6, 30), recurrence=((12, 31), (6, 30)), yearly=True
        ),
    ),
    ("В течение всего периода внедрения ЦМН", 2022, whole(2022)),
]

# The forms the brief names, written as a school might type them.
OTHER_FORMS = [
    ("03.08.2022", 2022, ParsedDeadline(K.DATE, due=date(2022, 8, 3))),
    ("30.08.2022 г.", 2022, ParsedDeadline(K.DATE, due=date(2022, 8, 30))),
    # Without «ежегодно» a day and month is a date within the academic year.
    ("до 15.10", 2023, ParsedDeadline(K.DATE, due=date(2023, 10, 15))),
    (
        "до 15.10. ежегодно",
        2023,
        ParsedDeadline(K.RECURRING, due=date(2023, 10, 15), recurrence=((10, 15),), yearly=True),
    ),
    ("сентябрь", 2023, month(2023, 9)),
    (
        "октябрь – ноябрь",
        2023,
        ParsedDeadline(K.MONTH_RANGE, date(2023, 10, 1), date(2023, 11, 30)),
    ),
    ("сентябрь-май", 2023, ParsedDeadline(K.MONTH_RANGE, date(2023, 9, 1), date(2024, 5, 31))),
    (
        "сентябрь 2023 — май 2024",
        2023,
        ParsedDeadline(K.MONTH_RANGE, date(2023, 9, 1), date(2024, 5, 31)),
    ),
    (
        "с 1 по 15 сентября ежегодно",
        2023,
        ParsedDeadline(
            K.DAY_RANGE, date(2023, 9, 1), date(2023, 9, 15), recurrence=((9, 15),), yearly=True
        ),
    ),
    (
        "с 01.09 по 15.09",
        2023,
        ParsedDeadline(K.DAY_RANGE, date(2023, 9, 1), date(2023, 9, 15)),
    ),
    (
        "декабрь, июнь",
        2023,
        ParsedDeadline(K.RECURRING, due=date(2024, 6, 30), recurrence=((12, 31), (6, 30))),
    ),
    (
        "декабрь и март",
        2023,
        ParsedDeadline(K.RECURRING, due=date(2024, 3, 31), recurrence=((12, 31), (3, 31))),
    ),
    ("в течение года", 2023, whole(2023)),
    ("в течение учебного года", 2023, whole(2023)),
    ("постоянно", 2023, whole(2023)),
    ("в течение всего периода реализации ЦМН", 2023, whole(2023)),
    ("в течение всего периода", 2023, whole(2023)),
    ("по мере необходимости", 2023, AS_NEEDED),
    ("по мере формирования пар/групп", 2023, AS_NEEDED),
    (
        "по завершению сроков реализации программ",
        2023,
        ParsedDeadline(K.PROGRAMME_END, due=date(2024, 8, 31)),
    ),
    ("по завершении программ", 2023, ParsedDeadline(K.PROGRAMME_END, due=date(2024, 8, 31))),
    ("по отдельному графику", 2023, SCHEDULE),
    ("до 30 октября 2023", 2023, ParsedDeadline(K.DATE, due=date(2023, 10, 30))),
    ("в сентябре", 2023, month(2023, 9)),
]

EDGES = [
    # case, «ё», stray spaces and punctuation
    ("  ПО ЗАВЕРШЁНИИ ПРОГРАММ. ", 2023, ParsedDeadline(K.PROGRAMME_END, due=date(2024, 8, 31))),
    (
        "Октябрь  -  ноябрь 2023;",
        2023,
        ParsedDeadline(K.MONTH_RANGE, date(2023, 10, 1), date(2023, 11, 30)),
    ),
    ("до\xa015.10 .", 2023, ParsedDeadline(K.DATE, due=date(2023, 10, 15))),
    ("(весь период)", 2023, whole(2023)),
    # nothing to read
    ("", 2023, UNPARSED),
    ("   \n ", 2023, UNPARSED),
    ("абракадабра", 2023, UNPARSED),
    ("ежегодно", 2023, UNPARSED),
    ("октябрь-ноябрь-декабрь", 2023, UNPARSED),
    ("сентябрь 2023, май", 2023, UNPARSED),
    ("с 15 по 1 сентября", 2023, UNPARSED),
    # dates that do not exist
    ("до 31.04", 2023, UNPARSED),
    ("до 32.01.2024", 2023, UNPARSED),
    ("до 29.02.2023", 2023, UNPARSED),
    ("13.13.2023", 2023, UNPARSED),
    # the end of February, leap year or not
    ("февраль 2024", 2023, month(2024, 2)),
    ("февраль", 2023, month(2024, 2)),
    ("февраль", 2024, month(2025, 2)),
    ("до 29.02", 2023, ParsedDeadline(K.DATE, due=date(2024, 2, 29))),
    ("до 29.02", 2024, ParsedDeadline(K.DATE, due=date(2025, 2, 28))),
    (
        "до 29.02 ежегодно",
        2024,
        ParsedDeadline(K.RECURRING, due=date(2025, 2, 28), recurrence=((2, 29),), yearly=True),
    ),
    ("до 29.02.2024", 2023, ParsedDeadline(K.DATE, due=date(2024, 2, 29))),
    ("январь-февраль", 2024, ParsedDeadline(K.MONTH_RANGE, date(2025, 1, 1), date(2025, 2, 28))),
]


@pytest.mark.parametrize(("text", "start", "expected"), SEED_PHRASES)
def test_every_deadline_phrase_of_the_seeds(text, start, expected):
    assert parse_deadline(text, *year(start)) == expected


@pytest.mark.parametrize(("text", "start", "expected"), OTHER_FORMS)
def test_other_forms_schools_write(text, start, expected):
    assert parse_deadline(text, *year(start)) == expected


@pytest.mark.parametrize(("text", "start", "expected"), EDGES)
def test_edge_cases(text, start, expected):
    assert parse_deadline(text, *year(start)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("в 2025 г.", ParsedDeadline(K.MONTH_RANGE, date(2025, 1, 1), date(2025, 12, 31))),
        ("по мере необходимости или до 15.10.2024", ParsedDeadline(K.DATE, due=date(2024, 10, 15))),
        ("апрель 2025 или май 2025", month(2025, 4)),
        ("по отдельному графику или по мере необходимости", UNPARSED),
    ],
)
def test_a_bare_year_and_alternatives(text, expected):
    assert parse_deadline(text, *year(2024)) == expected


def test_none_is_read_as_empty():
    assert parse_deadline(None, *year(2023)) == UNPARSED


def test_an_explicit_year_wins_over_the_academic_year():
    assert parse_deadline("октябрь 2030", *year(2023)).due == date(2030, 10, 31)


def test_a_year_that_starts_in_another_month_places_months_by_it():
    # A year running February to January: February falls in its first calendar year.
    parsed = parse_deadline("январь", date(2024, 2, 1), date(2025, 1, 31))
    assert parsed.due == date(2025, 1, 31)


class TestNextDue:
    TWICE = parse_deadline("декабрь, июнь", *year(2023))

    @pytest.mark.parametrize(
        ("today", "expected"),
        [
            (date(2023, 9, 1), date(2023, 12, 31)),
            (date(2023, 12, 31), date(2023, 12, 31)),
            (date(2024, 1, 1), date(2024, 6, 30)),
            (date(2024, 7, 15), date(2024, 6, 30)),  # all passed: the last one
        ],
    )
    def test_the_next_occurrence_within_the_year(self, today, expected):
        assert next_due(self.TWICE, today) == expected

    def test_occurrences_in_the_order_of_the_year(self):
        assert occurrences(self.TWICE) == [date(2023, 12, 31), date(2024, 6, 30)]

    def test_yearly_deadline_has_its_one_date(self):
        parsed = parse_deadline("до 15.10. ежегодно", *year(2026))
        assert next_due(parsed, date(2026, 9, 1)) == date(2026, 10, 15)
        assert next_due(parsed, date(2027, 3, 1)) == date(2026, 10, 15)

    def test_february_end_of_a_leap_year_among_occurrences(self):
        parsed = parse_deadline("февраль, июнь", *year(2023))
        assert occurrences(parsed) == [date(2024, 2, 29), date(2024, 6, 30)]

    def test_one_off_deadline_is_its_due_date(self):
        parsed = parse_deadline("до 30.08.2022", *year(2022))
        assert next_due(parsed, date(2030, 1, 1)) == date(2022, 8, 30)

    @pytest.mark.parametrize("text", ["по мере необходимости", "", "абракадабра"])
    def test_no_date_no_next_due(self, text):
        assert next_due(parse_deadline(text, *year(2023)), date(2023, 10, 1)) is None


class TestShiftYears:
    @pytest.mark.parametrize(
        ("text", "years", "expected"),
        [
            ("октябрь 2023", 3, "октябрь 2026"),
            ("октябрь-ноябрь 2023", 3, "октябрь-ноябрь 2026"),
            ("Март 2024", 3, "Март 2027"),
            ("до 30.08.2022", 4, "до 30.08.2026"),
            ("до 15.09.2022г.", 4, "до 15.09.2026г."),
            (
                "до 15.10. ежегодно (в период с 2022 по 2024 г.г.)",
                4,
                "до 15.10. ежегодно (в период с 2026 по 2028 г.г.)",
            ),
            ("сентябрь 2024", -1, "сентябрь 2023"),
            ("Сентябрь", 5, "Сентябрь"),
            ("по мере необходимости", 5, "по мере необходимости"),
            ("октябрь 2023", 0, "октябрь 2023"),
            ("", 3, ""),
        ],
    )
    def test_years_move_and_the_rest_stays(self, text, years, expected):
        assert shift_years(text, years) == expected

    def test_numbers_that_are_not_years_stay(self):
        text = "приказ № 04-01-03-1209, от 10 до 18 лет, 100 %"
        assert shift_years(text, 4) == text

    def test_dates_citing_documents_can_be_kept(self):
        text = "утвержденной распоряжением от 25.12.2019 № Р-145, в 2022 – 2023уч. г."
        assert shift_years(text, 4, in_dates=False) == (
            "утвержденной распоряжением от 25.12.2019 № Р-145, в 2026 – 2027уч. г."
        )

    def test_a_shifted_deadline_reads_in_the_new_year(self):
        text = shift_years("октябрь 2023", 3)
        assert parse_deadline(text, *year(2026)).due == date(2026, 10, 31)


def test_due_as_of_gives_the_next_occurrence_of_a_repeating_deadline():
    from roadmap.deadlines import due_as_of

    recurrence = [[12, 31], [6, 30]]
    assert due_as_of(date(2024, 6, 30), recurrence, date(2023, 11, 1)) == date(2023, 12, 31)
    assert due_as_of(date(2024, 6, 30), recurrence, date(2024, 1, 10)) == date(2024, 6, 30)
    assert due_as_of(date(2024, 3, 1), [], date(2024, 5, 1)) == date(2024, 3, 1)
