"""The error pages in the browser, on a laptop and on a phone: the layout, the way back, no
sideways scrolling and nothing the Content-Security-Policy refuses."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = {"laptop": 1280, "phone": 390}


@pytest.fixture(autouse=True)
def failing_pages(settings):
    settings.ROOT_URLCONF = "tests.error_urls"


def _fits(page) -> None:
    """The page does not scroll sideways."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _check(page, screenshot, name: str, status: int, response, heading: str, back: str) -> None:
    assert response.status == status
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("link", name=back)).to_be_visible()
    _fits(page)
    screenshot(name)


@pytest.mark.parametrize("screen", WIDTHS)
def test_error_pages_of_an_anonymous_visitor(page, live_server, screenshot, screen):
    page.set_viewport_size({"width": WIDTHS[screen], "height": 800})
    pages = [
        ("404", "/no-such-page/", 404, "Страница не найдена", "Войти"),
        ("400", "/suspicious/", 400, "Запрос не удалось обработать", "Войти"),
        ("500", "/broken/", 500, "Ошибка на сервере", "На главную"),
    ]
    for name, path, status, heading, back in pages:
        response = page.goto(live_server.url + path)
        _check(
            page, screenshot, f"error-{name}-anonymous-{screen}", status, response, heading, back
        )

    page.goto(live_server.url + reverse("login"))
    page.context.clear_cookies()
    page.get_by_label("E-mail").fill("someone@school.test")
    page.get_by_label("Пароль").fill("wrong")
    with page.expect_response(lambda r: r.url.endswith(reverse("login"))) as answer:
        page.get_by_role("button", name="Войти").click()
    expect(
        page.get_by_text("Страница устарела, обновите её и отправьте форму снова.")
    ).to_be_visible()
    _check(
        page,
        screenshot,
        f"error-csrf-anonymous-{screen}",
        403,
        answer.value,
        "Форма не отправлена",
        "Вернуться к форме",
    )


@pytest.mark.parametrize("screen", WIDTHS)
def test_error_pages_of_a_signed_in_teacher(
    page, live_server, sign_in, screenshot, teacher, school, screen
):
    page.set_viewport_size({"width": WIDTHS[screen], "height": 800})
    sign_in(teacher.email)
    expect(page).to_have_url(f"{live_server.url}/")

    response = page.goto(live_server.url + "/no-such-page/")
    _check(
        page,
        screenshot,
        f"error-404-teacher-{screen}",
        404,
        response,
        "Страница не найдена",
        "На главную",
    )
    expect(page.get_by_role("navigation", name="Основная навигация")).to_be_attached()

    response = page.goto(live_server.url + reverse("organisation_edit", args=[school.pk]))
    _check(
        page, screenshot, f"error-403-teacher-{screen}", 403, response, "Нет доступа", "На главную"
    )
