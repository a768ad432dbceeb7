"""The public pages of the demo every role's browser sweeps visit (tests/e2e/demo.py)."""

from django.urls import reverse

from mentoring.models import Organisation
from reports.models import NewsItem, Order, PublicPage


def pages(school: Organisation) -> dict[str, list[str]]:
    """Role → paths beyond the navbar: the managers' settings and news, the approved order
    with its toggle, and the school's open page (the same for everyone, signed in or not)."""
    org = school.pk
    page = PublicPage.objects.get(organisation=school)
    news = NewsItem.objects.filter(organisation=school).first()
    public_order = Order.objects.get(organisation=school, is_public=True)
    public = reverse("public_school", args=[page.slug])
    return {
        "curator": [
            reverse("public_page_settings", args=[org]),
            reverse("news_list", args=[org]),
            reverse("news_create", args=[org]),
            reverse("news_edit", args=[news.pk]),
            reverse("news_delete", args=[news.pk]),
            reverse("order_detail", args=[public_order.pk]),
            public,
        ],
        "director": [reverse("public_page_settings", args=[org]), public],
        "teacher": [public],
    }
