"""Pairs and groups: the list of a year, forming one by hand, its page and its dissolution."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms_pairs import PairDissolveForm, PairFilterForm, PairForm
from ..models import MentoringPair
from ..permissions import Action, can, get_organisation_for_user
from ..selectors import current_academic_year
from ..selectors_meetings import missing_feedback
from ..selectors_pairs import consent_state, pair_for_detail, pair_status_counts, pairs_of_year
from ..services import pairs as pair_services

_STATUS_CLASSES = {
    MentoringPair.Status.DRAFT: "text-bg-secondary",
    MentoringPair.Status.AWAITING_ORDER: "text-bg-warning",
    MentoringPair.Status.ACTIVE: "text-bg-success",
    MentoringPair.Status.COMPLETED: "text-bg-info",
    MentoringPair.Status.DISSOLVED: "text-bg-dark",
}
_CLOSED = (MentoringPair.Status.COMPLETED, MentoringPair.Status.DISSOLVED)


def _mark(pair: MentoringPair) -> MentoringPair:
    pair.status_class = _STATUS_CLASSES[pair.status]
    return pair


def _get_pair_for_user(user, pk: int, action: Action) -> MentoringPair:
    try:
        pair = pair_for_detail(pk)
    except MentoringPair.DoesNotExist:
        raise Http404 from None
    pair.organisation = get_organisation_for_user(user, pair.organisation_id, action)
    return _mark(pair)


def pair_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PAIRS_VIEW)
    years = list(organisation.academic_years.all())
    raw_year = request.GET.get("year")
    year = next((y for y in years if raw_year and str(y.pk) == raw_year), None) or next(
        (y for y in years if y.is_current), None
    )
    filters = PairFilterForm(request.GET or None, organisation=organisation)
    params = filters.params()
    query = request.GET.copy()
    query.pop("page", None)
    status_query = query.copy()
    status_query.pop("status", None)
    context = {
        "organisation": organisation,
        "years": years,
        "year": year,
        "filters": filters,
        "query": query.urlencode(),
        "status_query": status_query.urlencode(),
        "is_filtered": any(params.values()),
        "can_change": can(request.user, Action.PAIRS_CHANGE, organisation),
    }
    if year is not None:
        page = Paginator(pairs_of_year(year, params), settings.PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        counts = pair_status_counts(pairs_of_year(year, {**params, "status": ""}))
        missing = missing_feedback(page.object_list)
        pairs = [_mark(pair) for pair in page.object_list]
        for pair in pairs:
            pair.missing_feedback = missing.get(pair.pk, 0)
        context |= {
            "page": page,
            "pairs": pairs,
            "counts": [
                (value, label, counts.get(value, 0))
                for value, label in MentoringPair.Status.choices
            ],
        }
    return render(request, "mentoring/pair_list.html", context)


def _missing_consents(form: PairForm) -> list[dict]:
    """Participants chosen on the form who lack a consent a pair needs."""
    return [row for row in consent_state(form.participants()) if row["missing"]]


def pair_create(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PAIRS_CHANGE)
    year = current_academic_year(organisation)
    if year is None:
        messages.error(
            request, _("Нет текущего учебного года: откройте его на странице организации.")
        )
        return redirect("pair_list", org=organisation.pk)
    form = PairForm(request.POST or None, year=year)
    missing = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pair = pair_services.pair_create(
                academic_year=year,
                mentor=data["mentor"],
                co_mentor=data["co_mentor"],
                mentees=list(data["mentees"]),
                form=data["form"],
                role_model=data["role_model"],
                mentoring_type=data["mentoring_type"],
                start_date=data["start_date"],
                end_date=data["end_date"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            if getattr(error, "code", None) == "missing_consents":
                missing = _missing_consents(form)
        else:
            messages.success(
                request,
                _("Пара создана.") if pair.mentees.count() == 1 else _("Группа создана."),
            )
            return redirect("pair_detail", pk=pair.pk)
    return render(
        request,
        "mentoring/pair_form.html",
        {"organisation": organisation, "year": year, "form": form, "missing": missing},
    )


def pair_detail(request, pk: int):
    pair = _get_pair_for_user(request.user, pk, Action.PAIRS_VIEW)
    mentees = list(pair.mentees.all())
    roles = [(pair.mentor, _("наставник"), "mentor_detail")]
    if pair.co_mentor:
        roles.append((pair.co_mentor, _("со-наставник"), "mentor_detail"))
    roles += [(mentee, _("наставляемый"), "mentee_detail") for mentee in mentees]
    participants = consent_state([entry for entry, _role, _url in roles])
    for row, (entry, role, url_name) in zip(participants, roles, strict=True):
        row["role"] = role
        row["url"] = reverse(url_name, args=[entry.pk])
    return render(
        request,
        "mentoring/pair_detail.html",
        {
            "pair": pair,
            "organisation": pair.organisation,
            "mentees": mentees,
            "participants": participants,
            "can_dissolve": pair.status not in _CLOSED
            and can(request.user, Action.PAIRS_CHANGE, pair.organisation),
            "can_manage_consents": can(request.user, Action.CONSENTS_MANAGE, pair.organisation),
        },
    )


def pair_dissolve(request, pk: int):
    pair = _get_pair_for_user(request.user, pk, Action.PAIRS_CHANGE)
    if pair.status in _CLOSED:
        messages.error(request, _("Пара уже завершена или расформирована."))
        return redirect("pair_detail", pk=pair.pk)
    form = PairDissolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pair_services.pair_dissolve(pair=pair, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Расформировано; наставляемые вернулись в банк."))
            return redirect("pair_detail", pk=pair.pk)
    return render(request, "mentoring/pair_dissolve_confirm.html", {"pair": pair, "form": form})
