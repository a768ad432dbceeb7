"""axe-core over the main pages of every role, on the demo data of `manage.py seed_demo`: no page
may have a serious or critical finding (colour contrast, unlabelled controls, missing landmarks…).

axe-core is a test tool vendored under tests/e2e/vendor/axe-core, never served to users. It is
added to every page as an init script: the browser runs those outside the page's
Content-Security-Policy, which would refuse an injected <script> tag."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mentoring.models import Role
from mentoring.services.invitations import invitation_create
from tests.e2e.demo import menu_paths, role_pages, sign_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
ANONYMOUS_PAGES = [
    ("login", []),
    ("password_reset", []),
    ("password_reset_done", []),
    ("password_reset_confirm", ["MQ", "set-password"]),
    ("password_reset_complete", []),
]


@pytest.fixture
def axe_page(context, page):
    context.add_init_script(path=AXE)
    return page


def findings(page, live_server, path: str, status: int = 200) -> list[str]:
    """The serious and critical axe-core violations of one page, a line each: the page, the rule
    and the first elements it found."""
    response = page.goto(live_server.url + path)
    assert response.status == status, f"{path}: {response.status}"
    return blocking_violations(page, path)


def menu_findings(page, path: str) -> list[str]:
    """The findings in the navbar with each of its menus open in turn (axe skips hidden ones)."""
    found = []
    toggles = page.get_by_role("navigation", name="Основная навигация").locator(
        "[data-bs-toggle=dropdown]"
    )
    for index in range(toggles.count()):
        toggles.nth(index).click()
        expect(toggles.nth(index)).to_have_attribute("aria-expanded", "true")
        found += blocking_violations(page, f"{path} (menu {index + 1})", "nav")
        page.keyboard.press("Escape")
    return found


def blocking_violations(page, path: str, within: str = "html") -> list[str]:
    violations = page.evaluate(
        """async (within) => {
            const result = await axe.run(within, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(" ")),
            }));
        }""",
        within,
    )
    return [
        f"{path} [{v['impact']}] {v['id']} ×{len(v['targets'])}: " + ", ".join(v["targets"][:3])
        for v in violations
        if v["impact"] in BLOCKING
    ]


def test_the_check_catches_low_contrast_and_an_unlabelled_field(axe_page, live_server):
    path = reverse("login")
    axe_page.goto(live_server.url + path)
    # Through the DOM's style property, which the Content-Security-Policy allows.
    axe_page.evaluate(
        """() => {
            const note = document.createElement("p"), field = document.createElement("input");
            note.textContent = "Светло-серый текст";
            note.style.color = "#aaaaaa";
            document.querySelector("main").append(note, field);
        }"""
    )

    found = blocking_violations(axe_page, path)

    assert sorted(line.split(" ×")[0] for line in found) == [
        f"{path} [critical] label",
        f"{path} [serious] color-contrast",
    ], found


def test_sign_in_password_and_invitation_pages_have_no_serious_findings(
    axe_page, live_server, school, curator
):
    _invitation, token = invitation_create(
        organisation=school, email="new.teacher@school.test", role=Role.TEACHER, invited_by=curator
    )
    paths = [reverse(name, args=args) for name, args in ANONYMOUS_PAGES]
    paths.append(reverse("invitation_accept", args=[token]))

    found = [line for path in paths for line in findings(axe_page, live_server, path)]

    assert not found, "\n".join(found)


@pytest.mark.parametrize("role", ["curator", "director", "psychologist", "teacher", "coordinator"])
def test_main_pages_of_a_role_have_no_serious_findings(axe_page, live_server, demo_school, role):
    sign_in_as(axe_page, live_server, role)
    paths = dict.fromkeys(["/", *menu_paths(axe_page), *role_pages(demo_school)[role]])

    found = [line for path in paths for line in findings(axe_page, live_server, path)]
    axe_page.goto(live_server.url + "/")
    found += menu_findings(axe_page, "/")

    assert len(paths) >= 3, role
    assert not found, f"{role}: {len(paths)} pages\n" + "\n".join(found)


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_the_content(
    page, live_server, sign_in, curator
):
    sign_in(curator.email)
    page.goto(live_server.url + reverse("home"))

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Перейти к содержанию")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")

    expect(page.locator("main#content")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is inside the content, and it shows a clear focus ring.
    focused = page.evaluate(
        """() => {
            const element = document.activeElement, style = getComputedStyle(element);
            return [element.closest("main") !== null, style.outlineStyle, style.outlineWidth];
        }"""
    )
    assert focused == [True, "solid", "3px"], focused


def test_error_pages_have_no_serious_findings(
    axe_page, live_server, settings, sign_in, teacher, school
):
    settings.ROOT_URLCONF = "tests.error_urls"
    pages = [("/no-such-page/", 404), ("/suspicious/", 400), ("/broken/", 500)]
    found = [
        line for path, status in pages for line in findings(axe_page, live_server, path, status)
    ]

    sign_in(teacher.email)
    found += findings(axe_page, live_server, "/no-such-page/", 404)
    found += findings(axe_page, live_server, reverse("organisation_edit", args=[school.pk]), 403)

    assert not found, "\n".join(found)


def test_a_form_with_errors_has_no_serious_findings(
    axe_page, live_server, sign_in, curator, school
):
    sign_in(curator.email)
    path = reverse("person_create", args=[school.pk])
    axe_page.goto(live_server.url + path)

    axe_page.get_by_role("button", name="Сохранить").click()

    expect(axe_page.locator(".invalid-feedback").first).to_be_visible()
    found = blocking_violations(axe_page, path)
    assert not found, "\n".join(found)
