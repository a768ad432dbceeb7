"""The site's icon: an SVG the pages link to, and /favicon.ico that browsers ask for."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse


@pytest.mark.django_db
def test_favicon_ico_redirects_to_the_svg_for_anyone(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response.url == "/static/img/favicon.svg"


def test_the_svg_exists_and_is_an_svg():
    path = finders.find("img/favicon.svg")

    assert path is not None
    with open(path, encoding="utf-8") as svg:
        assert svg.read().startswith("<svg")


@pytest.mark.django_db
def test_pages_link_the_icon(client):
    page = client.get(reverse("login")).content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
