from django.urls import path

from .views import answering, results

urlpatterns: list = [
    # builder: questionnaires, sections, questions, versions, copy, import/export
    # library: the built-in questionnaires
    # campaigns: audiences, invitations, reminders, live response rate
    # filling: a participant's page and the personal link
    path("surveys/answer/<int:pk>/", answering.answer_fill, name="answer_fill"),
    path("surveys/answer/<int:pk>/draft/", answering.answer_draft, name="answer_draft"),
    path("a/<str:token>/", answering.link_fill, name="link_fill"),
    path("a/<str:token>/draft/", answering.link_draft, name="link_draft"),
    path("me/surveys/", answering.my_surveys, name="my_surveys"),
    # results: per question, before/after, evaluation, .xlsx
    path("campaigns/<int:pk>/results/", results.campaign_results, name="campaign_results"),
    path(
        "campaigns/<int:pk>/results/texts/<slug:key>/",
        results.campaign_text_answers,
        name="campaign_text_answers",
    ),
    path("campaigns/<int:pk>/results.xlsx", results.campaign_export, name="campaign_export"),
    path(
        "campaigns/<int:pk>/results.pdf", results.campaign_results_pdf, name="campaign_results_pdf"
    ),
    path("campaigns/<int:pk>/evaluation/", results.campaign_evaluation, name="campaign_evaluation"),
    path("campaigns/compare/", results.campaign_compare, name="campaign_compare"),
    path(
        "campaigns/<int:pk>/compare/", results.campaign_compare_pick, name="campaign_compare_pick"
    ),
    path(
        "municipalities/<int:org>/surveys/",
        results.municipal_survey_results,
        name="municipal_survey_results",
    ),
    path("surveys/answer/<int:pk>/view/", results.own_response, name="own_response"),
]
