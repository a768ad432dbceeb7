from typing import NamedTuple

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.downloads import pdf_response, upload_response
from core.names import decline_person, split_full_name
from core.pdf import render_pdf

from ..forms.consents import ConsentForm, ConsentWithdrawForm, needs_representative
from ..models import Consent, DataDestruction, Person, User
from ..models.consents import restriction_of
from ..permissions import Action, can, get_organisation_for_user, get_person_for_user
from ..services import consents as consent_services


def person_consents_context(user, person: Person) -> dict:
    """What `mentoring/_person_consents.html` needs on a person's page."""
    today = timezone.localdate()
    consents = list(person.consents.select_related("verified_by", "destruction"))
    restriction = restriction_of(consents)
    rows = []
    for consent in consents:
        if consent.is_valid_on(today):
            state = "valid"
        elif consent.withdrawn_on:
            state = "withdrawn"
        else:
            state = "expired"
        published = [Consent.Category(c).label for c in consent.published_categories]
        rows.append({"consent": consent, "state": state, "published": published})
    valid_kinds = {row["consent"].kind for row in rows if row["state"] == "valid"}
    return {
        "consent_rows": rows,
        "consent_kinds": Consent.Kind.choices,
        "missing_consent_kinds": [
            (k, label) for k, label in Consent.Kind.choices if k not in valid_kinds
        ],
        "can_manage_consents": can(user, Action.CONSENTS_MANAGE, person.organisation_id),
        "restriction": restriction,
        "destruction": _destruction(consents) if restriction else None,
    }


def _destruction(consents: list[Consent]) -> DataDestruction | None:
    """The duty to destroy the data that the latest withdrawal of processing started."""
    for consent in consents:
        if consent.kind == Consent.Kind.PROCESSING and consent.withdrawn_on:
            try:
                return consent.destruction
            except DataDestruction.DoesNotExist:
                continue
    return None


def restricted_page(request, person: Person, *, back_url: str | None, back_title: str):
    """The page of a person who withdrew their processing consent, wherever it is opened: the
    name, the withdrawal and the deadline to destroy the data, and the consents as proof."""
    return render(
        request,
        "mentoring/person_restricted.html",
        {
            "person": person,
            "organisation": person.organisation,
            "back_url": back_url,
            "back_title": back_title,
            "today": timezone.localdate(),
            **person_consents_context(request.user, person),
        },
    )


def restricted_refusal(request, person: Person):
    """Where an action on a restricted person's data leads: back to their page, saying why."""
    try:
        consent_services.require_unrestricted(person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("person_detail", pk=person.pk)
    return None


def _kind(request) -> str:
    kind = request.GET.get("kind", Consent.Kind.PROCESSING)
    if kind not in Consent.Kind.values:
        raise Http404
    return kind


def _get_consent_for_user(user, pk: int) -> Consent:
    consent = get_object_or_404(Consent, pk=pk)
    consent.person = get_person_for_user(user, consent.person_id, Action.CONSENTS_MANAGE)
    return consent


def _get_destruction_for_user(user, pk: int) -> DataDestruction:
    destruction = get_object_or_404(
        DataDestruction.objects.select_related("consent", "destroyed_by"), pk=pk
    )
    destruction.organisation = get_organisation_for_user(
        user, destruction.organisation_id, Action.CONSENTS_MANAGE
    )
    return destruction


def consent_create(request, pk: int):
    person = get_person_for_user(request.user, pk, Action.CONSENTS_MANAGE)
    if refusal := restricted_refusal(request, person):
        return refusal
    kind = _kind(request)
    form = ConsentForm(request.POST or None, request.FILES or None, person=person, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            consent_services.consent_record(
                person=person, kind=kind, verified_by=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Отмечено: %(kind)s — %(name)s.")
                % {"kind": Consent.Kind(kind).label, "name": person.full_name},
            )
            return redirect("person_detail", pk=person.pk)
    return render(
        request,
        "mentoring/consent_form.html",
        {
            "person": person,
            "organisation": person.organisation,
            "kind": kind,
            "kind_label": Consent.Kind(kind).label,
            "form": form,
        },
    )


def consent_form_pdf(request, pk: int):
    """The blank to print, sign and bring back, prefilled with what the school already knows."""
    person = get_person_for_user(request.user, pk, Action.CONSENTS_MANAGE)
    if refusal := restricted_refusal(request, person):
        return refusal
    kind = _kind(request)
    # Address and documents are not in the directory: take them from earlier consents.
    earlier = list(person.consents.all())
    subject = next((c for c in earlier if c.subject_address or c.subject_document), None)
    representative = next((c for c in earlier if c.representative_name), None)
    context = consent_services.consent_context(
        person=person,
        kind=kind,
        representative=_identity(representative, "representative") if representative else None,
    )
    context.update(
        minor=needs_representative(person),
        subject=_identity(subject, "subject") if subject else {},
        contacts=", ".join(v for v in (person.phone, person.email) if v),
        title=Consent.Kind(kind).label,
        body_template=f"consents/{kind}.html",
    )
    return pdf_response(
        render_pdf("pdf/consent_form.html", context), f"consent-{kind}-{person.pk}.pdf"
    )


class _NameParts(NamedTuple):
    last_name: str
    first_name: str
    patronymic: str


def _identity(consent: Consent, prefix: str) -> dict:
    """The address and identity document a consent records for its subject or representative."""
    fields = ("address", "document", "document_issued_on", "document_issued_by")
    identity = {
        name.removeprefix("document_"): getattr(consent, f"{prefix}_{name}") for name in fields
    }
    identity["division_code"] = getattr(consent, f"{prefix}_document_division_code")
    if prefix == "representative":
        name = consent.representative_name
        identity.update(
            name=name,
            short_name=decline_person(_NameParts(*split_full_name(name)), "nominative", short=True),
            relation=consent.representative_relation,
            authority=consent.representative_authority,
        )
    return identity


def consent_withdraw(request, pk: int):
    consent = _get_consent_for_user(request.user, pk)
    person = consent.person
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            destruction = consent_services.consent_withdraw(
                consent=consent, withdrawn_on=form.cleaned_data["withdrawn_on"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _withdrawal_message(consent, destruction))
            return redirect("person_detail", pk=person.pk)
    return render(
        request,
        "mentoring/consent_withdraw_confirm.html",
        {"consent": consent, "person": person, "form": form},
    )


def _withdrawal_message(consent: Consent, destruction: DataDestruction | None) -> str:
    values = {"name": consent.person.full_name}
    if destruction is not None:
        values["date"] = destruction.due_on.strftime("%d.%m.%Y")
        return (
            _(
                "Согласие на обработку отозвано. %(name)s выведен(а) из банков; "
                "персональные данные нужно уничтожить до %(date)s."
            )
            % values
        )
    if consent.kind == Consent.Kind.DISSEMINATION:
        return (
            _("Согласие на распространение отозвано: уберите данные %(name)s с сайта школы.")
            % values
        )
    return _("Согласие отозвано: %(name)s.") % values


def consent_scan(request, pk: int):
    consent = _get_consent_for_user(request.user, pk)
    if not consent.scan:
        raise Http404
    return upload_response(consent.scan.open("rb"), f"consent-{consent.kind}-{consent.person_id}")


def destruction_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.CONSENTS_MANAGE)
    destructions = DataDestruction.objects.filter(organisation=organisation).select_related(
        "consent", "destroyed_by"
    )
    done = Paginator(
        destructions.filter(destroyed_at__isnull=False).order_by("-destroyed_at"),
        settings.PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "mentoring/destruction_list.html",
        {
            "organisation": organisation,
            "pending": list(destructions.filter(destroyed_at__isnull=True)),
            "page": done,
            "today": timezone.localdate(),
        },
    )


def data_destroy(request, pk: int):
    destruction = _get_destruction_for_user(request.user, pk)
    if request.method == "POST":
        try:
            consent_services.data_destroy(destruction=destruction, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("destruction_list", org=destruction.organisation_id)
        messages.success(
            request,
            _("Данные %(name)s уничтожены. Распечатайте акт и подпишите его комиссией.")
            % {"name": destruction.person_name},
        )
        return redirect("destruction_act", pk=destruction.pk)
    return render(request, "mentoring/data_destroy_confirm.html", {"destruction": destruction})


def destruction_act(request, pk: int):
    destruction = _get_destruction_for_user(request.user, pk)
    if destruction.destroyed_at is None:
        raise Http404
    context = {
        "destruction": destruction,
        "organisation": destruction.organisation,
        "consent": destruction.consent,
        "destroyed_by": _name_and_position(destruction.destroyed_by),
        "log": LogEntry.objects.get_for_object(destruction)
        .select_related("actor")
        .order_by("timestamp"),
    }
    return pdf_response(
        render_pdf("pdf/destruction_act.html", context), f"destruction-act-{destruction.pk}.pdf"
    )


def _name_and_position(user: User | None) -> str:
    if user is None:
        return ""
    person = Person.objects.filter(user=user).only("position").first()
    name = user.get_full_name()
    return f"{name}, {person.position}" if person and person.position else name
