"""The festival directory in the agency's back office: festivals, editions with their sections
and deadlines, and the film weeks. Submissions and proposals move only through their
workflows (pages and API), so here they are read-only."""

from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rules.contrib.admin import ObjectPermissionsModelAdmin

from festivals import services
from festivals.models import (
    Deadline,
    Festival,
    FestivalEdition,
    FestivalFocusTag,
    Section,
    Showcase,
    ShowcasePartner,
    ShowcaseProposal,
    ShowcaseScreening,
    Submission,
    Venue,
)

_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class FocusInline(admin.TabularInline):
    model = FestivalFocusTag
    extra = 0


@admin.register(Festival)
class FestivalAdmin(ObjectPermissionsModelAdmin):
    list_display = ("name_en", "name_zh", "city", "country", "tier", "verified", "typical_month")
    list_filter = ("tier", "verified", "focus_tags__focus")
    search_fields = ("name_en", "name_zh", "city")
    # Vetting is recorded with its date and admin by the action below, never by a bare tick.
    readonly_fields = ("verified", "verified_at", "verified_by")
    inlines = [FocusInline]
    formfield_overrides = _HTTPS
    actions = ["mark_vetted"]

    @admin.action(description=_("Mark as vetted by the agency (today, by you)"))
    def mark_vetted(self, request, queryset) -> None:
        vetted = 0
        for festival in queryset.filter(verified=False):
            services.festival_verify(festival=festival, actor=request.user)
            vetted += 1
        self.message_user(
            request,
            ngettext("%(count)d festival is now vetted.", "%(count)d festivals are now vetted.", vetted)
            % {"count": vetted},
            messages.SUCCESS,
        )


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0


@admin.register(FestivalEdition)
class FestivalEditionAdmin(ObjectPermissionsModelAdmin):
    list_display = ("festival", "year", "starts_on", "ends_on", "time_zone", "dates_indicative")
    list_filter = ("dates_indicative", "festival__tier")
    search_fields = ("festival__name_en", "festival__name_zh")
    list_select_related = ("festival",)
    autocomplete_fields = ("festival",)
    inlines = [SectionInline, DeadlineInline]


class PartnerInline(admin.TabularInline):
    model = ShowcasePartner
    extra = 0


class VenueInline(admin.TabularInline):
    model = Venue
    extra = 0


class ShowcaseScreeningInline(admin.TabularInline):
    model = ShowcaseScreening
    extra = 0
    autocomplete_fields = ("film",)


@admin.register(Showcase)
class ShowcaseAdmin(ObjectPermissionsModelAdmin):
    list_display = ("title_en", "city", "country", "starts_on", "ends_on", "attendance")
    search_fields = ("title_en", "title_zh", "city")
    inlines = [PartnerInline, VenueInline, ShowcaseScreeningInline]
    formfield_overrides = _HTTPS


class _ReadOnly(ObjectPermissionsModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(_ReadOnly):
    list_display = ("film", "section", "status", "submitted_at", "fee_amount", "fee_currency")
    list_filter = ("status", "section__edition__festival__tier")
    search_fields = ("film__title_en", "film__title_original", "section__edition__festival__name_en")
    list_select_related = ("film", "section__edition__festival")


@admin.register(ShowcaseProposal)
class ShowcaseProposalAdmin(_ReadOnly):
    list_display = ("film", "showcase", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("film", "showcase")
