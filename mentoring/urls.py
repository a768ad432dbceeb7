from django.urls import path

from .views import (
    accounts,
    bank_imports,
    banks,
    consents,
    dashboard,
    imports,
    matching,
    meetings,
    notifications,
    organisation,
    pairs,
    people,
    preferences,
    programmes,
    registry,
    selfservice,
)

urlpatterns = [
    path("", dashboard.home, name="home"),
    # Sign-in, password reset and invitations (public pages are marked in the views).
    path("accounts/login/", accounts.login_view, name="login"),
    path("accounts/logout/", accounts.logout_view, name="logout"),
    path("accounts/password/reset/", accounts.password_reset, name="password_reset"),
    path("accounts/password/reset/sent/", accounts.password_reset_done, name="password_reset_done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        accounts.password_reset_complete,
        name="password_reset_complete",
    ),
    path("accounts/password/change/", accounts.password_change, name="password_change"),
    path("accounts/profile/", accounts.profile, name="profile"),
    path("invite/<str:token>/", accounts.invitation_accept, name="invitation_accept"),
    path("schools/<int:org>/invitations/", accounts.invitation_list, name="invitation_list"),
    path("invitations/<int:pk>/resend/", accounts.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/revoke/", accounts.invitation_revoke, name="invitation_revoke"),
    # Organisation and academic years.
    path("schools/<int:org>/", organisation.organisation_detail, name="organisation_detail"),
    path("schools/<int:org>/edit/", organisation.organisation_edit, name="organisation_edit"),
    path(
        "schools/<int:org>/years/new/",
        organisation.academic_year_create,
        name="academic_year_create",
    ),
    path(
        "years/<int:pk>/make-current/",
        organisation.academic_year_make_current,
        name="academic_year_make_current",
    ),
    path("municipalities/<int:org>/", dashboard.municipality_detail, name="municipality_detail"),
    path(
        "municipalities/<int:org>/edit/", organisation.municipality_edit, name="municipality_edit"
    ),
    # Staff and student directory.
    path("schools/<int:org>/people/", people.people_list, name="people_list"),
    path("schools/<int:org>/people/new/", people.person_create, name="person_create"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/archive/", people.person_archive, name="person_archive"),
    path("people/<int:pk>/restore/", people.person_restore, name="person_restore"),
    # Excel import and export.
    path("schools/<int:org>/people/export.xlsx", imports.people_export, name="people_export"),
    path("schools/<int:org>/people/import/", imports.people_import, name="people_import"),
    path(
        "schools/<int:org>/people/import/template.xlsx",
        imports.people_import_template,
        name="people_import_template",
    ),
    path("imports/<int:pk>/", imports.people_import_preview, name="people_import_preview"),
    path("imports/<int:pk>/apply/", imports.people_import_apply, name="people_import_apply"),
    path("imports/<int:pk>/columns/", imports.people_import_mapping, name="people_import_mapping"),
    # Consents and the destruction of data after a withdrawal.
    path("people/<int:pk>/consents/new/", consents.consent_create, name="consent_create"),
    path("people/<int:pk>/consents/form.pdf", consents.consent_form_pdf, name="consent_form_pdf"),
    path("consents/<int:pk>/withdraw/", consents.consent_withdraw, name="consent_withdraw"),
    path("consents/<int:pk>/scan/", consents.consent_scan, name="consent_scan"),
    path("schools/<int:org>/destructions/", consents.destruction_list, name="destruction_list"),
    path("destructions/<int:pk>/destroy/", consents.data_destroy, name="data_destroy"),
    path("destructions/<int:pk>/act/", consents.destruction_act, name="destruction_act"),
    # Banks of mentees and mentors.
    path("schools/<int:org>/mentees/", banks.mentee_list, name="mentee_list"),
    path("schools/<int:org>/mentees/bulk/", banks.mentee_bulk, name="mentee_bulk"),
    path("schools/<int:org>/mentees/export.xlsx", banks.mentee_export, name="mentee_export"),
    path("schools/<int:org>/mentees/import/", bank_imports.mentee_import, name="mentee_import"),
    path("schools/<int:org>/mentees/new/", banks.mentee_create, name="mentee_create"),
    path("mentees/<int:pk>/", banks.mentee_detail, name="mentee_detail"),
    path("mentees/<int:pk>/edit/", banks.mentee_edit, name="mentee_edit"),
    path("mentees/<int:pk>/notes/", banks.mentee_note_add, name="mentee_note_add"),
    path("schools/<int:org>/mentors/", banks.mentor_list, name="mentor_list"),
    path("schools/<int:org>/mentors/bulk/", banks.mentor_bulk, name="mentor_bulk"),
    path("schools/<int:org>/mentors/export.xlsx", banks.mentor_export, name="mentor_export"),
    path("schools/<int:org>/mentors/import/", bank_imports.mentor_import, name="mentor_import"),
    path("schools/<int:org>/mentors/new/", banks.mentor_create, name="mentor_create"),
    path("mentors/<int:pk>/", banks.mentor_detail, name="mentor_detail"),
    path("mentors/<int:pk>/edit/", banks.mentor_edit, name="mentor_edit"),
    # A teacher's own applications and entries.
    path("me/participation/", selfservice.my_participation, name="my_participation"),
    path("me/apply/", selfservice.bank_apply, name="bank_apply"),
    # The municipal registry of mentors and mentees.
    path("municipalities/<int:org>/registry/", registry.registry, name="registry"),
    path(
        "municipalities/<int:org>/registry.xlsx", registry.registry_export, name="registry_export"
    ),
    # Preferences, matching, and the pairs and groups it produces.
    path("me/preferences/", preferences.my_preferences, name="my_preferences"),
    path("schools/<int:org>/preferences/", preferences.preference_list, name="preference_list"),
    path(
        "schools/<int:org>/preferences/<int:person>/",
        preferences.preference_edit,
        name="preference_edit",
    ),
    path("schools/<int:org>/matching/", matching.matching_page, name="matching"),
    path("schools/<int:org>/matching/decide/", matching.matching_decide, name="matching_decide"),
    path(
        "schools/<int:org>/matching/accept-all/",
        matching.matching_accept_all,
        name="matching_accept_all",
    ),
    path("schools/<int:org>/matching/weights/", matching.matching_weights, name="matching_weights"),
    path("schools/<int:org>/pairs/", pairs.pair_list, name="pair_list"),
    path("schools/<int:org>/pairs/new/", pairs.pair_create, name="pair_create"),
    path("schools/<int:org>/pairs/export.xlsx", pairs.pair_export, name="pair_export"),
    path("pairs/<int:pk>/", pairs.pair_detail, name="pair_detail"),
    path("pairs/<int:pk>/edit/", pairs.pair_edit, name="pair_edit"),
    path("pairs/<int:pk>/status/", pairs.pair_status, name="pair_status"),
    path("pairs/<int:pk>/dissolve/", pairs.pair_dissolve, name="pair_dissolve"),
    path("pairs/<int:pk>/delete/", pairs.pair_delete, name="pair_delete"),
    # The personalised programme, the meetings and the feedback of each pair.
    path("pairs/<int:pk>/programme/", programmes.programme_edit, name="programme_edit"),
    path("pairs/<int:pk>/programme/create/", programmes.programme_create, name="programme_create"),
    path("pairs/<int:pk>/programme.pdf", programmes.programme_pdf, name="programme_pdf"),
    path(
        "programme-items/<int:pk>/done/",
        programmes.programme_item_done,
        name="programme_item_done",
    ),
    path("pairs/<int:pk>/meetings/", meetings.meeting_list, name="meeting_list"),
    path("pairs/<int:pk>/meetings/plan/", meetings.meetings_plan, name="meetings_plan"),
    path("meetings/<int:pk>/log/", meetings.meeting_log, name="meeting_log"),
    path("meetings/<int:pk>/feedback/", meetings.meeting_feedback, name="meeting_feedback"),
    path("me/mentoring/", meetings.my_mentoring, name="my_mentoring"),
    # In-app notifications behind the bell.
    path("me/notifications/", notifications.notification_list, name="notification_list"),
    path("me/notifications/read/", notifications.notifications_read, name="notifications_read"),
    path("me/notifications/<int:pk>/", notifications.notification_open, name="notification_open"),
]
