"""Every page's <title> says where the reader is: the page's own name before « · Наставник», and
two different pages of a role never share one. Checked over the pages of every role on the demo
school (the navbar's and those of `role_pages`) and over the sign-in, password and invitation
pages."""

import re
from html import unescape

import pytest
from django.urls import resolve, reverse

from mentoring.management.commands.seed_demo import DOMAIN
from mentoring.models import Role, User
from mentoring.services.invitations import invitation_create
from tests.e2e.demo import role_pages, seed_demo_school

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
NAVBAR = re.compile(r'<nav [^>]*aria-label="Основная навигация".*?</nav>', re.S)
HREF = re.compile(r'href="(/[^"#]*)"')
SUFFIX = " · Наставник"
ROLES = ["curator", "director", "psychologist", "teacher", "coordinator"]


def page_title(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    title = " ".join(unescape(TITLE.search(response.content.decode()).group(1)).split())
    assert title.endswith(SUFFIX) and title.removesuffix(SUFFIX).strip(" ·"), f"{path}: {title!r}"
    return title


def page_kind(path: str) -> tuple[str, bool]:
    """The URL's name, and whether it is a page's edit mode (the programme's «?edit=1»)."""
    return resolve(path.split("?")[0]).url_name, "edit=1" in path


def assert_told_apart(titles: dict[str, str]) -> None:
    kinds: dict[str, set] = {}
    for path, title in titles.items():
        kinds.setdefault(title, set()).add(page_kind(path))
    shared = {title: kinds for title, kinds in kinds.items() if len(kinds) > 1}
    assert not shared, shared


@pytest.mark.django_db
def test_sign_in_password_and_invitation_pages_have_their_own_titles(client, school, curator):
    _invitation, token = invitation_create(
        organisation=school, email="new.teacher@school.test", role=Role.TEACHER, invited_by=curator
    )
    paths = [
        reverse("login"),
        reverse("password_reset"),
        reverse("password_reset_done"),
        reverse("password_reset_confirm", args=["MQ", "set-password"]),
        reverse("password_reset_complete"),
        reverse("invitation_accept", args=[token]),
    ]

    assert_told_apart({path: page_title(client, path) for path in paths})


@pytest.mark.django_db
def test_every_page_of_every_role_says_where_it_is(client):
    school = seed_demo_school()
    pages = role_pages(school)

    for role in ROLES:
        client.force_login(User.objects.get(email=f"{role}@{DOMAIN}"))
        navbar = NAVBAR.search(client.get("/").content.decode()).group(0)
        # The home page shows the page of the role's organisation, and may be titled like it.
        paths = dict.fromkeys([*HREF.findall(navbar), *pages[role]])
        paths.pop("/", None)

        assert len(paths) >= 5, role
        page_title(client, "/")
        assert_told_apart({path: page_title(client, path) for path in paths})
