"""The curator's pages for the banks of mentees and mentors."""

from copy import copy

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.downloads import xlsx_response
from core.pagination import CountedPaginator, total_of
from core.redirects import safe_target

from ..exports.banks import mentee_export_workbook, mentor_export_workbook
from ..forms.banks import (
    BulkStatusForm,
    MenteeEntryForm,
    MenteeFilterForm,
    MenteeRequestsForm,
    MentorEntryForm,
    MentorFilterForm,
    PsychologistNoteForm,
)
from ..models import AcademicYear, Consent, MenteeEntry, MentorEntry, Organisation
from ..permissions import Action, can, get_organisation_for_user
from ..selectors.banks import (
    mark_consent_state,
    mentee_entries,
    mentor_entries,
    selected_entries,
    status_counts,
)
from ..selectors.organisations import academic_years_with_chosen, current_academic_year
from ..selectors.people import audit_history
from ..services.banks import (
    bank_entries_set_status,
    bank_entry_update,
    mentee_add,
    mentor_add,
    psychologist_note_add,
)
from .consents import person_consents_context, restricted_page, restricted_refusal


def _labels(choices, values: list[str]) -> list[str]:
    known = dict(choices.choices)
    return [str(known.get(value, value)) for value in values]


def _mark_row(entry) -> None:
    """What a row or a detail page shows beyond the entry's own fields."""
    if isinstance(entry, MenteeEntry):
        entry.labels = _labels(MenteeEntry.Category, entry.categories)
    else:
        entry.labels = _labels(MentorEntry.Ground, entry.grounds)


# "name" begins each of the bank's URL names: its list page builds them from it.
_MENTEES = {
    "name": "mentee",
    "model": MenteeEntry,
    "filters": MenteeFilterForm,
    "entries": mentee_entries,
    "list": "mentee_list",
    "title": gettext_lazy("Банк наставляемых"),
    "template": "mentoring/mentee_list.html",
}
_MENTORS = {
    "name": "mentor",
    "model": MentorEntry,
    "filters": MentorFilterForm,
    "entries": mentor_entries,
    "list": "mentor_list",
    "title": gettext_lazy("Банк наставников"),
    "template": "mentoring/mentor_list.html",
}


def _bank_list(request, org: int, bank: dict):
    organisation = get_organisation_for_user(request.user, org, Action.BANKS_VIEW)
    years, year = academic_years_with_chosen(organisation, request.GET.get("year"))
    filters = bank["filters"](request.GET or None, organisation=organisation)
    params = filters.params()
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "bank": bank["name"],
        "organisation": organisation,
        "years": years,
        "year": year,
        "filters": filters,
        "query": query.urlencode(),
        "is_filtered": any(v not in (None, "") for v in params.values()),
        "can_change": can(request.user, Action.BANKS_CHANGE, organisation),
        "statuses": bank["model"].Status.choices,
    }
    if year is not None:
        counts = status_counts(bank["entries"](year, {**params, "status": ""}))
        total = total_of(counts, params.get("status"))
        page = CountedPaginator(bank["entries"](year, params), settings.PAGE_SIZE, total).get_page(
            request.GET.get("page")
        )
        entries = mark_consent_state(page.object_list)
        for entry in entries:
            _mark_row(entry)
        status_query = query.copy()
        status_query.pop("status", None)
        context |= {
            "page": page,
            "entries": entries,
            "counts": [
                (value, label, counts.get(value, 0)) for value, label in context["statuses"]
            ],
            "status_query": status_query.urlencode(),
        }
    return render(request, bank["template"], context)


def mentee_list(request, org: int):
    return _bank_list(request, org, _MENTEES)


def mentor_list(request, org: int):
    return _bank_list(request, org, _MENTORS)


def _back_to_list(request, bank: dict, organisation: Organisation) -> str:
    return safe_target(request, request.POST.get("next")) or reverse(
        bank["list"], args=[organisation.pk]
    )


def _bank_bulk(request, org: int, bank: dict):
    organisation = get_organisation_for_user(request.user, org, Action.BANKS_CHANGE)
    entries = (
        bank["model"]
        .objects.filter(organisation=organisation)
        .select_related("person")
        .prefetch_related("person__consents")
    )
    form = BulkStatusForm(request.POST, entries=entries)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(_back_to_list(request, bank, organisation))
    try:
        count = bank_entries_set_status(
            entries=form.cleaned_data["ids"], status=form.cleaned_data["status"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if count:
            messages.success(request, _("Статус изменён. Записей: %(count)s.") % {"count": count})
        else:
            messages.info(request, _("У отмеченных записей уже этот статус."))
    return redirect(_back_to_list(request, bank, organisation))


@require_POST
def mentee_bulk(request, org: int):
    return _bank_bulk(request, org, _MENTEES)


@require_POST
def mentor_bulk(request, org: int):
    return _bank_bulk(request, org, _MENTORS)


def _ids(request) -> list[int]:
    """?ids=1,2 (or ids repeated): the entries ticked on the list."""
    raw = ",".join(request.GET.getlist("ids")).split(",")
    return [int(value) for value in raw if value.strip().isdigit()]


def _export_entries(request, organisation: Organisation, bank: dict):
    if ids := _ids(request):
        return selected_entries(bank["model"], organisation, ids)
    _years, year = academic_years_with_chosen(organisation, request.GET.get("year"))
    if year is None:
        return []
    filters = bank["filters"](request.GET or None, organisation=organisation)
    return bank["entries"](year, filters.params())


@require_GET
def mentee_export(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.BANKS_VIEW)
    content = mentee_export_workbook(_export_entries(request, organisation, _MENTEES))
    return xlsx_response(content, f"mentees-{timezone.localdate():%Y-%m-%d}.xlsx")


@require_GET
def mentor_export(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.BANKS_VIEW)
    content = mentor_export_workbook(_export_entries(request, organisation, _MENTORS))
    return xlsx_response(content, f"mentors-{timezone.localdate():%Y-%m-%d}.xlsx")


def _refusal(form, error: ValidationError) -> dict | None:
    """Put a service's refusal on the form, except a missing consent, which the page explains
    with links to the consent form."""
    if getattr(error, "code", None) != "no_processing_consent":
        form.add_error(None, error)
        return None
    person = form.cleaned_data["person"]
    return {
        "person": person,
        "message": error.messages[0],
        "latest": person.consents.filter(kind=Consent.Kind.PROCESSING).first(),
    }


def _entry_form_page(request, form, *, organisation, bank: dict, entry=None, **extra):
    return render(
        request,
        "mentoring/bank_entry_form.html",
        {
            "organisation": organisation,
            "form": form,
            "entry": entry,
            "is_mentee": bank is _MENTEES,
            "list_url": reverse(bank["list"], args=[organisation.pk]),
            **extra,
        },
    )


def _year_for_adding(request, organisation: Organisation) -> AcademicYear | None:
    year = current_academic_year(organisation)
    if year is None:
        messages.error(
            request, _("Нет текущего учебного года: откройте его на странице организации.")
        )
    return year


def mentee_create(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.BANKS_CHANGE)
    year = _year_for_adding(request, organisation)
    if year is None:
        return redirect("mentee_list", org=organisation.pk)
    form = MenteeEntryForm(
        request.POST or None,
        instance=MenteeEntry(organisation=organisation),
        organisation=organisation,
        initial={"person": request.GET.get("person")},
    )
    missing_consent = None
    if request.method == "POST" and form.is_valid():
        try:
            entry = mentee_add(
                academic_year=year,
                person=form.cleaned_data["person"],
                request_names=form.tag_names(),
                preferred_forms=form.cleaned_data["preferred_forms"],
                **form.entry_data(),
            )
        except ValidationError as error:
            missing_consent = _refusal(form, error)
        else:
            messages.success(
                request,
                _("%(name)s добавлен(а) в банк наставляемых.") % {"name": entry.person.full_name},
            )
            return redirect("mentee_detail", pk=entry.pk)
    return _entry_form_page(
        request,
        form,
        organisation=organisation,
        bank=_MENTEES,
        year=year,
        missing_consent=missing_consent,
    )


def mentor_create(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.BANKS_CHANGE)
    year = _year_for_adding(request, organisation)
    if year is None:
        return redirect("mentor_list", org=organisation.pk)
    form = MentorEntryForm(
        request.POST or None,
        instance=MentorEntry(organisation=organisation),
        organisation=organisation,
        initial={"person": request.GET.get("person")},
    )
    missing_consent = None
    if request.method == "POST" and form.is_valid():
        data = form.entry_data()
        try:
            entry = mentor_add(
                academic_year=year,
                person=form.cleaned_data["person"],
                status=data.pop("status"),
                grounds=data.pop("grounds"),
                capacity=data.pop("capacity"),
                comment=data.pop("comment"),
                competence_names=form.tag_names(),
                preferred_forms=form.cleaned_data["preferred_forms"],
                details=data,
            )
        except ValidationError as error:
            missing_consent = _refusal(form, error)
        else:
            messages.success(
                request,
                _("%(name)s добавлен(а) в банк наставников.") % {"name": entry.person.full_name},
            )
            return redirect("mentor_detail", pk=entry.pk)
    return _entry_form_page(
        request,
        form,
        organisation=organisation,
        bank=_MENTORS,
        year=year,
        missing_consent=missing_consent,
    )


def _get_entry_for_user(user, model, pk: int, action: Action):
    try:
        entry = (
            model.objects.select_related("person", "academic_year")
            .prefetch_related("person__consents")
            .get(pk=pk)
        )
    except model.DoesNotExist:
        raise Http404 from None
    entry.organisation = get_organisation_for_user(user, entry.organisation_id, action)
    return entry


def _detail_context(request, entry) -> dict:
    can_change = can(request.user, Action.BANKS_CHANGE, entry.organisation)
    history = audit_history(entry) if can_change else []
    _mark_row(entry)
    return {
        "entry": entry,
        "person": entry.person,
        "organisation": entry.organisation,
        "preferred_forms": list(entry.preferred_forms.all()),
        "can_change": can_change,
        "history": history,
        **person_consents_context(request.user, entry.person),
    }


def _restricted(request, entry, bank: dict):
    """A restricted person's entry opens as their restricted page."""
    if not entry.person.restriction:
        return None
    return restricted_page(
        request,
        entry.person,
        back_url=reverse(bank["list"], args=[entry.organisation.pk]),
        back_title=bank["title"],
    )


def mentee_detail(request, pk: int):
    entry = _get_entry_for_user(request.user, MenteeEntry, pk, Action.BANKS_VIEW)
    if restricted := _restricted(request, entry, _MENTEES):
        return restricted
    context = _detail_context(request, entry)
    if can(request.user, Action.MENTEE_NOTES, entry.organisation):
        context |= {
            "notes": list(entry.notes.select_related("author")),
            "note_form": PsychologistNoteForm(),
        }
    context |= {
        "requests": list(entry.requests.all()),
        "sources": _labels(MenteeEntry.Source, entry.request_sources),
        "can_edit_requests": can(request.user, Action.MENTEE_REQUESTS_ADD, entry.organisation),
    }
    return render(request, "mentoring/mentee_detail.html", context)


def mentor_detail(request, pk: int):
    entry = _get_entry_for_user(request.user, MentorEntry, pk, Action.BANKS_VIEW)
    if restricted := _restricted(request, entry, _MENTORS):
        return restricted
    context = _detail_context(request, entry) | {
        "competences": list(entry.competences.all()),
        "subjects": list(entry.person.subjects.all()),
    }
    return render(request, "mentoring/mentor_detail.html", context)


def _save_entry(form, entry) -> bool:
    """Save an edit; the service checks the consent when the entry enters the bank."""
    try:
        bank_entry_update(
            entry=entry,
            data=form.entry_data(),
            tag_names=form.tag_names(),
            preferred_forms=form.cleaned_data.get("preferred_forms"),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def _edit(request, entry, form_class, *, bank: dict, detail: str):
    if refusal := restricted_refusal(request, entry.person):
        return refusal
    organisation = entry.organisation
    # The form validates a copy: the service compares its data with the stored values.
    form = form_class(request.POST or None, instance=copy(entry), organisation=organisation)
    if request.method == "POST" and form.is_valid() and _save_entry(form, entry):
        messages.success(request, _("Изменения сохранены."))
        return redirect(detail, pk=entry.pk)
    return _entry_form_page(request, form, organisation=organisation, bank=bank, entry=entry)


def mentee_edit(request, pk: int):
    entry = _get_entry_for_user(request.user, MenteeEntry, pk, Action.BANKS_VIEW)
    if can(request.user, Action.BANKS_CHANGE, entry.organisation):
        form_class = MenteeEntryForm
    elif can(request.user, Action.MENTEE_REQUESTS_ADD, entry.organisation):
        form_class = MenteeRequestsForm
    else:
        raise PermissionDenied
    return _edit(request, entry, form_class, bank=_MENTEES, detail="mentee_detail")


def mentor_edit(request, pk: int):
    entry = _get_entry_for_user(request.user, MentorEntry, pk, Action.BANKS_CHANGE)
    return _edit(request, entry, MentorEntryForm, bank=_MENTORS, detail="mentor_detail")


@require_POST
def mentee_note_add(request, pk: int):
    entry = _get_entry_for_user(request.user, MenteeEntry, pk, Action.MENTEE_NOTES)
    form = PsychologistNoteForm(request.POST)
    if form.is_valid():
        try:
            psychologist_note_add(entry=entry, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Заметка сохранена."))
    else:
        messages.error(request, " ".join(form.errors["text"]))
    return redirect(reverse("mentee_detail", args=[entry.pk]) + "#notes")
