"""The outbox in the back office: every row with its delivery state and reason, and a retry."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ReadOnlyAdminMixin
from notifications import services
from notifications.enums import EmailStatus
from notifications.models import Notification, NotificationPreference


class KindFilter(admin.SimpleListFilter):
    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = model_admin.get_queryset(request).order_by("kind").values_list("kind", flat=True).distinct()
        return [(kind, kind) for kind in kinds]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "recipient", "email_status", "attempts", "sent_at", "last_error_short"]
    list_filter = ["email_status", KindFilter, "created_at"]
    search_fields = ["recipient__email", "dedupe_key", "last_error"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    actions = ["retry_delivery"]
    readonly_fields = [
        "recipient",
        "kind",
        "content_type",
        "object_id",
        "url",
        "context",
        "dedupe_key",
        "in_app",
        "created_at",
        "read_at",
        "email_status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "claimed_until",
        "sent_at",
        "digest",
    ]

    @admin.display(description=_("last error"))
    def last_error_short(self, obj: Notification) -> str:
        return (obj.last_error[:80] + "…") if len(obj.last_error) > 80 else obj.last_error

    @admin.action(description=_("Retry delivery of the selected failed e-mails"), permissions=["change"])
    def retry_delivery(self, request, queryset) -> None:
        ids = list(queryset.filter(email_status=EmailStatus.FAILED).values_list("pk", flat=True))
        count = services.notification_retry(ids=ids)
        self.message_user(
            request,
            ngettext("%(count)s e-mail is queued again.", "%(count)s e-mails are queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_add_permission(self, request) -> bool:
        return False  # rows are written by the notify service only

    def has_change_permission(self, request, obj=None) -> bool:
        # The rows are read-only records; "change" here means the retry action.
        return request.user.has_perm("notifications.change_notification", obj) if obj is None else False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["user", "kind", "email", "updated_at"]
    list_filter = ["email", "kind"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "kind", "email", "updated_at"]
