"""One order: its page, editing, the way to approval, and its PDF."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.names import initials_surname
from mentoring.permissions import can

from ..forms.orders import OrderItemFormSet, OrderReturnForm, OrderTextForm, formset_items
from ..models import DocumentSettings, Order
from ..permissions import Action, get_order_for_user
from ..selectors.names import named_people
from ..selectors.orders import order_pair_blockers, orders_for_detail
from ..selectors.public_page import withheld_people
from ..services import orders as services
from ..services import rendering
from .pdf import pdf_state


def pdf_context(request, order: Order) -> dict:
    return {
        "order": order,
        **pdf_state(order),
        "can_request_pdf": can(request.user, Action.ORDERS_DRAFT, order.organisation_id),
    }


def _related(order: Order, orders, *, full_access: bool) -> list[Order]:
    """Orders that change this one; those named in it see only the approved ones."""
    return [o for o in orders if full_access or o.status == Order.Status.APPROVED]


def order_detail(request, pk: int):
    order = get_order_for_user(request.user, pk, Action.ORDERS_VIEW, orders_for_detail())
    organisation = order.organisation
    full_access = can(request.user, Action.ORDERS_VIEW, organisation)
    can_draft = can(request.user, Action.ORDERS_DRAFT, organisation)
    settings = DocumentSettings.of(organisation)
    amendments = _related(order, order.amendments.all(), full_access=full_access)
    cancellations = _related(order, order.cancellations.all(), full_access=full_access)
    appendices = list(order.appendices.all())
    items = list(order.items.all())
    people = list(order.people.all())
    context = {
        "organisation": organisation,
        "order": order,
        "items": items,
        "appendices": appendices,
        "people": people,
        "named_people": named_people(order, people, items) if full_access else [],
        "place": settings.place_of_issue,
        "order_word": settings.get_order_word_display(),
        "signer": initials_surname(order.signer_name),
        "amendments": amendments,
        "cancellations": cancellations,
        "cancelled_by": next((o for o in cancellations if o.status == Order.Status.APPROVED), None),
        "full_access": full_access,
        "can_view_register": can(request.user, Action.APPROVED_VIEW, organisation),
        "can_draft": can_draft,
        "can_approve": can(request.user, Action.ORDERS_APPROVE, organisation),
        "pair_blockers": order_pair_blockers(order) if can_draft else [],
    }
    if can(request.user, Action.PUBLIC_PAGE_MANAGE, organisation):
        context |= publicity_context(order)
    context |= pdf_context(request, order)
    return render(request, "reports/order_detail.html", context)


def publicity_context(order: Order) -> dict:
    """The order's place on the public page, for those who keep the page: only an approved
    order may be shown, and not while someone it names has not agreed to be named."""
    can_publish = order.status == Order.Status.APPROVED and not order.is_letter
    return {
        "can_publish": can_publish,
        "withheld": (
            withheld_people(order, timezone.localdate()) if can_publish and order.is_public else []
        ),
    }


def order_edit(request, pk: int):
    order = get_order_for_user(request.user, pk, Action.ORDERS_DRAFT, orders_for_detail())
    if not order.is_editable:
        messages.error(request, _("Приказ на утверждении или утверждён: его текст не меняется."))
        return redirect("order_detail", pk=order.pk)
    data = request.POST or None
    form = OrderTextForm(
        data,
        order=order,
        initial={"title": order.title, "preamble": order.preamble, "addressee": order.addressee},
    )
    formset = OrderItemFormSet(
        data, prefix="items", initial=[{"text": item.text} for item in order.items.all()]
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.order_update(
                order=order,
                title=form.cleaned_data["title"],
                preamble=form.cleaned_data.get("preamble", ""),
                items=formset_items(formset),
                addressee=form.cleaned_data.get("addressee", ""),
                appendix_texts=form.appendix_texts(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect("order_detail", pk=order.pk)
    return render(
        request,
        "reports/order_edit.html",
        {
            "organisation": order.organisation,
            "order": order,
            "form": form,
            "formset": formset,
            "table_appendices": [a for a in order.appendices.all() if a.rows],
        },
    )


@require_POST
def order_submit(request, pk: int):
    order = get_order_for_user(request.user, pk, Action.ORDERS_DRAFT)
    try:
        services.order_submit(order=order)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Проект отправлен директору на утверждение."))
    return redirect("order_detail", pk=order.pk)


@require_POST
def order_approve(request, pk: int):
    order = get_order_for_user(request.user, pk, Action.ORDERS_APPROVE)
    try:
        order = services.order_approve(order=order, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Утверждено: № %(number)s от %(date)s.")
            % {"number": order.registration_number, "date": order.signed_on.strftime("%d.%m.%Y")},
        )
    return redirect("order_detail", pk=order.pk)


def order_return(request, pk: int):
    order = get_order_for_user(request.user, pk, Action.ORDERS_APPROVE)
    if order.status != Order.Status.SUBMITTED:
        messages.error(request, _("Вернуть можно только приказ, ожидающий утверждения."))
        return redirect("order_detail", pk=order.pk)
    form = OrderReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.order_return(
                order=order, comment=form.cleaned_data["comment"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Проект возвращён на доработку с вашим комментарием."))
            return redirect("order_detail", pk=order.pk)
    return render(
        request,
        "reports/order_return.html",
        {"organisation": order.organisation, "order": order, "form": form},
    )


def order_delete(request, pk: int):
    order = get_order_for_user(request.user, pk, Action.ORDERS_DRAFT)
    if not order.is_editable:
        messages.error(
            request, _("Удалить можно только черновик или проект, возвращённый на доработку.")
        )
        return redirect("order_detail", pk=order.pk)
    if request.method == "POST":
        organisation_id = order.organisation_id
        services.order_delete(order=order)
        messages.success(request, _("Проект удалён."))
        return redirect("order_list", org=organisation_id)
    return render(
        request,
        "reports/order_delete_confirm.html",
        {"organisation": order.organisation, "order": order},
    )


def pdf_filename(order: Order) -> str:
    """«prikaz-01-05-12.pdf» from the number «01-05/12»; a draft is «prikaz-proekt-<id>.pdf»."""
    word = "pismo" if order.is_letter else "prikaz"
    number = re.sub(r"[^0-9A-Za-z]+", "-", order.registration_number).strip("-")
    return f"{word}-{number or f'proekt-{order.pk}'}.pdf"


@require_GET
def order_pdf(request, pk: int):
    return order_pdf_response(get_order_for_user(request.user, pk, Action.ORDERS_VIEW))


def order_pdf_response(order: Order) -> FileResponse:
    """The order's current PDF to save; 404 while there is none."""
    if not order.pdf_is_current:
        raise Http404
    try:
        file = order.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        file,
        as_attachment=True,
        filename=pdf_filename(order),
        content_type="application/pdf",
    )


@require_POST
def order_pdf_request(request, pk: int):
    order = get_order_for_user(request.user, pk, Action.ORDERS_DRAFT)
    rendering.order_pdf_expire(order=order)
    if not order.pdf_is_current and order.pdf_status not in Order.PDF_IN_PROGRESS:
        services.order_pdf_request(order=order)
    if request.htmx:
        order.refresh_from_db()
        return render(request, "reports/_order_pdf.html", pdf_context(request, order))
    return redirect("order_detail", pk=order.pk)


@require_GET
def order_pdf_status(request, pk: int):
    order = get_order_for_user(request.user, pk, Action.ORDERS_VIEW)
    return render(request, "reports/_order_pdf.html", pdf_context(request, order))
