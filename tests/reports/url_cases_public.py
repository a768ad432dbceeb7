"""The public pages in the URL × role matrix (tests/test_url_permissions.py): the school's page
is open to anyone once published, its settings and news to the school's managers."""

from datetime import timedelta

from django.utils import timezone

from mentoring.models import Consent
from reports.models import NewsItem, Order, PracticeCase, PublicPage
from tests.test_url_permissions import MANAGERS, MANAGERS_POST, Case, _order_naming_teacher, expect

OPEN = expect(anonymous=200, default=200)
NOT_FOUND = expect(anonymous=404, default=404)
NEWS = {
    "title": "Итоги четверти",
    "published_on": "01.12.2026",
    "body": "Текст.",
    "is_published": "on",
}
SETTINGS = {"slug": "school-public", "description": "О программе", "is_published": "on"}


def _page(o, *, published=True) -> PublicPage:
    return PublicPage.objects.create(
        organisation=o["school"], slug="shkola", description="О программе", is_published=published
    )


def _news(o) -> NewsItem:
    return NewsItem.objects.create(
        organisation=o["school"], title="Новость", body="Текст", published_on=timezone.localdate()
    )


def _case(o) -> dict:
    page = _page(o)
    case = PracticeCase.objects.create(
        organisation=o["school"],
        pair=o["pair"],
        title="Наставник и молодой учитель",
        description="Как мы работали",
        status=PracticeCase.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    return {"slug": page.slug, "pk": case.pk}


def _public_order(o) -> dict:
    """A public approved order with its PDF; the teacher it names agreed to be named."""
    page = _page(o)
    order = _order_naming_teacher(o, with_pdf=True)
    Order.objects.filter(pk=order.pk).update(is_public=True)
    Consent.objects.create(
        person=o["teacher_person"],
        kind=Consent.Kind.DISSEMINATION,
        given_on=timezone.localdate() - timedelta(days=10),
        published_categories=[Consent.Category.NAME],
    )
    return {"slug": page.slug, "pk": order.pk}


CASES = [
    Case("public_page_settings", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "public_page_settings",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: SETTINGS,
    ),
    Case("news_list", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("news_create", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "news_create",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: NEWS,
    ),
    Case("news_edit", MANAGERS, kwargs=lambda o: {"pk": _news(o).pk}),
    Case(
        "news_edit",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _news(o).pk},
        method="post",
        data=lambda o: NEWS,
    ),
    Case("news_delete", MANAGERS, kwargs=lambda o: {"pk": _news(o).pk}),
    Case("news_delete", MANAGERS_POST, kwargs=lambda o: {"pk": _news(o).pk}, method="post"),
    Case(
        "order_publicity",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _order_naming_teacher(o).pk},
        method="post",
        data=lambda o: {"is_public": "1"},
    ),
    Case("public_school", OPEN, kwargs=lambda o: {"slug": _page(o).slug}),
    Case("public_school", OPEN, kwargs=lambda o: {"slug": _page(o).slug}, query="?page=2"),
    Case("public_school", NOT_FOUND, kwargs=lambda o: {"slug": _page(o, published=False).slug}),
    Case("public_case", OPEN, kwargs=_case),
    Case("public_order_pdf", OPEN, kwargs=_public_order),
]
