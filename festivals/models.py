"""Festivals and their editions, sections and deadlines; a film's public screenings (for its
premiere status), its festival submissions; the agency's overseas film weeks."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from rules.contrib.models import RulesModelBase, RulesModelMixin

from core.display import day_label, for_reader, moment_label, other_name
from core.models import BaseModel, DirectoryEntry
from core.money import MoneyField, money_constraints
from core.validators import refuse_nul_characters
from festivals import rules as r
from festivals.enums import (
    DeadlineKind,
    FestivalFocus,
    FestivalTier,
    PremiereRequirement,
    ProposalStatus,
    SectionKind,
    SubmissionStatus,
)
from films.models import https_only

_DIRECTORY_PERMISSIONS = {
    "view": r.anyone,
    "add": r.keeps_festival_data,
    "change": r.keeps_festival_data,
    "delete": r.keeps_festival_data,
}


class Festival(RulesModelMixin, DirectoryEntry, metaclass=RulesModelBase):
    tier = models.CharField(_("tier"), max_length=1, choices=FestivalTier.choices)
    verified = models.BooleanField(_("vetted by the agency"), default=False)
    verified_at = models.DateTimeField(_("vetted on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vetted by"),
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="FestivalFollow", related_name="followed_festivals", blank=True
    )

    class Meta:
        verbose_name = _("festival")
        verbose_name_plural = _("festivals")
        ordering = ["name_en", "id"]
        constraints = [
            models.UniqueConstraint(fields=["name_en", "country"], name="festival_name_country_unique"),
        ]
        indexes = [models.Index(fields=["tier", "country"], name="festival_tier_idx")]
        rules_permissions = _DIRECTORY_PERMISSIONS


class FestivalFocusTag(models.Model):
    """One thing a festival programmes (a festival may have several)."""

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="focus_tags")
    focus = models.CharField(_("focus"), max_length=20, choices=FestivalFocus.choices)

    class Meta:
        verbose_name = _("festival focus")
        verbose_name_plural = _("festival focuses")
        constraints = [models.UniqueConstraint(fields=["festival", "focus"], name="festival_focus_unique")]
        indexes = [models.Index(fields=["focus", "festival"], name="festival_focus_idx")]

    def __str__(self) -> str:
        return self.get_focus_display()


class FestivalFollow(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """A user keeps an eye on a festival: its deadlines show on their strategy page."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="festival_follows")
    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("followed festival")
        verbose_name_plural = _("followed festivals")
        constraints = [models.UniqueConstraint(fields=["user", "festival"], name="festival_follow_unique")]
        rules_permissions = {"view": r.is_follower, "add": r.signed_in, "delete": r.is_follower}

    def __str__(self) -> str:
        return f"{self.user} → {self.festival}"


class FestivalEdition(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="editions")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)])
    starts_on = models.DateField(_("opens"))
    ends_on = models.DateField(_("closes"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, help_text=_("The festival's own zone, e.g. Europe/Paris: deadlines close in it.")
    )
    submissions_open_on = models.DateField(_("submissions open"), null=True, blank=True)
    notification_on = models.DateField(_("notification date"), null=True, blank=True)
    dates_indicative = models.BooleanField(
        _("dates are indicative"), default=False, help_text=_("Not yet confirmed by the festival.")
    )

    class Meta:
        verbose_name = _("festival edition")
        verbose_name_plural = _("festival editions")
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["festival", "year"], name="edition_festival_year_unique"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="edition_dates_in_order"),
        ]
        indexes = [models.Index(fields=["starts_on"], name="edition_starts_idx")]
        rules_permissions = _DIRECTORY_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.festival} {self.year}"


class Section(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    edition = models.ForeignKey(FestivalEdition, on_delete=models.CASCADE, related_name="sections")
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=SectionKind.choices, default=SectionKind.COMPETITION)
    premiere_requirement = models.CharField(
        _("premiere requirement"),
        max_length=16,
        choices=PremiereRequirement.choices,
        default=PremiereRequirement.NONE,
    )
    runtime_min = models.PositiveSmallIntegerField(_("shortest runtime (min)"), null=True, blank=True)
    runtime_max = models.PositiveSmallIntegerField(_("longest runtime (min)"), null=True, blank=True)
    accepted_types = models.JSONField(
        _("accepted film types"),
        default=list,
        blank=True,
        help_text=_("Film types the section takes; empty takes every type."),
        validators=[refuse_nul_characters],
    )
    completed_after = models.DateField(
        _("completed after"), null=True, blank=True, help_text=_("Films completed on or before this date are refused.")
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["edition", "kind", "name_en", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "name_en"], name="section_edition_name_unique"),
            models.CheckConstraint(
                condition=Q(runtime_min__isnull=True)
                | Q(runtime_max__isnull=True)
                | Q(runtime_max__gte=F("runtime_min")),
                name="section_runtime_range_in_order",
            ),
        ]
        rules_permissions = _DIRECTORY_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.edition} – {self.name_en}"

    def accepts_type(self, film_type: str) -> bool:
        return not self.accepted_types or film_type in self.accepted_types


class Deadline(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """A submission deadline of an edition, closing at a moment in the festival's own time zone
    (stored in UTC), with the fee that applies until then."""

    edition = models.ForeignKey(FestivalEdition, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("deadline"), max_length=10, choices=DeadlineKind.choices)
    closes_at = models.DateTimeField(_("closes at"))
    # Asked in the festival's currency.
    fee = MoneyField(_("fee"), currency_verbose_name=_("fee currency"))

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["closes_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="deadline_edition_kind_unique"),
            *money_constraints("fee", name="deadline_fee"),
        ]
        indexes = [models.Index(fields=["closes_at"], name="deadline_closes_idx")]
        rules_permissions = _DIRECTORY_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.edition}: {self.get_kind_display()}"


class Screening(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """A public screening of a film, at a festival edition or another event: what its premiere
    status is worked out from."""

    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="public_screenings")
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("producer")
    )
    edition = models.ForeignKey(
        FestivalEdition, null=True, blank=True, on_delete=models.SET_NULL, related_name="screenings"
    )
    event_name = models.CharField(_("event"), max_length=200, blank=True)
    screened_on = models.DateField(_("date"))
    country = CountryField(_("country"))

    class Meta:
        verbose_name = _("public screening")
        verbose_name_plural = _("public screenings")
        ordering = ["screened_on", "id"]
        indexes = [models.Index(fields=["film", "screened_on"], name="screening_film_idx")]
        # One row per screening: the same film, at the same edition (or named event), on the same
        # day in the same country is the same screening however often it is sent.
        constraints = [
            models.UniqueConstraint(
                fields=["film", "edition", "screened_on", "country"],
                condition=Q(edition__isnull=False),
                name="screening_unique_at_edition",
            ),
            models.UniqueConstraint(
                fields=["film", "event_name", "screened_on", "country"],
                condition=Q(edition__isnull=True),
                name="screening_unique_at_event",
            ),
        ]
        rules_permissions = {
            "view": r.can_view_record,
            "add": r.is_producer,
            "change": r.can_change_record,
            "delete": r.can_change_record,
        }

    def __str__(self) -> str:
        return f"{self.film} · {self.event_name or self.edition} · {day_label(self.screened_on)}"


class Submission(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="festival_submissions")
    # The film's producer, kept here so permission checks and lists need no join.
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("producer")
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(
        _("status"), max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    deadline_kind = models.CharField(_("deadline met"), max_length=10, choices=DeadlineKind.choices, blank=True)
    # The fee of the deadline the submission met, recorded when it was submitted.
    fee = MoneyField(_("fee paid"), currency_verbose_name=_("fee currency"))
    awards = models.JSONField(_("awards"), default=list, blank=True, validators=[refuse_nul_characters])
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "section"],
                condition=~Q(status=SubmissionStatus.WITHDRAWN),
                name="submission_film_section_unique",
            ),
            *money_constraints("fee", name="submission_fee"),
        ]
        indexes = [
            models.Index(fields=["organization", "-updated_at"], name="submission_org_idx"),
            models.Index(fields=["film", "status"], name="submission_film_idx"),
        ]
        rules_permissions = {
            "view": r.can_view_record,
            "add": r.is_producer,
            "change": r.can_change_record,
            "delete": r.can_change_record,
            "submit": r.can_change_record,
            "withdraw": r.can_change_record,
            "decide": r.keeps_festival_data,
        }

    def __str__(self) -> str:
        return f"{self.film} → {self.section}"


class Showcase(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """An overseas film week the agency runs."""

    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120)
    city_zh = models.CharField(_("city (Chinese)"), max_length=120, blank=True)
    country = CountryField(_("country"))
    starts_on = models.DateField(_("opens"))
    ends_on = models.DateField(_("closes"))
    time_zone = models.CharField(_("time zone"), max_length=64)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    call_closes_on = models.DateField(
        _("proposals close"), null=True, blank=True, help_text=_("Producers may propose films until this day.")
    )
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)

    class Meta:
        verbose_name = _("film week")
        verbose_name_plural = _("film weeks")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="showcase_dates_in_order"),
        ]
        rules_permissions = _DIRECTORY_PERMISSIONS

    def __str__(self) -> str:
        return self.display_title()

    def display_title(self, language: str | None = None) -> str:
        return for_reader(self.title_en, self.title_zh, language=language)

    def other_title(self, language: str | None = None) -> str:
        return other_name(self.title_en, self.title_zh, language=language)

    def display_city(self, language: str | None = None) -> str:
        return for_reader(self.city, self.city_zh, language=language)


class ShowcasePartner(models.Model):
    showcase = models.ForeignKey(Showcase, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True, validators=[https_only])

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Venue(models.Model):
    showcase = models.ForeignKey(Showcase, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ShowcaseProposal(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """A producer proposes a film for a film week; agency admins accept or decline it."""

    showcase = models.ForeignKey(Showcase, on_delete=models.CASCADE, related_name="proposals")
    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="showcase_proposals")
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("producer")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("film-week proposal")
        verbose_name_plural = _("film-week proposals")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["showcase", "film"], name="proposal_showcase_film_unique")]
        rules_permissions = {
            "view": r.can_view_record,
            "add": r.is_producer,
            "decide": r.keeps_festival_data,
        }

    def __str__(self) -> str:
        return f"{self.film} → {self.showcase}"


class ShowcaseScreening(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """One screening in a film week's programme, at a local time in the week's time zone
    (stored in UTC), with the attendance reported afterwards."""

    showcase = models.ForeignKey(Showcase, on_delete=models.CASCADE, related_name="screenings")
    film = models.ForeignKey("films.Film", on_delete=models.PROTECT, related_name="showcase_screenings")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="screenings")
    starts_at = models.DateTimeField(_("starts"))
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)

    class Meta:
        verbose_name = _("film-week screening")
        verbose_name_plural = _("film-week screenings")
        ordering = ["starts_at", "id"]
        rules_permissions = _DIRECTORY_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.film} · {self.venue} · {moment_label(self.starts_at)}"
