"""The festival directory in the agency's back office: festivals, editions with their sections
and deadlines, and the film weeks. Festivals, editions, sections and deadlines are saved
through the directory services (the same rules as the API: deadline order, deadlines read
in the festival's own time zone, fees as money). Submissions and proposals move only
through their workflows (pages and API), so here they are read-only."""

from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rules.contrib.admin import ObjectPermissionsModelAdmin

from core.admin import ReadOnlyAdminMixin, ServiceModelAdmin, refusals_for
from core.money import MoneyFormField, money_format
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
from festivals.selectors import CALENDAR_FEEDS
from festivals.services.common import EDITION_FIELDS, FESTIVAL_FIELDS, SECTION_FIELDS
from festivals.zones import zone_named

_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class FocusInline(admin.TabularInline):
    model = FestivalFocusTag
    extra = 0


def _rows(formset) -> list[forms.BaseForm]:
    """The inline's filled rows that stay (left-empty extra rows and rows marked for deletion go)."""
    return [
        form
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE") and (form.instance.pk or form.has_changed())
    ]


def _data(form: forms.BaseForm, fields: tuple[str, ...]) -> dict:
    return {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}


class CalendarFeedsStaleOnDelete:
    """Deleting festivals or editions here (no delete service) takes their deadlines out of the
    kept calendar feeds too."""

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        CALENDAR_FEEDS.invalidate()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        CALENDAR_FEEDS.invalidate()


@admin.register(Festival)
class FestivalAdmin(CalendarFeedsStaleOnDelete, ServiceModelAdmin, ObjectPermissionsModelAdmin):
    list_display = ("name_en", "name_zh", "city", "city_zh", "country", "tier", "verified", "typical_month")
    list_filter = ("tier", "verified", "focus_tags__focus")
    search_fields = ("name_en", "name_zh", "city", "city_zh")
    # Vetting is recorded with its date and admin by the action below, never by a bare tick.
    readonly_fields = ("verified", "verified_at", "verified_by")
    inlines = [FocusInline]
    formfield_overrides = _HTTPS
    actions = ["mark_vetted"]

    def save_through_services(self, request, form, formsets, change: bool) -> Festival:
        data = _data(form, FESTIVAL_FIELDS)
        for formset in formsets:
            if formset.model is FestivalFocusTag:
                data["focus"] = [row.cleaned_data["focus"] for row in _rows(formset)]
        if change:
            return services.festival_update(festival=form.instance, actor=request.user, data=data)
        return services.festival_create(actor=request.user, data=data)

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
    # No delete service: a section with submissions is kept (submissions protect it).
    can_delete = False


class WallClockDateTimeField(forms.SplitDateTimeField):
    """A date and time as written, without a zone: the deadline service reads it in the
    festival's own zone, whatever the admin's."""

    def compress(self, data_list) -> datetime | None:
        if data_list and data_list[0] and data_list[1]:
            return datetime.combine(*data_list)
        return None


class DeadlineForm(forms.ModelForm):
    closes_at = WallClockDateTimeField(
        label=_("closes at"),
        widget=widgets.AdminSplitDateTime,
        help_text=_("In the festival's own time zone."),
    )
    fee = MoneyFormField(label=_("fee"))

    class Meta:
        model = Deadline
        fields = ("kind",)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = zone_named(self.instance.edition.time_zone)
            self.initial["closes_at"] = self.instance.closes_at.astimezone(zone).replace(tzinfo=None)
            self.initial["fee"] = self.instance.fee


class DeadlineInline(admin.TabularInline):
    model = Deadline
    form = DeadlineForm
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("edition")


@admin.register(FestivalEdition)
class FestivalEditionAdmin(CalendarFeedsStaleOnDelete, ServiceModelAdmin, ObjectPermissionsModelAdmin):
    list_display = ("festival", "year", "starts_on", "ends_on", "time_zone", "dates_indicative")
    list_filter = ("dates_indicative", "festival__tier")
    search_fields = ("festival__name_en", "festival__name_zh")
    list_select_related = ("festival",)
    autocomplete_fields = ("festival",)
    inlines = [SectionInline, DeadlineInline]

    def get_readonly_fields(self, request, obj=None):
        # An edition stays with its festival (the services never move it).
        return ("festival",) if obj else ()

    def save_through_services(self, request, form, formsets, change: bool) -> FestivalEdition:
        actor, data = request.user, _data(form, EDITION_FIELDS)
        if change:
            edition = services.edition_update(edition=form.instance, actor=actor, data=data)
        else:
            edition = services.edition_create(festival=form.cleaned_data["festival"], actor=actor, data=data)
        for formset in formsets:
            if formset.model is Section:
                for row in _rows(formset):
                    if not row.has_changed():
                        continue
                    with refusals_for(row.prefix):
                        if row.instance.pk:
                            services.section_update(section=row.instance, actor=actor, data=_data(row, SECTION_FIELDS))
                        else:
                            services.section_create(edition=edition, actor=actor, data=_data(row, SECTION_FIELDS))
            elif formset.model is Deadline and formset.has_changed():
                deadlines = [
                    {
                        "kind": row.cleaned_data["kind"],
                        "closes_at": row.cleaned_data["closes_at"],
                        "fee": row.cleaned_data["fee"],
                    }
                    for row in _rows(formset)
                ]
                with refusals_for(formset.prefix):
                    services.edition_deadlines_replace(edition=edition, actor=actor, deadlines=deadlines)
        return edition


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
    search_fields = ("title_en", "title_zh", "city", "city_zh")
    inlines = [PartnerInline, VenueInline, ShowcaseScreeningInline]
    formfield_overrides = _HTTPS


class _ReadOnly(ReadOnlyAdminMixin, ObjectPermissionsModelAdmin):
    pass


@admin.register(Submission)
class SubmissionAdmin(_ReadOnly):
    list_display = ("film", "section", "status", "submitted_at", "fee_paid")
    list_filter = ("status", "section__edition__festival__tier")
    search_fields = ("film__title_en", "film__title_original", "section__edition__festival__name_en")
    list_select_related = ("film", "section__edition__festival")

    @admin.display(description=_("fee paid"), ordering="fee_amount")
    def fee_paid(self, submission: Submission) -> str:
        return money_format(submission.fee)


@admin.register(ShowcaseProposal)
class ShowcaseProposalAdmin(_ReadOnly):
    list_display = ("film", "showcase", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("film", "showcase")
