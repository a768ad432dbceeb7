"""The project's URLs plus a page that fails, for the test of the 500 page."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from config.urls import handler400, handler403, handler404, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "urlpatterns"]


@login_not_required
def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [*urlpatterns, path("broken/", broken)]
