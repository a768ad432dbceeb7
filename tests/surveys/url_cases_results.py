"""Results: the school's managers read them, the psychologist when the campaign is shared with
her, the coordinator only the municipality's figures, a participant her own answers."""

from surveys.models import Campaign, Questionnaire
from tests.surveys.factories import make_campaign, make_questionnaire
from tests.surveys.results_data import add_response, invite
from tests.test_url_permissions import Case, expect

RESULTS_VIEW = expect(default=403, director=200, curator=200, outsider=404)
SHARED = expect(default=403, director=200, curator=200, psychologist=200, outsider=404)


def _campaign(o, **fields) -> Campaign:
    campaign = make_campaign(make_questionnaire(o["school"]), **fields)
    add_response(campaign, {"story": "Нужно больше практики", "confidence": 4}, person=o["person"])
    return campaign


def _evaluation(o) -> Campaign:
    questionnaire = make_questionnaire(
        o["school"],
        [{"key": "eval_1", "text": "Критерий", "kind": "scale", "scale_min": 0, "scale_max": 2}],
    )
    Questionnaire.objects.filter(pk=questionnaire.pk).update(kind=Questionnaire.Kind.EVALUATION)
    campaign = make_campaign(questionnaire)
    add_response(campaign, {"eval_1": 2}, person=o["person"], pair=o["pair"], score=2)
    return campaign


def _before_after(o) -> dict:
    return {"before": _campaign(o).pk, "after": _campaign(o).pk}


def _teacher_participation(o):
    campaign = make_campaign(make_questionnaire(o["school"]))
    return invite(campaign, o["teacher_person"])


CASES = [
    Case("campaign_results", RESULTS_VIEW, kwargs=lambda o: {"pk": _campaign(o).pk}),
    Case(
        "campaign_results",
        SHARED,
        kwargs=lambda o: {"pk": _campaign(o, shared_with_psychologist=True).pk},
    ),
    Case(
        "campaign_text_answers",
        RESULTS_VIEW,
        kwargs=lambda o: {"pk": _campaign(o).pk, "key": "story"},
    ),
    Case("campaign_export", RESULTS_VIEW, kwargs=lambda o: {"pk": _campaign(o).pk}),
    Case(
        "campaign_export",
        SHARED,
        kwargs=lambda o: {"pk": _campaign(o, shared_with_psychologist=True).pk},
    ),
    Case("campaign_results_pdf", RESULTS_VIEW, kwargs=lambda o: {"pk": _campaign(o).pk}),
    Case("campaign_evaluation", RESULTS_VIEW, kwargs=lambda o: {"pk": _evaluation(o).pk}),
    Case("campaign_compare", RESULTS_VIEW, data=_before_after),
    Case("campaign_compare_pick", RESULTS_VIEW, kwargs=lambda o: {"pk": _campaign(o).pk}),
    # Only the municipality's coordinator: school staff hold no role at the municipality.
    Case(
        "municipal_survey_results",
        expect(default=404, coordinator=200),
        kwargs=lambda o: {"org": o["municipality"].pk},
    ),
    # Nobody reads another's own page, not even the curator (she has the results pages).
    Case(
        "own_response",
        expect(default=403, teacher=200, outsider=404),
        kwargs=lambda o: {"pk": _teacher_participation(o).pk},
    ),
]
