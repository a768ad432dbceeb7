import re
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from mentoring.models import Consent, MenteeEntry, MentorEntry, MentoringForm, PsychologistNote
from tests.e2e.slow_scripts import hold_script
from tests.mentoring.bank_factories import ConsentFactory, MenteeEntryFactory, person_with_consent
from tests.mentoring.factories import PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROCESSING = "Согласие на обработку персональных данных"


@pytest.fixture
def scan_file(tmp_path):
    path = tmp_path / "согласие.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
    return path


def test_curator_records_missing_consent_then_adds_the_teacher_to_the_mentor_bank(
    page, live_server, sign_in, screenshot, curator, school, scan_file
):
    person = PersonFactory(
        organisation=school, last_name="Соколова", first_name="Ирина", patronymic="Павловна"
    )
    sign_in(curator.email)
    page.goto(f"{live_server.url}/people/{person.pk}/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Согласий пока нет")
    screenshot("banks-mentor-1-card-without-consent")

    page.get_by_role("link", name="В банк наставников").click()
    expect(page.get_by_role("combobox", name="Участник")).to_have_value(str(person.pk))
    page.get_by_label("Педагог высшей квалификационной категории").check()
    page.get_by_role("button", name="Добавить").click()

    refusal = page.locator("#missing-consent")
    expect(refusal).to_contain_text("Нет согласия на обработку персональных данных")
    expect(refusal).to_contain_text("Соколова Ирина Павловна")
    blank = refusal.get_by_role("link", name="Распечатать бланк согласия")
    expect(blank).to_have_attribute(
        "href", f"/people/{person.pk}/consents/form.pdf?kind=processing"
    )
    pdf = page.request.get(live_server.url + blank.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    screenshot("banks-mentor-2-refused-without-consent")
    assert not MentorEntry.objects.exists()

    refusal.get_by_role("link", name="Отметить полученное согласие").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROCESSING)
    expect(page.get_by_label("Дата согласия")).not_to_have_value("")
    page.get_by_label("Адрес субъекта").fill("618400, г. Березники, ул. Мира, д. 5, кв. 12")
    page.get_by_label("Документ, удостоверяющий личность").fill(
        "Паспорт 5704 123456, выдан ГУ МВД России по Пермскому краю 12.03.2019"
    )
    page.get_by_label("Скан подписанного согласия").set_input_files(scan_file)
    screenshot("banks-mentor-3-consent-form")
    page.get_by_role("button", name="Сохранить согласие").click()

    expect(page).to_have_url(f"{live_server.url}/people/{person.pk}/")
    expect(page.get_by_role("alert").filter(has_text="Отмечено")).to_contain_text(
        f"{PROCESSING} — Соколова Ирина Павловна"
    )
    consent_row = page.locator("#consents tbody tr", has_text=PROCESSING)
    expect(consent_row).to_have_count(1)
    expect(consent_row).to_contain_text("действует")
    expect(consent_row.get_by_role("link", name="Скан")).to_be_visible()
    screenshot("banks-mentor-4-card-with-consent")
    consent = Consent.objects.get(person=person)
    assert consent.kind == Consent.Kind.PROCESSING and consent.verified_by == curator

    page.get_by_role("link", name="В банк наставников").click()
    page.get_by_label("Педагог высшей квалификационной категории").check()
    page.get_by_role("button", name="Добавить").click()

    entry = MentorEntry.objects.get(person=person)
    expect(page).to_have_url(f"{live_server.url}/mentors/{entry.pk}/")
    expect(page.get_by_role("alert").filter(has_text="добавлен(а)")).to_contain_text(
        "Соколова Ирина Павловна добавлен(а) в банк наставников."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Соколова Ирина Павловна")
    screenshot("banks-mentor-5-entry-created")
    assert entry.grounds == [MentorEntry.Ground.HIGHEST_CATEGORY]


def test_curator_filters_mentees_by_category_and_moves_two_into_the_bank(
    page, live_server, sign_in, screenshot, curator, school
):
    young = [
        MenteeEntryFactory(
            person=person_with_consent(organisation=school, last_name=last_name),
            status=MenteeEntry.Status.CANDIDATE,
        )
        for last_name in ("Абрамова", "Белова")
    ]
    burnout = MenteeEntryFactory(
        person=person_with_consent(organisation=school, last_name="Власова"),
        status=MenteeEntry.Status.CANDIDATE,
        categories=[MenteeEntry.Category.BURNOUT],
    )
    sign_in(curator.email)
    page.goto(f"{live_server.url}/schools/{school.pk}/mentees/")
    expect(page.locator("tbody tr")).to_have_count(3)

    page.get_by_label("Категория").select_option(label="Молодой педагог (молодой специалист)")
    page.get_by_role("button", name="Найти").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(page.get_by_role("main")).not_to_contain_text(burnout.person.full_name)

    for entry in young:
        page.get_by_role("checkbox", name=entry.person.full_name).check()
    page.get_by_label("Новый статус", exact=True).select_option(label="В банке")
    page.get_by_role("button", name="Изменить статус").click()

    expect(page.get_by_role("alert").filter(has_text="Статус изменён")).to_contain_text(
        "Записей: 2."
    )
    expect(page).to_have_url(re.compile(r"category=young_specialist"))
    for entry in young:
        expect(rows.filter(has_text=entry.person.full_name).locator(".badge")).to_contain_text(
            ["В банке", "есть"]
        )
    expect(page.get_by_role("link", name="В банке: 2")).to_be_visible()
    screenshot("banks-mentees-bulk-status")
    statuses = dict(MenteeEntry.objects.values_list("pk", "status"))
    assert statuses == {
        young[0].pk: MenteeEntry.Status.IN_BANK,
        young[1].pk: MenteeEntry.Status.IN_BANK,
        burnout.pk: MenteeEntry.Status.CANDIDATE,
    }


def test_curator_exports_the_ticked_mentees_even_ticked_before_the_script_arrived(
    page, live_server, sign_in, screenshot, curator, school
):
    entries = {
        last_name: MenteeEntryFactory(
            person=person_with_consent(organisation=school, last_name=last_name)
        )
        for last_name in ("Абрамова", "Белова", "Власова")
    }
    sign_in(curator.email)
    arrive = hold_script(page, "bank_list.js")
    page.goto(f"{live_server.url}/schools/{school.pk}/mentees/")
    export = page.get_by_role("link", name="Экспорт отмеченных")
    page.get_by_role("checkbox", name=entries["Абрамова"].person.full_name).check()
    expect(export).to_have_attribute("aria-disabled", "true")

    arrive()
    expect(export).to_have_attribute("aria-disabled", "false")
    page.get_by_role("checkbox", name=entries["Белова"].person.full_name).check()
    expect(export).to_have_attribute(
        "href", re.compile(rf"ids={entries['Абрамова'].pk},{entries['Белова'].pk}$")
    )
    screenshot("banks-mentees-export-ticked")

    with page.expect_download() as download:
        export.click()
    sheet = load_workbook(BytesIO(Path(download.value.path()).read_bytes())).active
    text = " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    assert "Абрамова" in text and "Белова" in text and "Власова" not in text


def test_psychologist_note_is_hidden_from_the_director(
    page, live_server, sign_in, screenshot, psychologist, director, school
):
    entry = MenteeEntryFactory(person=person_with_consent(organisation=school))
    note = "Тревожность перед открытыми уроками; рекомендована поддержка на первых занятиях."
    url = f"{live_server.url}/mentees/{entry.pk}/"

    sign_in(psychologist.email)
    page.goto(url)
    notes = page.locator("#notes")
    expect(notes).to_contain_text("Заметок пока нет.")
    notes.get_by_label("Новая заметка").fill(note)
    notes.get_by_role("button", name="Добавить заметку").click()

    expect(page.get_by_role("alert").filter(has_text="Заметка сохранена.")).to_be_visible()
    expect(notes).to_contain_text(note)
    expect(notes).to_contain_text(psychologist.get_full_name())
    screenshot("banks-note-psychologist")
    assert PsychologistNote.objects.get(entry=entry).author == psychologist

    navigation = page.get_by_role("navigation", name="Основная навигация")
    navigation.get_by_role("button", name=psychologist.get_short_name()).click()
    navigation.get_by_role("button", name="Выйти").click()
    sign_in(director.email)
    page.goto(url)

    expect(page.get_by_role("heading", level=1)).to_have_text(entry.person.full_name)
    expect(page.get_by_role("main")).not_to_contain_text(note)
    expect(page.locator("#notes")).to_have_count(0)
    screenshot("banks-note-director")


def test_teacher_applies_to_the_mentee_bank_from_the_dashboard(
    page, live_server, sign_in, screenshot, teacher
):
    ConsentFactory(person=teacher.person)
    # A built-in form from the data migration; the live server's flushes between tests drop it.
    MentoringForm.objects.get_or_create(organisation=None, name="педагог – педагог")
    sign_in(teacher.email)
    page.get_by_test_id("dashboard").get_by_role("link", name="Подать заявку").click()

    expect(page).to_have_url(f"{live_server.url}/me/apply/")
    page.get_by_label("Хочу быть наставляемым").check()
    page.get_by_label("Молодой педагог (молодой специалист)").check()
    page.get_by_label("С чем нужна помощь").fill("Дисциплина на уроке, Работа с родителями")
    page.get_by_label("педагог – педагог").check()
    screenshot("banks-apply-form")
    page.get_by_role("button", name="Отправить заявку").click()

    expect(page).to_have_url(f"{live_server.url}/me/participation/")
    expect(page.get_by_role("alert").filter(has_text="Заявка на")).to_contain_text(
        "учебный год отправлена"
    )
    card = page.get_by_test_id("mentee-entry")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Кандидат")
    expect(card).to_contain_text("Молодой педагог (молодой специалист)")
    expect(card).to_contain_text("Дисциплина на уроке")
    expect(card).to_contain_text("Работа с родителями")
    expect(card).to_contain_text("педагог – педагог")
    screenshot("banks-apply-my-participation")
    entry = MenteeEntry.objects.get(person=teacher.person)
    assert entry.status == MenteeEntry.Status.CANDIDATE
    assert entry.request_sources == [MenteeEntry.Source.QUESTIONNAIRE]


def test_student_mentor_is_offered_the_students_grounds(
    page, live_server, sign_in, screenshot, curator, school
):
    pupil = person_with_consent(
        organisation=school,
        kind="student",
        grade=10,
        birth_date=date(date.today().year - 16, 1, 1),
        last_name="Лебедев",
        first_name="Артём",
    )
    sign_in(curator.email)
    page.goto(f"{live_server.url}/schools/{school.pk}/mentors/new/?person={pupil.pk}")
    motivated = page.get_by_label("Обучающийся, мотивированный помочь сверстникам")
    expect(motivated).to_be_visible()
    expect(page.get_by_label("Ветеран педагогического труда")).to_be_hidden()
    screenshot("banks-mentor-student-grounds")
    motivated.check()
    page.get_by_role("button", name="Показать все основания").click()
    expect(page.get_by_label("Ветеран педагогического труда")).to_be_visible()
    page.get_by_role("button", name="Добавить").click()
    expect(page).to_have_url(re.compile(r"/mentors/\d+/$"))
    entry = MentorEntry.objects.get(person=pupil)
    assert entry.grounds == [MentorEntry.Ground.MOTIVATED_STUDENT]
