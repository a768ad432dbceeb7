"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
from pathlib import Path

import pytest

from tests.e2e.demo import seed_demo_school

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls the tests
# make there (factories, assertions) are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ARTIFACTS = Path(__file__).parent / "artifacts"
PASSWORD = "correct-horse-battery"
# Chromium reports what the Content-Security-Policy blocked as console errors such as
# "Refused to execute inline script because it violates the following Content Security Policy
# directive: …".
POLICY_VIOLATION = ("Content Security Policy", "Refused to")


@pytest.fixture(scope="session")
def browser_type_launch_args(chromium_path):
    return {
        "executable_path": str(chromium_path),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-quic",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--lang=ru-RU",
        ],
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Russian is the interface's first language; Chromium would otherwise ask for English.
    return {**browser_context_args, "locale": "ru-RU", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(autouse=True)
def policy_violations(context):
    """Fails the test when a page of it broke the Content-Security-Policy or threw an error.

    A test may read the list to check that none was reported so far."""
    found: list[str] = []

    def console(message) -> None:
        if any(marker in message.text for marker in POLICY_VIOLATION):
            found.append(f"{message.page.url if message.page else '?'}: {message.text}")

    def error(web_error) -> None:
        found.append(f"{web_error.page.url if web_error.page else '?'}: {web_error.error}")

    context.on("console", console)
    context.on("weberror", error)
    yield found
    # Let the browser deliver what the last page reported before the context closes.
    for page in context.pages:
        if not page.is_closed():
            page.wait_for_timeout(100)
    assert not found, "\n".join(found)


@pytest.fixture
def screenshot(page):
    """Saves the page as tests/e2e/artifacts/<name>.png for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(name: str) -> None:
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)

    return save


@pytest.fixture
def sign_in(page, live_server):
    """Signs in through the login page as a user whose password is the factories' one."""

    def go(email: str) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Пароль").fill(PASSWORD)
        page.get_by_role("button", name="Войти").click()

    return go


@pytest.fixture
def demo_school():
    """The demo school of `manage.py seed_demo` (the test must be transactional)."""
    return seed_demo_school()
