"""Error pages as a visitor meets them in production (DEBUG off): the right status, Russian
words that say what happened and what to do, and a way back."""

import pytest
from django.test import Client
from django.urls import reverse

NAVBAR = 'aria-label="Основная навигация"'


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def _page(response) -> str:
    return response.content.decode()


def test_unknown_address_for_a_signed_in_user_is_404_inside_the_layout(client, teacher):
    client.force_login(teacher)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = _page(response)
    assert "Страница не найдена" in page
    assert "Проверьте адрес" in page
    assert NAVBAR in page
    assert f'href="{reverse("home")}">На главную' in page


@pytest.mark.django_db
def test_unknown_address_for_an_anonymous_visitor_offers_the_sign_in(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = _page(response)
    assert "Страница не найдена" in page
    assert NAVBAR not in page
    assert f'href="{reverse("login")}">Войти' in page


def test_another_schools_object_is_404_with_the_russian_page(client, outsider, school):
    client.force_login(outsider)

    response = client.get(reverse("organisation_detail", args=[school.pk]))

    assert response.status_code == 404
    assert "Страница не найдена" in _page(response)


def test_forbidden_action_is_403_with_whom_to_ask(client, teacher, school):
    client.force_login(teacher)

    response = client.get(reverse("organisation_edit", args=[school.pk]))

    assert response.status_code == 403
    page = _page(response)
    assert "Нет доступа" in page
    assert "обратитесь к куратору наставничества" in page
    assert NAVBAR in page
    assert f'href="{reverse("home")}">На главную' in page


@pytest.mark.django_db
def test_bad_request_is_400_in_russian(client):
    # A host the site does not serve is a suspicious request: Django answers 400.
    response = client.get(reverse("login"), HTTP_HOST="attacker.example")

    assert response.status_code == 400
    page = _page(response)
    assert "Запрос не удалось обработать" in page
    assert f'href="{reverse("login")}">Войти' in page


@pytest.mark.django_db
def test_stale_form_is_refused_with_the_advice_to_reload():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "a@b.test", "password": "x"})

    assert response.status_code == 403
    page = _page(response)
    assert "Страница устарела, обновите её и отправьте форму снова." in page
    assert f'href="{reverse("login")}">Войти' in page


def test_stale_form_of_a_signed_in_user_keeps_the_menu_and_leads_back_to_the_form(teacher):
    client = Client(enforce_csrf_checks=True)
    client.force_login(teacher)
    form = reverse("profile") + "?tab=1"

    response = client.post(reverse("notifications_read"), HTTP_REFERER=f"http://testserver{form}")

    assert response.status_code == 403
    page = _page(response)
    assert "Форма не отправлена" in page
    assert NAVBAR in page
    assert f'href="{form}">Вернуться к форме' in page


@pytest.mark.django_db
def test_stale_form_from_another_site_has_no_way_back_to_it():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), HTTP_REFERER="https://attacker.example/form/")

    assert response.status_code == 403
    assert "Вернуться к форме" not in _page(response)
    assert "attacker.example" not in _page(response)


def test_server_error_page_needs_no_database(settings, django_db_blocker):
    """No `db` fixture, and the database is blocked: any query would fail the test."""
    settings.ROOT_URLCONF = "tests.error_urls"
    client = Client(raise_request_exception=False)

    with django_db_blocker.block():
        response = client.get("/broken/")

    assert response.status_code == 500
    # The view's own error, not a refused query on the way to it.
    assert str(response.exc_info[1]) == "a bug in a view"
    page = _page(response)
    assert "Ошибка на сервере" in page
    assert "Обновите страницу через несколько минут" in page
    assert f'href="{reverse("home")}">На главную' in page
    assert "/static/img/favicon.svg" in page


@pytest.mark.django_db
def test_error_pages_carry_no_inline_script_or_style(client):
    response = client.get("/no-such-page/")

    assert "Content-Security-Policy" in response.headers
    assert "<script>" not in _page(response)
    assert " style=" not in _page(response)
