from django.urls import path

from .views import create, monitoring, order, personal, public_page, register

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
