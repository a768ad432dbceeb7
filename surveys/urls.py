from django.urls import path

from .views import answering, campaigns, library, questionnaires, results

urlpatterns: list = [
    # builder: questionnaires, sections, questions, versions, copy, import/export
    path(
        "schools/<int:org>/questionnaires/",
        questionnaires.questionnaire_list,
        name="questionnaire_list",
    ),
    path(
        "schools/<int:org>/questionnaires/new/",
        questionnaires.questionnaire_create,
        name="questionnaire_create",
    ),
    path(
        "schools/<int:org>/questionnaires/import/",
        questionnaires.questionnaire_import,
        name="questionnaire_import",
    ),
    path(
        "questionnaires/<int:pk>/", questionnaires.questionnaire_detail, name="questionnaire_detail"
    ),
    path(
        "questionnaires/<int:pk>/edit/",
        questionnaires.questionnaire_edit,
        name="questionnaire_edit",
    ),
    path(
        "questionnaires/<int:pk>/preview/",
        questionnaires.questionnaire_preview,
        name="questionnaire_preview",
    ),
    path(
        "questionnaires/<int:pk>/copy/",
        questionnaires.questionnaire_copy,
        name="questionnaire_copy",
    ),
    path(
        "questionnaires/<int:pk>/archive/",
        questionnaires.questionnaire_archive,
        name="questionnaire_archive",
    ),
    path(
        "questionnaires/<int:pk>/restore/",
        questionnaires.questionnaire_restore,
        name="questionnaire_restore",
    ),
    path(
        "questionnaires/<int:pk>/export.json",
        questionnaires.questionnaire_export,
        name="questionnaire_export",
    ),
    path(
        "questionnaires/<int:pk>/sections/new/",
        questionnaires.section_create,
        name="section_create",
    ),
    path(
        "questionnaires/sections/<int:pk>/edit/", questionnaires.section_edit, name="section_edit"
    ),
    path(
        "questionnaires/sections/<int:pk>/delete/",
        questionnaires.section_delete,
        name="section_delete",
    ),
    path(
        "questionnaires/sections/<int:pk>/move/", questionnaires.section_move, name="section_move"
    ),
    path(
        "questionnaires/sections/<int:pk>/questions/new/",
        questionnaires.question_create,
        name="question_create",
    ),
    path(
        "questionnaires/questions/<int:pk>/edit/",
        questionnaires.question_edit,
        name="question_edit",
    ),
    path(
        "questionnaires/questions/<int:pk>/delete/",
        questionnaires.question_delete,
        name="question_delete",
    ),
    path(
        "questionnaires/questions/<int:pk>/move/",
        questionnaires.question_move,
        name="question_move",
    ),
    # library: the built-in questionnaires
    path(
        "schools/<int:org>/questionnaires/library/",
        library.questionnaire_library,
        name="questionnaire_library",
    ),
    path(
        "schools/<int:org>/questionnaires/library/<slug:key>/add/",
        library.library_add,
        name="library_install",
    ),
    # campaigns: audiences, invitations, reminders, live response rate
    path("schools/<int:org>/campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("schools/<int:org>/campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/rate/", campaigns.campaign_rate_partial, name="campaign_rate"),
    path("campaigns/<int:pk>/launch/", campaigns.campaign_launch, name="campaign_launch"),
    path("campaigns/<int:pk>/remind/", campaigns.campaign_remind, name="campaign_remind"),
    path("campaigns/<int:pk>/close/", campaigns.campaign_close, name="campaign_close"),
    path("campaigns/<int:pk>/links/", campaigns.campaign_links, name="campaign_links"),
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
