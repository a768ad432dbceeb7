"""The life of an order: drafted from the data, edited, submitted, returned or approved with a
registration number, and its effects on the pairs it names."""

import json
from dataclasses import dataclass
from datetime import date

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.quotes import nested
from mentoring.models import (
    AcademicYear,
    Membership,
    MentoringPair,
    Organisation,
    Person,
    Role,
    User,
)
from mentoring.models.consents import restricted
from mentoring.selectors.organisations import current_academic_year
from mentoring.services.consents import require_unrestricted
from mentoring.services.notifications import notification_add
from mentoring.services.pairs import missing_consents, pairs_activate, pairs_return_to_order
from roadmap.selectors.approval import appendix_is_current, approval_text, roadmap_for_year
from roadmap.services.roadmap import roadmap_lock, roadmap_unlock

from ..models import Audience, DocumentSettings, Order, OrderAppendix, OrderItem
from . import drafting, rendering

_MEMBER_CONSENTS = (
    "mentees__person__consents",
    "mentor__person__consents",
    "co_mentor__person__consents",
)
# Orders still in the works: a pair in one of them is not offered to another pairs order.
PENDING_STATUSES = (Order.Status.DRAFT, Order.Status.SUBMITTED, Order.Status.RETURNED)


@dataclass(frozen=True)
class Blocker:
    """A pair awaiting the order that cannot enter it, and why."""

    pair: MentoringPair
    missing: list[str]


@transaction.atomic
def document_settings_update(*, organisation: Organisation, data: dict) -> DocumentSettings:
    """Save the school's numbering and print settings; `data` holds the fields to change."""
    settings, _created = DocumentSettings.objects.get_or_create(organisation=organisation)
    for name, value in data.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save(update_fields=[*data, "updated_at"])
    return settings


def school_curator(organisation: Organisation) -> Person | None:
    """The person of the school's curator account, if the curator has one and has not
    withdrawn their processing consent."""
    memberships = (
        Membership.objects.filter(
            organisation=organisation, role=Role.CURATOR, user__person__isnull=False
        )
        .exclude(restricted("user__person"))
        .select_related("user__person")
    )
    membership = memberships.order_by("pk").first()
    return membership.user.person if membership else None


def pairs_for_order(year: AcademicYear) -> tuple[list[MentoringPair], list[Blocker]]:
    """Pairs awaiting the order that no pending order holds: those whose members all agreed to
    the mentoring duties, and the blockers, each with what is missing."""
    pending = Order.objects.filter(
        organisation_id=year.organisation_id,
        kind=Order.Kind.PAIRS,
        status__in=PENDING_STATUSES,
        pairs=OuterRef("pk"),
    )
    pairs = (
        MentoringPair.objects.filter(academic_year=year, status=MentoringPair.Status.AWAITING_ORDER)
        .exclude(Exists(pending))
        .select_related(
            "mentor__person", "co_mentor__person", "form", "role_model", "mentoring_type"
        )
        .prefetch_related(*_MEMBER_CONSENTS)
        .order_by("mentor__person__last_name", "mentor__person__first_name", "pk")
    )
    ready, blockers = [], []
    for pair in pairs:
        if missing := missing_consents(pair.members()):
            blockers.append(Blocker(pair, missing))
        else:
            ready.append(pair)
    return ready, blockers


def _signer(organisation: Organisation) -> tuple[str, str]:
    return organisation.director_position or "Директор", organisation.director_name


def default_audience(organisation: Organisation) -> str:
    return DocumentSettings.of(organisation).audience


def _require_staff(organisation: Organisation, people: list[Person]) -> None:
    for person in people:
        if person.organisation_id != organisation.pk:
            raise ValidationError(_("Участник другой организации."))
        require_unrestricted(person)


def _letter(organisation: Organisation, people: list[Person], addressee: str, details: dict):
    """A letter to a person of the school, to a person named in full, or to an organisation."""
    recipient = details.get("recipient") or ("person" if people else "organisation")
    if recipient == "person":
        full_name = " ".join(details.get("full_name", "").split())
        if not people and len(full_name.split()) < 2:
            raise ValidationError(_("Выберите сотрудника или укажите фамилию, имя и отчество."))
        return drafting.draft_letter_person(
            organisation, people[0] if people else None, full_name, details.get("position", "")
        )
    if not addressee.strip():
        raise ValidationError(_("Укажите, кому адресовано письмо."))
    return drafting.draft_letter_organisation(organisation, addressee, details.get("head", ""))


@transaction.atomic
def order_draft(
    *,
    organisation: Organisation,
    kind: str,
    actor: User,
    people: list[Person] | None = None,
    target: Order | None = None,
    held_on: date | None = None,
    addressee: str = "",
    audience: str = "",
    details: dict | None = None,
) -> Order:
    """A draft of the given kind with its text and appendices prefilled from the data.

    `people`: the curator to appoint (one), the participants to reward, the members of a
    working group, or the person a letter thanks; `target`: the approved order an amending or
    cancelling order changes; `audience`: whose mentoring the order concerns (the school's
    default, or the pairs' for a pairs order), which chooses its legal basis; `details`: what
    a kind needs besides (the head of a working group, the kind, place and responsible of the
    final event, the recipient of a letter).
    """
    year = current_academic_year(organisation)
    curator = school_curator(organisation)
    people = people or []
    details = details or {}
    for person in people:
        require_unrestricted(person)
    if audience and audience not in Audience.values:
        raise ValidationError(_("Неизвестная аудитория приказа."))
    chosen_audience = audience
    audience = audience or default_audience(organisation)
    kinds = Order.Kind
    if kind == kinds.PAIRS:
        if year is None:
            raise ValidationError(
                _("Нет текущего учебного года: откройте его на странице организации.")
            )
        pairs, _blockers = pairs_for_order(year)
        if not pairs:
            raise ValidationError(
                _(
                    "Нет пар, ожидающих приказа, у которых есть все согласия участников: "
                    "передайте пары на приказ на их страницах и отметьте недостающие согласия."
                )
            )
        draft = drafting.draft_pairs(organisation, year, curator, pairs, chosen_audience)
    elif kind == kinds.CURATOR:
        if len(people) != 1:
            raise ValidationError(_("Выберите куратора."))
        draft = drafting.draft_curator(organisation, year, people[0], audience)
    elif kind == kinds.REWARD:
        if not people:
            raise ValidationError(_("Выберите хотя бы одного участника."))
        draft = drafting.draft_reward(organisation, year, people, curator, details.get("due_on"))
    elif kind == kinds.WORKING_GROUP:
        head = details.get("head")
        if head is None:
            raise ValidationError(_("Выберите руководителя рабочей группы."))
        _require_staff(organisation, [head, *people])
        draft = drafting.draft_working_group(
            organisation, year, audience, head, people, details.get("due_on")
        )
    elif kind == kinds.MOTIVATION:
        draft = drafting.draft_motivation(
            organisation, year, curator, audience, details.get("due_on")
        )
    elif kind in (kinds.AMEND, kinds.CANCEL):
        if target is None or target.status != Order.Status.APPROVED or target.is_letter:
            raise ValidationError(_("Изменить или отменить можно только утверждённый приказ."))
        if target.organisation_id != organisation.pk:
            raise ValidationError(_("Приказ другой организации."))
        if blockers := _change_blockers(Order(cancels=target)):
            # capfirst, not capitalize: an order's number keeps its letters («12-ОД»).
            raise ValidationError(capfirst("; ".join(blockers)) + ".")
        draft = drafting.draft_change(target, cancel=kind == kinds.CANCEL)
    elif kind == kinds.LETTER:
        draft = _letter(organisation, people, addressee, details)
    elif kind == kinds.SYSTEM:
        draft = drafting.draft_system(organisation, year, curator, audience)
    elif kind == kinds.ROADMAP:
        draft = drafting.draft_roadmap(organisation, year, curator, audience)
    elif kind == kinds.FINAL_EVENT:
        responsible = details.get("responsible", curator)
        if responsible is not None:
            _require_staff(organisation, [responsible])
        draft = drafting.draft_final_event(
            organisation,
            year,
            event=details.get("event") or "conference",
            held_on=held_on,
            place=details.get("place", ""),
            responsible=responsible,
            prepare_by=details.get("prepare_by"),
        )
    elif kind == kinds.FREE:
        draft = drafting.draft_free()
    else:
        raise ValidationError(_("Неизвестный вид приказа."))
    position, name = _signer(organisation)
    order = Order.objects.create(
        organisation=organisation,
        academic_year=year,
        kind=kind,
        audience=draft.audience,
        series=Order.Series.LETTER if kind == kinds.LETTER else Order.Series.ORDER,
        title=draft.title,
        preamble=draft.preamble,
        addressee=draft.addressee,
        signer_position=position,
        signer_name=name,
        amends=target if kind == kinds.AMEND else None,
        cancels=target if kind == kinds.CANCEL else None,
        created_by=actor,
    )
    OrderItem.objects.bulk_create(
        OrderItem(order=order, position=n, text=text) for n, text in enumerate(draft.items, 1)
    )
    OrderAppendix.objects.bulk_create(
        OrderAppendix(order=order, position=n, kind=a.kind, title=a.title, text=a.text, rows=a.rows)
        for n, a in enumerate(draft.appendices, 1)
    )
    order.pairs.set(draft.pairs)
    order.people.set(draft.people)
    return order


def _locked(order: Order) -> Order:
    """The order re-read under a row lock: a decision taken meanwhile in another request is
    seen, and two changes never interleave."""
    return Order.objects.select_for_update().select_related("organisation").get(pk=order.pk)


def _require_editable(order: Order) -> None:
    if not order.is_editable:
        raise ValidationError(
            _("Приказ на утверждении или утверждён: его текст больше не меняется.")
        )


def _changed(order: Order, *fields: str) -> None:
    """Save a change of the text: the PDF made before it no longer shows the order."""
    order.version += 1
    order.pdf_status = Order.PdfStatus.NONE
    order.save(update_fields=[*fields, "version", "pdf_status", "updated_at"])


@transaction.atomic
def order_update(
    *,
    order: Order,
    title: str,
    preamble: str,
    items: list[str],
    addressee: str = "",
    appendix_texts: dict[int, str] | None = None,
) -> Order:
    """Replace the editable text of a draft: its title, preamble, items in order, the addressee
    of a letter and the text of text appendices (by appendix id)."""
    order = _locked(order)
    _require_editable(order)
    items = [text.strip() for text in items if text.strip()]
    if not title.strip():
        raise ValidationError({"title": _("Укажите заголовок.")})
    if not items:
        raise ValidationError(_("В приказе должен быть хотя бы один пункт."))
    if order.is_letter and not addressee.strip():
        raise ValidationError({"addressee": _("Укажите, кому адресовано письмо.")})
    order.title, order.preamble = title.strip(), preamble.strip()
    order.addressee = addressee.strip()
    order.items.all().delete()
    OrderItem.objects.bulk_create(
        OrderItem(order=order, position=n, text=text) for n, text in enumerate(items, 1)
    )
    for appendix in order.appendices.filter(kind=OrderAppendix.Kind.TEXT):
        if appendix_texts and appendix.pk in appendix_texts:
            appendix.text = appendix_texts[appendix.pk]
            appendix.save(update_fields=["text"])
    _changed(order, "title", "preamble", "addressee")
    return order


def _pair_blockers(order: Order) -> list[str]:
    """Why the pairs of a pairs order cannot be fixed now, one line per pair."""
    if order.kind != Order.Kind.PAIRS:
        return []
    lines = []
    pairs = order.pairs.select_related("mentor__person", "co_mentor__person").prefetch_related(
        *_MEMBER_CONSENTS
    )
    for pair in pairs:
        if pair.status != MentoringPair.Status.AWAITING_ORDER:
            lines.append(
                _("%(mentor)s: пара уже не ожидает приказа (%(status)s).")
                % {"mentor": pair.mentor.person.full_name, "status": pair.get_status_display()}
            )
            continue
        lines += missing_consents(pair.members())
    return lines


def _restricted_people(order: Order) -> list[str]:
    """A draft named someone who has withdrawn their processing consent since."""
    return [
        _(
            "%(name)s отозвал(а) согласие на обработку персональных данных — подготовьте "
            "проект заново"
        )
        % {"name": person.full_name}
        for person in order.people.filter(restricted())
    ]


@transaction.atomic
def order_submit(*, order: Order) -> Order:
    order = _locked(order)
    _require_editable(order)
    if not order.title.strip() or not order.items.exists():
        raise ValidationError(_("Заполните заголовок и хотя бы один пункт."))
    if not order.organisation.director_name.strip():
        raise ValidationError(
            _("Укажите ФИО руководителя на странице организации: без него приказ не подписать.")
        )
    if blockers := _pair_blockers(order) + _restricted_people(order):
        raise ValidationError(
            _("Приказ не может быть подписан: %(blockers)s") % {"blockers": "; ".join(blockers)},
            code="blocked",
        )
    order.status = Order.Status.SUBMITTED
    order.submitted_at = timezone.now()
    order.return_comment = ""
    order.save(update_fields=["status", "submitted_at", "return_comment", "updated_at"])
    return order


@transaction.atomic
def order_return(*, order: Order, comment: str, actor: User) -> Order:
    order = _locked(order)
    if order.status != Order.Status.SUBMITTED:
        raise ValidationError(_("Вернуть можно только приказ, ожидающий утверждения."))
    if not comment.strip():
        raise ValidationError({"comment": _("Напишите, что исправить.")})
    order.status = Order.Status.RETURNED
    order.return_comment = comment.strip()
    order.save(update_fields=["status", "return_comment", "updated_at"])
    _notify_author(order)
    return order


def _change_blockers(order: Order) -> list[str]:
    """An order may change or cancel only an approved order that no approved order has
    cancelled yet, and never a cancelling order."""
    target = order.amends or order.cancels
    if target is None:
        return []
    if target.kind == Order.Kind.CANCEL:
        return [_("приказ об отмене не изменяется и не отменяется")]
    if target.cancellations.filter(status=Order.Status.APPROVED).exclude(pk=order.pk).exists():
        return [_("приказ № %(number)s уже отменён") % {"number": target.registration_number}]
    return []


def _stale_appendix(order: Order) -> list[str]:
    """An order is signed as the director read it: if its pairs or its roadmap changed since
    the draft, the draft has to be made again."""
    if order.kind == Order.Kind.ROADMAP:
        roadmap = roadmap_for_year(order.organisation_id, order.academic_year_id)
        appendix = order.appendices.filter(kind=OrderAppendix.Kind.ROADMAP).first()
        if roadmap is None or appendix is None or appendix_is_current(roadmap, appendix.rows):
            return []
        return [_("дорожная карта изменилась после подготовки проекта — подготовьте его заново")]
    if order.kind != Order.Kind.PAIRS:
        return []
    appendix = order.appendices.filter(kind=OrderAppendix.Kind.PAIRS).first()
    pairs = order.pairs.select_related(
        "mentor__person", "co_mentor__person", "form", "role_model", "mentoring_type"
    ).prefetch_related("mentees__person")

    def rows(items: list[dict]) -> list[str]:
        return sorted(json.dumps(item, sort_keys=True, ensure_ascii=False) for item in items)

    if appendix is not None and rows(drafting.pair_rows(list(pairs))) == rows(appendix.rows):
        return []
    return [_("состав или сроки пар изменились после подготовки проекта — подготовьте его заново")]


def _next_number(order: Order, year: int) -> int:
    """The next number of the organisation's series in the calendar year.

    The organisation's row is locked first, so two approvals at the same moment take turns:
    numbers have no gaps and no duplicates (the unique constraint is the last guard).
    """
    Organisation.objects.select_for_update().filter(pk=order.organisation_id).get()
    last = Order.objects.filter(
        organisation_id=order.organisation_id,
        series=order.series,
        number_year=year,
        status=Order.Status.APPROVED,
    ).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def registration_number(order: Order, number: int) -> str:
    settings = DocumentSettings.of(order.organisation)
    prefix = settings.letter_prefix if order.is_letter else settings.order_prefix
    return f"{prefix}{number}"


@transaction.atomic
def order_approve(*, order: Order, actor: User, signed_on: date | None = None) -> Order:
    """Sign the order: it gets its number and date, its effects take place, and its PDF is
    queued. Refused if a pair it names is no longer ready to be fixed. `signed_on` is the day
    on the paper when it was signed earlier (today by default), never a day to come."""
    today = timezone.localdate()
    signed_on = signed_on or today
    if signed_on > today:
        raise ValidationError(
            _("Дата подписания %(date)s ещё не наступила: укажите сегодняшнюю или прошедшую дату.")
            % {"date": signed_on.strftime("%d.%m.%Y")}
        )
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != Order.Status.SUBMITTED:
        raise ValidationError(_("Утвердить можно только приказ, ожидающий утверждения."))
    blockers = _pair_blockers(order) + _restricted_people(order)
    if blockers := blockers + _change_blockers(order) + _stale_appendix(order):
        raise ValidationError(
            _("Приказ не может быть подписан: %(blockers)s") % {"blockers": "; ".join(blockers)},
            code="blocked",
        )
    # Signed by whoever heads the school on the day of signing.
    order.signer_position, order.signer_name = _signer(order.organisation)
    order.number = _next_number(order, signed_on.year)
    order.number_year = signed_on.year
    order.registration_number = registration_number(order, order.number)
    order.signed_on = signed_on
    order.status = Order.Status.APPROVED
    order.approved_by = actor
    order.approved_at = timezone.now()
    order.save(
        update_fields=[
            "number",
            "number_year",
            "registration_number",
            "signed_on",
            "status",
            "approved_by",
            "approved_at",
            "signer_position",
            "signer_name",
            "updated_at",
        ]
    )
    _apply_effects(order)
    _changed(order)
    order_pdf_request(order=order)
    _notify_author(order)
    return order


def _roadmap_lock(roadmap, order: Order) -> None:
    roadmap_lock(
        roadmap=roadmap,
        by_text=approval_text(order.registration_number, order.signed_on),
        by_url=reverse("order_detail", args=[order.pk]),
    )


def _approving_order(roadmap) -> Order | None:
    """The approved, not cancelled order that approves the roadmap, the latest if several."""
    return (
        Order.objects.filter(
            organisation_id=roadmap.organisation_id,
            academic_year_id=roadmap.academic_year_id,
            kind=Order.Kind.ROADMAP,
            status=Order.Status.APPROVED,
        )
        .exclude(cancellations__status=Order.Status.APPROVED)
        .order_by("-approved_at", "-pk")
        .first()
    )


def _apply_effects(order: Order) -> None:
    """A pairs order activates its pairs and plans their meetings; cancelling it takes them
    back to awaiting an order and drops the meetings not yet held. A roadmap order locks the
    roadmap of its year; cancelling it unlocks the roadmap unless another order approves it."""
    if order.kind == Order.Kind.PAIRS:
        pairs_activate(pairs=order.pairs.all())
    elif order.kind == Order.Kind.ROADMAP:
        roadmap = roadmap_for_year(order.organisation_id, order.academic_year_id)
        if roadmap is not None:
            _roadmap_lock(roadmap, order)
    elif order.kind == Order.Kind.CANCEL and order.cancels.kind == Order.Kind.PAIRS:
        pairs_return_to_order(pairs=order.cancels.pairs.all())
    elif order.kind == Order.Kind.CANCEL and order.cancels.kind == Order.Kind.ROADMAP:
        cancelled = order.cancels
        roadmap = roadmap_for_year(cancelled.organisation_id, cancelled.academic_year_id)
        if roadmap is None:
            return
        remaining = _approving_order(roadmap)
        if remaining is None:
            roadmap_unlock(roadmap=roadmap)
        else:
            _roadmap_lock(roadmap, remaining)


@transaction.atomic
def order_delete(*, order: Order) -> None:
    order = _locked(order)
    if order.status == Order.Status.APPROVED:
        raise ValidationError(_("Утверждённый приказ не удаляется: его отменяют новым приказом."))
    if order.status == Order.Status.SUBMITTED:
        raise ValidationError(_("Приказ на утверждении у директора: удалить его нельзя."))
    if order.pdf:
        pdf = order.pdf
        transaction.on_commit(lambda: pdf.storage.delete(pdf.name))
    order.delete()


def order_pdf_request(*, order: Order) -> None:
    """Queue the PDF of the order's current version, once the transaction commits."""
    from ..tasks import render_order_pdf

    rendering.pdf_request(obj=order, task=render_order_pdf)


def _notify_author(order: Order) -> None:
    from ..tasks import send_order_decision_email

    if order.created_by_id and order.created_by_id != order.approved_by_id:
        # Stored as text, like the e-mail: in the interface's first language.
        with translation.override(django_settings.LANGUAGE_CODE):
            if order.status == Order.Status.APPROVED:
                text = _("Утверждён документ «%(title)s»: № %(number)s от %(date)s.") % {
                    "title": nested(order.title),
                    "number": order.registration_number,
                    "date": f"{order.signed_on:%d.%m.%Y}",
                }
            else:
                text = _("Возвращён на доработку документ «%(title)s».") % {
                    "title": nested(order.title)
                }
        notification_add(
            user=order.created_by,
            text=text,
            url=reverse("order_detail", args=[order.pk]),
            organisation=order.organisation,
        )
        order_id = order.pk
        transaction.on_commit(lambda: send_order_decision_email.delay(order_id))
