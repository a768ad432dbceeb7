"""The pages under the Content-Security-Policy, on the demo data of `manage.py seed_demo`: the
main pages of every role load without a violation (the autouse `policy_violations` fixture
fails a test on one), and what moved from inline scripts to static/js still works."""

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mentoring.management.commands.seed_demo import DOMAIN
from mentoring.models import MentoringPair, Person, Role, User
from mentoring.services.invitations import invitation_create
from reports.models import Order
from tests.e2e.demo import menu_paths, role_pages, sign_in_as, visit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_violation_check_catches_an_inline_style(page, live_server, policy_violations):
    page.goto(live_server.url + reverse("login"))

    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(100)

    assert len(policy_violations) == 1 and "Content Security Policy" in policy_violations[0]
    policy_violations.clear()


def test_sign_in_and_password_reset_pages_obey_the_policy(page, live_server, policy_violations):
    for path in (
        reverse("login"),
        reverse("password_reset"),
        reverse("password_reset_done"),
        reverse("password_reset_confirm", args=["MQ", "set-password"]),
        reverse("password_reset_complete"),
    ):
        visit(page, live_server, path, policy_violations)
    visit(page, live_server, reverse("invitation_accept", args=["x"]), policy_violations, 404)
    # htmx is told not to add its indicator styles, which the policy would refuse.
    assert page.evaluate("[htmx.config.includeIndicatorStyles, htmx.config.allowEval]") == [
        False,
        False,
    ]

    page.goto(live_server.url + reverse("password_reset"))
    page.locator("input[type=email]").fill(f"nobody@{DOMAIN}")
    page.get_by_role("button", name="Отправить ссылку").click()
    expect(page).to_have_url(live_server.url + reverse("password_reset_done"))


def test_language_switch_sends_its_form_on_choice(page, live_server):
    page.goto(live_server.url + reverse("login"))

    page.locator("#language").select_option("en")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.locator("#language").select_option("ru")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("button", name="Войти")).to_be_visible()


def test_main_pages_of_every_role_obey_the_policy(
    page, live_server, demo_school, policy_violations
):
    pages = role_pages(demo_school)

    for role, extra in pages.items():
        sign_in_as(page, live_server, role)
        visited = ["/", *menu_paths(page), *extra]
        for path in dict.fromkeys(visited):
            visit(page, live_server, path, policy_violations)
        assert len(visited) >= 3, role


def test_forms_that_lost_their_inline_scripts_still_work(page, live_server, demo_school):
    school = demo_school
    org = school.pk
    sign_in_as(page, live_server, "curator")

    # The person form: the student's fields for a student, the staff fields otherwise.
    page.goto(live_server.url + reverse("person_create", args=[org]))
    kind = page.locator("#id_kind")
    expect(page.locator(".person-staff-fields")).to_be_visible()
    expect(page.locator(".person-student-fields")).to_be_hidden()
    kind.select_option(Person.Kind.STUDENT)
    expect(page.locator(".person-student-fields")).to_be_visible()
    expect(page.locator(".person-staff-fields")).to_be_hidden()

    # The pair form: only the role models of the chosen form of mentoring.
    page.goto(live_server.url + reverse("pair_create", args=[org]))
    form = page.locator("#id_form")
    role_model = page.locator("#id_role_model")
    forms = [v for v in form.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    models = role_model.locator("option[data-form]").evaluate_all(
        "os => os.map(o => [o.value, o.dataset.form])"
    )
    assert len(forms) > 1 and models
    for value in forms:
        form.select_option(value)
        hidden = role_model.locator("option[data-form]").evaluate_all("os => os.map(o => o.hidden)")
        assert hidden == [of != value for _model, of in models], value
    model, of = next((model, of) for model, of in models if of != forms[0])
    form.select_option(of)
    role_model.select_option(model)
    form.select_option(forms[0])
    expect(role_model).to_have_value("")

    # The chosen role model's aim, tasks and results, and the programme's last day.
    form.select_option(label="ученик – ученик")
    role_model.select_option(label="равный – равному")
    descriptions = page.locator("#role-models")
    expect(descriptions).to_be_visible()
    expect(descriptions.get_by_text("Обмен навыками для достижения целей")).to_be_visible()
    expect(descriptions.get_by_text("Достижение лучших образовательных результатов")).to_be_hidden()
    page.locator("#id_start_date").fill("01.10.2026")
    page.locator("#id_months").select_option("8")
    expect(page.locator("#pair-end")).to_contain_text("31.05.2027")
    page.locator("#id_months").select_option("9")
    expect(page.locator("#pair-end")).to_contain_text("30.06.2027 — в летние каникулы")

    # A mentee's bank entry: the categories that fit the person, «show all» for the rest,
    # and catalogue suggestions after the last comma.
    page.goto(live_server.url + reverse("mentee_create", args=[org]))
    student = page.locator('#id_person option[data-kind="student"]').first.get_attribute("value")
    page.locator("#id_person").select_option(student)
    expect(page.locator(".bank-student-categories")).to_be_visible()
    expect(page.locator(".bank-teacher-categories")).to_be_hidden()
    page.get_by_role("button", name="Показать все категории").click()
    expect(page.locator(".bank-teacher-categories")).to_be_visible()
    expect(page.get_by_role("button", name="Показать все категории")).to_be_hidden()
    catalogue = page.locator("#tag-catalogue option")
    tag = catalogue.first.get_attribute("value")
    page.locator('input[list="tag-catalogue"]').fill(f"{tag}, ")
    suggested = catalogue.evaluate_all("os => os.map(o => o.value)")
    assert suggested and all(s.startswith(f"{tag}, ") for s in suggested)
    assert f"{tag}, {tag}" not in suggested

    # The programme's plan: a new row, numbered after the others, the cursor in it; saved.
    pair = MentoringPair.objects.get(organisation=school, status=MentoringPair.Status.ACTIVE)
    items = pair.programme.items.count()
    page.goto(live_server.url + reverse("programme_edit", args=[pair.pk]) + "?edit=1")
    total = page.locator("[id$=-TOTAL_FORMS]")
    index = int(total.input_value())
    numbers = page.locator("#plan-rows [name$=-ORDER]").evaluate_all("ns => ns.map(n => n.value)")
    page.get_by_role("button", name="Добавить мероприятие").click()
    expect(page.locator("#plan-rows > tr")).to_have_count(index + 1)
    expect(total).to_have_value(str(index + 1))
    row = page.locator("#plan-rows > tr").last
    expect(row.locator("[name$=-ORDER]")).to_have_value(str(max(int(n or 0) for n in numbers) + 1))
    expect(row.locator("textarea").first).to_be_focused()
    row.locator("textarea").first.fill("Открытый урок наставляемого для коллег")
    row.locator("input[data-date-input]").fill(
        (pair.start_date + timedelta(days=45)).strftime("%d.%m.%Y")
    )
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("main")).to_contain_text("Открытый урок наставляемого для коллег")
    assert pair.programme.items.count() == items + 1

    # The draft order: a new paragraph, numbered, the cursor in it; saved.
    draft = Order.objects.filter(organisation=school, status=Order.Status.DRAFT).first()
    paragraphs = draft.items.count()
    page.goto(live_server.url + reverse("order_edit", args=[draft.pk]))
    page.locator("#item-add").click()
    expect(page.locator("#item-rows > li")).to_have_count(paragraphs + 1)
    expect(page.locator("#id_items-TOTAL_FORMS")).to_have_value(str(paragraphs + 1))
    expect(page.locator(f"#id_items-{paragraphs}-ORDER")).to_have_value(str(paragraphs + 1))
    text = page.locator(f"#id_items-{paragraphs}-text")
    expect(text).to_be_focused()
    text.fill("Просим рассмотреть кандидатуры наставников для поощрения.")
    page.get_by_role("button", name="Сохранить").click()
    expect(page).to_have_url(live_server.url + reverse("order_detail", args=[draft.pk]))
    assert draft.items.count() == paragraphs + 1

    # The chart by month: bars, dots and today's line sit where the server placed them.
    page.goto(live_server.url + reverse("roadmap_timeline", args=[org]))
    marks = page.locator(".tl [data-left]").evaluate_all(
        """marks => marks.map(m => [m.style.left, m.dataset.left, m.style.width, m.dataset.width])"""
    )
    assert marks and all(
        left.endswith("%")
        and float(left[:-1]) == float(want)
        and (wide is None or float(width[:-1]) == float(wide))
        for left, want, width, wide in marks
    )
    assert any(wide is not None for *_left, wide in marks)
    bar = page.locator(".tl-bar").first.bounding_box()
    cell = page.locator(".tl-bar").first.locator("xpath=..").bounding_box()
    assert 0 < bar["width"] <= cell["width"] + 1

    # Revoking an invitation asks first; a «no» keeps it.
    curator = User.objects.get(email=f"curator@{DOMAIN}")
    invitation, _token = invitation_create(
        organisation=school, email="new.teacher@school.test", role=Role.TEACHER, invited_by=curator
    )
    page.goto(live_server.url + reverse("invitation_list", args=[org]))
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Отозвать").click()
    page.wait_for_timeout(200)
    assert questions == ["Отозвать приглашение? Ссылка из письма перестанет работать."]
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Отозвать").click()
    expect(page.get_by_role("button", name="Отозвать")).to_have_count(0)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None

    # A teacher's application: the mentee's or the mentor's part, after the bank chosen.
    sign_in_as(page, live_server, "teacher")
    page.goto(live_server.url + reverse("bank_apply"))
    mentee_part, mentor_part = (
        page.locator(".apply-mentee-fields"),
        page.locator(".apply-mentor-fields"),
    )
    page.locator("input[name=bank][value=mentor]").check()
    expect(mentor_part).to_be_visible()
    expect(mentee_part).to_be_hidden()
    page.locator("input[name=bank][value=mentee]").check()
    expect(mentee_part).to_be_visible()
    expect(mentor_part).to_be_hidden()
