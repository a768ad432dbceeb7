"""The school's public mentoring page at /s/<slug>/, open without signing in, and the managers'
pages that set it up: its address and text, its news, the orders it offers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page, require_GET, require_POST, require_safe

from core.redirects import safe_target
from mentoring.permissions import get_organisation_for_user

from ..forms.public_page import NewsItemForm, PublicPageForm
from ..models import NewsItem, PublicPage
from ..permissions import Action, get_news_for_user, get_order_for_user
from ..selectors.public_page import (
    cases_with_participants,
    public_content,
    public_order,
    public_orders,
    published_cases,
    published_news,
    published_page,
)
from ..services import public_page as services
from .order import order_pdf_response

NEWS_PER_PAGE = 5
MANAGE_NEWS_PER_PAGE = 20
# Revalidated on every request (a withdrawn consent must hide a name at once); an unchanged
# page costs the browser a 304 through its ETag.
public_cache = cache_control(public=True, no_cache=True)


def public_page(func):
    """A page anyone may open: no sign-in, cached only with revalidation."""
    return login_not_required(require_safe(conditional_page(public_cache(func))))


def _page_or_404(slug: str) -> PublicPage:
    page = published_page(slug)
    if page is None:
        raise Http404
    return page


@public_page
def public_school(request, slug: str):
    page = _page_or_404(slug)
    today = timezone.localdate()
    news = Paginator(published_news(page.organisation, today), NEWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "organisation": page.organisation, "news": news, "today": today}
    return render(request, "reports/public/school.html", context | public_content(page, today))


@public_page
def public_case(request, slug: str, pk: int):
    page = _page_or_404(slug)
    case = get_object_or_404(published_cases(page.organisation), pk=pk)
    cases_with_participants([case], timezone.localdate())
    return render(
        request,
        "reports/public/case.html",
        {"page": page, "organisation": page.organisation, "case": case},
    )


@public_page
def public_order_pdf(request, slug: str, pk: int):
    page = _page_or_404(slug)
    order = public_order(page.organisation, pk, timezone.localdate())
    if order is None:
        raise Http404
    return order_pdf_response(order)


# The managers' side.


def public_page_settings(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PUBLIC_PAGE_MANAGE)
    page = PublicPage.objects.filter(organisation=organisation).first()
    initial = (
        {}
        if page
        else {
            "slug": services.slug_suggest(organisation),
            "description": services.description_suggest(organisation),
        }
    )
    if page and not page.description:
        initial["description"] = services.description_suggest(organisation)
    form = PublicPageForm(request.POST or None, instance=page, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            page = services.public_page_save(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Настройки публичной страницы сохранены."))
            return redirect("public_page_settings", org=organisation.pk)
    public_url = (
        request.build_absolute_uri(reverse("public_school", args=[page.slug]))
        if page and page.pk
        else ""
    )
    return render(
        request,
        "reports/public_page/settings.html",
        {
            "organisation": organisation,
            "page": page,
            "form": form,
            "public_url": public_url,
            "orders": public_orders(organisation, timezone.localdate()),
        },
    )


@require_GET
def news_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PUBLIC_PAGE_MANAGE)
    items = NewsItem.objects.filter(organisation=organisation).order_by("-published_on", "-pk")
    return render(
        request,
        "reports/public_page/news_list.html",
        {
            "organisation": organisation,
            "news": Paginator(items, MANAGE_NEWS_PER_PAGE).get_page(request.GET.get("page")),
            "today": timezone.localdate(),
        },
    )


def _news_form(request, organisation, item: NewsItem | None):
    initial = {} if item else {"published_on": timezone.localdate(), "is_published": True}
    form = NewsItemForm(request.POST or None, instance=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {
            name: form.cleaned_data[name]
            for name in ("title", "body", "published_on", "is_published")
        }
        try:
            if item is None:
                services.news_create(organisation=organisation, actor=request.user, **fields)
            else:
                services.news_update(item=item, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Новость сохранена."))
            return redirect("news_list", org=organisation.pk)
    return render(
        request,
        "reports/public_page/news_form.html",
        {"organisation": organisation, "item": item, "form": form},
    )


def news_create(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.PUBLIC_PAGE_MANAGE)
    return _news_form(request, organisation, None)


def news_edit(request, pk: int):
    item = get_news_for_user(request.user, pk)
    return _news_form(request, item.organisation, item)


def news_delete(request, pk: int):
    item = get_news_for_user(request.user, pk)
    if request.method == "POST":
        services.news_delete(item=item)
        messages.success(request, _("Новость удалена."))
        return redirect("news_list", org=item.organisation_id)
    return render(
        request,
        "reports/public_page/news_delete.html",
        {"organisation": item.organisation, "item": item},
    )


@require_POST
def order_publicity(request, pk: int):
    order = get_order_for_user(request.user, pk, Action.PUBLIC_PAGE_MANAGE)
    is_public = request.POST.get("is_public") == "1"
    try:
        services.order_publicity_set(order=order, is_public=is_public)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Приказ показан на публичной странице.")
            if is_public
            else _("Приказ убран с публичной страницы."),
        )
    return redirect(
        safe_target(request, request.POST.get("next")) or reverse("order_detail", args=[order.pk])
    )
