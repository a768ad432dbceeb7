from django.urls import path

from .views import create, monitoring, order, personal, practices, register

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
]
