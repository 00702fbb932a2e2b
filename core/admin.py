from django.contrib import admin

from core.models import AuditEvent, Job


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "content_type",
        "object_id",
        "from_state",
        "to_state",
        "actor",
    )
    list_filter = ("content_type", "to_state")
    search_fields = ("object_id", "note", "actor__email")
    list_select_related = ("content_type", "actor")
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    # The audit trail is written by services only; nobody edits or deletes it.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "owner", "status", "progress_done", "progress_total", "finished_at")
    list_filter = ("kind", "status")
    search_fields = ("owner__email", "message")
    list_select_related = ("owner",)
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Job._meta.fields]

    # Jobs are started and moved by services only; the back office reads them.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
