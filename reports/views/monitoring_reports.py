"""Monitoring reports: a school's (curator and director; the coordinator reads the issued ones)
and a municipality's (its coordinator), their text, issue, PDF and .xlsx."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.downloads import xlsx_response
from core.spreadsheets import table_workbook
from mentoring.permissions import Action as MentoringAction
from mentoring.permissions import can, get_organisation_for_user

from ..charts import report_charts
from ..forms.monitoring_reports import ReportCreateForm, ReportTextForm
from ..models import MonitoringReport
from ..permissions import Action, get_report_for_user
from ..selectors.monitoring_reports import (
    XLSX_COLUMNS,
    issued_reports_of_schools,
    report_table_rows,
    report_view_data,
    reports_of,
)
from ..services import monitoring as services
from .pdf import pdf_state

PER_PAGE = 20


def _can_manage(user, report: MonitoringReport) -> bool:
    if report.is_municipal:
        return can(user, MentoringAction.MUNICIPALITY_VIEW, report.organisation)
    return can(user, Action.MONITORING_MANAGE, report.organisation)


def _list_url(report: MonitoringReport):
    if report.is_municipal:
        return redirect("municipal_report_list", org=report.organisation_id)
    return redirect("monitoring_report_list", org=report.organisation_id)


def _page(request, reports, param: str = "page"):
    return Paginator(reports, PER_PAGE).get_page(request.GET.get(param))


@require_GET
def monitoring_report_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.MONITORING_VIEW)
    can_manage = can(request.user, Action.MONITORING_MANAGE, organisation)
    reports = reports_of(organisation)
    if not can_manage:
        reports = reports.filter(status=MonitoringReport.Status.ISSUED)
    return render(
        request,
        "reports/monitoring_reports/list.html",
        {
            "organisation": organisation,
            "page": _page(request, reports),
            "can_manage": can_manage,
            "create_url": "monitoring_report_create",
        },
    )


@require_GET
def municipal_report_list(request, org: int):
    municipality = get_organisation_for_user(request.user, org, MentoringAction.MUNICIPALITY_VIEW)
    return render(
        request,
        "reports/monitoring_reports/list.html",
        {
            "organisation": municipality,
            "municipal": True,
            "page": _page(request, reports_of(municipality)),
            "school_reports": _page(
                request, issued_reports_of_schools(municipality), "schools_page"
            ),
            "can_manage": True,
            "create_url": "municipal_report_create",
        },
    )


def _create(request, organisation, template_context: dict):
    form = ReportCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(
                organisation=organisation,
                kind=form.cleaned_data["kind"],
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Черновик отчёта создан."))
            return redirect("monitoring_report_detail", pk=report.pk)
    return render(
        request,
        "reports/monitoring_reports/create.html",
        {"organisation": organisation, "form": form, **template_context},
    )


def monitoring_report_create(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.MONITORING_MANAGE)
    return _create(request, organisation, {"list_url": "monitoring_report_list"})


def municipal_report_create(request, org: int):
    municipality = get_organisation_for_user(request.user, org, MentoringAction.MUNICIPALITY_VIEW)
    return _create(request, municipality, {"list_url": "municipal_report_list"})


def _pdf_context(request, report: MonitoringReport) -> dict:
    return {
        "report": report,
        **pdf_state(report),
        "can_request_pdf": _can_manage(request.user, report),
    }


@require_GET
def monitoring_report_detail(request, pk: int):
    report = get_report_for_user(request.user, pk)
    data = report_view_data(report)
    return render(
        request,
        "reports/monitoring_reports/detail.html",
        {
            "organisation": report.organisation,
            "data": data,
            "charts": report_charts(data),
            "analysis": services.analysis_sections(report),
            "can_manage": _can_manage(request.user, report),
            **_pdf_context(request, report),
        },
    )


def monitoring_report_edit(request, pk: int):
    report = get_report_for_user(request.user, pk, manage=True)
    if report.is_issued:
        messages.info(request, _("Отчёт выпущен и больше не меняется."))
        return redirect("monitoring_report_detail", pk=report.pk)
    form = ReportTextForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(
                report=report,
                conclusions=form.cleaned_data["conclusions"],
                proposals=form.cleaned_data["proposals"],
                analysis=form.analysis(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Текст отчёта сохранён."))
            return redirect("monitoring_report_detail", pk=report.pk)
    return render(
        request,
        "reports/monitoring_reports/edit.html",
        {"organisation": report.organisation, "report": report, "form": form},
    )


def _confirm(request, report: MonitoringReport, action: str):
    return render(
        request,
        "reports/monitoring_reports/confirm.html",
        {"organisation": report.organisation, "report": report, "action": action},
    )


def monitoring_report_issue(request, pk: int):
    report = get_report_for_user(request.user, pk, manage=True)
    if request.method != "POST":
        return _confirm(request, report, "issue")
    try:
        services.report_issue(report=report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Отчёт выпущен: его данные больше не меняются."))
    return redirect("monitoring_report_detail", pk=report.pk)


def monitoring_report_delete(request, pk: int):
    report = get_report_for_user(request.user, pk, manage=True)
    if request.method != "POST":
        return _confirm(request, report, "delete")
    try:
        services.report_delete(report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("monitoring_report_detail", pk=report.pk)
    messages.success(request, _("Черновик отчёта удалён."))
    return _list_url(report)


def _filename(report: MonitoringReport, extension: str) -> str:
    return f"monitoring-{report.period_end:%Y-%m-%d}-{report.pk}.{extension}"


@require_GET
def monitoring_report_pdf(request, pk: int):
    report = get_report_for_user(request.user, pk)
    if not report.pdf_is_current:
        raise Http404
    try:
        file = report.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        file,
        as_attachment=True,
        filename=_filename(report, "pdf"),
        content_type="application/pdf",
    )


@require_POST
def monitoring_report_pdf_request(request, pk: int):
    report = get_report_for_user(request.user, pk, manage=True)
    services.rendering.pdf_expire(obj=report)
    if not report.pdf_is_current and report.pdf_status not in MonitoringReport.PDF_IN_PROGRESS:
        services.report_pdf_request(report=report)
    if request.htmx:
        report.refresh_from_db()
        return render(
            request, "reports/monitoring_reports/_pdf.html", _pdf_context(request, report)
        )
    return redirect("monitoring_report_detail", pk=report.pk)


@require_GET
def monitoring_report_pdf_status(request, pk: int):
    report = get_report_for_user(request.user, pk)
    return render(request, "reports/monitoring_reports/_pdf.html", _pdf_context(request, report))


@require_GET
def monitoring_report_xlsx(request, pk: int):
    report = get_report_for_user(request.user, pk)
    content = table_workbook(
        _("Мониторинг"), XLSX_COLUMNS, report_table_rows(report_view_data(report))
    )
    return xlsx_response(content, _filename(report, "xlsx"))
