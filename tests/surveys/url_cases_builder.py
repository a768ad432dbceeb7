from tests.test_url_permissions import Case, expect  # noqa: F401

CASES: list = []
