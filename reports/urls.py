from django.urls import path

from .views import (
    create,
    monitoring,
    monitoring_reports,
    municipal,
    order,
    personal,
    practices,
    public_page,
    register,
    targets,
)

urlpatterns = [
    path("schools/<int:org>/orders/", register.order_list, name="order_list"),
    path("schools/<int:org>/orders/export.xlsx", register.order_export, name="order_export"),
    path("schools/<int:org>/orders/new/", create.order_create, name="order_create"),
    path(
        "schools/<int:org>/orders/settings/",
        register.document_settings,
        name="document_settings",
    ),
    path("schools/<int:org>/legal-acts/", register.legal_acts, name="legal_acts"),
    path("orders/<int:pk>/", order.order_detail, name="order_detail"),
    path("orders/<int:pk>/edit/", order.order_edit, name="order_edit"),
    path("orders/<int:pk>/submit/", order.order_submit, name="order_submit"),
    path("orders/<int:pk>/approve/", order.order_approve, name="order_approve"),
    path("orders/<int:pk>/return/", order.order_return, name="order_return"),
    path("orders/<int:pk>/delete/", order.order_delete, name="order_delete"),
    path("orders/<int:pk>/pdf/", order.order_pdf, name="order_pdf"),
    path("orders/<int:pk>/pdf/request/", order.order_pdf_request, name="order_pdf_request"),
    path("orders/<int:pk>/pdf/status/", order.order_pdf_status, name="order_pdf_status"),
    path("me/orders/", personal.my_orders, name="my_orders"),
    # Monitoring.
    path("schools/<int:org>/monitoring/", monitoring.monitoring, name="monitoring"),
    # Targets and the contingent (the inputs of the indicators).
    path(
        "schools/<int:org>/monitoring/targets/",
        targets.monitoring_targets,
        name="monitoring_targets",
    ),
    path(
        "schools/<int:org>/monitoring/contingent/",
        targets.contingent_list,
        name="contingent_list",
    ),
    path(
        "schools/<int:org>/monitoring/contingent/new/",
        targets.contingent_create_view,
        name="contingent_create",
    ),
    path(
        "schools/<int:org>/monitoring/contingent/import/",
        targets.contingent_import_view,
        name="contingent_import",
    ),
    path(
        "schools/<int:org>/monitoring/contingent/<int:pk>/delete/",
        targets.contingent_delete_view,
        name="contingent_delete",
    ),
    path(
        "schools/<int:org>/monitoring/records/<str:indicator>/",
        monitoring.monitoring_records,
        name="monitoring_records",
    ),
    # Monitoring reports (December, June, any period) and the municipality's.
    path(
        "schools/<int:org>/monitoring/reports/",
        monitoring_reports.monitoring_report_list,
        name="monitoring_report_list",
    ),
    path(
        "schools/<int:org>/monitoring/reports/new/",
        monitoring_reports.monitoring_report_create,
        name="monitoring_report_create",
    ),
    path(
        "municipalities/<int:org>/monitoring/reports/",
        monitoring_reports.municipal_report_list,
        name="municipal_report_list",
    ),
    path(
        "municipalities/<int:org>/monitoring/reports/new/",
        monitoring_reports.municipal_report_create,
        name="municipal_report_create",
    ),
    path(
        "monitoring/reports/<int:pk>/",
        monitoring_reports.monitoring_report_detail,
        name="monitoring_report_detail",
    ),
    path(
        "monitoring/reports/<int:pk>/edit/",
        monitoring_reports.monitoring_report_edit,
        name="monitoring_report_edit",
    ),
    path(
        "monitoring/reports/<int:pk>/issue/",
        monitoring_reports.monitoring_report_issue,
        name="monitoring_report_issue",
    ),
    path(
        "monitoring/reports/<int:pk>/delete/",
        monitoring_reports.monitoring_report_delete,
        name="monitoring_report_delete",
    ),
    path(
        "monitoring/reports/<int:pk>/pdf/",
        monitoring_reports.monitoring_report_pdf,
        name="monitoring_report_pdf",
    ),
    path(
        "monitoring/reports/<int:pk>/pdf/request/",
        monitoring_reports.monitoring_report_pdf_request,
        name="monitoring_report_pdf_request",
    ),
    path(
        "monitoring/reports/<int:pk>/pdf/status/",
        monitoring_reports.monitoring_report_pdf_status,
        name="monitoring_report_pdf_status",
    ),
    path(
        "monitoring/reports/<int:pk>/export.xlsx",
        monitoring_reports.monitoring_report_xlsx,
        name="monitoring_report_xlsx",
    ),
    # Municipal: statistics counts and the municipality's summary.
    path("schools/<int:org>/monitoring/statistics/", municipal.statistics, name="statistics"),
    path(
        "schools/<int:org>/monitoring/statistics.xlsx",
        municipal.statistics_xlsx,
        name="statistics_xlsx",
    ),
    path(
        "municipalities/<int:org>/statistics/",
        municipal.municipal_statistics,
        name="municipal_statistics",
    ),
    path(
        "municipalities/<int:org>/statistics.xlsx",
        municipal.municipal_statistics_xlsx,
        name="municipal_statistics_xlsx",
    ),
    path("municipalities/<int:org>/monitoring/", municipal.summary, name="municipal_summary"),
    path(
        "municipalities/<int:org>/monitoring.xlsx",
        municipal.summary_xlsx,
        name="municipal_summary_xlsx",
    ),
    # Best practices (методическая копилка).
    path("schools/<int:org>/practices/", practices.practice_list, name="practice_list"),
    path("schools/<int:org>/practices/new/", practices.practice_create, name="practice_create"),
    path("practices/<int:pk>/", practices.practice_detail, name="practice_detail"),
    path("practices/<int:pk>/edit/", practices.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/publish/", practices.practice_publish, name="practice_publish"),
    path("practices/<int:pk>/delete/", practices.practice_delete, name="practice_delete"),
    path(
        "practices/<int:pk>/materials/add/",
        practices.practice_material_add,
        name="practice_material_add",
    ),
    path(
        "practices/materials/<int:pk>/",
        practices.practice_material_download,
        name="practice_material_download",
    ),
    path(
        "practices/materials/<int:pk>/delete/",
        practices.practice_material_delete,
        name="practice_material_delete",
    ),
    path(
        "municipalities/<int:org>/practices/",
        practices.municipal_practices,
        name="municipal_practices",
    ),
    # The public page (no sign-in at /s/…) and its settings.
    path(
        "schools/<int:org>/public-page/",
        public_page.public_page_settings,
        name="public_page_settings",
    ),
    path("schools/<int:org>/public-page/news/", public_page.news_list, name="news_list"),
    path("schools/<int:org>/public-page/news/new/", public_page.news_create, name="news_create"),
    path("news/<int:pk>/edit/", public_page.news_edit, name="news_edit"),
    path("news/<int:pk>/delete/", public_page.news_delete, name="news_delete"),
    path("orders/<int:pk>/publicity/", public_page.order_publicity, name="order_publicity"),
    path("s/<slug:slug>/", public_page.public_school, name="public_school"),
    path(
        "s/<slug:slug>/orders/<int:pk>.pdf",
        public_page.public_order_pdf,
        name="public_order_pdf",
    ),
    path("s/<slug:slug>/practices/<int:pk>/", public_page.public_case, name="public_case"),
]
