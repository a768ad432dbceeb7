import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The role's fixture, the name the navbar shows for it, and the dashboard's heading.
ROLES = [
    ("coordinator", "Муниципальный координатор", "Школы муниципалитета"),
    ("director", "Директор", "Рабочий стол"),
    ("curator", "Куратор", "Рабочий стол"),
    ("teacher", "Педагог", "Моё наставничество"),
    ("psychologist", "Педагог-психолог", "Рабочий стол педагога-психолога"),
]


@pytest.mark.parametrize(("role", "role_name", "heading"), ROLES, ids=[r[0] for r in ROLES])
def test_each_role_signs_in_and_reaches_its_dashboard(
    request, page, live_server, sign_in, screenshot, role, role_name, heading
):
    user = request.getfixturevalue(role)

    sign_in(user.email)

    expect(page).to_have_url(f"{live_server.url}/")
    dashboard = page.get_by_test_id("dashboard")
    expect(dashboard).to_be_visible()
    expect(dashboard.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("navigation", name="Основная навигация")).to_contain_text(role_name)
    screenshot(f"dashboard-{role}")
