from django.urls import path

from .views import accounts, dashboard, imports, organisation, people

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
]
