"""What a monitoring report shows, as JSON-safe data: a draft reads it live, issuing freezes it
in `MonitoringReport.snapshot`, and the page, the PDF and the .xlsx all read the same dict."""

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from mentoring.models import MenteeEntry, Organisation
from roadmap.models import Activity
from surveys.models import Response
from surveys.selectors.comparison import campaign_compare

from ..models import Indicator, MonitoringReport
from .indicators import (
    Figure,
    Indicators,
    before_after_pairs,
    evaluations,
    indicators_for,
    on_time_filter,
    school_indicators,
    totals,
)

# The before/after comparisons a report shows at most (the latest first).
MAX_COMPARISONS = 3


def day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def reports_of(organisation: Organisation) -> QuerySet[MonitoringReport]:
    return MonitoringReport.objects.filter(organisation=organisation).select_related("organisation")


def issued_reports_of_schools(municipality: Organisation) -> QuerySet[MonitoringReport]:
    """The issued reports of the municipality's schools, for its coordinator."""
    return MonitoringReport.objects.filter(
        organisation__municipality=municipality, status=MonitoringReport.Status.ISSUED
    ).select_related("organisation")


def _figure(figure: Figure) -> dict:
    return {
        "indicator": figure.indicator,
        "title": str(figure.title),
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "value": figure.value,
        "target": None if figure.target is None else float(figure.target),
        "deviation": figure.deviation,
        "met": figure.met,
        "missing": str(figure.missing),
        "unknown": figure.unknown,
    }


def _organisation(organisation: Organisation) -> dict:
    fields = ("full_name", "short_name", "address", "city", "phone", "email", "inn", "ogrn")
    data = {name: getattr(organisation, name) for name in fields}
    data["director_name"] = organisation.director_name
    data["director_position"] = organisation.director_position or _("Директор")
    return data


def _levels(counts: dict[str, int]) -> list[dict]:
    return [
        {"level": value, "label": str(label), "count": counts.get(value, 0)}
        for value, label in Response.Level.choices
    ]


def _roadmap(year_id: int, end: date) -> list[dict]:
    """Each stage of the year's roadmap: its activities, done by `end`, done on time, overdue."""
    due = Q(due_on__isnull=False, due_on__lte=end)
    rows = (
        Activity.objects.filter(stage__roadmap__academic_year_id=year_id)
        .values("stage__number", "stage__title")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=Activity.Status.DONE, completed_on__lte=end)),
            due=Count("pk", filter=due),
            on_time=Count("pk", filter=due & on_time_filter()),
            overdue=Count("pk", filter=due & ~Q(status=Activity.Status.DONE)),
        )
        .order_by("stage__number")
    )
    return [
        {
            "number": row["stage__number"],
            "title": row["stage__title"],
            "total": row["total"],
            "done": row["done"],
            "due": row["due"],
            "on_time": row["on_time"],
            "overdue": row["overdue"],
            "share": round(100 * row["done"] / row["total"]) if row["total"] else None,
        }
        for row in rows
    ]


def _effectiveness(year_id: int, end: date) -> list[dict]:
    """The latest evaluation (seed 003 §6) of each pair or group by `end`: score and level."""
    responses = evaluations([year_id], end).select_related("pair__mentor__person", "pair__form")
    responses = responses.prefetch_related(
        Prefetch(
            "pair__mentees",
            queryset=MenteeEntry.objects.select_related("person").order_by(
                "person__last_name", "person__first_name"
            ),
        )
    )
    rows, seen = [], set()
    for response in responses:
        if response.pair_id in seen:
            continue
        seen.add(response.pair_id)
        pair = response.pair
        rows.append(
            {
                "mentor": pair.mentor.person.short_name,
                "mentees": [entry.person.short_name for entry in pair.mentees.all()],
                "form": pair.form.name if pair.form_id else "",
                "score": response.score,
                "level": response.level,
                "level_label": str(response.get_level_display()),
                "date": day(response.submitted_on),
            }
        )
    rows.sort(key=lambda row: (row["mentor"], row["date"]))
    return rows


def _comparisons(organisation: Organisation, year_id: int, start: date, end: date) -> list[dict]:
    """Before and after: each «после» campaign of the period beside the latest «до» campaign
    opened before it (surveys.selectors.comparison)."""
    result = []
    for before, after in before_after_pairs(organisation, year_id, start, end)[:MAX_COMPARISONS]:
        comparison = campaign_compare(before, after)
        result.append(
            {
                "before": before.title,
                "after": after.title,
                "matched": comparison.matched,
                "hidden": comparison.hidden,
                "items": [
                    {
                        "text": item.text,
                        "n": item.n,
                        "before": None if item.before is None else round(item.before, 2),
                        "after": None if item.after is None else round(item.after, 2),
                        "change": None if item.change is None else round(item.change, 2),
                        "improved": item.improved,
                        "same": item.same,
                        "worse": item.worse,
                    }
                    for item in comparison.items
                ],
            }
        )
    return result


def _school_figures(indicators: Indicators) -> dict:
    return {
        "year": indicators.year.title if indicators.year else "",
        "figures": [_figure(figure) for figure in indicators.figures.values()],
        "missing_data": [str(item) for item in indicators.missing_data],
        "pairs": {
            "active": indicators.pairs_active,
            "completed": indicators.pairs_completed,
            "dissolved": indicators.pairs_dissolved,
            "total": indicators.pairs_total,
        },
        "meetings": {
            "planned": indicators.meetings_planned,
            "held": indicators.meetings_held,
            "with_feedback": indicators.meetings_with_feedback,
        },
        "activities": {
            "due": indicators.activities_due,
            "on_time": indicators.activities_done_on_time,
            "overdue": indicators.activities_overdue,
        },
        "levels": _levels(indicators.levels),
        "forms": [
            {"form": row.form, "mentors": row.mentors, "mentees": row.mentees}
            for row in indicators.forms
        ],
    }


def _municipal(report: MonitoringReport) -> dict:
    schools = list(
        Organisation.objects.filter(
            municipality=report.organisation, kind=Organisation.Kind.SCHOOL
        ).order_by("short_name")
    )
    by_school = indicators_for(schools, report.period_end)
    summed = totals(by_school.values())
    return {
        "indicators": [str(label) for label in Indicator.labels],
        "schools": [
            {
                "name": school.short_name,
                "figures": [_figure(by_school[school.pk].figure(i)) for i in Indicator.values],
                "pairs": by_school[school.pk].pairs_total,
                "missing_data": [str(item) for item in by_school[school.pk].missing_data],
            }
            for school in schools
        ],
        "totals": [
            {**_figure(total.figure), "average": total.average, "schools": total.schools_with_value}
            for total in summed.values()
        ],
    }


def report_data(report: MonitoringReport) -> dict:
    """The report's figures on its period's end, JSON-safe (what `snapshot` freezes)."""
    data = {
        "organisation": _organisation(report.organisation),
        "kind": report.kind,
        "kind_label": str(report.get_kind_display()),
        "period_start": day(report.period_start),
        "period_end": day(report.period_end),
        "municipal": report.is_municipal,
    }
    if report.is_municipal:
        return data | _municipal(report)
    indicators = school_indicators(report.organisation, report.period_end)
    data |= _school_figures(indicators)
    year = indicators.year
    data["roadmap"] = _roadmap(year.pk, report.period_end) if year else []
    data["effectiveness"] = _effectiveness(year.pk, report.period_end) if year else []
    data["comparisons"] = (
        _comparisons(report.organisation, year.pk, report.period_start, report.period_end)
        if year
        else []
    )
    return data


def report_view_data(report: MonitoringReport) -> dict:
    """A draft's live data, an issued report's snapshot."""
    return report.snapshot if report.is_issued else report_data(report)


# The .xlsx: one table of every figure of the report, a row per figure.
XLSX_COLUMNS = [
    (_("Раздел"), 28, lambda row: row[0]),
    (_("Показатель"), 70, lambda row: row[1]),
    (_("Значение"), 14, lambda row: row[2]),
    (_("Цель"), 10, lambda row: row[3]),
    (_("Отклонение"), 12, lambda row: row[4]),
    (_("Пояснение"), 40, lambda row: row[5]),
]


def _figure_row(section: str, name: str, figure: dict) -> tuple:
    counted = (
        _("%(numerator)s из %(denominator)s") % figure
        if figure["denominator"]
        else figure["missing"]
    )
    return (section, name, figure["value"], figure["target"], figure["deviation"], counted)


def report_table_rows(data: dict) -> list[tuple]:
    """The report's data as rows (section, name, value, target, deviation, note)."""
    period = _("Период %(start)s–%(end)s") % {
        "start": data["period_start"],
        "end": data["period_end"],
    }
    rows = [(data["kind_label"], data["organisation"]["full_name"], None, None, None, period)]
    if data["municipal"]:
        for school in data["schools"]:
            rows += [_figure_row(school["name"], f["title"], f) for f in school["figures"]]
        section = _("Итого по муниципалитету")
        for total in data["totals"]:
            row = _figure_row(section, total["title"], total)
            average = _("среднее по школам: %(average)s") % {"average": total["average"]}
            rows.append((*row[:5], f"{row[5]}; {average}"))
        return rows
    section = _("Показатели")
    rows += [_figure_row(section, f["title"], f) for f in data["figures"]]
    section = _("Пары и группы")
    labels = {
        "active": _("Действуют"),
        "completed": _("Завершили программу"),
        "dissolved": _("Прекращены досрочно"),
        "total": _("Всего"),
    }
    rows += [(section, label, data["pairs"][key], None, None, "") for key, label in labels.items()]
    for form in data["forms"]:
        note = _("наставников: %(mentors)s, наставляемых: %(mentees)s") % form
        rows.append((_("Формы наставничества"), form["form"], None, None, None, note))
    meetings = data["meetings"]
    rows.append(
        (
            _("Встречи"),
            _("Проведено из запланированных"),
            meetings["held"],
            None,
            None,
            _("запланировано: %(planned)s, с обратной связью: %(with_feedback)s") % meetings,
        )
    )
    for stage in data["roadmap"]:
        note = _("выполнено %(done)s из %(total)s, в срок %(on_time)s, просрочено %(overdue)s")
        rows.append((_("Дорожная карта"), stage["title"], stage["share"], None, None, note % stage))
    for row in data["effectiveness"]:
        name = f"{row['mentor']} — {', '.join(row['mentees'])}"
        note = f"{row['level_label']}, {row['date']}"
        rows.append((_("Оценка эффективности"), name, row["score"], None, None, note))
    for comparison in data["comparisons"]:
        section = f"«{comparison['before']}» → «{comparison['after']}»"
        for item in comparison["items"]:
            note = _("до: %(before)s, после: %(after)s") % item
            rows.append((section, item["text"], item["change"], None, None, note))
    return rows
