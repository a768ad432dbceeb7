"""Best practices in the browser: the curator makes a case of a completed pair from its page,
attaches a file and publishes it; the municipality's coordinator finds and reads it, with the
names the participants' consents allow."""

import pytest
from playwright.sync_api import expect

from mentoring.models import (
    Consent,
    MenteeEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
)
from reports.models import PracticeCase
from tests.mentoring.bank_factories import ConsentFactory, MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _agreed(school, *, published: bool, **names):
    person = PersonFactory(organisation=school, position="Учитель математики", **names)
    for kind in (Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES):
        ConsentFactory(person=person, kind=kind)
    if published:
        ConsentFactory(
            person=person,
            kind=Consent.Kind.DISSEMINATION,
            published_categories=[Consent.Category.NAME],
        )
    return person


@pytest.fixture
def completed_pair(school):
    # Built-in rows from the data migrations; the live server's flushes between tests drop them.
    form, _ = MentoringForm.objects.get_or_create(organisation=None, name="педагог – педагог")
    kind, _ = MentoringType.objects.get_or_create(
        organisation=None, code="traditional", defaults={"name": "Традиционное"}
    )
    year = school.academic_years.get()
    pair = MentoringPair.objects.create(
        organisation=school,
        academic_year=year,
        mentor=MentorEntryFactory(
            person=_agreed(school, published=True, last_name="Ковалёва", first_name="Анна")
        ),
        form=form,
        mentoring_type=kind,
        start_date=year.start_date,
        end_date=year.end_date,
        status=MentoringPair.Status.COMPLETED,
    )
    mentee = MenteeEntryFactory(
        person=_agreed(school, published=False, last_name="Лебедева", first_name="Ольга"),
        status=MenteeEntry.Status.PAIRED,
    )
    pair.mentees.set([mentee])
    return pair


def test_curator_publishes_a_case_and_the_coordinator_reads_it(
    page, live_server, sign_in, screenshot, tmp_path, school, curator, coordinator, completed_pair
):
    sign_in(curator.email)
    page.goto(f"{live_server.url}/pairs/{completed_pair.pk}/")
    page.get_by_role("link", name="В методическую копилку").click()
    expect(page.get_by_role("heading", name="Описать практику")).to_be_visible()
    screenshot("practices-01-choose-pair")
    page.get_by_role("button", name="Создать черновик").click()

    expect(page.get_by_role("heading", name="Изменение практики")).to_be_visible()
    page.get_by_label("Название практики").fill("Первый год молодого учителя математики")
    page.get_by_label("Описание").fill(
        "Наставник и молодой учитель вместе готовили и разбирали уроки."
    )
    page.get_by_label("Результаты").fill("Открытый урок на методическом объединении.")
    screenshot("practices-02-edit")
    page.get_by_role("button", name="Сохранить").click()

    page.get_by_role("link", name="Прикрепить материал").click()
    plan = tmp_path / "план урока.pdf"
    plan.write_bytes(b"%PDF-1.4 lesson plan")
    page.get_by_label("Название материала").fill("План открытого урока")
    page.get_by_label("Файл").set_input_files(str(plan))
    page.get_by_role("button", name="Прикрепить").click()
    expect(page.get_by_role("link", name="План открытого урока", exact=True)).to_be_visible()

    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_text("Практика опубликована")).to_be_visible()
    screenshot("practices-03-published")
    case = PracticeCase.objects.get()
    assert case.status == PracticeCase.Status.PUBLISHED
    assert case.materials.count() == 1

    page.context.clear_cookies()
    sign_in(coordinator.email)
    page.goto(f"{live_server.url}/municipalities/{school.municipality_id}/practices/")
    page.get_by_label("Поиск").fill("математики")
    page.get_by_role("button", name="Найти").click()
    screenshot("practices-04-municipal")
    page.get_by_role("link", name="Первый год молодого учителя математики").click()
    expect(page.get_by_text("Ковалёва Анна")).to_be_visible()
    expect(page.get_by_text("Лебедева")).to_have_count(0)
    expect(page.get_by_text("имя не публикуется")).to_be_visible()
    expect(page.get_by_role("link", name="Изменить")).to_have_count(0)
    screenshot("practices-05-coordinator-reads")
    href = page.get_by_role("link", name="План открытого урока", exact=True).get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == b"%PDF-1.4 lesson plan"
