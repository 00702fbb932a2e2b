"""Back office for markets.

Participation and the national pavilion: agency admins open and change a pavilion here, through
the participation services (the same rules as elsewhere: places never below the companies
already accepted). Participations and pavilion applications move only through their
workflows (pages and API), so here they are read-only."""

from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from core.admin import ReadOnlyAdminMixin, ServiceModelAdmin
from markets import services
from markets.models import Participation, Pavilion, PavilionApplication

# --- Participation and the national pavilion --------------------------------------------


@admin.register(Pavilion)
class PavilionAdmin(ServiceModelAdmin, ObjectPermissionsModelAdmin):
    list_display = ("stand_name", "edition", "places", "location", "applications_close_at")
    list_select_related = ("edition__market",)
    fields = ("edition", "places", "stand_name", "location", "applications_close_at")

    def get_readonly_fields(self, request, obj=None):
        return ("edition",) if obj is not None else ()

    def save_through_services(self, request, form, formsets, change) -> Pavilion:
        data = {name: form.cleaned_data.get(name) for name in ("places", "stand_name", "location")}
        data["applications_close_at"] = form.cleaned_data.get("applications_close_at")
        data["location"] = data["location"] or ""
        if change:
            return services.pavilion_update(actor=request.user, pavilion=form.instance, **data)
        return services.pavilion_create(actor=request.user, edition=form.cleaned_data["edition"], **data)


class _ReadOnly(ReadOnlyAdminMixin, ObjectPermissionsModelAdmin):
    pass


@admin.register(Participation)
class ParticipationAdmin(_ReadOnly):
    list_display = ("organization", "edition", "status", "stand", "updated_at")
    list_filter = ("status",)
    search_fields = ("organization__name", "edition__market__name_en")
    list_select_related = ("organization", "edition__market")


@admin.register(PavilionApplication)
class PavilionApplicationAdmin(_ReadOnly):
    list_display = ("organization", "pavilion", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("organization__name",)
    list_select_related = ("organization", "pavilion__edition__market")
