"""Monitoring reports (seed 004 «Проведение внутреннего мониторинга… Декабрь, июнь»): drafted by
the school's curator or director (a municipal one by the coordinator), written, issued — which
freezes their figures — and rendered to PDF in the background."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.names import initials_surname
from core.pdf import render_pdf
from mentoring.models import Organisation, User

from ..models import MonitoringReport
from ..selectors.indicators import years_on
from ..selectors.monitoring_reports import report_data, report_view_data
from . import rendering

Kind = MonitoringReport.Kind

# The final analytical report's sections (seed 002: the curator «формирует итоговый
# аналитический отчет»; seed 003 §6: what the two stages of monitoring assess).
JUNE_SECTIONS: dict[str, object] = {
    "quality": gettext_lazy(
        "Качество реализации программы наставничества: сильные и слабые стороны, качество "
        "совместной работы пар и групп «наставник – наставляемый»"
    ),
    "growth": gettext_lazy(
        "Мотивационно-личностный, компетентностный и профессиональный рост участников"
    ),
    "students": gettext_lazy(
        "Развитие метапредметных навыков, вовлечённость обучающихся в образовательную "
        "деятельность и динамика образовательных результатов"
    ),
    "conditions": gettext_lazy(
        "Условия эффективной программы наставничества и требования к личности наставника"
    ),
    "strategy": gettext_lazy("Стратегия дальнейшего формирования пар «наставник – наставляемый»"),
}
# Reports cover at most this many days, and not before this year.
MAX_DAYS = 3 * 366
EARLIEST_YEAR = 2000
TEXT_LIMIT = 20000


def academic_year_start(organisation: Organisation, on: date) -> date:
    """The start of the school's academic year containing `on` (1 September for a
    municipality or a school without years)."""
    if organisation.is_school:
        year = years_on([organisation.pk], on).get(organisation.pk)
        if year is not None:
            return year.start_date
    return date(on.year if on.month >= 9 else on.year - 1, 9, 1)


def default_period(organisation: Organisation, kind: str, on: date) -> tuple[date, date]:
    """December: the academic year's start to 31 December; June: its start to 30 June."""
    start = academic_year_start(organisation, on)
    if kind == Kind.DECEMBER:
        return start, date(start.year, 12, 31)
    if kind == Kind.JUNE:
        return start, date(start.year + 1, 6, 30)
    return start, on


def _check_period(start: date | None, end: date | None) -> None:
    if start is None or end is None:
        raise ValidationError(_("Укажите начало и конец периода."))
    if start > end:
        raise ValidationError(_("Начало периода позже его конца."))
    if start.year < EARLIEST_YEAR or (end - start).days > MAX_DAYS:
        raise ValidationError(
            _("Период отчёта должен быть не длиннее трёх лет и не раньше 2000 года.")
        )
    if end.year > timezone.localdate().year + 1:
        raise ValidationError(_("Конец периода слишком далеко в будущем."))


@transaction.atomic
def report_create(
    *,
    organisation: Organisation,
    kind: str,
    period_start: date | None = None,
    period_end: date | None = None,
    user: User | None = None,
) -> MonitoringReport:
    """A draft report; December and June reports take their periods from the academic year."""
    if kind not in Kind.values:
        raise ValidationError(_("Неизвестный вид отчёта."))
    if kind == Kind.PERIOD:
        _check_period(period_start, period_end)
    else:
        period_start, period_end = default_period(
            organisation, kind, period_end or timezone.localdate()
        )
    year = None
    if organisation.is_school:
        year = years_on([organisation.pk], period_end).get(organisation.pk)
    report = MonitoringReport(
        organisation=organisation,
        academic_year=year,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        created_by=user,
    )
    # The author may be absent (the demo, a deleted account).
    report.full_clean(exclude=["created_by"])
    report.save()
    return report


def _locked(report: MonitoringReport) -> MonitoringReport:
    return (
        MonitoringReport.objects.select_for_update()
        .select_related("organisation")
        .get(pk=report.pk)
    )


def _require_draft(report: MonitoringReport) -> None:
    if report.is_issued:
        raise ValidationError(_("Отчёт выпущен и больше не меняется."))


def _clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > TEXT_LIMIT:
        raise ValidationError(_("Текст длиннее %(limit)s знаков.") % {"limit": TEXT_LIMIT})
    return text


@transaction.atomic
def report_update(
    *,
    report: MonitoringReport,
    conclusions: str,
    proposals: str,
    analysis: dict[str, str] | None = None,
) -> MonitoringReport:
    """The curator's conclusions, proposals and, in the June report, its analysis sections."""
    report = _locked(report)
    _require_draft(report)
    report.conclusions = _clean_text(conclusions)
    report.proposals = _clean_text(proposals)
    if report.kind == Kind.JUNE:
        unknown = set(analysis or {}) - set(JUNE_SECTIONS)
        if unknown:
            raise ValidationError(_("Неизвестный раздел анализа."))
        report.analysis = {
            key: text for key in JUNE_SECTIONS if (text := _clean_text((analysis or {}).get(key)))
        }
    report.version += 1
    report.pdf_status = MonitoringReport.PdfStatus.NONE
    report.save(
        update_fields=[
            "conclusions",
            "proposals",
            "analysis",
            "version",
            "pdf_status",
            "updated_at",
        ]
    )
    return report


@transaction.atomic
def report_issue(*, report: MonitoringReport, user: User) -> MonitoringReport:
    """Freeze the report's figures as they are now; it never changes again. Its PDF is queued."""
    report = _locked(report)
    _require_draft(report)
    if not report.conclusions:
        raise ValidationError(_("Перед выпуском напишите выводы."))
    report.snapshot = report_data(report)
    report.status = MonitoringReport.Status.ISSUED
    report.issued_by = user
    report.issued_at = timezone.now()
    report.version += 1
    report.pdf_status = MonitoringReport.PdfStatus.NONE
    report.save(
        update_fields=[
            "snapshot",
            "status",
            "issued_by",
            "issued_at",
            "version",
            "pdf_status",
            "updated_at",
        ]
    )
    report_pdf_request(report=report)
    return report


@transaction.atomic
def report_delete(*, report: MonitoringReport) -> None:
    report = _locked(report)
    if report.is_issued:
        raise ValidationError(_("Выпущенный отчёт не удаляется."))
    if report.pdf:
        pdf = report.pdf
        transaction.on_commit(lambda: pdf.storage.delete(pdf.name))
    report.delete()


# The PDF.


def analysis_sections(report: MonitoringReport) -> list[dict]:
    if report.kind != Kind.JUNE:
        return []
    return [
        {
            "key": key,
            "title": str(title),
            "text": report.analysis.get(key, ""),
            "paragraphs": paragraphs(report.analysis.get(key, "")),
        }
        for key, title in JUNE_SECTIONS.items()
    ]


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def report_pdf_context(report: MonitoringReport) -> dict:
    from ..charts import report_charts

    data = report_view_data(report)
    return {
        "report": report,
        "data": data,
        "charts": report_charts(data),
        "analysis": analysis_sections(report),
        "conclusions": paragraphs(report.conclusions),
        "proposals": paragraphs(report.proposals),
        "signer": initials_surname(data["organisation"]["director_name"]),
        "issued_on": report.issued_at and timezone.localdate(report.issued_at).strftime("%d.%m.%Y"),
    }


def report_pdf_bytes(report: MonitoringReport) -> bytes:
    return render_pdf("pdf/monitoring_report.html", report_pdf_context(report))


def report_pdf_name(report: MonitoringReport) -> str:
    """One name per version: rendering a version again replaces its file."""
    return f"monitoring/{report.organisation_id}/report-{report.pk}-v{report.version}.pdf"


def report_pdf_render(*, report_id: int, version: int, final_attempt: bool = False) -> None:
    rendering.pdf_render(
        MonitoringReport.objects.select_related("organisation"),
        pk=report_id,
        version=version,
        content=lambda report: report_pdf_bytes(report),
        name=report_pdf_name,
        final_attempt=final_attempt,
    )


def report_pdf_request(*, report: MonitoringReport) -> None:
    """Queue the PDF of the report's current version, once the transaction commits."""
    from ..tasks import render_monitoring_report_pdf

    rendering.pdf_request(obj=report, task=render_monitoring_report_pdf)
