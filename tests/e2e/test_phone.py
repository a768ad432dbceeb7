"""A phone is a first-class screen: at 390 px wide no page of any role scrolls sideways, the
navbar folds into its toggler and opens, and the buttons in a list are big enough for a finger."""

import re
from datetime import datetime

import pytest
from django.urls import reverse
from openpyxl import Workbook
from playwright.sync_api import expect

from mentoring.management.commands.seed_demo import DOMAIN
from mentoring.models import MentoringPair, Organisation, Role, User
from mentoring.services.invitations import invitation_create
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.demo import menu_paths, role_pages, sign_in_as, visit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Apple's and Google's guidelines agree on about 44 CSS pixels for something a finger presses.
TOUCH_TARGET = 44

# What sticks out to the right of the viewport: the deepest elements wider than the page, so the
# failure names the table or input to fix rather than every ancestor of it.
OFFENDERS = """() => {
  const limit = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > limit + 1;
  });
  return wide
    .filter(el => !wide.some(other => other !== el && el.contains(other)))
    .slice(0, 5)
    .map(el => {
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.classList.length ? '.' + [...el.classList].join('.') : '');
      return `${name} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`;
    });
}"""
# A list that only fits by scrolling its own frame sideways is no better than a wide page; only
# what is marked .scroll-frame may do that: the roadmap's chart, an order's tables as on paper.
SCROLLING_LISTS = """() => [...document.querySelectorAll('main *')]
  .filter(el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
  .filter(el => el.scrollWidth > el.clientWidth + 1 && !el.closest('.scroll-frame'))
  .map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.')
    + ` (${el.scrollWidth} px in ${el.clientWidth} px)`)"""


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def test_no_page_of_any_role_scrolls_sideways_on_a_phone(
    page, live_server, demo_school, policy_violations, screenshot
):
    pages = role_pages(demo_school)
    offenders: list[str] = []
    # The demo has no invitation; one makes the invitations list a list.
    curator = User.objects.get(email=f"curator@{DOMAIN}")
    invitation_create(
        organisation=demo_school, email="new@school.test", role=Role.TEACHER, invited_by=curator
    )

    for role, extra in pages.items():
        sign_in_as(page, live_server, role)
        for path in dict.fromkeys(["/", *menu_paths(page), *extra]):
            visit(page, live_server, path, policy_violations)
            if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                offenders.append(f"{role} {path}: " + ", ".join(page.evaluate(OFFENDERS)))
            if frames := page.evaluate(SCROLLING_LISTS):
                offenders.append(f"{role} {path}: " + ", ".join(frames))
            # A label that came out empty is a variable the template could not see.
            if page.locator(".table-stack td[data-label='']").count():
                offenders.append(f"{role} {path}: a cell with an empty data-label")
            screenshot(f"phone-{role}-{slug(path)}")

    assert offenders == [], "Pages wider than the phone:\n" + "\n".join(offenders)


def test_navbar_folds_into_its_toggler_and_opens(page, live_server, demo_school, screenshot):
    sign_in_as(page, live_server, "curator")
    nav = page.get_by_role("navigation", name="Основная навигация")
    toggler = nav.get_by_role("button", name="Меню")
    group = nav.get_by_role("button", name="Участники")
    expect(toggler).to_be_visible()
    expect(group).to_be_hidden()

    toggler.click()

    expect(toggler).to_have_attribute("aria-expanded", "true")
    # Bootstrap marks the menu .show once it has unfolded.
    expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
    # The user's own menu closes the navbar's last group.
    nav.get_by_role("button").last.click()
    expect(nav.get_by_role("link", name="Профиль")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    group.click()
    expect(group).to_have_attribute("aria-expanded", "true")
    screenshot("phone-curator-navbar-open")
    nav.get_by_role("link", name="Список участников").click()
    expect(page).to_have_url(re.compile(r"/people/$"))


def test_buttons_and_links_in_lists_and_the_navbar_are_big_enough_to_tap(
    page, live_server, demo_school
):
    school = demo_school
    active = MentoringPair.objects.get(organisation=school, status=MentoringPair.Status.ACTIVE)
    sign_in_as(page, live_server, "curator")
    small: list[str] = []

    for path in (
        reverse("people_list", args=[school.pk]),
        reverse("preference_list", args=[school.pk]),
        reverse("matching", args=[school.pk]),
        reverse("roadmap_detail", args=[school.pk]),
        reverse("meeting_list", args=[active.pk]),
        reverse("programme_edit", args=[active.pk]),
    ):
        page.goto(live_server.url + path)
        targets = page.locator(
            "main table a.btn:visible, main table button:visible, main .page-link:visible"
        )
        assert targets.count() > 0, path
        for height, text in targets.evaluate_all(
            "els => els.map(el => [el.getBoundingClientRect().height, el.textContent.trim()])"
        ):
            if height < TOUCH_TARGET:
                small.append(f"{path}: «{text}» {height:.0f} px")

    nav = page.get_by_role("navigation", name="Основная навигация")
    nav.get_by_role("button", name="Меню").click()
    expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
    nav.get_by_role("button", name="Участники").click()
    for height, text in nav.locator(".nav-link:visible, .dropdown-item:visible").evaluate_all(
        "els => els.map(el => [el.getBoundingClientRect().height, el.textContent.trim()])"
    ):
        if height < TOUCH_TARGET:
            small.append(f"navbar: «{text}» {height:.0f} px")

    assert small == [], "Too small to tap:\n" + "\n".join(small)


def test_a_desktop_keeps_the_tables(browser, live_server, demo_school, browser_context_args):
    """The cards are for small screens only: at 1280 px the same lists are tables with headers."""
    context = browser.new_context(
        **{**browser_context_args, "viewport": DESKTOP, "is_mobile": False, "has_touch": False}
    )
    page = context.new_page()
    school = demo_school
    active = MentoringPair.objects.get(organisation=school, status=MentoringPair.Status.ACTIVE)
    sign_in_as(page, live_server, "curator")

    for path in (
        reverse("pair_list", args=[school.pk]),
        reverse("roadmap_detail", args=[school.pk]),
        reverse("matching", args=[school.pk]),
        reverse("meeting_list", args=[active.pk]),
        reverse("order_list", args=[school.pk]),
    ):
        page.goto(live_server.url + path)
        table = page.locator("table.table-stack").first
        assert table.evaluate("t => getComputedStyle(t).display") == "table", path
        expect(table.locator("thead")).to_be_visible()
        page.screenshot(path=ARTIFACTS / f"desktop-curator-{slug(path)}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("width", [1024, 1200, 1280, 1440])
def test_a_laptop_fits_the_menu_of_a_school_with_a_long_name(
    browser, live_server, demo_school, browser_context_args, width
):
    """The menu folds below 1200 px; above, the school's and the user's names give way only when
    the links need the room: a short name shows whole, a long one is cut with «…», and the page
    never scrolls sideways."""
    context = browser.new_context(
        **{**browser_context_args, "viewport": {"width": width, "height": 900}, "is_mobile": False}
    )
    page = context.new_page()
    sign_in_as(page, live_server, "curator")
    if width >= 1280:
        # «МАОУ СОШ № 7» and «Кравченко» have room on a 1280 px laptop.
        assert page.locator(".nav-name").evaluate_all(
            "names => names.map(n => n.scrollWidth <= n.clientWidth)"
        ) == [True, True]

    school_name = "МАОУ «Средняя общеобразовательная школа № 4541 с углублённым изучением»"
    Organisation.objects.filter(pk=demo_school.pk).update(short_name=school_name)
    User.objects.filter(email=f"curator@{DOMAIN}").update(
        full_name="Константинопольская-Преображенская Ангелина Владиславовна"
    )
    page.reload()
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.evaluate(OFFENDERS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    expect(page.get_by_title(school_name)).to_be_attached()
    page.screenshot(path=ARTIFACTS / f"laptop-{width}-long-names.png")
    context.close()


def test_an_import_preview_reads_as_cards_on_a_phone(
    page, live_server, demo_school, tmp_path, screenshot
):
    workbook = Workbook()
    for row in (
        ["ФИО", "Дата рождения", "Должность"],
        ["Соколова Ирина Павловна", datetime(1984, 3, 2), "Учитель математики"],
        ["Морозов Пётр Ильич", "31.02.1980", "Учитель истории"],
    ):
        workbook.active.append(row)
    workbook.save(path := tmp_path / "staff.xlsx")
    sign_in_as(page, live_server, "curator")
    page.goto(live_server.url + reverse("people_import", args=[demo_school.pk]))

    page.get_by_label("Файл Excel (.xlsx)").set_input_files(path)
    page.get_by_role("button", name="Проверить файл").click()

    expect(page.locator(".stat-card", has_text="С ошибками")).to_contain_text("1")
    error = page.locator("td[data-label='Действие']", has_text="Ошибка")
    expect(error).to_be_visible()
    assert error.evaluate("td => getComputedStyle(td, '::before').content") == '"Действие: "'
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate(SCROLLING_LISTS) == []
    screenshot("phone-curator-people-import-preview")
