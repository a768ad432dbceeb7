"""Pairs and groups: the list of a year, forming one by hand, its page, its completion and its
dissolution."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.downloads import xlsx_response
from core.pagination import CountedPaginator, total_of

from .. import extensions
from ..exports.pairs import pair_export_workbook
from ..forms.pairs import PairDissolveForm, PairFilterForm, PairForm
from ..models import MentoringPair
from ..permissions import Action, can, get_organisation_for_user, get_pair_for_user
from ..selectors.meetings import missing_feedback
from ..selectors.organisations import academic_years_with_chosen, current_academic_year
from ..selectors.pairs import consent_state, pair_status_counts, pairs_for_detail, pairs_of_year
from ..services import pairs as pair_services

_CLOSED = (MentoringPair.Status.COMPLETED, MentoringPair.Status.DISSOLVED)


def _year_and_filters(request, organisation):
    """The year chosen on the list (the current one by default) and the list's filters."""
    years, year = academic_years_with_chosen(organisation, request.GET.get("year"))
    return years, year, PairFilterForm(request.GET or None, organisation=organisation)


def _with_missing_feedback(pairs) -> list[MentoringPair]:
    missing = missing_feedback(pairs)
    for pair in pairs:
        pair.missing_feedback = missing.get(pair.pk, 0)
    return pairs


def pair_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PAIRS_VIEW)
    years, year, filters = _year_and_filters(request, organisation)
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
        counts = pair_status_counts(year, params)
        total = total_of(counts, params.get("status"))
        page = CountedPaginator(pairs_of_year(year, params), settings.PAGE_SIZE, total).get_page(
            request.GET.get("page")
        )
        context |= {
            "page": page,
            "pairs": _with_missing_feedback(list(page.object_list)),
            "counts": [
                (value, label, counts.get(value, 0))
                for value, label in MentoringPair.Status.choices
            ],
        }
    return render(request, "mentoring/pair_list.html", context)


@require_GET
def pair_export(request, org: int):
    """The list as filtered on the page, every page of it."""
    organisation = get_organisation_for_user(request.user, org, Action.PAIRS_VIEW)
    _years, year, filters = _year_and_filters(request, organisation)
    pairs = list(pairs_of_year(year, filters.params())) if year is not None else []
    content = pair_export_workbook(_with_missing_feedback(pairs))
    return xlsx_response(content, f"pairs-{timezone.localdate():%Y-%m-%d}.xlsx")


def _missing_consents(form: PairForm) -> list[dict]:
    """Participants chosen on the form who lack a consent a pair needs."""
    return [row for row in consent_state(form.participants()) if row["missing"]]


def _pair_form_page(request, *, year, pair: MentoringPair | None = None):
    """Create a pair, or edit `pair`; the service checks banks, consents and capacity."""
    form = PairForm(request.POST or None, year=year, pair=pair)
    missing = []
    if request.method == "POST" and form.is_valid():
        data = {
            name: form.cleaned_data[name]
            for name in (
                "mentor",
                "co_mentor",
                "form",
                "role_model",
                "mentoring_type",
                "start_date",
                "end_date",
            )
        }
        mentees = list(form.cleaned_data["mentees"])
        try:
            if pair is None:
                saved = pair_services.pair_create(academic_year=year, mentees=mentees, **data)
            else:
                saved = pair_services.pair_update(pair=pair, mentees=mentees, **data)
        except ValidationError as error:
            form.add_error(None, error)
            if getattr(error, "code", None) == "missing_consents":
                missing = _missing_consents(form)
        else:
            if pair is not None:
                messages.success(request, _("Изменения сохранены."))
            elif len(mentees) == 1:
                messages.success(request, _("Пара создана."))
            else:
                messages.success(request, _("Группа создана."))
            return redirect("pair_detail", pk=saved.pk)
    return render(
        request,
        "mentoring/pair_form.html",
        {
            "organisation": year.organisation,
            "year": year,
            "form": form,
            "missing": missing,
            "pair": pair,
        },
    )


def pair_create(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PAIRS_CHANGE)
    year = current_academic_year(organisation)
    if year is None:
        messages.error(
            request, _("Нет текущего учебного года: откройте его на странице организации.")
        )
        return redirect("pair_list", org=organisation.pk)
    return _pair_form_page(request, year=year)


def pair_edit(request, pk: int):
    pair = get_pair_for_user(request.user, pk, Action.PAIRS_CHANGE, queryset=pairs_for_detail())
    if pair.status not in pair_services.EDITABLE_STATUSES:
        messages.error(
            request, _("Пара уже утверждена приказом: её состав и сроки меняются новым приказом.")
        )
        return redirect("pair_detail", pk=pair.pk)
    pair.academic_year.organisation = pair.organisation
    return _pair_form_page(request, year=pair.academic_year, pair=pair)


@require_POST
def pair_status(request, pk: int):
    """Send a draft to the next order, or take it back to drafts."""
    pair = get_pair_for_user(request.user, pk, Action.PAIRS_CHANGE, queryset=pairs_for_detail())
    target = request.POST.get("status")
    try:
        if target == MentoringPair.Status.AWAITING_ORDER:
            pair_services.pair_submit_for_order(pair=pair)
            messages.success(request, _("Пара передана на приказ о закреплении наставников."))
        elif target == MentoringPair.Status.DRAFT:
            pair_services.pair_return_to_draft(pair=pair)
            messages.success(request, _("Пара возвращена в черновики."))
        else:
            messages.error(request, _("Не удалось выполнить действие: обновите страницу."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("pair_detail", pk=pair.pk)


def pair_detail(request, pk: int):
    pair = get_pair_for_user(request.user, pk, Action.PAIRS_VIEW, queryset=pairs_for_detail())
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
            "can_change": can(request.user, Action.PAIRS_CHANGE, pair.organisation),
            "is_editable": pair.status in pair_services.EDITABLE_STATUSES,
            "is_closed": pair.status in _CLOSED,
            "can_manage_consents": can(request.user, Action.CONSENTS_MANAGE, pair.organisation),
            "extra_links": extensions.pair_links(pair, request.user),
        },
    )


def pair_dissolve(request, pk: int):
    pair = get_pair_for_user(request.user, pk, Action.PAIRS_CHANGE, queryset=pairs_for_detail())
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


def pair_complete(request, pk: int):
    pair = get_pair_for_user(request.user, pk, Action.PAIRS_CHANGE, queryset=pairs_for_detail())
    if pair.status != MentoringPair.Status.ACTIVE:
        messages.error(request, _("Завершить программу можно только у действующей пары."))
        return redirect("pair_detail", pk=pair.pk)
    errors = []
    if request.method == "POST":
        try:
            pair_services.pair_complete(pair=pair)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request, _("Программа завершена; наставляемые отмечены как завершившие её.")
            )
            return redirect("pair_detail", pk=pair.pk)
    return render(
        request,
        "mentoring/pair_complete_confirm.html",
        {"pair": pair, "errors": errors, "early": pair.end_date > timezone.localdate()},
    )


def pair_delete(request, pk: int):
    pair = get_pair_for_user(request.user, pk, Action.PAIRS_CHANGE, queryset=pairs_for_detail())
    if pair.status != MentoringPair.Status.DRAFT:
        messages.error(
            request, _("Удалить можно только черновик; остальные пары расформировывают.")
        )
        return redirect("pair_detail", pk=pair.pk)
    if request.method == "POST":
        pair_services.pair_delete(pair=pair)
        messages.success(request, _("Черновик удалён; наставляемые вернулись в банк."))
        return redirect("pair_list", org=pair.organisation_id)
    return render(request, "mentoring/pair_delete_confirm.html", {"pair": pair})
