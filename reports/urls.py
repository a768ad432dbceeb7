from django.urls import path

from .views import create, monitoring, municipal, order, personal, register

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
]
