"""The pages a request ends on when it goes wrong: 400, 403, 404 and a refused CSRF check.

Each explains in plain words what happened and what to do, inside the site's layout (a signed-in
user keeps the menu). The 500 page is Django's own `server_error` with the standalone
templates/500.html, which needs neither the database nor a request.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .redirects import safe_target


@dataclass(frozen=True)
class ErrorPage:
    status: int
    title: Promise
    explanation: Promise
    advice: Promise


BAD_REQUEST = ErrorPage(
    400,
    _("Запрос не удалось обработать"),
    _("Сервер получил запрос, который не может разобрать: ссылка повреждена или неполна."),
    _("Вернитесь на предыдущую страницу и повторите действие или откройте ссылку заново."),
)
FORBIDDEN = ErrorPage(
    403,
    _("Нет доступа"),
    _(
        "Эта страница есть, но ваша роль в школе не позволяет её открыть или выполнить это действие."
    ),
    _(
        "Если доступ вам нужен для работы, обратитесь к куратору наставничества или директору "
        "школы."
    ),
)
NOT_FOUND = ErrorPage(
    404,
    _("Страница не найдена"),
    _(
        "Такой страницы нет: адрес набран с ошибкой, запись удалена или относится к организации, "
        "в которой у вас нет роли."
    ),
    _(
        "Проверьте адрес; ссылку из письма откройте целиком, не обрезая. Нужную страницу можно "
        "найти и через меню."
    ),
)
CSRF_FAILED = ErrorPage(
    403,
    _("Форма не отправлена"),
    _(
        "Сервер не принял форму: страница, с которой её отправили, устарела. Так бывает, если "
        "она была открыта слишком долго, если вы вышли из системы или вошли заново в другой "
        "вкладке."
    ),
    _("Страница устарела, обновите её и отправьте форму снова."),
)


def error_page(request, page: ErrorPage, back_url: str = ""):
    context = {"error": page, "back_url": back_url}
    return render(request, "errors/page.html", context, status=page.status)


def bad_request(request, exception=None):
    return error_page(request, BAD_REQUEST)


def permission_denied(request, exception=None):
    return error_page(request, FORBIDDEN)


def page_not_found(request, exception=None):
    return error_page(request, NOT_FOUND)


def _same_site_referer(request) -> str:
    """The page the form was sent from, when it is one of ours."""
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.netloc != request.get_host():
        return ""
    path = referer.path + (f"?{referer.query}" if referer.query else "")
    return safe_target(request, path)


def csrf_failure(request, reason: str = ""):
    return error_page(request, CSRF_FAILED, back_url=_same_site_referer(request))
