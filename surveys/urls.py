from django.urls import path

from .views import answering

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
]
