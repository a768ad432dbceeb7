"""In the browser: a person's history reads in Russian, and the matching page says who does not
take part for want of which consent, with a link to record it."""

from datetime import date

import pytest
from auditlog.context import set_actor
from django.urls import reverse
from playwright.sync_api import expect

from mentoring.management.commands.seed_demo import DOMAIN
from mentoring.models import Person, User
from tests.e2e.demo import sign_in_as, visit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_person_history_reads_in_russian(
    page, live_server, demo_school, policy_violations, screenshot
):
    curator = User.objects.get(email=f"curator@{DOMAIN}")
    person = Person.objects.filter(organisation=demo_school, kind=Person.Kind.TEACHER).last()
    account = User.objects.get(email=f"teacher@{DOMAIN}")
    with set_actor(curator):
        person.kind = Person.Kind.STAFF
        person.category = Person.Category.HIGHEST
        person.birth_date = date(1980, 3, 7)
        person.save()
        if person.user_id is None and not Person.objects.filter(user=account).exists():
            person.user = account
            person.save()
    sign_in_as(page, live_server, "curator")
    visit(page, live_server, reverse("person_detail", args=[person.pk]), policy_violations)

    history = page.get_by_test_id("audit-history")
    expect(history).to_contain_text("Вид участника: Педагог → Другой сотрудник")
    expect(history).to_contain_text("Дата рождения:")
    expect(history).to_contain_text("07.03.1980")
    expect(history).to_contain_text(str(curator))
    expect(history).not_to_contain_text("None")
    expect(history).not_to_contain_text("True")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot("history-person-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("history-person-390")


def test_matching_lists_who_does_not_take_part_with_links(
    page, live_server, demo_school, policy_violations, screenshot
):
    sign_in_as(page, live_server, "curator")
    visit(page, live_server, reverse("matching", args=[demo_school.pk]), policy_violations)

    left_out = page.get_by_test_id("left-out")
    expect(left_out).to_contain_text("Не участвуют в подборе")
    # The demo leaves out two pupils whose parents have not signed the mentoring form.
    expect(left_out).to_contain_text(
        "согласие родителя (законного представителя) на участие в наставничестве"
    )
    screenshot("matching-left-out-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("matching-left-out-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    left_out.locator("a[href*='/consents/new/?kind=mentoring_duties']").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Согласие на участие")
    assert "kind=mentoring_duties" in page.url
    assert policy_violations == []


def test_pair_form_refusal_names_the_parents_consent_with_links(
    page, live_server, demo_school, policy_violations, screenshot
):
    from mentoring.selectors.matching import matching_input
    from mentoring.selectors.organisations import current_academic_year

    pupil = next(
        row.entry
        for row in matching_input(current_academic_year(demo_school)).left_out
        if not row.is_mentor
    )
    sign_in_as(page, live_server, "curator")
    visit(page, live_server, reverse("pair_create", args=[demo_school.pk]), policy_violations)
    page.locator("#id_mentor").select_option(index=1)
    page.get_by_label(pupil.person.full_name).check()
    page.locator("#id_form").select_option(label="учитель – ученик")
    page.locator("#id_mentoring_type").select_option(index=1)
    page.get_by_role("button", name="Создать").click()

    alert = page.locator("#missing-consents")
    expect(alert).to_contain_text(pupil.person.full_name)
    expect(alert).to_contain_text("согласие родителя (законного представителя)")
    link = reverse("consent_create", args=[pupil.person.pk]) + "?kind=mentoring_duties"
    expect(alert.locator(f"a[href='{link}']")).to_have_count(1)
    expect(page.get_by_text("(наставляемый): нужно согласие родителя")).to_be_visible()
    screenshot("pair-form-missing-consents-1280")
