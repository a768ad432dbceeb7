urlpatterns: list = [
    # builder: questionnaires, sections, questions, versions, copy, import/export
    # library: the built-in questionnaires
    # campaigns: audiences, invitations, reminders, live response rate
    # filling: a participant's page and the personal link
    # results: per question, before/after, evaluation, .xlsx
]
