"""Completing a pair's programme in the browser: the curator confirms an early end on the
pair's page, and the completed pair can be described in the methodical collection."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.models import MenteeEntry, MentoringForm, MentoringPair, MentoringType
from tests.e2e.test_practices import _agreed
from tests.mentoring.bank_factories import MenteeEntryFactory, MentorEntryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def active_pair(school):
    # Built-in rows from the data migrations; the live server's flushes between tests drop them.
    form, _ = MentoringForm.objects.get_or_create(organisation=None, name="педагог – педагог")
    kind, _ = MentoringType.objects.get_or_create(
        organisation=None, code="traditional", defaults={"name": "Традиционное"}
    )
    today = timezone.localdate()
    pair = MentoringPair.objects.create(
        organisation=school,
        academic_year=school.academic_years.get(),
        mentor=MentorEntryFactory(person=_agreed(school, published=True, last_name="Ковалёва")),
        form=form,
        mentoring_type=kind,
        start_date=today - timedelta(days=60),
        end_date=today + timedelta(days=60),
        status=MentoringPair.Status.ACTIVE,
    )
    mentee = MenteeEntryFactory(
        person=_agreed(school, published=False, last_name="Лебедева"),
        status=MenteeEntry.Status.PAIRED,
    )
    pair.mentees.set([mentee])
    return pair


def test_curator_completes_a_programme_before_its_end(
    page, live_server, sign_in, screenshot, curator, active_pair
):
    sign_in(curator.email)
    page.goto(f"{live_server.url}/pairs/{active_pair.pk}/")
    expect(page.get_by_role("link", name="В методическую копилку")).to_have_count(0)
    page.get_by_role("link", name="Завершить программу").click()

    expect(page.get_by_role("heading", name="Завершить программу пары?")).to_be_visible()
    end = active_pair.end_date.strftime("%d.%m.%Y")
    expect(page.get_by_text(f"раньше запланированного срока ({end})")).to_be_visible()
    screenshot("pair-complete-01-confirm")
    page.get_by_role("button", name="Завершить программу").click()

    expect(page.get_by_text("Программа завершена")).to_be_visible()
    expect(page.get_by_text("Завершена", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Завершить программу")).to_have_count(0)
    expect(page.get_by_role("link", name="Расформировать")).to_have_count(0)
    expect(page.get_by_role("link", name="В методическую копилку")).to_be_visible()
    screenshot("pair-complete-02-done")
    active_pair.refresh_from_db()
    assert active_pair.status == MentoringPair.Status.COMPLETED
    assert active_pair.mentees.get().status == MenteeEntry.Status.FINISHED


def test_psychologist_sees_no_button(page, live_server, sign_in, psychologist, active_pair):
    sign_in(psychologist.email)
    page.goto(f"{live_server.url}/pairs/{active_pair.pk}/")
    expect(page.get_by_role("heading", name="Наставническая пара")).to_be_visible()
    expect(page.get_by_role("link", name="Завершить программу")).to_have_count(0)
