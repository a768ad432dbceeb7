"""Where a request may send the user back to: only this site's own pages."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_target(request, target: str | None) -> str:
    """`target` if it is a path on this site, else an empty string. A bare word is refused too:
    `redirect()` would take it for a view's name and fail."""
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return ""
