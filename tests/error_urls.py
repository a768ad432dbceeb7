"""The project's URLs plus a page that fails and one that finds the request suspicious, for the
tests of the 500 and 400 pages."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.urls import path

from config.urls import handler400, handler403, handler404, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "urlpatterns"]


@login_not_required
def broken(request):
    raise RuntimeError("a bug in a view")


@login_not_required
def suspicious(request):
    raise SuspiciousOperation("a tampered request")


urlpatterns = [*urlpatterns, path("broken/", broken), path("suspicious/", suspicious)]
