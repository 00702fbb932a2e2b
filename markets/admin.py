"""The market directory in the agency's back office: markets with their focus, and editions
with their registration and screening-booking deadlines. Both are saved through the directory
services (the same rules as everywhere: dates in order, deadlines read in the market's own
time zone and never after the market closes). Agency admins open and change a market's
national pavilion here, through the participation services (places never below the companies
already accepted); participations and pavilion applications move only through their workflows
(pages and API), so here they are read-only."""

from datetime import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets
from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdmin

from core.admin import ReadOnlyAdminMixin, ServiceModelAdmin
from festivals.zones import zone_named
from markets import services
from markets.models import (
    Market,
    MarketEdition,
    MarketFocusTag,
    Meeting,
    MeetingSlot,
    Participation,
    Pavilion,
    PavilionApplication,
)
from markets.services.directory import EDITION_DEADLINES, EDITION_FIELDS, MARKET_FIELDS, edition_date_errors

_HTTPS = {models.URLField: {"assume_scheme": "https"}}


def _rows(formset) -> list[forms.BaseForm]:
    """The inline's filled rows that stay (left-empty extra rows and rows marked for deletion go)."""
    return [
        form
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE") and (form.instance.pk or form.has_changed())
    ]


def _data(form: forms.BaseForm, fields: tuple[str, ...]) -> dict:
    return {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}


class MarketFocusInline(admin.TabularInline):
    model = MarketFocusTag
    extra = 0


@admin.register(Market)
class MarketAdmin(ServiceModelAdmin, ObjectPermissionsModelAdmin):
    list_display = ("name_en", "name_zh", "city", "city_zh", "country", "time_zone", "typical_month")
    list_filter = ("focus_tags__focus", "country")
    search_fields = ("name_en", "name_zh", "city", "city_zh")
    inlines = [MarketFocusInline]
    formfield_overrides = _HTTPS

    def save_through_services(self, request, form, formsets, change: bool) -> Market:
        data = _data(form, MARKET_FIELDS)
        for formset in formsets:
            if formset.model is MarketFocusTag:
                data["focus"] = [row.cleaned_data["focus"] for row in _rows(formset)]
        if change:
            return services.market_update(market=form.instance, actor=request.user, data=data)
        return services.market_create(actor=request.user, data=data)


class WallClockDateTimeField(forms.SplitDateTimeField):
    """A date and time as written, without a zone: the service reads it in the market's own zone."""

    def compress(self, data_list) -> datetime | None:
        if data_list and data_list[0] and data_list[1]:
            return datetime.combine(*data_list)
        return None


class MarketEditionForm(forms.ModelForm):
    registration_closes_at = WallClockDateTimeField(
        label=_("registration closes"),
        required=False,
        widget=widgets.AdminSplitDateTime,
        help_text=_("In the market's own time zone."),
    )
    screening_booking_closes_at = WallClockDateTimeField(
        label=_("screening booking closes"),
        required=False,
        widget=widgets.AdminSplitDateTime,
        help_text=_("In the market's own time zone."),
    )

    class Meta:
        model = MarketEdition
        fields = ("market", "year", "starts_on", "ends_on", "venue", "dates_indicative")

    def clean(self):
        cleaned = super().clean()
        # Named by field here, so the model's check constraint (which would only name itself)
        # is not tried on fields already in error; the service checks the same again on saving.
        data = {name: cleaned.get(name) for name in ("year", "starts_on", "ends_on")}
        for name, problems in edition_date_errors(**data).items():
            self.add_error(name, problems)
        return cleaned

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = zone_named(self.instance.market.time_zone)
            for name in EDITION_DEADLINES:
                if (moment := getattr(self.instance, name)) is not None:
                    self.initial[name] = moment.astimezone(zone).replace(tzinfo=None)


@admin.register(MarketEdition)
class MarketEditionAdmin(ServiceModelAdmin, ObjectPermissionsModelAdmin):
    form = MarketEditionForm
    list_display = ("market", "year", "starts_on", "ends_on", "registration_closes_at", "dates_indicative")
    list_filter = ("dates_indicative", "market__country")
    search_fields = ("market__name_en", "market__name_zh")
    list_select_related = ("market",)
    autocomplete_fields = ("market",)

    def get_readonly_fields(self, request, obj=None):
        # An edition stays with its market (the services never move it).
        return ("market",) if obj else ()

    def save_through_services(self, request, form, formsets, change: bool) -> MarketEdition:
        data = _data(form, EDITION_FIELDS)
        if change:
            return services.market_edition_update(edition=form.instance, actor=request.user, data=data)
        return services.market_edition_create(market=form.cleaned_data["market"], actor=request.user, data=data)


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


class MeetingSlotInline(admin.TabularInline):
    model = MeetingSlot
    fields = ("starts_at", "ends_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(_ReadOnly):
    """Meetings move only through their workflow (their two people, on pages and the API)."""

    list_display = ("requester", "requester_organization", "invitee", "invitee_organization", "status", "starts_at")
    list_filter = ("status", "place")
    search_fields = ("requester__email", "invitee__email", "requester_organization__name", "invitee_organization__name")
    list_select_related = ("requester", "invitee", "requester_organization", "invitee_organization")
    inlines = [MeetingSlotInline]
