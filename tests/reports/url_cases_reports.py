"""The monitoring reports in the URL × role matrix (tests/test_url_permissions.py): the school's
curator and director manage them, the coordinator reads the issued ones and manages the
municipality's own."""

from datetime import date

from reports.models import MonitoringReport
from reports.services.monitoring import report_create, report_issue, report_update
from tests.test_url_permissions import Case, expect

MANAGERS = expect(default=403, director=200, curator=200, outsider=404)
MANAGERS_POST = expect(default=403, director=302, curator=302, outsider=404)
READ_ISSUED = expect(default=403, director=200, curator=200, coordinator=200, outsider=404)
READ_DRAFT = expect(default=403, director=200, curator=200, outsider=404)
COORDINATOR = expect(default=404, coordinator=200)
COORDINATOR_POST = expect(default=404, coordinator=302)
PERIOD_END = date(2026, 10, 1)


def _draft(o, organisation="school") -> MonitoringReport:
    return report_create(
        organisation=o[organisation], kind=MonitoringReport.Kind.DECEMBER, period_end=PERIOD_END
    )


def _issued(o) -> MonitoringReport:
    report = report_update(report=_draft(o), conclusions="Выводы", proposals="")
    return report_issue(report=report, user=None)


def _school(o):
    return {"org": o["school"].pk}


def _municipality(o):
    return {"org": o["municipality"].pk}


def _pk(make):
    return lambda o: {"pk": make(o).pk}


def _municipal(o):
    return _draft(o, "municipality")


CASES = [
    Case("monitoring_report_list", READ_ISSUED, kwargs=_school),
    Case("monitoring_report_create", MANAGERS, kwargs=_school),
    Case("municipal_report_list", COORDINATOR, kwargs=_municipality),
    Case("municipal_report_create", COORDINATOR, kwargs=_municipality),
    Case("monitoring_report_detail", READ_DRAFT, kwargs=_pk(_draft)),
    Case("monitoring_report_detail", READ_ISSUED, kwargs=_pk(_issued)),
    Case("monitoring_report_detail", COORDINATOR, kwargs=_pk(_municipal)),
    Case("monitoring_report_edit", MANAGERS, kwargs=_pk(_draft)),
    Case("monitoring_report_edit", COORDINATOR, kwargs=_pk(_municipal)),
    Case("monitoring_report_issue", MANAGERS, kwargs=_pk(_draft)),
    Case("monitoring_report_delete", MANAGERS, kwargs=_pk(_draft)),
    Case("monitoring_report_delete", MANAGERS_POST, kwargs=_pk(_draft), method="post"),
    Case("monitoring_report_delete", COORDINATOR_POST, kwargs=_pk(_municipal), method="post"),
    Case(
        "monitoring_report_pdf",
        expect(default=403, director=404, curator=404, outsider=404),
        kwargs=_pk(_draft),
    ),
    Case("monitoring_report_pdf_request", MANAGERS_POST, kwargs=_pk(_draft), method="post"),
    Case("monitoring_report_pdf_status", READ_ISSUED, kwargs=_pk(_issued)),
    Case("monitoring_report_xlsx", READ_ISSUED, kwargs=_pk(_issued)),
    Case("monitoring_report_xlsx", COORDINATOR, kwargs=_pk(_municipal)),
]
