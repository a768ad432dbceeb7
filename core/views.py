from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.views.decorators.http import require_safe

FAVICON = "img/favicon.svg"


@login_not_required
@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to; ours is an SVG. The redirect
    is permanent, so it names the file without the content hash production adds to its name
    (the file is kept under both names)."""
    return redirect(f"{settings.STATIC_URL}{FAVICON}", permanent=True)
