"""An order's way in the browser: the curator drafts the pairs order from the data and submits
it, the director approves it from the dashboard, the PDF is made and the pair starts."""

import pytest
from playwright.sync_api import expect

from mentoring.models import (
    Consent,
    MenteeEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    Role,
)
from reports.models import Order
from tests.mentoring.bank_factories import ConsentFactory, MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _agreed(school, **names):
    person = PersonFactory(organisation=school, position="Учитель математики", **names)
    for kind in (Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES):
        ConsentFactory(person=person, kind=kind)
    return person


@pytest.fixture
def awaiting_pair(school):
    # Built-in rows from the data migrations; the live server's flushes between tests drop them.
    form, _ = MentoringForm.objects.get_or_create(organisation=None, name="педагог – педагог")
    kind, _ = MentoringType.objects.get_or_create(
        organisation=None, code="traditional", defaults={"name": "Традиционное"}
    )
    year = school.academic_years.get()
    pair = MentoringPair.objects.create(
        organisation=school,
        academic_year=year,
        mentor=MentorEntryFactory(person=_agreed(school, last_name="Ковалёва")),
        form=form,
        mentoring_type=kind,
        start_date=year.start_date,
        end_date=year.end_date,
        status=MentoringPair.Status.AWAITING_ORDER,
    )
    mentee = MenteeEntryFactory(
        person=_agreed(school, last_name="Лебедева"), status=MenteeEntry.Status.PAIRED
    )
    pair.mentees.set([mentee])
    return pair


@pytest.fixture
def director_with_name(school):
    school.director_name = "Суханова Елена Викторовна"
    school.save()
    user = UserFactory(email="head@school.test")
    MembershipFactory(user=user, organisation=school, role=Role.DIRECTOR)
    return user


def test_pairs_order_from_draft_to_signed_pdf(
    page, live_server, sign_in, screenshot, school, curator, director_with_name, awaiting_pair
):
    sign_in(curator.email)
    page.get_by_role("button", name="Документы").click()
    page.get_by_role("link", name="Подготовить приказ").click()
    page.get_by_role("link", name="Об утверждении наставнических пар и групп").click()
    expect(page.get_by_text("Войдут в приказ")).to_be_visible()
    expect(page.get_by_text(awaiting_pair.mentor.person.full_name)).to_be_visible()
    screenshot("orders-01-pairs-to-include")
    page.get_by_role("button", name="Сформировать проект").click()
    expect(page.get_by_test_id("order-status")).to_have_text("Черновик")
    page.get_by_role("button", name="Отправить на утверждение").click()
    expect(page.get_by_test_id("order-status")).to_have_text("На утверждении")
    screenshot("orders-02-submitted")

    page.context.clear_cookies()
    sign_in(director_with_name.email)
    panel = page.get_by_test_id("orders-panel")
    expect(panel).to_contain_text("Ждёт вашего утверждения 1 приказ")
    screenshot("orders-03-director-dashboard")
    panel.get_by_role("link", name="Об утверждении наставнических пар и групп").click()
    page.get_by_role("button", name="Утвердить").first.click()
    page.locator("#approve-modal").get_by_role("button", name="Утвердить").click()

    expect(page.get_by_test_id("order-status")).to_have_text("Утверждён")
    download = page.get_by_role("link", name="Скачать PDF")
    expect(download).to_be_visible()
    screenshot("orders-04-approved")
    response = page.request.get(live_server.url + download.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    order = Order.objects.get()
    assert order.number == 1
    awaiting_pair.refresh_from_db()
    assert awaiting_pair.status == MentoringPair.Status.ACTIVE
    assert awaiting_pair.meetings.exists()
