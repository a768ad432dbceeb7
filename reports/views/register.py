"""The register of a school's orders and letters, its export, and the school's document
settings."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.downloads import xlsx_response
from core.spreadsheets import russian_label, table_workbook
from mentoring.models import Organisation
from mentoring.permissions import Action as MentoringAction
from mentoring.permissions import can, get_organisation_for_user

from ..forms.orders import (
    DocumentSettingsForm,
    LegalActFormSet,
    OrderFilterForm,
    formset_acts,
    legal_act_initial,
)
from ..models import DocumentSettings, Order
from ..permissions import Action
from ..selectors.legal_acts import municipality_acts, school_acts
from ..selectors.orders import order_status_counts, orders_awaiting_approval, orders_of_school
from ..services import orders as services
from ..services.legal_acts import legal_acts_replace

# The kinds the empty register offers to draft first, in the order a school needs them.
FIRST_KINDS = (Order.Kind.SYSTEM, Order.Kind.CURATOR, Order.Kind.PAIRS)


def order_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.APPROVED_VIEW)
    # The municipal coordinator supervises: the register shows them the approved orders only.
    approved_only = not can(request.user, Action.ORDERS_VIEW, organisation)
    filters = OrderFilterForm(
        request.GET or None, organisation=organisation, approved_only=approved_only
    )
    params = filters.params()
    is_filtered = any(params.values())
    if approved_only:
        params["status"] = Order.Status.APPROVED
    query = request.GET.copy()
    query.pop("page", None)
    status_query = query.copy()
    status_query.pop("status", None)
    page = Paginator(orders_of_school(organisation, params), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = order_status_counts(organisation, params)
    statuses = (
        [(Order.Status.APPROVED, Order.Status.APPROVED.label)]
        if approved_only
        else Order.Status.choices
    )
    counts = [(value, label, counts.get(value, 0)) for value, label in statuses]
    can_approve = can(request.user, Action.ORDERS_APPROVE, organisation)
    return render(
        request,
        "reports/order_list.html",
        {
            "organisation": organisation,
            "filters": filters,
            "query": query.urlencode(),
            "status_query": status_query.urlencode(),
            "is_filtered": is_filtered,
            "page": page,
            "orders": page.object_list,
            "counts": counts,
            "has_orders": any(count for _value, _label, count in counts) or is_filtered,
            "approved_only": approved_only,
            "awaiting": orders_awaiting_approval(organisation) if can_approve else [],
            "can_draft": can(request.user, Action.ORDERS_DRAFT, organisation),
            "first_kinds": [(kind, kind.label) for kind in FIRST_KINDS],
        },
    )


def _person(user) -> str:
    return user.get_full_name() if user else ""


ORDER_COLUMNS = [
    ("№", 14, lambda o: o.registration_number),
    ("Дата", 12, lambda o: o.signed_on),
    ("Вид", 36, lambda o: russian_label(Order.Kind(o.kind))),
    ("Заголовок", 60, lambda o: o.title),
    ("Статус", 20, lambda o: russian_label(Order.Status(o.status))),
    ("Подготовил", 30, lambda o: _person(o.created_by)),
    ("Утвердил", 30, lambda o: _person(o.approved_by)),
]


@require_GET
def order_export(request, org: int):
    """The register as filtered on the page, every page of it."""
    organisation = get_organisation_for_user(request.user, org, Action.ORDERS_VIEW)
    filters = OrderFilterForm(request.GET or None, organisation=organisation)
    orders = orders_of_school(organisation, filters.params())
    content = table_workbook(_("Приказы"), ORDER_COLUMNS, orders)
    return xlsx_response(content, f"orders-{timezone.localdate():%Y-%m-%d}.xlsx")


def document_settings(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.ORDERS_DRAFT)
    current = DocumentSettings.of(organisation)
    form = DocumentSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_settings_update(
                organisation=organisation,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Настройки документов сохранены."))
            return redirect("order_list", org=organisation.pk)
    return render(
        request,
        "reports/document_settings.html",
        {"organisation": organisation, "form": form},
    )


def legal_acts(request, org: int):
    """The acts orders rest on: a school's list (the federal and municipal acts until the
    school edits it), or the regional and municipal acts a municipality's coordinator keeps
    for its schools."""
    kind = Organisation.objects.filter(pk=org).values_list("kind", flat=True).first()
    is_municipality = kind == Organisation.Kind.MUNICIPALITY
    action = MentoringAction.MUNICIPALITY_VIEW if is_municipality else Action.ORDERS_DRAFT
    organisation = get_organisation_for_user(request.user, org, action)
    acts = municipality_acts(organisation) if is_municipality else school_acts(organisation)
    formset = LegalActFormSet(request.POST or None, initial=legal_act_initial(acts), prefix="acts")
    if request.method == "POST" and formset.is_valid():
        try:
            legal_acts_replace(organisation=organisation, acts=formset_acts(formset))
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, _("Список нормативных актов сохранён."))
            return redirect("legal_acts", org=organisation.pk)
    return render(
        request,
        "reports/legal_acts.html",
        {
            "organisation": organisation,
            "formset": formset,
            "is_municipality": is_municipality,
            "is_own": not is_municipality
            and any(a.organisation_id == organisation.pk for a in acts),
        },
    )
