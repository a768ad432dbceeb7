from tests.test_url_permissions import MANAGERS, MANAGERS_POST, Case, expect  # noqa: F401


def _installed(o) -> int:
    from surveys.services.library import library_install

    questionnaire, _created = library_install(
        organisation=o["school"], key="evaluation", created_by=None
    )
    return questionnaire.pk


CASES: list = [
    Case("questionnaire_library", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "library_install",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk, "key": "feedback"},
        method="post",
    ),
    # TEMPORARY: the library's own stand-in for the builder's questionnaire page.
    Case("questionnaire_detail", MANAGERS, kwargs=lambda o: {"pk": _installed(o)}),
]
