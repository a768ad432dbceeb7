"""The curator's matching page: suggested pairs with their reasons, and the decisions on them."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from .. import matching
from ..forms.matching import MatchDecisionForm, MatchingWeightsForm
from ..models import MatchDecision, MatchingWeights, MenteeEntry, MentorEntry
from ..models.consents import restricted
from ..models.pairs import WEIGHT_FIELDS
from ..permissions import Action, get_organisation_for_user
from ..selectors.matching import matching_input, saved_weights, weights_for
from ..selectors.organisations import current_academic_year
from ..services.matching import (
    match_accept,
    match_accept_many,
    match_decision_clear,
    match_decision_set,
    matching_weights_reset,
    matching_weights_save,
    mentee_support_set,
)

CRITERIA = {
    "tags": gettext_lazy("запросы ↔ компетенции"),
    "subject": gettext_lazy("предмет"),
    "category_fit": gettext_lazy("категория"),
    "preference": gettext_lazy("предпочтения"),
    "same_school": gettext_lazy("та же школа"),
    "forms": gettext_lazy("формы"),
}


def _rows(result: matching.Result, data) -> dict:
    """The result with entries in place of ids, as the template shows it."""
    mentees, mentors = data.mentee_entries, data.mentor_entries
    suggestions = [
        {
            "mentee": mentees[s.mentee_id],
            "mentor": mentors[s.mentor_id],
            "total": s.explanation.total,
            "parts": [
                (str(CRITERIA[name]), value) for name, value in s.explanation.parts.items() if value
            ],
            "runners_up": [(mentors[m_id], total) for m_id, total in s.runners_up],
            "pinned": s.fixed,
        }
        for s in result.pairs
    ]
    return {
        "suggestions": suggestions,
        "total": result.total,
        "blocking": [(mentees[e], mentors[m]) for e, m in result.blocking_pairs],
        "unmatched": [(mentees[e], reason) for e, reason in result.unmatched.items()],
        "rejected": sorted(
            ((mentees[e], mentors[m]) for e, m in data.rejected if e in mentees and m in mentors),
            key=lambda pair: (pair[0].person.full_name, pair[1].person.full_name),
        ),
    }


@require_GET
def matching_page(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PAIRS_CHANGE)
    year = current_academic_year(organisation)
    weights = weights_for(organisation)
    context = {
        "organisation": organisation,
        "academic_year": year,
        "weights": [
            (
                MatchingWeights._meta.get_field(name).verbose_name,
                # "5,5" and "3" rather than "5,50" and "3,00".
                formats.number_format(Decimal(f"{getattr(weights, name):g}")),
            )
            for name in WEIGHT_FIELDS
        ],
    }
    if year is not None:
        data, result = _assignment(year, weights)
        if result is not None:
            context.update(_rows(result, data))
        context["banks_empty"] = result is None
        context["left_out"] = data.left_out
    return render(request, "mentoring/matching.html", context)


def _assignment(year, weights) -> tuple:
    """The year's banks and their optimal assignment under the school's weights; no result
    when either bank has nobody left to pair."""
    data = matching_input(year)
    if not (data.mentees and data.mentors):
        return data, None
    result = matching.assign(
        data.mentees,
        data.mentors,
        weights,
        matching.Options(),
        fixed=data.pinned,
        excluded=data.rejected,
    )
    return data, result


@require_POST
def matching_accept_all(request, org: int):
    """Accept every suggestion of the assignment as it stands now, each as a draft pair."""
    organisation = get_organisation_for_user(request.user, org, Action.PAIRS_CHANGE)
    year = current_academic_year(organisation)
    if year is None:
        raise Http404
    data, result = _assignment(year, weights_for(organisation))
    suggestions = [] if result is None else result.pairs
    created, refusals = match_accept_many(
        [(data.mentee_entries[s.mentee_id], data.mentor_entries[s.mentor_id]) for s in suggestions]
    )
    if created:
        messages.success(
            request,
            ngettext(
                "Создан %(count)d черновик пары.",
                "Создано %(count)d черновиков пар.",
                created,
            )
            % {"count": created},
        )
    for refusal in refusals:
        messages.error(request, refusal)
    if not suggestions:
        messages.info(request, _("Принимать нечего: предложений нет."))
    return redirect("matching", org=organisation.pk)


def matching_weights(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PAIRS_CHANGE)
    if request.method == "POST" and "reset" in request.POST:
        matching_weights_reset(organisation=organisation, actor=request.user)
        messages.success(request, _("Веса возвращены к значениям по умолчанию. Подбор пересчитан."))
        return redirect("matching", org=organisation.pk)
    current = saved_weights(organisation)
    form = MatchingWeightsForm(request.POST or None, weights=current)
    if request.method == "POST" and form.is_valid():
        matching_weights_save(organisation=organisation, data=form.cleaned_data, actor=request.user)
        messages.success(request, _("Веса сохранены. Подбор пересчитан с новыми весами."))
        return redirect("matching", org=organisation.pk)
    return render(
        request,
        "mentoring/matching_weights.html",
        {"organisation": organisation, "form": form, "weights": current},
    )


def _entry(model, organisation, year, pk: int):
    return get_object_or_404(
        model.objects.select_related("person", "academic_year").exclude(restricted("person")),
        pk=pk,
        organisation=organisation,
        academic_year=year,
    )


@require_POST
def matching_decide(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PAIRS_CHANGE)
    year = current_academic_year(organisation)
    form = MatchDecisionForm(request.POST)
    if year is None:
        raise Http404
    if not form.is_valid():
        messages.error(request, _("Не удалось выполнить действие: обновите страницу."))
        return redirect("matching", org=organisation.pk)
    action = form.cleaned_data["action"]
    mentee = _entry(MenteeEntry, organisation, year, form.cleaned_data["mentee"])
    if action in ("support", "unsupport"):
        mentee_support_set(mentee=mentee, needs_support=action == "support")
        text = _("%(name)s: отмечена поддержка педагога-психолога.")
        if action == "unsupport":
            text = _("%(name)s: отметка о поддержке снята.")
        messages.success(request, text % {"name": mentee.person.full_name})
        return redirect("matching", org=organisation.pk)
    mentor = _entry(MentorEntry, organisation, year, form.cleaned_data["mentor"])
    names = {"mentee": mentee.person.full_name, "mentor": mentor.person.full_name}
    if action == "accept":
        try:
            match_accept(mentee=mentee, mentor=mentor)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Создан черновик пары: %(mentor)s – %(mentee)s.") % names)
    elif action in ("pin", "reject"):
        kind = MatchDecision.Kind.PINNED if action == "pin" else MatchDecision.Kind.REJECTED
        match_decision_set(mentee=mentee, mentor=mentor, kind=kind, actor=request.user)
        text = _("Пара закреплена: %(mentor)s – %(mentee)s.")
        if action == "reject":
            text = _("Пара отклонена: %(mentor)s – %(mentee)s.")
        messages.success(request, text % names)
    else:
        kind = MatchDecision.Kind.PINNED if action == "unpin" else MatchDecision.Kind.REJECTED
        match_decision_clear(mentee=mentee, mentor=mentor, kind=kind)
        messages.success(request, _("Решение отменено: %(mentor)s – %(mentee)s.") % names)
    return redirect("matching", org=organisation.pk)
