from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdmin

from accounts.models import Membership, Organization, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user", "organization")


@admin.register(User)
class UserAdmin(ObjectPermissionsModelAdmin, DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "staff_role", "is_active", "date_joined")
    list_filter = ("staff_role", "is_active", "is_staff")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name", "time_zone", "language")}),
        (
            _("Agency"),
            {"fields": ("staff_role", "is_active", "is_staff", "is_superuser")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    readonly_fields = ("last_login", "date_joined")
    inlines = [MembershipInline]


@admin.register(Organization)
class OrganizationAdmin(ObjectPermissionsModelAdmin):
    list_display = (
        "name",
        "kind",
        "buyer_type",
        "country",
        "verification_status",
        "created_at",
    )
    list_filter = ("kind", "verification_status", "buyer_type")
    search_fields = ("name", "city", "city_zh", "website", "registration_number")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Verification moves only through the audited workflow (the queue page or the API), and the
    # registration document comes only through the company's page or the API, which check it.
    inlines = [MembershipInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("verification_document", "created_at", "updated_at")
        return ("verification_status", "verification_document", "created_at", "updated_at")


@admin.register(Membership)
class MembershipAdmin(ObjectPermissionsModelAdmin):
    list_display = ("user", "organization", "role")
    list_filter = ("role", "organization__kind")
    search_fields = ("user__email", "organization__name")
    list_select_related = ("user", "organization")
    autocomplete_fields = ("user", "organization")
