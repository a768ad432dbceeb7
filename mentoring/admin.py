from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    AcademicYear,
    Invitation,
    MatchingWeights,
    Membership,
    MentoringForm,
    MentoringType,
    Organisation,
    Person,
    RoleModel,
    Subject,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name"]}),
        (_("Права"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Даты"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "kind", "municipality", "city"]
    list_filter = ["kind"]
    search_fields = ["short_name", "full_name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "patronymic", "kind", "organisation"]
    list_filter = ["kind", "category"]
    search_fields = ["last_name", "first_name", "email"]
    list_select_related = ["organisation"]
    raw_id_fields = ["user", "organisation"]


admin.site.register(AcademicYear)
admin.site.register(Subject)
admin.site.register(Invitation, list_display=["email", "role", "organisation", "expires_at"])
admin.site.register(MentoringForm, list_display=["name", "organisation"])
admin.site.register(RoleModel, list_display=["name", "form", "aim", "organisation"])
admin.site.register(MentoringType, list_display=["name", "code", "organisation"])
admin.site.register(
    MatchingWeights,
    list_display=["organisation", "updated_at", "updated_by"],
    raw_id_fields=["organisation", "updated_by"],
)
