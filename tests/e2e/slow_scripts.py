"""A page's script held back, as on a slow connection where the user acts before it arrives."""

from collections.abc import Callable


def hold_script(page, name: str) -> Callable[[], None]:
    """Holds back static/js/<name> on the pages loaded next; the function returned delivers it."""
    pattern = f"**/js/{name}"
    urls = []

    def hold(route):
        urls.append(route.request.url)
        route.abort()

    def arrive():
        assert urls, f"the page did not ask for {name}"
        page.unroute(pattern)
        page.add_script_tag(url=urls[-1])

    page.route(pattern, hold)
    return arrive
