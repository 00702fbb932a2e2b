from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from core.display import for_reader, other_name
from core.models import BaseModel
from core.money import MoneyField, money_constraints
from films import rules as r
from films.enums import (
    CompletionStatus,
    CreditRole,
    FilmType,
    ImageKind,
    ListingStatus,
    RevisionStatus,
    RightsMedia,
    RightsStatus,
    ScreenerRequestStatus,
)
from films.languages import LANGUAGES

https_only = URLValidator(schemes=["https"], message=_("Enter an https:// link."))


class Genre(models.Model):
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_zh = models.CharField(_("name (Chinese)"), max_length=80)

    class Meta:
        verbose_name = _("genre")
        verbose_name_plural = _("genres")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en

    def display_name(self, language: str | None = None) -> str:
        return for_reader(self.name_en, self.name_zh, language=language)


class Film(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="films", verbose_name=_("producer")
    )
    title_original = models.CharField(_("original title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    logline_en = models.CharField(_("logline (English)"), max_length=300, blank=True)
    logline_zh = models.CharField(_("logline (Chinese)"), max_length=300, blank=True)
    synopsis_en = models.TextField(_("synopsis (English)"), blank=True)
    synopsis_zh = models.TextField(_("synopsis (Chinese)"), blank=True)
    film_type = models.CharField(_("type"), max_length=20, choices=FilmType.choices, default=FilmType.FEATURE_FICTION)
    genres = models.ManyToManyField(Genre, blank=True, related_name="films", verbose_name=_("genres"))
    runtime_minutes = models.PositiveIntegerField(
        _("runtime (minutes)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(1500)]
    )
    production_year = models.PositiveIntegerField(
        _("production year"), null=True, blank=True, validators=[MinValueValidator(1895), MaxValueValidator(2100)]
    )
    completion_status = models.CharField(
        _("completion"), max_length=20, choices=CompletionStatus.choices, default=CompletionStatus.COMPLETED
    )
    sales_agent = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="films_represented",
        verbose_name=_("sales agent"),
    )
    production_companies = models.ManyToManyField(
        "accounts.Organization", blank=True, related_name="films_coproduced", verbose_name=_("production companies")
    )
    trailer_url = models.URLField(_("trailer link"), blank=True, validators=[https_only])
    screener_url = models.URLField(_("screener link"), blank=True, validators=[https_only])
    picture_format = models.CharField(_("format"), max_length=60, blank=True, help_text=_("e.g. DCP 4K, ProRes"))
    aspect_ratio = models.CharField(_("aspect ratio"), max_length=20, blank=True, help_text=_("e.g. 2.39:1"))
    sound = models.CharField(_("sound"), max_length=60, blank=True, help_text=_("e.g. Dolby Atmos, 5.1"))
    domestic_release_date = models.DateField(_("domestic release date"), null=True, blank=True)
    box_office = MoneyField(_("domestic box office"), currency_verbose_name=_("currency"))
    sales_contact_email = models.EmailField(_("sales contact e-mail"), blank=True)
    listing_status = models.CharField(
        _("listing status"), max_length=20, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Search documents, rebuilt by films.services on every change: English words, and CJK text as
    # overlapping character bigrams so a two-character Chinese word matches.
    search_en = models.TextField(blank=True, editable=False)
    search_cjk = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("film")
        verbose_name_plural = _("films")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["listing_status", "-published_at", "-id"], name="film_listing_idx"),
            models.Index(fields=["listing_status", "title_en"], name="film_listing_title_idx"),
            models.Index(fields=["listing_status", "production_year"], name="film_listing_year_idx"),
            models.Index(fields=["organization", "-created_at"], name="film_org_idx"),
        ]
        constraints = [
            *money_constraints("box_office", name="film_box_office"),
        ]
        rules_permissions = {
            "add": r.is_producer_member,
            "view": r.can_view_film,
            "change": r.is_film_editor,
            "delete": r.is_film_editor & r.is_draft,
            "submit": r.is_film_editor,
            "review": r.is_agency_admin,
            "withdraw": r.is_film_editor | r.is_agency_admin,
            "view_full": r.can_view_full_film,
            "view_rights": r.can_view_rights,
            "view_deals": r.can_view_deals,
        }

    def __str__(self) -> str:
        return self.display_title()

    # ``title_original`` is the Chinese title: the portal lists homemade films.
    def display_title(self, language: str | None = None) -> str:
        """The title in ``language`` (default: the active one): the Chinese title in Chinese,
        the English one elsewhere, each falling back to the other."""
        return for_reader(self.title_en, self.title_original, language=language)

    def other_title(self, language: str | None = None) -> str:
        """The title in the other language, shown beside ``display_title``; empty when the same."""
        return other_name(self.title_en, self.title_original, language=language)

    @property
    def status(self) -> str:
        return self.listing_status

    # What a film card shows besides the columns, under the names films.listing.CatalogueFilm uses
    # (from films.selectors.film_list_with_cards' prefetches).
    @property
    def card_genres(self) -> list[Genre]:
        return list(self.genres.all())

    @property
    def card_poster(self) -> PosterFiles | None:
        images = getattr(self, "poster_images", None)
        return PosterFiles.of(images[0]) if images else None

    @property
    def is_published(self) -> bool:
        return self.listing_status == ListingStatus.PUBLISHED


class FilmRevision(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """Changes a producer proposes to the reviewed fields of a published film (see
    ``films.services.revisions.REVIEWED_FIELDS``). The film keeps its approved values until an
    agency admin approves; ``changes`` holds the proposed values of the fields that differ,
    ``previous`` the approved values they replace (the diff the reviewer reads)."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("film"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    changes = models.JSONField(_("proposed values"), default=dict)
    previous = models.JSONField(_("approved values"), default=dict)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("film revision")
        verbose_name_plural = _("film revisions")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "updated_at", "id"], name="film_revision_queue_idx"),
            models.Index(fields=["film", "-created_at"], name="film_revision_film_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["film"], condition=models.Q(status="pending"), name="film_revision_one_pending"
            )
        ]
        rules_permissions = {
            "view": r.can_view_revision,
            "review": r.is_agency_admin,
            "withdraw": r.is_revision_film_member,
        }

    def __str__(self) -> str:
        return f"{self.film}: {self.get_status_display()}"

    @property
    def is_pending(self) -> bool:
        return self.status == RevisionStatus.PENDING


class FilmLanguage(models.Model):
    class Kind(models.TextChoices):
        ORIGINAL = "original", _("Original language")
        SUBTITLE = "subtitle", _("Subtitles")

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["film", "kind", "language"], name="film_language_unique")]
        indexes = [models.Index(fields=["language", "kind", "film"], name="film_language_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_language_display()}"


class FilmCountry(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="production_countries")
    country = models.CharField(_("country of production"), max_length=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["film", "country"], name="film_country_unique")]
        indexes = [models.Index(fields=["country", "film"], name="film_country_idx")]

    def __str__(self) -> str:
        return self.country


class Credit(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(_("role"), max_length=20, choices=CreditRole.choices)
    name = models.CharField(_("name"), max_length=200)
    name_latin = models.CharField(_("name in Latin letters"), max_length=200, blank=True)
    character = models.CharField(_("character"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("credit")
        verbose_name_plural = _("credits")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class ApprovedImageManager(models.Manager):
    """The images a film shows: a poster proposed for a published film waits in its revision
    (``FilmImage.held``) and reaches ``film.images``, prefetches and subqueries only once approved."""

    def get_queryset(self):
        return super().get_queryset().filter(revision__isnull=True)


class FilmImage(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="images")
    revision = models.ForeignKey(
        FilmRevision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("waiting in revision"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ImageKind.choices)
    original = models.ImageField(_("image"), upload_to="films/originals/%Y/%m/")
    display = models.ImageField(upload_to="films/display/%Y/%m/")
    thumbnail = models.ImageField(upload_to="films/thumbs/%Y/%m/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    held = models.Manager()  # every image, the ones waiting in a revision included
    objects = ApprovedImageManager()

    class Meta:
        ordering = ["kind", "created_at", "id"]
        default_manager_name = "objects"
        base_manager_name = "held"
        indexes = [models.Index(fields=["film", "kind"], name="film_image_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.width}×{self.height}"


class PosterFiles(NamedTuple):
    """A poster's stored files (names in the media storage) and size."""

    original: str
    display: str
    thumbnail: str
    width: int
    height: int

    @property
    def display_url(self) -> str:
        return default_storage.url(self.display)

    @property
    def thumbnail_url(self) -> str:
        return default_storage.url(self.thumbnail)

    @classmethod
    def of(cls, image: FilmImage | None) -> PosterFiles | None:
        """A ``FilmImage``'s files, or None."""
        if image is None:
            return None
        return cls(image.original.name, image.display.name, image.thumbnail.name, image.width, image.height)


class FilmRight(models.Model):
    """One cell of a film's rights grid: a country × a media, for a term."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="rights")
    territory = models.CharField(_("territory"), max_length=2, help_text=_("ISO 3166 country code"))
    media = models.CharField(_("media"), max_length=20, choices=RightsMedia.choices)
    status = models.CharField(_("status"), max_length=20, choices=RightsStatus.choices, default=RightsStatus.AVAILABLE)
    holder = models.CharField(_("holder"), max_length=200, blank=True)
    # The buyer company on the other side of a sale or a negotiation, when it is on the portal: that
    # company's members see the row in full (films.rights); ``holder`` stays the name as written.
    holder_organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "buyer_company"},
        verbose_name=_("buyer company"),
    )
    term_start = models.DateField(_("from"), null=True, blank=True)
    term_end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("rights row")
        verbose_name_plural = _("rights")
        ordering = ["territory", "media", "term_start"]
        indexes = [
            # "Available in territory × media": only available rows, with the term for an index-only check.
            models.Index(
                fields=["territory", "media", "film", "term_end"],
                condition=models.Q(status="available"),
                name="film_right_available_idx",
            ),
            models.Index(fields=["film", "territory", "media"], name="film_right_film_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="film_right_term_order",
                condition=models.Q(term_start__isnull=True)
                | models.Q(term_end__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.territory} {self.media}: {self.status}"


class Shortlist(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shortlists")
    name = models.CharField(_("name"), max_length=120)
    films = models.ManyToManyField(Film, through="ShortlistItem", related_name="+")

    class Meta:
        verbose_name = _("shortlist")
        verbose_name_plural = _("shortlists")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="shortlist_name_unique")]
        rules_permissions = {
            "add": r.is_verified_buyer,
            "view": r.is_shortlist_owner,
            "change": r.is_shortlist_owner & r.is_verified_buyer,
            "delete": r.is_shortlist_owner,
        }

    def __str__(self) -> str:
        return self.name


class ShortlistItem(models.Model):
    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="items")
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-added_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["shortlist", "film"], name="shortlist_item_unique")]

    def __str__(self) -> str:
        return f"{self.shortlist_id}: {self.film_id}"


class ScreenerRequest(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """A verified buyer asks a published film's producer for a screener. The producer sends the
    details (the note of the ``sent`` move: a link, a password) or declines; the buyer may
    withdraw while it is open. One open request per film and buyer company."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="screener_requests")
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("buyer")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("requested by")
    )
    message = models.TextField(_("message"), blank=True, max_length=4000)
    status = models.CharField(
        _("status"), max_length=12, choices=ScreenerRequestStatus.choices, default=ScreenerRequestStatus.REQUESTED
    )

    class Meta:
        verbose_name = _("screener request")
        verbose_name_plural = _("screener requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "organization"],
                condition=models.Q(status="requested"),
                name="screener_request_one_open",
            )
        ]
        indexes = [models.Index(fields=["organization", "status"], name="screener_request_org_idx")]
        rules_permissions = {
            "view": r.can_view_screener_request,
            "add": r.can_request_screener,
            "answer": r.is_screener_film_member,
            "withdraw": r.is_screener_requester,
        }

    def __str__(self) -> str:
        return f"{self.film} — {self.organization}"
