"""The consent form and the programme name people in the case their sentences need."""

import re
import subprocess
from datetime import date

import pytest
from django.urls import reverse

from mentoring.models import Person
from mentoring.services.programmes import programme_create_from_template
from tests.mentoring.factories import PersonFactory
from tests.mentoring.test_programmes import pair  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(re.sub(r"-\n", "", text).split())


def test_a_girls_consent_form_names_her_in_the_genitive(client, curator, school):
    pupil = PersonFactory(
        organisation=school,
        kind=Person.Kind.STUDENT,
        grade=8,
        position="",
        last_name="Александрова",
        first_name="Ксения",
        patronymic="Игоревна",
        birth_date=date(2012, 3, 1),
    )
    client.force_login(curator)
    response = client.get(reverse("consent_form_pdf", args=[pupil.pk]) + "?kind=processing")
    text = _pdf_text(response.content)
    assert "несовершеннолетней Александровой Ксении Игоревны, 01.03.2012 г. р." in text


def test_a_boys_consent_form_names_him_in_the_genitive(client, curator, school):
    pupil = PersonFactory(
        organisation=school,
        kind=Person.Kind.STUDENT,
        grade=5,
        position="",
        last_name="Белых",
        first_name="Лев",
        patronymic="Ильич",
        birth_date=date(2015, 9, 2),
    )
    client.force_login(curator)
    response = client.get(reverse("consent_form_pdf", args=[pupil.pk]) + "?kind=processing")
    assert "несовершеннолетнего Белых Льва Ильича" in _pdf_text(response.content)


def test_the_programme_is_for_the_mentee_in_the_genitive(client, curator, pair):  # noqa: F811
    mentee = pair.mentees.get().person
    mentee.last_name, mentee.first_name, mentee.patronymic = "Смирнова", "Любовь", "Никитична"
    mentee.save(update_fields=["last_name", "first_name", "patronymic"])
    programme_create_from_template(pair=pair)
    client.force_login(curator)
    text = _pdf_text(client.get(reverse("programme_pdf", args=[pair.pk])).content)
    assert "Персонализированная программа наставничества для Смирновой Любови Никитичны" in text
    assert "Наставляемая" in text
