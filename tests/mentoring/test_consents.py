"""Consents through the pages: recording, the printable form, withdrawal, scans and destruction."""

import hashlib
import re
import subprocess
from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from mentoring.models import Consent, DataDestruction, MenteeEntry, MentorEntry, Person
from mentoring.models.consents import DESTRUCTION_PERIOD
from mentoring.services import banks, consents
from mentoring.views.consents import person_consents_context
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _scan(name="Скан Ивановой.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _record(person, user, kind=Consent.Kind.PROCESSING, given_on=TODAY, **extra):
    return consents.consent_record(
        person=person, kind=kind, given_on=given_on, verified_by=user, scan=_scan(), **extra
    )


def _pdf_text(data: bytes) -> str:
    """The PDF's text with hyphenated line breaks joined and whitespace collapsed."""
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(re.sub(r"[\u2010-]\n", "", text).split())


def _form_data(**extra):
    return {
        "given_on": TODAY.isoformat(),
        "subject_address": "618400, г. Березники, ул. Пятилетки, д. 5, кв. 7",
        "subject_document": "паспорт 5700 123456, выдан 01.02.2010",
        "scan": _scan(),
        **extra,
    }


@pytest.fixture
def pupil(school):
    return PersonFactory(
        organisation=school,
        kind=Person.Kind.STUDENT,
        grade=8,
        position="",
        birth_date=date(TODAY.year - 14, 1, 1),
    )


def test_curator_records_a_consent_with_its_scan(client, curator, person):
    client.force_login(curator)
    url = reverse("consent_create", args=[person.pk]) + "?kind=processing"
    response = client.post(url, _form_data())
    assert response.status_code == 302
    assert response.url == reverse("person_detail", args=[person.pk])
    consent = Consent.objects.get(person=person)
    assert consent.kind == Consent.Kind.PROCESSING
    assert consent.given_on == TODAY
    assert consent.subject_document == "паспорт 5700 123456, выдан 01.02.2010"
    assert consent.verified_by == curator and consent.verified_at is not None
    assert consent.scan.read() == PDF_BYTES
    assert "Ивановой" not in consent.scan.name


def test_consent_hash_is_the_sha256_of_the_consent_text(client, curator, person):
    client.force_login(curator)
    client.post(
        reverse("consent_create", args=[person.pk]) + "?kind=mentoring_duties", _form_data()
    )
    consent = Consent.objects.get(person=person)
    text = consents.consent_text(person=person, kind=Consent.Kind.MENTORING_DUTIES)
    assert person.organisation.name_in("dative") in text  # «даю согласие Муниципальному …»
    assert consent.text_sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert consent.text_version == consents.TEXT_VERSION


def test_minor_consent_without_a_representative_is_refused(client, curator, pupil):
    client.force_login(curator)
    url = reverse("consent_create", args=[pupil.pk]) + "?kind=processing"
    page = client.get(url).content.decode()
    assert "согласие подписывает законный представитель" in page

    response = client.post(url, _form_data())
    assert response.status_code == 200
    assert "Обязательно: участнику не было 18 лет на дату согласия." in response.content.decode()
    assert not Consent.objects.exists()

    representative = {
        "representative_name": "Сидорова Анна Петровна",
        "representative_relation": "мать",
        "representative_address": "618400, г. Березники, ул. Пятилетки, д. 5, кв. 7",
        "representative_document": "паспорт 5700 654321",
        "representative_authority": "свидетельство о рождении II-ВГ 123456",
    }
    assert client.post(url, _form_data(**representative)).status_code == 302
    consent = Consent.objects.get(person=pupil)
    assert consent.by_representative
    assert consent.representative_authority == "свидетельство о рождении II-ВГ 123456"


def test_dissemination_needs_the_chosen_categories(client, curator, person):
    client.force_login(curator)
    url = reverse("consent_create", args=[person.pk]) + "?kind=dissemination"
    response = client.post(url, _form_data())
    assert "Отметьте, какие данные можно публиковать." in response.content.decode()
    assert not Consent.objects.exists()

    client.post(url, _form_data(published_categories=["name", "position"]))
    assert Consent.objects.get(person=person).published_categories == ["name", "position"]


def test_expiry_before_the_date_given_is_refused(client, curator, person):
    client.force_login(curator)
    data = _form_data(expires_on=(TODAY - timedelta(days=1)).isoformat())
    response = client.post(reverse("consent_create", args=[person.pk]), data)
    assert "Срок действия должен заканчиваться после даты согласия." in response.content.decode()
    assert not Consent.objects.exists()


def test_unknown_consent_kind_is_not_found(client, curator, person):
    client.force_login(curator)
    response = client.get(reverse("consent_create", args=[person.pk]) + "?kind=marketing")
    assert response.status_code == 404


def test_withdrawing_processing_takes_the_person_out_of_the_banks(client, curator, school, person):
    consent = _record(person, curator, given_on=TODAY - timedelta(days=20))
    year = school.academic_years.get()
    mentee = banks.mentee_add(academic_year=year, person=person, status=MenteeEntry.Status.IN_BANK)
    mentor = banks.mentor_add(academic_year=year, person=person, status=MentorEntry.Status.IN_BANK)
    client.force_login(curator)
    url = reverse("consent_withdraw", args=[consent.pk])
    assert "30 дней" in client.get(url).content.decode()

    response = client.post(url, {"withdrawn_on": TODAY.isoformat()})

    assert response.status_code == 302
    mentee.refresh_from_db()
    mentor.refresh_from_db()
    assert mentee.status == MenteeEntry.Status.WITHDRAWN
    assert mentor.status == MentorEntry.Status.ARCHIVED
    destruction = DataDestruction.objects.get(consent=consent)
    assert destruction.due_on == TODAY + DESTRUCTION_PERIOD
    message = str(next(iter(get_messages(response.wsgi_request))))
    assert destruction.due_on.strftime("%d.%m.%Y") in message
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY
    entry = LogEntry.objects.get_for_object(consent).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == curator
    assert entry.changes_dict["withdrawn_on"] == ["None", TODAY.isoformat()]


def test_withdrawal_date_in_the_future_is_refused(client, curator, person):
    consent = _record(person, curator)
    client.force_login(curator)
    response = client.post(
        reverse("consent_withdraw", args=[consent.pk]),
        {"withdrawn_on": (TODAY + timedelta(days=1)).isoformat()},
    )
    assert "Дата отзыва не может быть в будущем." in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


@pytest.mark.parametrize("kind", Consent.Kind.values)
def test_printable_form_names_the_operator_the_person_and_how_to_withdraw(
    client, curator, person, kind
):
    client.force_login(curator)
    response = client.get(reverse("consent_form_pdf", args=[person.pk]) + f"?kind={kind}")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="consent-{kind}-{person.pk}.pdf"'
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert person.organisation.name_in("dative") in text
    assert person.organisation.address in text
    assert person.full_name in text
    assert "отзыв" in text.lower()


def test_printable_form_for_a_minor_asks_for_the_representative(client, curator, pupil):
    client.force_login(curator)
    response = client.get(reverse("consent_form_pdf", args=[pupil.pk]) + "?kind=dissemination")
    text = _pdf_text(response.content)
    assert "законного представителя" in text
    assert "документ, подтверждающий полномочия" in text
    assert "разрешаю" in text and "не разрешаю" in text


def test_printable_form_reuses_details_of_an_earlier_consent(client, curator, person):
    _record(person, curator, subject_address="г. Березники, ул. Мира, д. 3")
    client.force_login(curator)
    response = client.get(reverse("consent_form_pdf", args=[person.pk]) + "?kind=dissemination")
    assert "г. Березники, ул. Мира, д. 3" in _pdf_text(response.content)


@pytest.mark.parametrize(
    ("role", "status"), [("curator", 200), ("teacher", 403), ("outsider", 404)]
)
def test_scan_is_served_only_to_those_who_manage_consents(
    client, request, curator, person, role, status
):
    consent = _record(person, curator)
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("consent_scan", args=[consent.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Disposition"].startswith("attachment;")
        assert f"consent-processing-{person.pk}.pdf" in response["Content-Disposition"]


def _withdrawn(person, curator, withdrawn_on=TODAY):
    consent = _record(person, curator, given_on=withdrawn_on - timedelta(days=30))
    return consents.consent_withdraw(consent=consent, withdrawn_on=withdrawn_on)


def test_destroying_clears_personal_data_and_produces_the_act(client, curator, person):
    person.email, person.phone, person.birth_date = (
        "ivanova@school.test",
        "+7 900",
        date(1980, 1, 2),
    )
    person.save()
    name = person.full_name
    destruction = _withdrawn(person, curator)
    client.force_login(curator)
    confirm = client.get(reverse("data_destroy", args=[destruction.pk])).content.decode()
    assert "необратимо" in confirm
    assert "Дата рождения" in confirm

    response = client.post(reverse("data_destroy", args=[destruction.pk]))

    assert response.url == reverse("destruction_act", args=[destruction.pk])
    person.refresh_from_db()
    assert (person.email, person.phone, person.birth_date) == ("", "", None)
    assert name not in person.full_name
    destruction.refresh_from_db()
    assert destruction.destroyed_by == curator and destruction.destroyed_at is not None
    act = client.get(response.url)
    assert act["Content-Type"] == "application/pdf"
    text = _pdf_text(act.content)
    assert "Акт об уничтожении персональных данных".upper() in text.upper()
    assert name in text
    assert "Удаление из информационной системы «Наставник»" in text
    assert "Председатель комиссии" in text
    assert curator.get_full_name() in text


def test_destroying_twice_is_refused(client, curator, person):
    destruction = _withdrawn(person, curator)
    client.force_login(curator)
    client.post(reverse("data_destroy", args=[destruction.pk]))
    destruction.refresh_from_db()
    first = destruction.destroyed_at

    response = client.post(reverse("data_destroy", args=[destruction.pk]))

    assert response.url == reverse("destruction_list", args=[person.organisation_id])
    assert any("уже уничтожены" in str(m) for m in get_messages(response.wsgi_request))
    destruction.refresh_from_db()
    assert destruction.destroyed_at == first


def test_act_does_not_exist_before_destruction(client, curator, person):
    destruction = _withdrawn(person, curator)
    client.force_login(curator)
    assert client.get(reverse("destruction_act", args=[destruction.pk])).status_code == 404


def test_destruction_list_highlights_overdue_data(client, curator, school, person):
    overdue = _withdrawn(person, curator, withdrawn_on=TODAY - timedelta(days=40))
    _withdrawn(PersonFactory(organisation=school), curator)
    client.force_login(curator)
    page = client.get(reverse("destruction_list", args=[school.pk])).content.decode()
    assert page.count("просрочено") == 1
    assert overdue.due_on.strftime("%d.%m.%Y") in page
    assert page.count(">Уничтожить данные<") == 2


def test_dashboard_alert_turns_red_when_a_deadline_has_passed(school, curator, person):
    destruction = _withdrawn(person, curator, withdrawn_on=TODAY - timedelta(days=40))
    context = {"destructions": [destruction], "organisation": school}
    html = render_to_string("mentoring/_destruction_alert.html", context)
    assert "alert-danger" in html and destruction.person_name in html
    assert reverse("destruction_list", args=[school.pk]) in html

    destruction.due_on = TODAY + timedelta(days=5)
    html = render_to_string("mentoring/_destruction_alert.html", context)
    assert "alert-warning" in html and "просрочено" not in html


def test_person_consents_show_their_state(curator, school, person):
    _record(person, curator, given_on=TODAY - timedelta(days=400), expires_on=TODAY)
    withdrawn = _record(person, curator, kind=Consent.Kind.MENTORING_DUTIES)
    consents.consent_withdraw(consent=withdrawn, withdrawn_on=TODAY)
    _record(person, curator, kind=Consent.Kind.DISSEMINATION, published_categories=["photo"])
    context = {"person": person, **person_consents_context(curator, person)}

    html = render_to_string("mentoring/_person_consents.html", context)

    assert {row["state"] for row in context["consent_rows"]} == {"valid", "withdrawn", "expired"}
    assert "действует" in html and "отозвано" in html and "истекло" in html
    assert "фотография" in html
    assert [kind for kind, _ in context["missing_consent_kinds"]] == [
        Consent.Kind.PROCESSING,
        Consent.Kind.MENTORING_DUTIES,
    ]
    assert reverse("consent_withdraw", args=[withdrawn.pk]) not in html
    assert reverse("consent_scan", args=[withdrawn.pk]) in html


@pytest.mark.parametrize("kind", Consent.Kind.values)
def test_consent_text_does_not_depend_on_the_interface_language(person, kind):
    with translation.override("en"):
        english = consents.consent_text(person=person, kind=kind)
    with translation.override("ru"):
        assert consents.consent_text(person=person, kind=kind) == english
