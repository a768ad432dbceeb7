from django.urls import path

from .views import library, questionnaire_detail_temporary

urlpatterns: list = [
    # builder: questionnaires, sections, questions, versions, copy, import/export
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
    # TEMPORARY until the builder's questionnaire_detail is merged (see the view's module).
    path(
        "questionnaires/<int:pk>/",
        questionnaire_detail_temporary.questionnaire_detail,
        name="questionnaire_detail",
    ),
    # campaigns: audiences, invitations, reminders, live response rate
    # filling: a participant's page and the personal link
    # results: per question, before/after, evaluation, .xlsx
]
