"""Export support in the agency's back office: programmes with their rubric, saved through the
programme services (the form asks the services' checking helper first, so the same rules show
by field: amounts in CNY, the maximum grant within the budget, the window on the programme's
own clock and in order, known document kinds, a rubric before publishing). Applications,
reviews, payments and final reports move only through their workflows (pages and API): here
they are read-only."""

from datetime import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdmin

from core.admin import ReadOnlyAdminMixin, ServiceModelAdmin
from core.money import MoneyFormField
from festivals.zones import zone_named
from support.enums import DocumentKind
from support.models import Application, Criterion, FinalReport, Payment, Programme, Review
from support.services.programmes import (
    CRITERION_LIMITS,
    PROGRAMME_FIELDS,
    programme_check,
    programme_create,
    programme_update,
)

MOMENTS = ("opens_at", "closes_at")


class WallClockDateTimeField(forms.SplitDateTimeField):
    """A date and time as written, without a zone: read on the programme's own clock."""

    def compress(self, data_list) -> datetime | None:
        if data_list and data_list[0] and data_list[1]:
            return datetime.combine(*data_list)
        return None


class ProgrammeForm(forms.ModelForm):
    budget = MoneyFormField(label=_("total budget"), required=True, help_text=_("In Chinese yuan (CNY)."))
    max_grant = MoneyFormField(
        label=_("maximum grant per application"), required=True, help_text=_("In CNY, at most the budget.")
    )
    opens_at = WallClockDateTimeField(
        label=_("call opens"), widget=widgets.AdminSplitDateTime, help_text=_("On the programme's own clock.")
    )
    closes_at = WallClockDateTimeField(
        label=_("call closes"), widget=widgets.AdminSplitDateTime, help_text=_("On the programme's own clock.")
    )
    required_documents = forms.MultipleChoiceField(
        label=_("required documents"),
        choices=DocumentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Programme
        fields = (
            "kind",
            "year",
            "title_en",
            "title_zh",
            "summary_en",
            "summary_zh",
            "time_zone",
            "requires_published_film",
            "min_festival_tier",
            "report_days",
            "blind_review",
            "published",
        )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            self.initial["budget"] = instance.budget
            self.initial["max_grant"] = instance.max_grant
            self.initial["required_documents"] = list(instance.required_documents)
            zone = zone_named(instance.time_zone)
            for name in MOMENTS:
                self.initial[name] = getattr(instance, name).astimezone(zone).replace(tzinfo=None)
        else:
            self.initial.setdefault("budget", None)

    def clean(self):
        cleaned = super().clean()
        data = {name: cleaned[name] for name in PROGRAMME_FIELDS if name in cleaned}
        # Fields in error already stay out; the rubric is in the inline (the service checks it
        # on saving, with the publishing rule).
        _values, _criteria, errors = programme_check(
            data=data, programme=self.instance if self.instance.pk else None, criteria=None
        )
        for name, problems in errors.items():
            if name in self.fields and name not in self._errors:
                self.add_error(name, problems)
            elif name not in self.fields:
                self.add_error(None, problems)
        return cleaned

    def _post_clean(self) -> None:
        # The model's own checks (its constraints name themselves, not the field) are the
        # service's to make: ``programme_check`` above already named every rule by field.
        pass


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ("position", "name_en", "name_zh", "guidance_en", "guidance_zh", "weight")
    extra = 1
    ordering = ("position", "id")


def _rows(formset) -> list[forms.BaseForm]:
    return [
        form
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE") and (form.instance.pk or form.has_changed())
    ]


@admin.register(Programme)
class ProgrammeAdmin(ServiceModelAdmin, ObjectPermissionsModelAdmin):
    form = ProgrammeForm
    list_display = ("title_en", "title_zh", "kind", "year", "opens_at", "closes_at", "published")
    list_filter = ("kind", "year", "published")
    search_fields = ("title_en", "title_zh")
    inlines = [CriterionInline]

    def save_through_services(self, request, form, formsets, change: bool) -> Programme:
        data = {name: form.cleaned_data[name] for name in PROGRAMME_FIELDS if name in form.cleaned_data}
        criteria = None
        for formset in formsets:
            if formset.model is Criterion:
                rows = sorted(_rows(formset), key=lambda row: row.cleaned_data.get("position") or 0)
                criteria = [
                    {
                        "id": row.instance.pk,
                        **{name: row.cleaned_data.get(name) or "" for name in CRITERION_LIMITS},
                        "weight": row.cleaned_data.get("weight"),
                    }
                    for row in rows
                ]
        if change:
            return programme_update(programme=form.instance, actor=request.user, data=data, criteria=criteria)
        return programme_create(actor=request.user, data=data, criteria=criteria)


class _ReadOnly(ReadOnlyAdminMixin, ObjectPermissionsModelAdmin):
    pass


@admin.register(Application)
class ApplicationAdmin(_ReadOnly):
    list_display = ("film", "programme", "organization", "status", "requested_amount", "granted_amount", "updated_at")
    list_filter = ("status", "programme__kind")
    search_fields = ("film__title_en", "film__title_original", "organization__name", "programme__title_en")
    list_select_related = ("film", "programme", "organization")


@admin.register(Review)
class ReviewAdmin(_ReadOnly):
    list_display = ("application", "reviewer", "no_conflict_declared_at", "submitted_at")
    list_filter = ("submitted_at",)
    search_fields = ("reviewer__email", "application__film__title_en")
    list_select_related = ("application__film", "application__programme", "reviewer")


@admin.register(Payment)
class PaymentAdmin(_ReadOnly):
    list_display = ("application", "amount_amount", "amount_currency", "paid_on", "reference")
    search_fields = ("reference", "application__film__title_en")
    list_select_related = ("application__film", "application__programme")


@admin.register(FinalReport)
class FinalReportAdmin(_ReadOnly):
    list_display = ("application", "actual_costs_amount", "attendance", "created_at")
    list_select_related = ("application__film", "application__programme")
