"""Preferred partners after the group meeting: entered by participants or from paper."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..forms.preferences import PreferencesForm
from ..models import AcademicYear, Person, Preference
from ..permissions import Action, can, get_organisation_for_user
from ..selectors.organisations import current_academic_year
from ..services.preferences import (
    mentee_entries_of,
    mentor_entries_of,
    partner_candidates,
    preferences_set,
)


def _preferences_form(request, *, year: AcademicYear, person: Person):
    """The three selects for `person`, saved when valid; returns (form, saved)."""
    candidates = partner_candidates(academic_year=year, chooser=person)
    if candidates is None:
        return None, False
    current = [
        p.chosen
        for p in Preference.objects.filter(academic_year=year, chooser=person).select_related(
            "chosen"
        )
    ]
    form = PreferencesForm(request.POST or None, candidates=candidates, chosen=current)
    if request.method != "POST" or not form.is_valid():
        return form, False
    try:
        preferences_set(
            academic_year=year, chooser=person, chosen=form.chosen(), entered_by=request.user
        )
    except ValidationError as error:
        form.add_error(None, error)
        return form, False
    return form, True


@require_http_methods(["GET", "POST"])
def my_preferences(request):
    person = Person.objects.filter(user=request.user).select_related("organisation").first()
    year = current_academic_year(person.organisation) if person else None
    form, saved = _preferences_form(request, year=year, person=person) if year else (None, False)
    if saved:
        messages.success(request, _("Ваш выбор сохранён."))
        return redirect("my_preferences")
    return render(
        request,
        "mentoring/my_preferences.html",
        {"person": person, "academic_year": year, "form": form},
    )


def _bank_rows(year: AcademicYear) -> list[dict]:
    """One row per person of the year's banks with their ranked choices; mutual ones marked."""
    rows: dict[int, dict] = {}
    for bank, entries in (
        (_("Наставляемый"), mentee_entries_of(year)),
        (_("Наставник"), mentor_entries_of(year)),
    ):
        for entry in entries.select_related("person"):
            row = rows.setdefault(
                entry.person_id, {"person": entry.person, "banks": [], "choices": []}
            )
            row["banks"].append(bank)
    preferences = Preference.objects.filter(
        academic_year=year, chooser__in=list(rows)
    ).select_related("chosen")
    given = {(p.chooser_id, p.chosen_id) for p in preferences}
    for preference in preferences:
        preference.mutual = (preference.chosen_id, preference.chooser_id) in given
        rows[preference.chooser_id]["choices"].append(preference)
    return sorted(
        rows.values(),
        key=lambda r: (r["person"].last_name, r["person"].first_name, r["person"].pk),
    )


@require_GET
def preference_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PAIRS_VIEW)
    year = current_academic_year(organisation)
    rows = _bank_rows(year) if year else []
    return render(
        request,
        "mentoring/preference_list.html",
        {
            "organisation": organisation,
            "academic_year": year,
            "rows": rows,
            "chosen_count": sum(1 for row in rows if row["choices"]),
            "can_change": can(request.user, Action.PAIRS_CHANGE, organisation),
        },
    )


@require_http_methods(["GET", "POST"])
def preference_edit(request, org: int, person: int):
    organisation = get_organisation_for_user(request.user, org, Action.PAIRS_CHANGE)
    chooser = get_object_or_404(Person, pk=person, organisation=organisation)
    year = current_academic_year(organisation)
    form, saved = _preferences_form(request, year=year, person=chooser) if year else (None, False)
    if saved:
        messages.success(
            request, _("Выбор участника %(name)s сохранён.") % {"name": chooser.full_name}
        )
        return redirect("preference_list", org=organisation.pk)
    return render(
        request,
        "mentoring/preference_edit.html",
        {"organisation": organisation, "academic_year": year, "person": chooser, "form": form},
    )
