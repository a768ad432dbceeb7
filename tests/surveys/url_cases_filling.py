"""Filling in: the participant's own page (only she answers: 403 inside the school, 404 for
another school), the personal link (public), «Мои анкеты» (everyone signed in)."""

from tests.surveys.factories import make_campaign, make_questionnaire
from tests.surveys.filling_factories import make_participation
from tests.test_url_permissions import Case, expect

LINK_TOKEN = "url-matrix-personal-link-token-0123456789"

OWN_ONLY = expect(default=403, teacher=200, outsider=404)


def _teacher_participation(o):
    campaign = make_campaign(make_questionnaire(o["school"]))
    return make_participation(campaign, o["teacher_person"])


def _link_participation(o):
    campaign = make_campaign(make_questionnaire(o["school"]))
    make_participation(campaign, o["person"], token=LINK_TOKEN)
    return LINK_TOKEN


CASES: list = [
    Case("answer_fill", OWN_ONLY, kwargs=lambda o: {"pk": _teacher_participation(o).pk}),
    Case(
        "answer_fill",
        expect(default=403, teacher=302, outsider=404),
        kwargs=lambda o: {"pk": _teacher_participation(o).pk},
        method="post",
        data=lambda o: {"section": "1", "action": "save", "name": "Анна"},
    ),
    Case(
        "answer_draft",
        OWN_ONLY,
        kwargs=lambda o: {"pk": _teacher_participation(o).pk},
        method="post",
        data=lambda o: {"section": "1", "name": "Анна"},
    ),
    Case(
        "link_fill",
        expect(anonymous=200, default=200),
        kwargs=lambda o: {"token": _link_participation(o)},
    ),
    Case(
        "link_draft",
        expect(anonymous=200, default=200),
        kwargs=lambda o: {"token": _link_participation(o)},
        method="post",
        data=lambda o: {"section": "1", "name": "Анна"},
    ),
    Case("my_surveys", expect(default=200)),
]
