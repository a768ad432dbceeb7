"""Drafting a new order: the choice of its kind, then what that kind needs to know."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentoring.permissions import get_organisation_for_user
from mentoring.selectors.organisations import current_academic_year

from ..forms.orders import (
    AudienceForm,
    CuratorOrderForm,
    FinalEventOrderForm,
    LetterOrderForm,
    MotivationOrderForm,
    NoInputForm,
    PairsOrderForm,
    RewardOrderForm,
    WorkingGroupOrderForm,
)
from ..models import Order
from ..permissions import Action
from ..selectors.orders import blocker_rows
from ..services import orders as services

K = Order.Kind
# The kinds offered on the chooser, each with what it is for. Amending and cancelling start
# from the page of an approved order.
KIND_HINTS = {
    K.SYSTEM: gettext_lazy(
        "Вводит целевую модель наставничества в школе и утверждает Положение о наставничестве. "
        "С него начинается работа."
    ),
    K.CURATOR: gettext_lazy("Назначает куратора целевой модели наставничества на учебный год."),
    K.ROADMAP: gettext_lazy("Утверждает дорожную карту внедрения наставничества на учебный год."),
    K.PAIRS: gettext_lazy(
        "Закрепляет наставнические пары и группы, ожидающие приказа: после утверждения они "
        "начинают работу."
    ),
    K.WORKING_GROUP: gettext_lazy(
        "Создаёт рабочую группу по внедрению целевой модели наставничества: состав, "
        "руководитель, задачи со сроками."
    ),
    K.MOTIVATION: gettext_lazy(
        "Утверждает Положение о мотивации и поощрении наставников: нематериальные "
        "и материальные меры, кто и к какому сроку их готовит."
    ),
    K.REWARD: gettext_lazy(
        "Объявляет благодарность наставникам и наставляемым по итогам года: кто готовит "
        "письма и выплаты и к какому сроку."
    ),
    K.FINAL_EVENT: gettext_lazy(
        "Назначает итоговое мероприятие программы: конференцию, фестиваль, форум, круглый "
        "стол, педагогические чтения — дату, место и ответственного."
    ),
    K.FREE: gettext_lazy("Приказ с заголовком и пунктами, которые вы напишете сами."),
    K.LETTER: gettext_lazy(
        "Благодарственное письмо наставнику или организации-партнёру; письма нумеруются "
        "отдельно от приказов."
    ),
    K.AMEND: gettext_lazy("Вносит изменения в утверждённый приказ."),
    K.CANCEL: gettext_lazy("Отменяет утверждённый приказ."),
}
CHOOSER_KINDS = (
    K.SYSTEM,
    K.WORKING_GROUP,
    K.CURATOR,
    K.ROADMAP,
    K.MOTIVATION,
    K.PAIRS,
    K.REWARD,
    K.FINAL_EVENT,
    K.FREE,
    K.LETTER,
)
_TARGETED = (K.AMEND, K.CANCEL)


def _target(request, organisation) -> Order:
    """The approved order of the school an amending or cancelling order changes."""
    try:
        pk = int(request.GET.get("target", ""))
    except ValueError:
        raise Http404 from None
    target = (
        Order.objects.filter(
            pk=pk,
            organisation=organisation,
            status=Order.Status.APPROVED,
            series=Order.Series.ORDER,
        )
        .select_related("organisation")
        .first()
    )
    if target is None:
        raise Http404
    return target


def _form(kind: str, data, organisation, year):
    if kind == K.CURATOR:
        # The curator's account usually exists before the order that appoints them.
        current = services.school_curator(organisation)
        return CuratorOrderForm(data, organisation=organisation, current=current)
    if kind in (K.SYSTEM, K.ROADMAP):
        return AudienceForm(data, organisation=organisation)
    if kind == K.PAIRS:
        return PairsOrderForm(data, organisation=organisation)
    if kind == K.WORKING_GROUP:
        return WorkingGroupOrderForm(data, organisation=organisation)
    if kind == K.MOTIVATION:
        return MotivationOrderForm(data, organisation=organisation)
    if kind == K.REWARD:
        return RewardOrderForm(data, year=year)
    if kind == K.FINAL_EVENT:
        current = services.school_curator(organisation)
        return FinalEventOrderForm(data, organisation=organisation, current=current)
    if kind == K.LETTER:
        return LetterOrderForm(data, organisation=organisation)
    return NoInputForm(data)


def order_create(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.ORDERS_DRAFT)
    kind = request.GET.get("kind", "")
    if kind not in CHOOSER_KINDS and kind not in _TARGETED:
        return render(
            request,
            "reports/order_kind_choice.html",
            {
                "organisation": organisation,
                "kinds": [(kind, kind.label, KIND_HINTS[kind]) for kind in CHOOSER_KINDS],
            },
        )
    kind = K(kind)
    target = _target(request, organisation) if kind in _TARGETED else None
    year = current_academic_year(organisation)
    form = _form(kind, request.POST if request.method == "POST" else None, organisation, year)
    context = {
        "organisation": organisation,
        "kind": kind,
        "hint": KIND_HINTS[kind],
        "form": form,
        "target": target,
        "year": year,
    }
    if kind == K.PAIRS and year is not None:
        ready, blockers = services.pairs_for_order(year)
        context |= {"ready": ready, "blockers": blocker_rows(blockers)}
    if request.method == "POST" and form.is_valid():
        try:
            order = services.order_draft(
                organisation=organisation,
                kind=kind,
                actor=request.user,
                target=target,
                **form.draft_kwargs(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if order.is_letter:
                message = _(
                    "Проект письма сформирован. Проверьте текст и отправьте его на утверждение."
                )
            else:
                message = _(
                    "Проект приказа сформирован. Проверьте текст и отправьте его на утверждение."
                )
            messages.success(request, message)
            return redirect("order_detail", pk=order.pk)
    return render(request, "reports/order_create.html", context)
