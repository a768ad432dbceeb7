from tests.test_url_permissions import MANAGERS, MANAGERS_POST, Case, expect  # noqa: F401

CASES: list = [
    Case("questionnaire_library", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "library_install",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk, "key": "feedback"},
        method="post",
    ),
]
