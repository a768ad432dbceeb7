from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from core.views import favicon

urlpatterns = [
    path("", include("mentoring.urls")),
    path("", include("reports.urls")),
    path("", include("roadmap.urls")),
    path("", include("surveys.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon, name="favicon"),
]

# Error pages in Russian inside the layout; 500 is Django's own view with templates/500.html,
# which needs no database.
handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
