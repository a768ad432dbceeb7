"""The builder's URLs: curator and director manage the school's questionnaires; every other
role inside the school is refused (403), another school's curator meets a 404."""

from surveys.models import Question
from tests.surveys.factories import make_questionnaire
from tests.test_url_permissions import Case, expect

MANAGERS = expect(default=403, director=200, curator=200, outsider=404)
MANAGERS_POST = expect(default=403, director=302, curator=302, outsider=404)
NOT_ALLOWED = expect(anonymous=302, default=405)


def _questionnaire(o):
    if "questionnaire" not in o:
        o["questionnaire"] = make_questionnaire(o["school"])
    return o["questionnaire"]


def _section(o):
    return _questionnaire(o).versions.get().sections.get()


def _question(o, key="story"):
    return Question.objects.get(section=_section(o), key=key)


def _q(o):
    return {"pk": _questionnaire(o).pk}


def _org(o):
    return {"org": o["school"].pk}


CASES: list = [
    Case("questionnaire_list", MANAGERS, kwargs=_org),
    Case("questionnaire_list", MANAGERS, kwargs=_org, query="?q=анкета&kind=other&archived=1"),
    Case("questionnaire_create", MANAGERS, kwargs=_org),
    Case(
        "questionnaire_create",
        MANAGERS_POST,
        kwargs=_org,
        method="post",
        data=lambda o: {"title": "Новая", "kind": "other", "respondent": "any"},
    ),
    Case("questionnaire_import", MANAGERS, kwargs=_org),
    Case("questionnaire_detail", MANAGERS, kwargs=_q),
    Case("questionnaire_edit", MANAGERS, kwargs=_q),
    Case("questionnaire_preview", MANAGERS, kwargs=_q),
    Case("questionnaire_export", MANAGERS, kwargs=_q),
    Case("questionnaire_copy", MANAGERS_POST, kwargs=_q, method="post"),
    Case("questionnaire_copy", NOT_ALLOWED, kwargs=_q),
    Case("questionnaire_archive", MANAGERS, kwargs=_q),
    Case("questionnaire_archive", MANAGERS_POST, kwargs=_q, method="post"),
    Case("questionnaire_restore", MANAGERS_POST, kwargs=_q, method="post"),
    Case("section_create", MANAGERS, kwargs=_q),
    Case(
        "section_create",
        MANAGERS_POST,
        kwargs=_q,
        method="post",
        data=lambda o: {"title": "Ещё раздел"},
    ),
    Case("section_edit", MANAGERS, kwargs=lambda o: {"pk": _section(o).pk}),
    Case("section_delete", MANAGERS, kwargs=lambda o: {"pk": _section(o).pk}),
    Case("section_move", MANAGERS_POST, kwargs=lambda o: {"pk": _section(o).pk}, method="post"),
    Case("question_create", MANAGERS, kwargs=lambda o: {"pk": _section(o).pk}),
    Case(
        "question_create",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _section(o).pk},
        method="post",
        data=lambda o: {"text": "Что ещё?", "kind": "short_text"},
    ),
    Case("question_edit", MANAGERS, kwargs=lambda o: {"pk": _question(o).pk}),
    Case("question_delete", MANAGERS, kwargs=lambda o: {"pk": _question(o).pk}),
    Case(
        "question_delete",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _question(o).pk},
        method="post",
    ),
    Case(
        "question_move",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _question(o).pk},
        method="post",
        data=lambda o: {"direction": "up"},
    ),
    Case("question_move", NOT_ALLOWED, kwargs=lambda o: {"pk": _question(o).pk}),
]
