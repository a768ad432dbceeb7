"""A teacher's duties on their card, and the roadmap filter «Ответственный» following them."""

import pytest
from playwright.sync_api import expect

from roadmap.services.roadmap import roadmap_create_from_template

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_class_teacher_duty_is_recorded_and_filters_the_roadmap(
    page, live_server, sign_in, screenshot, curator, teacher, school
):
    person = teacher.person
    roadmap_create_from_template(
        organisation=school,
        academic_year=school.academic_years.get(is_current=True),
        template_key="programme_34",
        actor=curator,
    )
    sign_in(curator.email)
    page.goto(f"{live_server.url}/people/{person.pk}/edit/")
    page.get_by_label("Классное руководство").fill("7 б")
    page.get_by_label("Руководитель ШМО").check()
    screenshot("duties-1-person-form")
    page.get_by_role("button", name="Сохранить").click()
    expect(page).to_have_url(f"{live_server.url}/people/{person.pk}/")
    expect(page.get_by_role("main")).to_contain_text("Классный руководитель 7Б; Руководитель ШМО")
    screenshot("duties-2-person-card")

    page.goto(f"{live_server.url}/schools/{school.pk}/roadmap/")
    page.get_by_label("Ответственный").select_option(
        label=f"{person.full_name}, Классный руководитель 7Б, Руководитель ШМО"
    )
    page.get_by_role("button", name="Показать").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Классные руководители")
    expect(main).to_contain_text("Руководители ШМО")
    screenshot("duties-3-roadmap-filtered")
