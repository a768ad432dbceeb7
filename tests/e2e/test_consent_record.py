"""In the browser: a curator records a parent's signed consent for a minor with the passport's
issue details, and the next blank printed for the child carries them."""

import re
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mentoring.models import Consent, Person
from tests.mentoring.factories import PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_curator_records_a_parents_consent_with_passport_details(
    page, live_server, sign_in, screenshot, curator, school, tmp_path
):
    child = PersonFactory(
        organisation=school,
        kind=Person.Kind.STUDENT,
        last_name="Александрова",
        first_name="Ксения",
        patronymic="Игоревна",
        birth_date=date(2012, 3, 5),
        grade=8,
        class_letter="А",
    )
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    sign_in(curator.email)
    page.goto(f"{live_server.url}{reverse('consent_create', args=[child.pk])}?kind=processing")

    # The date of the consent is today's unless changed.
    page.get_by_label("ФИО законного представителя", exact=True).fill(
        "Александрова Ольга Сергеевна"
    )
    page.get_by_label("Кем приходится", exact=True).fill("мать")
    page.get_by_label("Адрес представителя", exact=True).fill(
        "618419, г. Березники, ул. Юбилейная, д. 10"
    )
    page.get_by_label("Документ представителя", exact=True).fill("паспорт 5710 111222")
    page.get_by_label("Дата выдачи документа представителя", exact=True).fill("01.02.2010")
    page.get_by_label("Кем выдан документ представителя", exact=True).fill("ОВД г. Березники")
    page.get_by_label("Код подразделения представителя", exact=True).fill("592-004")
    page.get_by_label("Документ, подтверждающий полномочия", exact=True).fill(
        "свидетельство о рождении"
    )
    page.locator("#id_scan").set_input_files(scan)
    screenshot("consent-record-minor")
    page.get_by_role("button", name=re.compile("Сохранить|Отметить")).click()

    expect(page.get_by_role("alert").first).to_contain_text("Отмечено")
    consent = Consent.objects.get(person=child)
    assert consent.representative_document_issued_on == date(2010, 2, 1)
    assert consent.representative_document_division_code == "592-004"

    response = page.request.get(
        f"{live_server.url}{reverse('consent_form_pdf', args=[child.pk])}?kind=processing"
    )
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.body(), capture_output=True, check=True
    ).stdout.decode()
    text = " ".join(text.split())
    assert "кем выдан: ОВД г. Березники дата выдачи: 01.02.2010 код подразделения: 592-004" in text
