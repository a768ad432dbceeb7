from copy import copy

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.people import DirectoryFilterForm, PersonForm
from ..models import Person
from ..permissions import Action, can, get_organisation_for_user, get_person_for_user
from ..selectors.people import audit_history, people_for_directory
from ..services import people as people_services
from . import consents


def people_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PEOPLE_VIEW)
    filters = DirectoryFilterForm(request.GET or None, organisation=organisation)
    params = filters.params()
    page = Paginator(people_for_directory(organisation, params), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mentoring/people_list.html",
        {
            "organisation": organisation,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "is_filtered": any(params.values()),
            "can_change": can(request.user, Action.PEOPLE_CHANGE, organisation),
            "can_import": can(request.user, Action.PEOPLE_IMPORT, organisation),
        },
    )


def _save_person(request, form: PersonForm, *, organisation=None, person=None) -> Person | None:
    """Run the create or update service; form errors from the model stay on the form."""
    try:
        subjects = people_services.subjects_by_names(form.subject_names())
        if person is None:
            return people_services.person_create(
                organisation=organisation, data=form.person_data(), subjects=subjects
            )
        people_services.person_update(person=person, data=form.person_data(), subjects=subjects)
        return person
    except ValidationError as error:
        form.add_error(None, error)
        return None


def person_create(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PEOPLE_CHANGE)
    form = PersonForm(request.POST or None, initial={"kind": request.GET.get("kind", "teacher")})
    if request.method == "POST" and form.is_valid():
        person = _save_person(request, form, organisation=organisation)
        if person:
            messages.success(request, _("Добавлен(а): %(name)s.") % {"name": person.full_name})
            return redirect("person_detail", pk=person.pk)
    return render(
        request, "mentoring/person_form.html", {"organisation": organisation, "form": form}
    )


def person_detail(request, pk: int):
    person = get_person_for_user(
        request.user, pk, Action.PEOPLE_VIEW, Person.objects.prefetch_related("consents")
    )
    can_change = can(request.user, Action.PEOPLE_CHANGE, person.organisation_id)
    if person.restriction:
        back = reverse("people_list", args=[person.organisation_id]) if can_change else None
        return consents.restricted_page(request, person, back_url=back, back_title=_("Участники"))
    history = audit_history(person) if can_change else []
    consent_context = (
        consents.person_consents_context(request.user, person)
        if can(request.user, Action.CONSENTS_MANAGE, person.organisation_id)
        else {}
    )
    return render(
        request,
        "mentoring/person_detail.html",
        {
            **consent_context,
            "person": person,
            "organisation": person.organisation,
            "subjects": list(person.subjects.all()),
            "can_change": can_change,
            "can_invite": can(request.user, Action.INVITATIONS_MANAGE, person.organisation_id),
            "history": history,
        },
    )


def person_edit(request, pk: int):
    person = get_person_for_user(request.user, pk, Action.PEOPLE_CHANGE)
    if refusal := consents.restricted_refusal(request, person):
        return refusal
    # The form validates a copy: the service compares its data with the stored values.
    form = PersonForm(request.POST or None, instance=copy(person))
    if request.method == "POST" and form.is_valid() and _save_person(request, form, person=person):
        messages.success(request, _("Изменения сохранены."))
        return redirect("person_detail", pk=person.pk)
    return render(
        request,
        "mentoring/person_form.html",
        {"organisation": person.organisation, "form": form, "person": person},
    )


def person_archive(request, pk: int):
    person = get_person_for_user(request.user, pk, Action.PEOPLE_CHANGE)
    if request.method == "POST":
        people_services.person_archive(person=person)
        messages.success(request, _("%(name)s перенесён(а) в архив.") % {"name": person.full_name})
        return redirect("people_list", org=person.organisation_id)
    return render(request, "mentoring/person_archive_confirm.html", {"person": person})


@require_POST
def person_restore(request, pk: int):
    person = get_person_for_user(request.user, pk, Action.PEOPLE_CHANGE)
    people_services.person_restore(person=person)
    messages.success(request, _("%(name)s возвращён(а) из архива.") % {"name": person.full_name})
    return redirect("person_detail", pk=person.pk)
