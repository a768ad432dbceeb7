"""Monitoring reports: periods, the curator's text, issue freezing the figures, the PDF rendered
by the task, the .xlsx, and the pages by role."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentoring.models import MentoringPair
from reports.models import PDF_DEADLINE, MonitoringReport
from reports.selectors.monitoring_reports import report_data, report_table_rows
from reports.services.monitoring import (
    JUNE_SECTIONS,
    report_create,
    report_delete,
    report_issue,
    report_pdf_bytes,
    report_update,
)
from surveys.models import Questionnaire, Response
from tests.reports.test_rendering import Pdf
from tests.surveys.factories import make_campaign, make_questionnaire
from tests.surveys.results_data import add_response

pytestmark = pytest.mark.django_db

OCTOBER = date(2026, 10, 1)
NOVEMBER = date(2026, 11, 20)


def _december(school, user=None) -> MonitoringReport:
    return report_create(
        organisation=school, kind=MonitoringReport.Kind.DECEMBER, period_end=OCTOBER, user=user
    )


def _evaluate(school, pair, score: int, level: str, day: date = NOVEMBER) -> Response:
    questionnaire = make_questionnaire(
        school,
        [{"key": "eval_1", "text": "Критерий", "kind": "scale", "scale_min": 0, "scale_max": 2}],
    )
    Questionnaire.objects.filter(pk=questionnaire.pk).update(kind=Questionnaire.Kind.EVALUATION)
    campaign = make_campaign(questionnaire)
    return add_response(
        campaign, {"eval_1": 2}, pair=pair, score=score, level=level, submitted_on=day
    )


@pytest.fixture
def active_pair(make_pair):
    pair = make_pair(status=MentoringPair.Status.ACTIVE)
    pair.mentor.person.last_name = "Петрова"
    pair.mentor.person.save()
    return pair


# Periods.


def test_december_report_covers_the_academic_year_to_31_december(school, curator):
    report = _december(school, curator)
    year = school.academic_years.get(is_current=True)
    assert (report.period_start, report.period_end) == (year.start_date, date(2026, 12, 31))
    assert report.academic_year == year
    assert report.status == MonitoringReport.Status.DRAFT


def test_june_report_covers_the_academic_year_to_30_june(school):
    report = report_create(organisation=school, kind=MonitoringReport.Kind.JUNE, period_end=OCTOBER)
    assert (report.period_start, report.period_end) == (date(2026, 9, 1), date(2027, 6, 30))


def test_period_report_keeps_its_dates_and_refuses_reversed_or_missing_ones(school):
    report = report_create(
        organisation=school,
        kind=MonitoringReport.Kind.PERIOD,
        period_start=date(2026, 9, 15),
        period_end=date(2026, 11, 15),
    )
    assert (report.period_start, report.period_end) == (date(2026, 9, 15), date(2026, 11, 15))
    with pytest.raises(ValidationError, match="Начало периода позже его конца"):
        report_create(
            organisation=school,
            kind=MonitoringReport.Kind.PERIOD,
            period_start=date(2026, 11, 15),
            period_end=date(2026, 9, 15),
        )
    with pytest.raises(ValidationError, match="Укажите начало и конец периода"):
        report_create(organisation=school, kind=MonitoringReport.Kind.PERIOD)
    with pytest.raises(ValidationError, match="не длиннее трёх лет"):
        report_create(
            organisation=school,
            kind=MonitoringReport.Kind.PERIOD,
            period_start=date(2019, 1, 1),
            period_end=date(2026, 1, 1),
        )


# Text.


def test_june_report_keeps_its_analysis_sections_and_refuses_unknown_ones(school):
    report = report_create(organisation=school, kind=MonitoringReport.Kind.JUNE, period_end=OCTOBER)
    report = report_update(
        report=report,
        conclusions="  Выводы.  ",
        proposals="Предложения.",
        analysis={"quality": "Пары работают слаженно.", "growth": ""},
    )
    assert report.conclusions == "Выводы."
    assert report.analysis == {"quality": "Пары работают слаженно."}
    assert report.version == 2
    with pytest.raises(ValidationError, match="Неизвестный раздел"):
        report_update(report=report, conclusions="", proposals="", analysis={"other": "x"})
    assert set(JUNE_SECTIONS) >= {"quality", "growth", "strategy"}


def test_december_report_ignores_analysis(school):
    report = report_update(
        report=_december(school), conclusions="В", proposals="", analysis={"quality": "текст"}
    )
    assert report.analysis == {}


# Issue and snapshot.


def test_issue_needs_conclusions(school, curator):
    with pytest.raises(ValidationError, match="напишите выводы"):
        report_issue(report=_december(school), user=curator)


def test_issued_report_does_not_change_when_data_change_later(
    school, curator, active_pair, make_pair, django_capture_on_commit_callbacks, tmp_path
):
    _evaluate(school, active_pair, 17, Response.Level.OPTIMAL)
    report = report_update(report=_december(school), conclusions="Всё идёт по плану.", proposals="")
    with django_capture_on_commit_callbacks(execute=True):
        report = report_issue(report=report, user=curator)
    report.refresh_from_db()
    assert report.is_issued and report.issued_by == curator
    snapshot = report.snapshot
    assert snapshot["pairs"]["active"] == 1
    assert [row["score"] for row in snapshot["effectiveness"]] == [17]
    assert report.pdf_is_current
    pdf_before = Pdf(report.pdf.open("rb").read(), tmp_path, "before.pdf").text(raw=True)
    rows_before = report_table_rows(report.snapshot)

    # Later the data change: another pair starts, the first one is evaluated again.
    make_pair(status=MentoringPair.Status.ACTIVE)
    _evaluate(school, active_pair, 5, Response.Level.UNACCEPTABLE, date(2026, 12, 1))
    report.refresh_from_db()
    assert report_data(report)["pairs"]["active"] == 2
    assert report.snapshot == snapshot
    assert report_table_rows(report.snapshot) == rows_before
    pdf_after = Pdf(report_pdf_bytes(report), tmp_path, "after.pdf").text(raw=True)
    assert pdf_after == pdf_before
    with pytest.raises(ValidationError, match="выпущен"):
        report_update(report=report, conclusions="Новые", proposals="")
    with pytest.raises(ValidationError, match="не удаляется"):
        report_delete(report=report)


def test_a_draft_shows_live_data(school, active_pair, make_pair):
    report = _december(school)
    assert report_data(report)["pairs"]["active"] == 1
    make_pair(status=MentoringPair.Status.ACTIVE)
    assert report_data(report)["pairs"]["active"] == 2


def test_delete_removes_a_draft(school):
    report = _december(school)
    report_delete(report=report)
    assert not MonitoringReport.objects.exists()


# Data.


def test_effectiveness_table_takes_each_pairs_latest_evaluation_by_period_end(school, active_pair):
    _evaluate(school, active_pair, 8, Response.Level.UNACCEPTABLE, date(2026, 10, 10))
    _evaluate(school, active_pair, 16, Response.Level.OPTIMAL, date(2026, 12, 10))
    _evaluate(school, active_pair, 3, Response.Level.UNACCEPTABLE, date(2027, 1, 10))
    data = report_data(_december(school))
    assert [(row["score"], row["level"]) for row in data["effectiveness"]] == [(16, "optimal")]
    assert {row["level"]: row["count"] for row in data["levels"]} == {
        "optimal": 1,
        "acceptable": 0,
        "unacceptable": 0,
    }
    assert data["effectiveness"][0]["mentor"].startswith("Петрова")


def test_municipal_report_holds_every_school_side_by_side(
    municipality, school, other_school, active_pair
):
    report = report_create(
        organisation=municipality, kind=MonitoringReport.Kind.DECEMBER, period_end=OCTOBER
    )
    assert (report.period_start, report.period_end) == (date(2026, 9, 1), date(2026, 12, 31))
    data = report_data(report)
    assert data["municipal"] is True
    assert [s["name"] for s in data["schools"]] == sorted(
        [school.short_name, other_school.short_name]
    )
    assert len(data["totals"]) == len(data["indicators"]) == 8
    by_name = {s["name"]: s for s in data["schools"]}
    assert by_name[school.short_name]["pairs"] == 1
    assert by_name[other_school.short_name]["pairs"] == 0


# PDF and .xlsx.


def test_pdf_reads_as_a_report_with_requisites_period_and_signature(school, active_pair, tmp_path):
    school.director_name = "Крылов Иван Николаевич"
    school.inn = "5911012070"
    school.save()
    _evaluate(school, active_pair, 17, Response.Level.OPTIMAL)
    report = report_update(
        report=report_create(
            organisation=school, kind=MonitoringReport.Kind.JUNE, period_end=OCTOBER
        ),
        conclusions="Программа выполнена.",
        proposals="Продолжить работу пар.",
        analysis={"quality": "Сильная сторона — регулярные встречи."},
    )
    pdf = Pdf(report_pdf_bytes(report), tmp_path)
    assert pdf.has("Отчёт о мониторинге", page=1)
    assert pdf.has("за период с 01.09.2026 по 30.06.2027", page=1)
    assert pdf.has("ИНН 5911012070", page=1)
    for phrase in (
        "Показатели программы наставничества",
        "Выполнение дорожной карты",
        "Оценка эффективности программ наставничества",
        "Аналитическая часть",
        "Сильная сторона — регулярные встречи.",
        "Программа выполнена.",
        "Продолжить работу пар.",
        "И.Н. Крылов",
        "Рисунок 2",
    ):
        assert pdf.has(phrase), phrase


def test_pdf_task_renders_in_process_and_names_the_file_by_version(
    client, school, curator, django_capture_on_commit_callbacks
):
    report = _december(school)
    client.force_login(curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring_report_pdf_request", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.pdf_status == MonitoringReport.PdfStatus.READY
    assert report.pdf.name.endswith(f"report-{report.pk}-v{report.version}.pdf")
    download = client.get(reverse("monitoring_report_pdf", args=[report.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # A change of the text makes the stored PDF out of date.
    report_update(report=report, conclusions="Новые выводы", proposals="")
    assert client.get(reverse("monitoring_report_pdf", args=[report.pk])).status_code == 404


def test_xlsx_holds_the_figures(client, school, curator, active_pair):
    report = _december(school)
    client.force_login(curator)
    response = client.get(reverse("monitoring_report_xlsx", args=[report.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Раздел", "Показатель", "Значение", "Цель", "Отклонение", "Пояснение")
    assert ("Пары и группы", "Действуют", 1, None, None, None) in [
        tuple(None if value == "" else value for value in row) for row in rows
    ]


# Pages.


def test_curator_creates_writes_and_issues_a_report(
    client, school, curator, django_capture_on_commit_callbacks
):
    client.force_login(curator)
    response = client.post(
        reverse("monitoring_report_create", args=[school.pk]),
        {"kind": "period", "period_start": "01.09.2026", "period_end": "30.11.2026"},
    )
    report = MonitoringReport.objects.get()
    assert response.url == reverse("monitoring_report_detail", args=[report.pk])
    assert report.period_end == date(2026, 11, 30)
    client.post(
        reverse("monitoring_report_edit", args=[report.pk]),
        {"conclusions": "Выводы куратора", "proposals": ""},
    )
    assert client.get(reverse("monitoring_report_issue", args=[report.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("monitoring_report_issue", args=[report.pk]))
    report.refresh_from_db()
    assert report.is_issued and report.conclusions == "Выводы куратора"
    page = client.get(reverse("monitoring_report_detail", args=[report.pk])).content.decode()
    assert "Выпущен" in page and "Скачать PDF" in page


def test_period_report_without_dates_is_refused_in_russian(client, school, curator):
    client.force_login(curator)
    response = client.post(
        reverse("monitoring_report_create", args=[school.pk]), {"kind": "period"}
    )
    assert response.status_code == 200
    assert "Укажите дату." in response.content.decode()


def test_coordinator_sees_only_issued_school_reports(
    client, school, curator, coordinator, municipality
):
    draft = _december(school)
    issued = report_update(report=_december(school), conclusions="Выводы", proposals="")
    issued = report_issue(report=issued, user=curator)
    client.force_login(coordinator)
    listed = client.get(reverse("monitoring_report_list", args=[school.pk])).context["page"]
    assert list(listed) == [issued]
    assert client.get(reverse("monitoring_report_detail", args=[draft.pk])).status_code == 403
    assert client.get(reverse("monitoring_report_detail", args=[issued.pk])).status_code == 200
    municipal = client.get(reverse("municipal_report_list", args=[municipality.pk]))
    assert list(municipal.context["school_reports"]) == [issued]


def test_list_query_count_does_not_grow(client, school, curator):
    client.force_login(curator)
    url = reverse("monitoring_report_list", args=[school.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _december(school)
    queries()  # the first request of a session reads what later ones find cached
    few = queries()
    for _ in range(10):
        _december(school)
    assert queries() == few


def test_a_lost_render_is_given_up_after_the_deadline_and_offers_a_retry(client, school, curator):
    report = _december(school)
    long_ago = timezone.now() - PDF_DEADLINE - timedelta(minutes=1)
    MonitoringReport.objects.filter(pk=report.pk).update(
        pdf_status=MonitoringReport.PdfStatus.QUEUED, updated_at=long_ago
    )
    client.force_login(curator)
    page = client.get(reverse("monitoring_report_pdf_status", args=[report.pk])).content.decode()
    report.refresh_from_db()
    assert report.pdf_status == MonitoringReport.PdfStatus.FAILED
    assert "Формирование не завершилось за 5 минут." in page
    assert "Повторить" in page
