from django.urls import path

from .views import campaigns

urlpatterns: list = [
    # builder: questionnaires, sections, questions, versions, copy, import/export
    # library: the built-in questionnaires
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
    # results: per question, before/after, evaluation, .xlsx
]
