import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_interface_is_russian_whatever_the_browser_asks(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "ru"
    assert '<html lang="ru">' in response.content.decode()


def test_switcher_sets_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert client.get(reverse("login")).headers["Content-Language"] == "en"
