"""A member of staff's own bank entries and consents, and the application to a bank."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..forms.selfservice import MENTEE, MENTOR, TAG_LIST_ID, BankApplyForm
from ..models import AcademicYear, Consent, MenteeEntry, MentorEntry, Person, Tag
from ..selectors.organisations import current_academic_year
from ..services import banks
from ..services.consents import valid_consent_kinds


def _own_person(user) -> Person | None:
    return Person.objects.filter(user=user).select_related("organisation").first()


def _not_linked(request):
    return render(request, "mentoring/my_participation.html", {"person": None})


def _consent_state(consent: Consent, today: date) -> tuple[str, str]:
    if consent.is_valid_on(today):
        return _("Действует"), "text-bg-success"
    if consent.withdrawn_on and consent.withdrawn_on <= today:
        return _("Отозвано"), "text-bg-secondary"
    return _("Срок истёк"), "text-bg-warning"


@require_GET
def my_participation(request):
    person = _own_person(request.user)
    if person is None:
        return _not_linked(request)
    mentee_entries = list(
        MenteeEntry.objects.filter(person=person)
        .select_related("academic_year")
        .prefetch_related("requests", "preferred_forms")
        .order_by("-academic_year__start_date")
    )
    for entry in mentee_entries:
        entry.category_labels = [
            MenteeEntry.Category(c).label
            for c in entry.categories
            if c in MenteeEntry.Category.values
        ]
    mentor_entries = list(
        MentorEntry.objects.filter(person=person)
        .select_related("academic_year")
        .prefetch_related("competences", "preferred_forms")
        .order_by("-academic_year__start_date")
    )
    for entry in mentor_entries:
        entry.ground_labels = [
            MentorEntry.Ground(g).label for g in entry.grounds if g in MentorEntry.Ground.values
        ]
    today = timezone.localdate()
    consents = [(consent, *_consent_state(consent, today)) for consent in person.consents.all()]
    return render(
        request,
        "mentoring/my_participation.html",
        {
            "person": person,
            "mentee_entries": mentee_entries,
            "mentor_entries": mentor_entries,
            "consents": consents,
        },
    )


def _applied_banks(person: Person, year: AcademicYear | None) -> set[str]:
    if year is None:
        return set()
    applied = set()
    if MenteeEntry.objects.filter(academic_year=year, person=person).exists():
        applied.add(MENTEE)
    if MentorEntry.objects.filter(academic_year=year, person=person).exists():
        applied.add(MENTOR)
    return applied


def _apply(person: Person, year: AcademicYear, form: BankApplyForm) -> None:
    data = form.cleaned_data
    if data["bank"] == MENTEE:
        banks.mentee_add(
            academic_year=year,
            person=person,
            categories=data["categories"],
            request_names=form.tag_names("requests"),
            requests_text=data["requests_text"].strip(),
            request_sources=[MenteeEntry.Source.QUESTIONNAIRE],
            preferred_forms=data["preferred_forms"],
            comment=data["comment"].strip(),
        )
    else:
        banks.mentor_add(
            academic_year=year,
            person=person,
            grounds=data["grounds"],
            competence_names=form.tag_names("competences"),
            capacity=data["capacity"],
            preferred_forms=data["preferred_forms"],
            comment=data["comment"].strip(),
        )


@require_http_methods(["GET", "POST"])
def bank_apply(request):
    person = _own_person(request.user)
    if person is None:
        return _not_linked(request)
    year = current_academic_year(person.organisation)
    applied = _applied_banks(person, year)
    has_consent = Consent.Kind.PROCESSING in valid_consent_kinds(person)
    form = BankApplyForm(
        request.POST or None,
        organisation=person.organisation,
        applied=applied,
        initial={"bank": MENTOR if MENTEE in applied else MENTEE},
    )
    if request.method == "POST" and year is not None and form.is_valid():
        try:
            _apply(person, year, form)
        except ValidationError as error:
            if getattr(error, "code", None) == "no_processing_consent":
                has_consent = False
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Заявка на %(year)s учебный год отправлена. Куратор наставничества "
                    "рассмотрит её и свяжется с вами."
                )
                % {"year": year.title},
            )
            return redirect("my_participation")
    return render(
        request,
        "mentoring/bank_apply.html",
        {
            "person": person,
            "academic_year": year,
            "applied": applied,
            "has_consent": has_consent,
            "form": form,
            "tag_list_id": TAG_LIST_ID,
            "tags": Tag.objects.filter(organisation=person.organisation).values_list(
                "name", flat=True
            ),
        },
    )
