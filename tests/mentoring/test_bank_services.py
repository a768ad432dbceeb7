"""The rules of consents and banks, at the service level."""

import hashlib
from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring.models import Consent, DataDestruction, MenteeEntry, MentorEntry, Person
from mentoring.services import banks, consents
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _consent(person, curator, kind=Consent.Kind.PROCESSING, **extra):
    return consents.consent_record(
        person=person, kind=kind, given_on=TODAY - timedelta(days=10), verified_by=curator, **extra
    )


def test_person_without_processing_consent_cannot_enter_a_bank(school, curator, person):
    year = school.academic_years.get()
    with pytest.raises(ValidationError) as error:
        banks.mentee_add(academic_year=year, person=person)
    assert "нужно действующее согласие на обработку персональных данных" in error.value.messages[0]
    assert not MenteeEntry.objects.exists()


def test_consent_records_the_hash_of_the_exact_text(school, curator, person):
    consent = _consent(person, curator)
    text = consents.consent_text(person=person, kind=Consent.Kind.PROCESSING)
    assert consent.text_sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert consent.text_version == consents.TEXT_VERSION
    assert consent.verified_by == curator and consent.verified_at is not None


def test_minor_consent_needs_a_representative(school, curator):
    pupil = PersonFactory(
        organisation=school,
        kind=Person.Kind.STUDENT,
        grade=8,
        birth_date=date(TODAY.year - 14, 1, 1),
    )
    with pytest.raises(ValidationError, match="законный представитель"):
        _consent(pupil, curator)
    consent = _consent(
        pupil, curator, representative_name="Сидорова Анна Петровна", representative_relation="мать"
    )
    assert consent.by_representative


def test_dissemination_needs_chosen_categories(school, curator, person):
    with pytest.raises(ValidationError):
        _consent(person, curator, kind=Consent.Kind.DISSEMINATION)
    consent = _consent(
        person, curator, kind=Consent.Kind.DISSEMINATION, published_categories=["name", "position"]
    )
    assert consent.published_categories == ["name", "position"]


def test_withdrawal_takes_person_out_of_banks_and_starts_destruction_deadline(
    school, curator, person
):
    year = school.academic_years.get()
    consent = _consent(person, curator)
    mentee = banks.mentee_add(
        academic_year=year, person=person, request_names=["Работа с родителями"]
    )
    mentor = banks.mentor_add(academic_year=year, person=person, competence_names=["ИКТ"])

    destruction = consents.consent_withdraw(consent=consent, withdrawn_on=TODAY)

    mentee.refresh_from_db()
    mentor.refresh_from_db()
    assert mentee.status == MenteeEntry.Status.WITHDRAWN
    assert mentor.status == MentorEntry.Status.ARCHIVED
    assert destruction.due_on == TODAY + timedelta(days=30)
    assert LogEntry.objects.get_for_object(consent).filter(action=LogEntry.Action.UPDATE).exists()
    with pytest.raises(ValidationError):
        banks.bank_entries_set_status(entries=[mentee], status=MenteeEntry.Status.IN_BANK)


def test_destroying_data_clears_personal_fields_once(school, curator, person):
    consent = _consent(person, curator)
    destruction = consents.consent_withdraw(consent=consent, withdrawn_on=TODAY)
    name = person.full_name

    consents.data_destroy(destruction=destruction, actor=curator)

    person.refresh_from_db()
    destruction.refresh_from_db()
    assert name not in person.full_name and person.birth_date is None and person.email == ""
    assert person.is_archived
    assert destruction.person_name == name and destruction.destroyed_by == curator
    with pytest.raises(ValidationError):
        consents.data_destroy(destruction=destruction, actor=curator)
    assert DataDestruction.objects.count() == 1


def test_student_mentor_must_be_15_to_18(school, curator):
    year = school.academic_years.get()
    young = PersonFactory(
        organisation=school,
        kind=Person.Kind.STUDENT,
        grade=8,
        birth_date=date(TODAY.year - 14, 1, 1),
    )
    _consent(young, curator, representative_name="Иванов И. И.", representative_relation="отец")
    with pytest.raises(ValidationError, match="15–18"):
        banks.mentor_add(academic_year=year, person=young)


def test_tags_are_one_catalogue_per_school_case_insensitive(school, curator, person):
    year = school.academic_years.get()
    _consent(person, curator)
    mentee = banks.mentee_add(academic_year=year, person=person, request_names=["Работа с ОВЗ"])
    mentor = banks.mentor_add(academic_year=year, person=person, competence_names=["работа с овз"])
    assert list(mentee.requests.all()) == list(mentor.competences.all())


def test_a_person_enters_each_bank_once_a_year(school, curator, person):
    year = school.academic_years.get()
    _consent(person, curator)
    banks.mentee_add(academic_year=year, person=person)
    with pytest.raises(ValidationError, match="уже в банке наставляемых"):
        banks.mentee_add(academic_year=year, person=person)


def test_destroying_data_scrubs_old_values_from_the_audit_log(school, curator, person):
    person.phone = "+7 900 111-22-33"
    person.save(update_fields=["phone"])
    destruction = consents.consent_withdraw(consent=_consent(person, curator), withdrawn_on=TODAY)
    consents.data_destroy(destruction=destruction, actor=curator)
    logged = " ".join(str(e.changes) for e in LogEntry.objects.get_for_object(person))
    assert "111-22-33" not in logged
    assert "phone" in logged
